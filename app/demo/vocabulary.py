"""Word lists and text templates for the demo desk: names, groups, services, categories, ticket prose."""
# Lists are written as "a|b|c" strings and split once at import, to keep the data readable and dense.
# Templates use str.format fields; the generator fills them lazily, so a ticket only pays for the
# fields its template names, and one ticket mentions the same CI or colleague throughout.

from __future__ import annotations

from typing import NamedTuple


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|") if part.strip())


# Names mix plain ASCII with diacritics and a few CJK names on purpose: the app must sort, search
# and display them all, and the emails must still come out as ASCII.
FIRST_NAMES = _split(
    "Anna|Ben|Carla|David|Elena|Felix|Greta|Hannah|Ivan|Julia|Karl|Lena|Marco|Nina|Oliver|Paula|Quentin|"
    "Rosa|Stefan|Tanja|Uwe|Vera|Wim|Yusuf|Zoë|José|Åsa|Björn|François|Małgorzata|Jürgen|Øystein|Siân|Chloé|"
    "Dóra|Émile|İlkay|Søren|Renée|Raphaël|Joaquín|Željko|Ines|Mateo|Aisha|Priya|Tomasz|Agnieszka|Liam|Sofia|"
    "Noah|Emma|Lukas|Mia|Omar|Fatma|Mehmet|Ayşe|Sean|Niamh|Pedro|Lucía|Henrik|Ingrid|Mikael|Sanna|Kofi|Amara"
)
LAST_NAMES = _split(
    "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Hoffmann|Schäfer|Ångström|Núñez|García|"
    "Martínez|López|Sørensen|Kowalczyk|Łukasiewicz|Wiśniewski|O'Brien|Çelik|Öztürk|Yılmaz|Nguyễn|Dvořák|"
    "Novák|Horváth|Nagy|Lindqvist|Ødegård|Rossi|Bianchi|Ferrari|Dupont|Lefèvre|Moreau|Smith|Jones|Taylor|"
    "Brown|Wilson|Evans|Murphy|Kelly|Jansen|de Vries|van Dijk|Bakker|Fernández|Gonçalves|Silva|Santos|"
    "Andersson|Johansson|Virtanen|Mäkinen|Kovačević|Petrović|Papadopoulos|Ivanova|Mensah|Okafor|Patel|Khan"
)
# (display name, first name used in greetings, romanised local part for the email address)
CJK_NAMES = (
    ("王伟", "伟", "wang.wei"), ("李娜", "娜", "li.na"), ("张敏", "敏", "zhang.min"),
    ("陈静", "静", "chen.jing"), ("佐藤 健", "健", "sato.ken"), ("鈴木 花子", "花子", "suzuki.hanako"),
    ("高橋 翔", "翔", "takahashi.sho"), ("김민준", "민준", "kim.minjun"), ("이서연", "서연", "lee.seoyeon"),
    ("박지훈", "지훈", "park.jihoon"), ("刘洋", "洋", "liu.yang"), ("山本 さくら", "さくら", "yamamoto.sakura"),
)
EMAIL_DOMAIN = "example.com"
# Letters NFKD does not break into a base letter plus a mark.
EMAIL_FOLD = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                            "đ": "d", "Đ": "D", "ı": "i", "'": "", " ": ""})

DEPARTMENTS = _split(
    "Finance|Human Resources|Sales|Marketing|Engineering|Legal|Operations|Procurement|Customer Support|"
    "Research & Development|Logistics|Executive Office|Controlling|Facility Management|Quality Assurance"
)
# (site, code used in host names)
SITES = (("Berlin", "ber"), ("München", "muc"), ("Zürich", "zrh"), ("São Paulo", "gru"), ("Kraków", "krk"),
         ("Tokyo", "tyo"), ("London", "lon"), ("New York", "nyc"), ("Lyon", "lys"), ("Göteborg", "got"))

# (name, description, share of the agents)
GROUPS = (
    ("Service Desk", "First line: takes every call, chat, mail and portal ticket and solves what it can.", 0.24),
    ("Network", "LAN, WAN, Wi-Fi, VPN and firewalls.", 0.08),
    ("Server Ops", "Windows and Linux servers, virtualisation, storage and backup.", 0.08),
    ("Identity & Access", "Accounts, groups, single sign-on and multi-factor authentication.", 0.08),
    ("Workplace", "Laptops, phones, printers and software distribution.", 0.12),
    ("Applications", "Business applications: ERP, CRM, HR, mail and collaboration.", 0.10),
    ("Database", "Database servers, the data warehouse and reporting.", 0.05),
    ("Security", "Security operations: phishing, malware, incident response.", 0.06),
    ("Telephony", "Desk phones, call centre and video conferencing.", 0.04),
    ("Facilities", "Buildings, badges, meeting rooms and desk moves.", 0.04),
    ("Cloud Platform", "Kubernetes, CI/CD, Git and cloud subscriptions.", 0.05),
    ("Field Services", "On-site support at the regional offices.", 0.06),
)
SERVICE_DESK = "Service Desk"

# (service, owner group, criticality of its CIs 1..4, application CI name, host prefix, has a database)
SERVICES = (
    ("Email & Calendar", "Applications", 1, "Exchange Online tenant", "exch", False),
    ("VPN & Remote Access", "Network", 1, "GlobalProtect gateway", "vpn", False),
    ("Corporate Network", "Network", 1, "Core network", "net", False),
    ("Wi-Fi", "Network", 2, "Wireless LAN controller", "wlc", False),
    ("Identity & Single Sign-On", "Identity & Access", 1, "Entra ID / AD forest", "dc", False),
    ("ERP (SAP S/4HANA)", "Applications", 1, "SAP S/4HANA PRD", "sap", True),
    ("CRM (Salesforce)", "Applications", 2, "Salesforce org", "crm", False),
    ("HR Portal", "Applications", 2, "Workday tenant", "hr", False),
    ("Payroll", "Applications", 1, "Payroll engine", "pay", True),
    ("Intranet", "Applications", 3, "Intranet CMS", "intra", True),
    ("File Shares", "Server Ops", 2, "DFS namespace", "fs", False),
    ("Printing", "Workplace", 3, "Print server cluster", "prn", False),
    ("Telephony", "Telephony", 2, "Cloud PBX", "pbx", False),
    ("Video Conferencing", "Telephony", 2, "Zoom Rooms fleet", "vc", False),
    ("Endpoint Management", "Workplace", 2, "Intune / SCCM", "sccm", True),
    ("Data Warehouse", "Database", 2, "Snowflake warehouse", "dwh", True),
    ("Customer Portal", "Applications", 1, "Customer portal app", "cp", True),
    ("Web Shop", "Applications", 1, "Web shop app", "shop", True),
    ("Backup & Restore", "Server Ops", 2, "Veeam backup", "bak", False),
    ("Collaboration (Teams & SharePoint)", "Applications", 2, "Microsoft 365 tenant", "m365", False),
    ("Developer Platform (Git & CI)", "Cloud Platform", 3, "GitLab", "git", True),
    ("Meeting Room Booking", "Facilities", 4, "Room booking system", "room", False),
    ("Mobile Devices", "Workplace", 3, "Mobile device management", "mdm", False),
    ("Document Management", "Applications", 3, "DMS application", "dms", True),
    ("Finance Reporting", "Database", 2, "Reporting platform", "rep", True),
    ("Building Access", "Facilities", 3, "Badge system", "bac", False),
    ("Endpoint Security", "Security", 1, "EDR console", "edr", False),
)


class Leaf(NamedTuple):
    """A leaf category: who works it, which services it touches, how often, and what people write."""

    parent: str
    name: str
    group: str
    services: tuple[str, ...]
    incident_weight: float
    request_weight: float
    monitored: bool
    incidents: tuple[str, ...]
    requests: tuple[str, ...]
    details: tuple[str, ...]


def _leaf(parent, name, group, services, inc, req, monitored, incidents, requests, details) -> Leaf:
    return Leaf(parent, name, group, _split(services), inc, req, monitored, _split(incidents),
                _split(requests), _split(details))


LEAVES = (
    _leaf("Hardware", "Laptop", "Workplace", "Endpoint Management", 7, 4, False,
          "{laptop} does not start after Windows update|Laptop battery drains within an hour|Screen flickers on "
          "my {laptop}|Laptop overheats and shuts down during video calls|Keyboard keys not working on {laptop}|"
          "Docking station not detected by my laptop|BitLocker recovery key requested at every boot",
          "New laptop for {colleague} starting on {weekday}|Replacement laptop: {laptop} is five years old|"
          "Loan laptop for a business trip to {site}|More memory for my {laptop}",
          "The {laptop} shows a black screen after the logo and then restarts.|The fan is loud and the case "
          "gets hot; it switched off twice today.|Asset tag {asset}, bought in {year}."),
    _leaf("Hardware", "Monitor & peripherals", "Field Services", "Endpoint Management", 3, 3, False,
          "Second monitor not detected|Monitor shows no signal after docking|Headset microphone not working in "
          "Teams|Mouse and keyboard disconnect every few minutes|Webcam not found in {app}",
          "Second monitor for my desk on the {floor}|Ergonomic keyboard and mouse|Headsets for the call centre "
          "team|USB-C adapter for meeting room {room}",
          "I tried another cable and another port, same result.|It worked until the docking station was "
          "swapped last week."),
    _leaf("Hardware", "Printer", "Workplace", "Printing", 4, 1, True,
          "{printer} shows a paper jam but nothing is stuck|Cannot print to {printer} from {app}|Print jobs "
          "stuck in the queue on {printer}|{printer} prints blank pages|Scan to email not working on {printer}",
          "Add printer {printer} to my laptop|Toner for {printer} on the {floor}",
          "The display on {printer} says \"{error}\".|Other people on the {floor} cannot print either."),
    _leaf("Hardware", "Mobile phone", "Workplace", "Mobile Devices", 3, 2, False,
          "Company phone not receiving email|Cannot enrol new iPhone in Intune|Phone lost or stolen, please "
          "wipe it|Authenticator app gone after phone reset",
          "New company phone for {colleague}|Replace cracked iPhone screen|Roaming data plan for a trip to "
          "{country}",
          "The phone is an iPhone 14 on iOS 17; it says the profile could not be installed."),
    _leaf("Software", "Email", "Applications", "Email & Calendar", 8, 2, False,
          "Outlook keeps asking for password|Cannot send email to external addresses|Mailbox full, cannot "
          "receive mail|Calendar invites not showing in Outlook|Shared mailbox {mailbox} not visible in "
          "Outlook|Emails stuck in the outbox|Out-of-office reply not working",
          "Access to shared mailbox {mailbox}|New distribution list for {dept}|Bigger mailbox for {colleague}|"
          "Forward email of {colleague} while on leave",
          "Outlook shows the password prompt again every few minutes even though the password is right.|"
          "Messages to customers bounce with \"{error}\".|It happens in Outlook on {os} and in the web app."),
    _leaf("Software", "Office apps", "Applications", "Collaboration (Teams & SharePoint)", 5, 2, False,
          "Excel crashes when opening {file}|Teams meetings have no audio|SharePoint site for {project} returns "
          "access denied|OneDrive sync stuck on 'processing changes'|Word opens every document read-only|"
          "Teams status stuck on 'Away'",
          "New Teams channel for project {project}|Restore deleted SharePoint folder {file}|Visio licence for "
          "{colleague}",
          "The file {file} is about 40 MB and worked yesterday.|Teams shows \"{error}\" and the meeting "
          "drops after a minute."),
    _leaf("Software", "Business applications", "Applications",
          "ERP (SAP S/4HANA)|CRM (Salesforce)|HR Portal|Payroll|Document Management|Finance Reporting", 7, 3, True,
          "{service}: error {error} when posting an invoice|{service} very slow since this morning|Cannot log in "
          "to {service}|Report in {service} shows wrong totals|{service} session times out after a few seconds|"
          "Approval workflow stuck in {service}",
          "New role in {service} for {colleague}|Data export from {service} for the auditors|Change cost "
          "centre in {service}",
          "The whole {dept} team is affected; month-end close is due on {weekday}.|Transaction takes more than "
          "two minutes, normally a few seconds.|Screenshot of the {service} error is attached."),
    _leaf("Software", "Software installation", "Workplace", "Endpoint Management", 2, 6, False,
          "{software} fails to install from Company Portal|{software} licence expired|{software} crashes on "
          "start after the update",
          "Install {software} on my laptop|Licence for {software}|Update {software} to the latest version|"
          "{software} for the whole {dept} team",
          "Company Portal stops at 45 % with error {error}.|I need it for the {project} project."),
    _leaf("Software", "Web applications", "Applications", "Customer Portal|Web Shop|Intranet", 4, 1, True,
          "{service} returns {error}|Customers report checkout errors in {service}|{service} login page not "
          "loading|Intranet news page broken in {browser}|Slow page loads on {service}",
          "New intranet page for {dept}|Make {colleague} an editor of the intranet",
          "Customers in {country} report it since about {hour}:00.|Response times went from 300 ms to 8 s."),
    _leaf("Network", "VPN", "Network", "VPN & Remote Access", 7, 1, True,
          "Cannot connect to VPN from home office|VPN disconnects every 10 minutes|VPN connected but no access "
          "to file shares|GlobalProtect shows 'gateway not responding'|VPN very slow in the evenings",
          "VPN access for external consultant {colleague}|Site-to-site VPN for the new office in {site}",
          "GlobalProtect says \"{error}\" and retries forever.|Home internet works fine, speed test 100 Mbit/s."),
    _leaf("Network", "Wi-Fi", "Network", "Wi-Fi", 4, 1, True,
          "No Wi-Fi on the {floor} in {site}|Guest Wi-Fi password not working|Wi-Fi drops in meeting room "
          "{room}|Laptop on Wi-Fi but no internet",
          "Guest Wi-Fi for visitors on {weekday}|Wi-Fi coverage in the new warehouse area",
          "The access point {ci} blinks orange.|Signal is full but pages do not load."),
    _leaf("Network", "LAN & connectivity", "Network", "Corporate Network", 3, 1, True,
          "Network port in {room} not working|Switch {ci} down|Packet loss between {site} and the data centre|"
          "DNS resolution fails for internal sites|High latency on the link to {site}",
          "Activate network port for a new desk|Firewall rule for {service}",
          "Ping to {ci} shows 30 % loss.|Only the {floor} is affected."),
    _leaf("Access", "Password reset", "Identity & Access", "Identity & Single Sign-On", 6, 2, False,
          "Account locked after password change|Forgot my password and cannot reset it|Password reset portal "
          "shows {error}|Locked out of {service} after too many attempts",
          "Password reset for {colleague}|Reset password of service account svc-{project}",
          "I changed my password on {weekday} and since then I am locked out every morning.|The self-service "
          "reset does not send the SMS code."),
    _leaf("Access", "Accounts", "Identity & Access", "Identity & Single Sign-On", 1, 6, False,
          "New starter cannot log in on the first day|Account of {colleague} disabled by mistake",
          "New account for {colleague} starting on {weekday}|Offboarding: disable the account of {colleague}|"
          "Rename account after marriage: {colleague}|Extend contractor account of {colleague}",
          "Manager approval is attached; cost centre {asset}.|Same access as {colleague} in {dept}, please."),
    _leaf("Access", "Permissions", "Identity & Access", "File Shares|Document Management|ERP (SAP S/4HANA)", 3, 5,
          False,
          "Access denied on {share}|Lost access to {service} after a team change|Cannot open folder {share}",
          "Read access to {share}|Add {colleague} to group {adgroup}|Admin rights in {service} for {colleague}|"
          "Access to {service} for the new team",
          "I moved from {dept} last month and need the same rights as before.|Windows says \"{error}\"."),
    _leaf("Access", "Multi-factor authentication", "Identity & Access", "Identity & Single Sign-On", 3, 1, False,
          "MFA prompt never arrives on my phone|New phone, need to move the Authenticator|Login loop on the "
          "single sign-on page",
          "Register a hardware token for {colleague}",
          "The sign-in page reloads forever in {browser}.|I got a new phone number last week."),
    _leaf("Infrastructure", "Server", "Server Ops", "ERP (SAP S/4HANA)|File Shares|Intranet|Printing|Payroll|"
          "Customer Portal|Web Shop|Endpoint Management", 4, 1, True,
          "{ci} not responding to ping|High CPU on {ci}|Disk almost full on {ci}|Service on {ci} restarted "
          "unexpectedly|Scheduled task failed on {ci}",
          "New virtual machine for {project}|Add 100 GB to {ci}",
          "Monitoring shows {metric} at {value} % for 15 minutes.|Event log shows error {error} at {hour}:00."),
    _leaf("Infrastructure", "Storage & backup", "Server Ops", "Backup & Restore|File Shares", 2, 3, True,
          "Backup job failed for {ci}|File share {share} very slow|Snapshot replication lagging",
          "Restore deleted folder {file} from yesterday's backup|Restore a previous version of {file}",
          "The job log ends with \"{error}\".|The folder was deleted by mistake on {weekday}."),
    _leaf("Infrastructure", "Database", "Database", "Data Warehouse|Finance Reporting|ERP (SAP S/4HANA)|Payroll",
          2, 1, True,
          "Nightly load of {service} failed|Database {ci} has blocking sessions|Deadlocks on {ci} during month "
          "end|Query timeout in {service} reports",
          "Read-only database access to {ci} for {colleague}|Refresh the test database from production",
          "The load stopped at step 7 of 12 with {error}.|Reports for {dept} are a day old."),
    _leaf("Infrastructure", "Cloud platform", "Cloud Platform", "Developer Platform (Git & CI)", 2, 2, True,
          "CI pipeline stuck in the queue|Git push rejected: {error}|Pod for {project} in CrashLoopBackOff|"
          "Build agents out of disk space",
          "New Git repository for {project}|Cloud subscription for {project}|Bigger quota for the {project} "
          "namespace",
          "Pipelines for {project} wait for a runner for over an hour.|The error appeared after the runner "
          "upgrade."),
    _leaf("Security", "Phishing", "Security", "Email & Calendar", 3, 0.3, False,
          "Suspicious email asking for my password|Clicked a link in a phishing email|Fake invoice mail from "
          "{colleague}'s address|CEO fraud attempt: urgent gift card request",
          "Allow sender domain for {dept}",
          "I forwarded the message as an attachment.|I entered my password before I noticed; I changed it "
          "right after."),
    _leaf("Security", "Malware", "Security", "Endpoint Security", 2, 0.5, True,
          "Antivirus alert on my laptop|Endpoint protection blocked {software}|Ransomware warning on {ci}|"
          "USB stick flagged as infected",
          "Exception in endpoint protection for {software}",
          "The alert names the file invoice_{asset}.pdf.exe.|I did not open anything unusual today."),
    _leaf("Telephony", "Desk phone", "Telephony", "Telephony", 2, 2, False,
          "Desk phone shows 'no service'|Cannot transfer calls to the hunt group|Voicemail PIN not accepted|"
          "Echo on calls from the {site} office",
          "New extension for {colleague}|Forward my calls to mobile while travelling|Add {colleague} to the "
          "support hunt group",
          "The phone restarted twice this morning.|Callers hear themselves with a delay."),
    _leaf("Telephony", "Video conferencing", "Telephony", "Video Conferencing", 3, 1, False,
          "Screen sharing fails in meeting room {room}|No sound from the room system in {room}|Zoom Rooms "
          "controller frozen in {room}|Video calls freeze every few minutes",
          "Video conferencing kit for the new room {room}",
          "We have a customer call in {room} on {weekday} at {hour}:00.|The touch panel shows \"{error}\"."),
    _leaf("Facilities", "Building access", "Facilities", "Building Access", 2, 3, False,
          "Badge not working at the {site} entrance|Door on the {floor} does not open with my badge",
          "Access badge for {colleague}|Parking garage access in {site}|Temporary badge for a visitor on "
          "{weekday}",
          "The reader beeps twice and stays red.|Badge number {asset}."),
    _leaf("Facilities", "Meeting rooms", "Facilities", "Meeting Room Booking", 1, 2, False,
          "Room display in {room} shows the wrong schedule|Double bookings for {room}",
          "Book {room} for an all-day workshop|Set up {room} for a town hall",
          "About 40 people from {dept} will attend."),
    _leaf("Facilities", "Workplace move", "Field Services", "", 0.5, 2, False,
          "Desk power socket not working on the {floor}",
          "Desk move for the {dept} team to the {floor}|Move the equipment of {colleague} to {site}",
          "The move is planned for {weekday}; 12 desks with docking stations."),
)

# Slot values the templates draw from; the generator adds colleague, printer, ci and service itself.
SLOTS = {
    "laptop": _split("ThinkPad T14|Dell Latitude 7440|MacBook Pro 14|HP EliteBook 840|Surface Laptop 5"),
    "app": _split("Teams|Zoom|Outlook|Excel|Word|Adobe Acrobat|SAP GUI|the browser"),
    "file": _split("Budget_2026.xlsx|Forecast Q3.xlsx|Vertrag_Müller.docx|Board deck.pptx|Rechnungen Mai|"
                   "Projektplan.mpp|Umsätze_Übersicht.xlsx|HR/Onboarding"),
    "project": _split("Atlas|Phoenix|Nordlicht|Orion|Helios|Kraken|Sakura|Zephyr|Ålesund|Mercury"),
    "error": _split("0x80070005|0x800CCC0E|403 Forbidden|500 Internal Server Error|ORA-12541|timeout after 30 s|"
                    "certificate expired|ERR_CONNECTION_RESET|AADSTS50076|530 5.7.57|E-4711|Access is denied"),
    "software": _split("Visio|Power BI Desktop|Adobe Acrobat Pro|AutoCAD LT|Python 3.12|Tableau|Notepad++|"
                       "7-Zip|SAP GUI 8.0|Zoom|Miro|Docker Desktop"),
    "browser": _split("Chrome|Edge|Firefox|Safari"),
    "os": _split("Windows 11|Windows 10|macOS Sonoma|macOS Sequoia|Ubuntu 24.04"),
    "mailbox": _split("invoices@example.com|hr-team@example.com|support@example.com|einkauf@example.com|"
                      "sales-emea@example.com|recruiting@example.com"),
    "dept": DEPARTMENTS,
    "site": tuple(s for s, _ in SITES),
    "floor": _split("ground floor|1st floor|2nd floor|3rd floor|4th floor|5th floor"),
    "room": _split("Aurora|Fjord|Matterhorn|Zugspitze|Kilimanjaro|Room 3.14|Sakura|Ostsee|Bodensee|Atlas"),
    "share": _split(r"\\fs01\finance|\\fs02\hr|\\fs01\projects|\\fs03\marketing|\\fs02\einkauf|\\fs01\legal"),
    "adgroup": _split("GG-Finance-Read|GG-HR-Payroll|GG-Sales-EMEA|GG-VPN-Users|GG-SAP-FI|GG-Marketing-Edit"),
    "country": _split("Brazil|Japan|the USA|Switzerland|Poland|Sweden|France|the UK"),
    "weekday": _split("Monday|Tuesday|Wednesday|Thursday|Friday"),
    "year": _split("2019|2020|2021|2022|2023"),
    "asset": _split("A-10442|A-20931|A-33107|A-48820|A-51234|A-60012|A-77345|A-81190"),
    "hour": _split("7|8|9|10|11|13|14|15|16"),
    "metric": _split("CPU|memory|disk usage|swap"),
    "value": _split("91|94|97|99"),
    "when": _split("this morning|yesterday afternoon|after the last update|after I changed my password|"
                   "since Monday|since the office move|for about a week"),
    "case": _split("VND-2231|SR 3-2857104|CASE-009812|INC-4471-AX|TAC 69123"),
    "thing": _split("the laptop|Outlook|the browser|the app|the docking station|the phone"),
}

OPENERS = _split("Hi team,|Hello,|Hi,|Good morning,|Hallo zusammen,|Dear Service Desk,|Hi IT,|Bonjour,")
CONTEXT = _split(
    "It started {when}.|This has been happening {when}.|It worked fine until {when}.|I already restarted "
    "{thing}, it did not help.|Error message: \"{error}\".|It happens on {os} with {browser}.|Colleagues on "
    "the {floor} have the same issue.|It only happens when I work from home.|Screenshot attached."
)
IMPACT = _split(
    "I cannot work until this is fixed.|Several colleagues in {dept} are affected too.|Not urgent, but "
    "annoying.|A customer is waiting for this.|Please help today if possible; I have a deadline on "
    "{weekday}.|There is a workaround for now."
)
CLOSERS = _split("Thanks, {first}|Best regards, {first}|Danke, {first}|Merci, {first}|{first}|Cheers, {first}")
MONITORING_TITLES = _split(
    "[Zabbix] {metric} above {value} % on {ci}|[Zabbix] {ci} unreachable|[PRTG] Service check failed on "
    "{ci}|[Zabbix] Backup job overdue on {ci}|[Datadog] Error rate above threshold for {service}"
)
MONITORING_BODY = ("Alert raised by monitoring for {ci} ({service}) at {hour}:00 UTC. Trigger: {metric} at "
                   "{value} % for 5 minutes. Auto-generated; do not reply to the sender.")
PROBLEM_TITLES = _split("Recurring: {title}|Root cause of repeated '{title}'|Investigate: {title}")
PROBLEM_BODY = ("{count} incidents in the last weeks point at the same cause: {title}. Affected service: "
                "{service}. Suspected component: {ci}. Goal: find the root cause and a permanent fix.")

FIRST_REPLIES = _split(
    "Hi {first}, thanks for reaching out. I'm looking into this now.|Hi {first}, I've picked this up. When "
    "did it last work?|Hello {first}, thanks for the report. Could you send a screenshot of the error?|Hi "
    "{first}, thanks. I'll call you in a few minutes to have a look together.|Hi {first}, we're on it; "
    "this looks related to {ci}.|Hi {first}, your request is with us and will be handled by {group}."
)
NOTES = _split(
    "Checked {ci}: CPU and memory normal, no errors in the event log.|Reproduced with a test account; only "
    "happens in {browser}.|Called the user, no answer; left a voicemail.|Remote session: cleared the "
    "credential cache and restarted {app}.|Asked {other_group} for a second opinion.|Similar ticket last week; "
    "the same fix should apply.|Logs on {ci} show {error} around the time of the report.|Waiting for the "
    "nightly sync before testing again.|Vendor knowledge base article KB{asset} matches the symptom.|"
    "Rolled back the last change on {ci}; monitoring is green again.|User confirmed the issue on a second "
    "device.|Licence pool checked: 3 seats free."
)
HOLD_REPLIES = {
    "awaiting_caller": "Hi {first}, could you tell me whether it still happens after a restart? I'll put "
                       "this on hold until I hear from you.",
    "awaiting_vendor": "Hi {first}, we have opened case {case} with the vendor and are waiting for their "
                       "answer.",
    "awaiting_change": "Hi {first}, the fix needs a change to {ci}, planned for {weekday} evening.",
    "awaiting_problem": "Hi {first}, this is a known issue and is being investigated as a problem; we'll "
                        "update you as soon as there is a fix.",
}
REQUESTER_REPLIES = _split(
    "Thanks, it works again!|Still happening, unfortunately; same error {error}.|I restarted as you "
    "suggested, no change.|Yes, that's it, thank you!|Sorry for the delay, I was out of office. Here is the "
    "screenshot.|It happened again this morning."
)
RESOLVE_REPLIES = _split(
    "Hi {first}, {notes} Please let us know if anything is still wrong; the ticket closes in 3 days.|Hi "
    "{first}, this should be fixed now: {notes}|Hello {first}, done. {notes} Have a good day!"
)
RESOLUTION_NOTES = {
    "solved_permanently": _split(
        "Replaced the faulty part and tested with the user.|Reset the profile and re-synced; tested OK.|Fixed "
        "the configuration on {ci} and documented it.|Applied the vendor patch to {ci}.|Granted the access "
        "and confirmed it works.|Installed and licensed as requested."),
    "solved_workaround": _split(
        "Workaround: use the web app until the fix is deployed.|Restarted the service on {ci}; root cause "
        "tracked in a problem.|Temporary access granted for 30 days."),
    "not_reproducible": _split("Could not reproduce after several tests; the user will call if it returns."),
    "duplicate": _split("Duplicate of an earlier ticket; handled there."),
    "no_fault_found": _split("All checks passed; no fault found on {ci}.|Monitoring alert cleared by itself."),
    "user_error": _split("Wrong password typed with caps lock on; explained.|Showed the user the right menu "
                         "in {app}; works as designed."),
}
REJECTED_NOTES = "Rejected by the approver: no business justification given."
