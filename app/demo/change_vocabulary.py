"""Words of the demo's change management: the standard-change catalogue, change titles, CAB comments."""
# Also which services get which maintenance windows.

# (name, description, risk, minutes, implementation, backout, test)
TEMPLATES = (
    ("Restart application service", "Controlled restart of an application service on one node at a time.", "low",
     45, "Drain the node from the load balancer.\nRestart the service.\nReturn the node to the pool.",
     "Start the previous service version from the last known good configuration.", "Health check page and a login."),
    ("Monthly Windows patching", "Apply the approved monthly Windows updates.", "low", 180,
     "Snapshot the VM.\nInstall the approved updates through WSUS.\nReboot and verify services.",
     "Revert to the snapshot taken before patching.", "Service health checks and the event log."),
    ("Monthly Linux patching", "Apply the approved monthly package updates.", "low", 120,
     "Snapshot the VM.\nRun the patch playbook.\nReboot if the kernel changed.",
     "Revert to the snapshot.", "Service health checks; compare package list with the baseline."),
    ("Renew TLS certificate", "Replace an expiring certificate with one from the internal CA.", "low", 30,
     "Install the new certificate and chain.\nReload the web server.",
     "Re-install the previous certificate (still valid).", "Check the chain and expiry with openssl s_client."),
    ("Add firewall rule (standard port)", "Open a documented standard port between two known hosts.", "low", 30,
     "Add the rule in the change window.\nCommit and push to both cluster members.",
     "Delete the rule and push again.", "Connection test from the source host."),
    ("Increase VM disk space", "Grow a virtual disk and the file system on it.", "low", 30,
     "Extend the virtual disk.\nGrow the partition and file system online.",
     "No backout needed: the extra space stays unused.", "df shows the new size; application writes work."),
    ("Rotate service account password", "Scheduled rotation of a service account secret.", "low", 20,
     "Generate the new secret in the vault.\nUpdate the consuming services.",
     "Restore the previous secret from the vault history.", "Consuming services authenticate."),
    ("Create DNS record", "Add an A or CNAME record in an internal zone.", "low", 15,
     "Add the record.\nWait for zone transfer.", "Delete the record.", "nslookup from two sites."),
)

NORMAL_TITLES = ("Upgrade {ci} to the next major version", "Migrate {ci} to new storage",
                 "Replace hardware of {ci}", "Enable TLS 1.3 on {ci}", "Reconfigure clustering of {ci}",
                 "Database schema change on {ci}", "Firmware update of {ci}", "Move {ci} to the new data centre",
                 "Change backup policy of {ci}", "Scale out {ci} by one node")
EMERGENCY_TITLES = ("Emergency patch for {ci} (critical CVE)", "Hotfix memory leak on {ci}",
                    "Emergency failover of {ci}", "Roll back faulty release on {ci}")
WEEKLY_SERVICES = ("ERP (SAP S/4HANA)", "Payroll", "Email & Calendar", "Customer Portal", "Web Shop",
                   "Data Warehouse", "Finance Reporting", "HR Portal")
PATCH_SERVICES = ("Endpoint Management", "Backup & Restore", "Identity & Single Sign-On", "File Shares",
                  "Printing", "Document Management")
NETWORK_SERVICES = ("Corporate Network", "VPN & Remote Access", "Wi-Fi")
MONTH_END_SERVICES = ("ERP (SAP S/4HANA)", "Finance Reporting", "Payroll")
CAB_COMMENTS = ("Backout plan reviewed.", "OK from operations.", "Fine, inform the service owner.",
                "Approved for the agreed window.", "")
REJECT_COMMENTS = ("Clashes with the month-end close; pick another date.", "Test plan is missing a rollback test.")
CLOSE_NOTES = {"successful": "Completed as planned.", "failed": "Did not reach the expected state; see incident.",
               "backed_out": "Backed out after the test step failed."}
