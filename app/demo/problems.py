"""The demo's problem management: incidents linked to their problems, root causes, known errors with
workarounds, fixes implemented by changes, and one major incident with child incidents and a log.

Runs inside the demo load's last transaction, on the rows the lifecycle wrote: the lifecycle already makes
problems that claim a few recent incidents of their category (`caused_by` links); those incidents get the
problem as their `problem_id`. A generator of its own keeps every other demo row what the seed gave."""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections import Counter
from datetime import datetime, timedelta

from app.demo.problem_cis import add_problem_cis

CAUSES = {
    "software_defect": ("A defect in the latest client update leaks handles until the process stalls.",
                        "Restart the application; if it recurs within the day, roll back to the previous build "
                        "from the Software Center."),
    "configuration": ("A policy pushed to this group overrides the working setting.",
                      "Run 'gpupdate /force' and sign out and in again; the local override holds until the fix."),
    "hardware_failure": ("A failing disk in the array slows every read under load.",
                         "Move the heavy jobs to the evening window; the storage team fails over on request."),
    "capacity": ("The service runs out of worker threads at the morning peak.",
                 "Retry after a few minutes or use the web version, which runs on separate capacity."),
    "network": ("A flapping uplink on the site's core switch drops sessions every few minutes.",
                "Use the wired network or the guest Wi-Fi with the VPN until the uplink is replaced."),
    "third_party": ("The vendor's certificate chain changed and older clients do not trust it.",
                    "Install the intermediate certificate from the self-service portal, then restart."),
}
FIXES = ("Patch deployed by the change; the incidents stopped after the rollout.",
         "Replaced the faulty part in the planned window; monitoring shows normal values since.",
         "Configuration corrected through the change and documented in the baseline.")
COMMS = ("Major incident declared. {service} is unavailable for many users; the service desk is informing callers.",
         "Cause narrowed down to {ci}. Next update in 30 minutes.",
         "Workaround in place; most users can work again. Monitoring until the fix is confirmed.")


def _at(value: str, hours: float) -> str:
    """A stored time (ISO text, as the loader writes it) plus `hours`, in the same form."""
    moment = datetime.fromisoformat(value) + timedelta(hours=hours)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _most(counter: Counter) -> str | None:
    """The most common value, the smallest id among equals (a deterministic pick)."""
    if not counter:
        return None
    top = max(counter.values())
    return min(k for k, n in counter.items() if n == top)


def generate_problems(con: sqlite3.Connection, *, seed: int, agent_id: str) -> dict[str, int]:
    """Fill the problem-management columns of the loaded demo tickets; returns counts for the summary."""
    rng = random.Random(f"problems-{seed}")
    con.execute("UPDATE ticket SET problem_id = (SELECT l.target_id FROM ticket_link l WHERE l.kind = 'caused_by' "
                "AND l.source_id = ticket.id ORDER BY l.created_at LIMIT 1) WHERE type = 'incident' AND id IN "
                "(SELECT source_id FROM ticket_link WHERE kind = 'caused_by')")
    # A problem is about the CI and service its incidents share most. Counted here in one pass: the load
    # parks the ticket table's indexes, so a correlated subquery per problem would scan the table each time.
    shares: dict[str, dict[str, Counter]] = {}
    for problem_id, ci_id, service_id in con.execute(
            "SELECT problem_id, ci_id, service_id FROM ticket WHERE problem_id IS NOT NULL ORDER BY row_id"):
        counts = shares.setdefault(problem_id, {"ci_id": Counter(), "service_id": Counter()})
        if ci_id is not None:
            counts["ci_id"][ci_id] += 1
        if service_id is not None:
            counts["service_id"][service_id] += 1
    for pid, ci_id, service_id in con.execute("SELECT id, ci_id, service_id FROM ticket WHERE type = 'problem' "
                                              "AND (ci_id IS NULL OR service_id IS NULL) ORDER BY row_id").fetchall():
        found = shares.get(pid)
        if found is None:
            continue
        ci = ci_id or _most(found["ci_id"])
        service = service_id or _most(found["service_id"])
        con.execute("UPDATE ticket SET ci_id = ?, service_id = ? WHERE id = ?", (ci, service, pid))
    changes = [r[0] for r in con.execute("SELECT id FROM change ORDER BY id")]
    analysed = con.execute("SELECT id, state, created_at, updated_at FROM ticket WHERE type = 'problem' AND state IN "
                           "('root_cause_analysis', 'fix_in_progress', 'on_hold', 'resolved', 'closed') "
                           "ORDER BY row_id").fetchall()
    known = 0
    codes = sorted(CAUSES)
    for pid, state, created, updated in analysed:
        code = rng.choice(codes)
        cause, workaround = CAUSES[code]
        values: dict[str, object] = {"root_cause": cause, "cause_code": code}
        if rng.random() < 0.6:
            span = (datetime.fromisoformat(updated) - datetime.fromisoformat(created)).total_seconds() / 3600
            values.update(workaround=workaround, known_error=1, known_error_at=_at(created, span * rng.uniform(.2, .6)))
            known += 1
        if state in ("resolved", "closed", "fix_in_progress"):
            values["fix_notes"] = rng.choice(FIXES) if state != "fix_in_progress" else \
                "Fix planned through a change; waiting for the window."
            if changes and rng.random() < 0.7:
                values["fix_change_id"] = rng.choice(changes)
        sets = ", ".join(f"{k} = ?" for k in values)
        con.execute(f"UPDATE ticket SET {sets} WHERE id = ?", (*values.values(), pid))
    # Open known errors are still hitting users: a few open incidents of their service wait for the workaround.
    waiting: dict[str, list[str]] = {}
    for incident_id, service_id in con.execute(
            "SELECT id, service_id FROM ticket WHERE type = 'incident' AND is_open AND problem_id IS NULL "
            "AND service_id IS NOT NULL ORDER BY created_at DESC, row_id"):
        waiting.setdefault(service_id, []).append(incident_id)
    for pid, service_id in con.execute("SELECT id, service_id FROM ticket WHERE type = 'problem' AND known_error "
                                       "AND is_open AND service_id IS NOT NULL ORDER BY row_id").fetchall():
        claimed, waiting[service_id] = waiting.get(service_id, [])[:2], waiting.get(service_id, [])[2:]
        con.executemany("UPDATE ticket SET problem_id = ? WHERE id = ?", [(pid, i) for i in claimed])
    add_problem_cis(con, seed=seed)
    return {"known_errors": known, **_major_incident(con, rng, agent_id)}


def _major_incident(con: sqlite3.Connection, rng: random.Random, agent_id: str) -> dict[str, int]:
    """The open incident with a service of the highest priority (the newest of those) becomes a major
    incident; incidents of the same service from the three days before it are its children; three updates
    make its log."""
    major = con.execute("SELECT t.id, t.service_id, t.created_at, coalesce(s.name, ''), coalesce(c.name, '') "
                        "FROM ticket t LEFT JOIN service s ON s.id = t.service_id "
                        "LEFT JOIN configuration_item c ON c.id = t.ci_id WHERE t.type = 'incident' AND t.is_open "
                        "AND t.service_id IS NOT NULL AND t.problem_id IS NULL "
                        "ORDER BY t.priority, t.created_at DESC LIMIT 1").fetchone()
    if major is None:
        return {"major_children": 0, "comms": 0}
    mid, service_id, created, service, ci = major
    con.execute("UPDATE ticket SET is_major = 1 WHERE id = ?", (mid,))
    children = [r[0] for r in con.execute(
        "SELECT id FROM ticket WHERE type = 'incident' AND service_id = ? AND id != ? AND NOT is_major "
        "AND created_at >= ? ORDER BY created_at DESC LIMIT 6", (service_id, mid, _at(created, -72)))]
    con.executemany("UPDATE ticket SET major_id = ? WHERE id = ?", [(mid, c) for c in children])
    # The load parks the search triggers: each entry's index row is written here, as the loader does.
    indexed = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'ticket_fts'").fetchone() is not None
    row_id = con.execute("SELECT row_id FROM ticket WHERE id = ?", (mid,)).fetchone()[0]
    last = con.execute("SELECT max(fts_rowid) FROM worklog_entry WHERE ticket_id = ?", (mid,)).fetchone()[0]
    piece = last if last is not None else row_id << 32
    for i, text in enumerate(COMMS):
        entry_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        body = text.format(service=service or "The service", ci=ci or "one component")
        piece += 1
        con.execute("INSERT INTO worklog_entry (id, ticket_id, kind, author_id, body, time_spent_minutes, created_at,"
                    " fts_rowid) VALUES (?, ?, 'comms', ?, ?, 0, ?, ?)",
                    (entry_id, mid, agent_id, body, _at(created, 0.25 + i * 0.75), piece if indexed else None))
        if indexed:
            con.execute("INSERT INTO ticket_fts (rowid, body, title) VALUES (?, ?, '')", (piece, body))
    return {"major_children": len(children), "comms": len(COMMS)}
