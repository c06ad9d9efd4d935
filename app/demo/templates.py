"""Demo reply templates and macros (issue 13): the team's shared ones, a few of the demo user's own, and a dozen
macros a service desk runs every day. Rows are written as a desk synced from a team server holds them."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime

from app.demo.desk import Desk, uuid7_maker

# (name, kind, body, shared)
TEMPLATES: tuple[tuple[str, str, str, bool], ...] = (
    ("Greeting", "reply", "Hello {{requester.first_name}},\n\nThank you for contacting the Service Desk about "
     "{{ticket.number}}.\n", True),
    ("Sign-off", "reply", "\nKind regards,\n{{agent.name}}\nIT Service Desk", True),
    ("Password reset done", "reply", "Hello {{requester.first_name}},\n\nYour password has been reset. You will be "
     "asked to choose a new one at your next sign-in; it needs 14 characters or more.\n\nIf you did not ask for this, "
     "reply to this message straight away.\n\nKind regards,\n{{agent.name}}", True),
    ("We are on it", "reply", "Hello {{requester.first_name}},\n\n{{agent.first_name}} from {{ticket.group}} is "
     "working on {{ticket.number}} ({{ticket.title}}). We aim to resolve it by {{sla.due}}.\n\nKind regards,\n"
     "{{agent.name}}", True),
    ("Need more information", "reply", "Hello {{requester.first_name}},\n\nTo move {{ticket.number}} forward we "
     "need a little more:\n- when did it last work?\n- the exact error message (a screenshot helps)\n- your "
     "computer's name (on the sticker, or Settings › About)\n\nKind regards,\n{{agent.name}}", True),
    ("Chase: awaiting your reply", "reply", "Hello {{requester.first_name}},\n\nWe are still waiting for your "
     "answer on {{ticket.number}} ({{ticket.title}}). If we do not hear from you within three working days we will "
     "resolve the ticket; you can reopen it by replying.\n\nKind regards,\n{{agent.name}}", True),
    ("Resolved: please confirm", "reply", "Hello {{requester.first_name}},\n\nWe believe {{ticket.number}} is "
     "solved. Please check and tell us if anything is still wrong; the ticket closes by itself otherwise.\n\n"
     "Kind regards,\n{{agent.name}}", True),
    ("Major incident: update", "reply", "Hello {{requester.first_name}},\n\nWe know about the problem and engineers "
     "are working on it. Your ticket {{ticket.number}} is linked to the main incident; you will hear from us as "
     "soon as service is restored. No need to call.\n\n{{agent.name}}, IT Service Desk", True),
    ("Hardware: collect your device", "reply", "Hello {{requester.first_name}},\n\nYour device is ready to collect "
     "at the IT bar (ground floor, 9:00–17:00). Please bring your badge.\n\nKind regards,\n{{agent.name}}", True),
    ("Note: escalation summary", "note", "Escalated on {{today}} by {{agent.name}}.\nPriority {{ticket.priority}}, "
     "SLA due {{sla.due}}.\nDone so far:\n- \nStill to check:\n- ", True),
    ("Note: call log", "note", "Called {{requester.name}} on {{today}}.\nOutcome: ", True),
    ("Note: vendor case opened", "note", "Vendor case opened by {{agent.name}} on {{today}}.\nVendor reference: \n"
     "Expected answer: ", True),
    ("My VPN checklist", "note", "VPN checks for {{ticket.number}}:\n1. GlobalProtect version\n2. Portal "
     "reachable (vpn.example.com)\n3. Certificate valid\n4. MFA prompt received", False),
    ("My out-of-office reply", "reply", "Hello {{requester.first_name}},\n\nI am out of the office today; a "
     "colleague from {{ticket.group}} will pick up {{ticket.number}}.\n\n{{agent.name}}", False),
    ("Printer driver steps", "any", "1. Open Software Center\n2. Search \"Follow-me printing\"\n3. Install, then "
     "sign out and back in", False),
)

RESOLVED = {"resolution_code": "solved_permanently"}

# (name, description, changes, entry kind, entry body, shared); group names are replaced by their ids.
MACROS: tuple[tuple[str, str, dict, str | None, str | None, bool], ...] = (
    ("Take it", "Assign to me and start work", {"assignee_id": "@me", "state": "in_progress"}, None, None, True),
    ("Password reset done", "Reply, then resolve as solved",
     {"state": "resolved", **RESOLVED, "resolution_notes": "Password reset; the user chose a new one."},
     "reply", TEMPLATES[2][2], True),
    ("Escalate to Network", "Hand over to the Network team with a summary note",
     {"group_id": "Network", "assignee_id": None, "urgency": 2}, "note",
     "Escalated to Network by {{agent.name}} on {{today}}: first-line checks done, the fault looks network-side.",
     True),
    ("Escalate to Server Ops", "Hand over to Server Ops with a summary note",
     {"group_id": "Server Ops", "assignee_id": None}, "note",
     "Escalated to Server Ops by {{agent.name}} on {{today}}.", True),
    ("Escalate to Identity & Access", "Accounts, groups and MFA issues",
     {"group_id": "Identity & Access", "assignee_id": None}, "note",
     "Escalated to Identity & Access by {{agent.name}}: account-side fault.", True),
    ("Awaiting requester: chase", "Put on hold and ask the requester again",
     {"state": "on_hold", "on_hold_reason": "awaiting_caller"}, "reply", TEMPLATES[5][2], True),
    ("Awaiting vendor", "Put on hold while the vendor answers",
     {"state": "on_hold", "on_hold_reason": "awaiting_vendor"}, "note", TEMPLATES[11][2], True),
    ("Need more information", "Ask for details and wait for the answer",
     {"state": "on_hold", "on_hold_reason": "awaiting_caller"}, "reply", TEMPLATES[4][2], True),
    ("Resolve: no fault found", "Resolve with a polite note to the requester",
     {"state": "resolved", "resolution_code": "no_fault_found",
      "resolution_notes": "Checked with the requester; everything works as expected."}, "reply",
     TEMPLATES[6][2], True),
    ("Major incident: link and inform", "Raise urgency and tell the requester the main incident is worked on",
     {"urgency": 1, "impact": 1}, "reply", TEMPLATES[7][2], True),
    ("Workplace: device ready", "Tell the requester to collect the device and resolve",
     {"state": "resolved", **RESOLVED, "resolution_notes": "Device repaired and handed back."}, "reply",
     TEMPLATES[8][2], True),
    ("Lower to P4", "Not urgent after all", {"priority": 4}, "note",
     "Priority lowered by {{agent.name}}: no business impact confirmed with {{requester.name}}.", False),
    ("Back to work", "Resume after a hold", {"state": "in_progress", "on_hold_reason": None}, None, None, False),
)


def _stamp(ms: int) -> str:
    return f"{datetime.fromtimestamp(ms / 1000, UTC):%Y-%m-%d %H:%M:%S.%f}"


def generate_templates(con: sqlite3.Connection, desk: Desk, *, seed: int, now_ms: int) -> tuple[int, int]:
    """Write the demo's templates and macros (own ids from `seed`, so the other demo rows stay as they were);
    returns (templates, macros)."""
    uuid7 = uuid7_maker(random.Random(seed * 1_000_003 + 13))
    groups = {name: gid for gid, name in desk.group_names.items()}
    at = _stamp(now_ms)
    con.executemany("INSERT INTO reply_template (id, name, kind, body, owner_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [(uuid7(now_ms - 1000 * i), name, kind, body, None if shared else desk.me, at)
                     for i, (name, kind, body, shared) in enumerate(TEMPLATES)])
    rows = []
    for i, (name, description, changes, kind, body, shared) in enumerate(MACROS):
        values = {f: (groups.get(v, v) if f == "group_id" else v) for f, v in changes.items()}
        rows.append((uuid7(now_ms - 500 * i), name, description, json.dumps(values, sort_keys=True), kind, body,
                     None if shared else desk.me, at))
    con.executemany("INSERT INTO macro (id, name, description, changes, entry_kind, entry_body, owner_id, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(TEMPLATES), len(MACROS)
