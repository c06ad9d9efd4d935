"""SLAs on the desk: policies, the per-ticket SLA figures and the SLA queue views."""
