"""SLA rules: business time and the SLA clocks."""
