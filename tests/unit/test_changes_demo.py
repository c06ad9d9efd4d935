"""The demo's change management data: deterministic per seed, consistent with the workflow, and with
the conflicts the calendar is meant to show."""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from app.changes import writes as changes
from app.changes.conflicts import find_conflicts
from app.changes.planning import build_conflict_index, change_conflicts, planning_data
from app.changes.queue import list_changes
from app.changes.windows import list_windows
from app.demo.generator import generate
from app.store import open_store
from core.changes.workflow import INACTIVE_STATES

UNTIL = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, tzinfo=UTC)
TABLES = (("change", "id"), ("change_ci", "change_id, ci_id"), ("cab_approval", "id"), ("change_link", "id"),
          ("change_template", "id"), ("schedule_window", "id"), ("holiday", "id"))


def _checksum(path) -> str:
    con = sqlite3.connect(path)
    digest = hashlib.sha256()
    try:
        for table, order in TABLES:
            for row in con.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
                digest.update(repr(row).encode())
    finally:
        con.close()
    return digest.hexdigest()


def test_same_seed_same_changes_other_seed_other_changes(tmp_path):
    a, b, c = (tmp_path / f"{n}.sqlite3" for n in "abc")
    assert generate(a, tickets=300, seed=5, until=UNTIL).changes == 60  # the minimum
    generate(b, tickets=300, seed=5, until=UNTIL)
    generate(c, tickets=300, seed=6, until=UNTIL)
    assert _checksum(a) == _checksum(b)
    assert _checksum(a) != _checksum(c)


def test_demo_changes_are_consistent_and_conflicting(tmp_path):
    path = tmp_path / "d.sqlite3"
    generate(path, tickets=300, seed=3, until=UNTIL)
    store = open_store(path)
    try:
        with store.session() as s:
            queue = list_changes(s)
            rows = queue.rows
            assert queue.total == 60
            assert {r.change_type for r in rows} == {"standard", "normal", "emergency"}
            states = Counter(r.state for r in rows)
            assert states["closed"] > 10 and states["scheduled"] > 0 and states["new"] > 0
            future = [r for r in rows if r.planned_start and r.planned_start > NOW]
            past = [r for r in rows if r.planned_end and r.planned_end < NOW]
            assert future and past
            assert max(r.planned_start for r in future) <= NOW + timedelta(days=57)
            assert all(r.state in INACTIVE_STATES | {"review"} for r in past)
            assert any(r.conflicts for r in rows if r.state not in INACTIVE_STATES)
            # No scheduled change sits in a freeze: the demo puts only unapproved ones there.
            assert not [r.number for r in rows if r.state == "scheduled" and r.blocking]
            assert any(r.blocking for r in rows)
            windows = list_windows(s)
            assert {w.name for w in windows} >= {"Sunday maintenance", "Year-end freeze"}
            assert next(w for w in windows if w.name == "Sunday maintenance").tz == "Europe/Berlin"
            # The queue's quick counts agree with the full conflict check, row by row.
            data = planning_data(s, start=NOW - timedelta(days=200), end=NOW + timedelta(days=60))
            index = build_conflict_index(data)
            by_id = {c.id: c for c in data.changes}
            checked = 0
            for r in rows:
                if r.state not in INACTIVE_STATES and r.planned_start is not None:
                    found = find_conflicts(by_id[r.id].planned, index)
                    assert (r.conflicts, r.blocking) == (len(found), any(f.severity == "blocking" for f in found))
                    # The editor's check loads only related changes; it must find the same.
                    report = change_conflicts(s, change_id=r.id)
                    assert sorted(c.kind for c in report.conflicts) == sorted(f.kind for f in found)
                    checked += 1
            assert checked > 10
            # The app's own writes work on the generated rows, numbering included.
            me = s.execute(text("SELECT value FROM store_meta WHERE key = 'current_user'")).scalar_one()
            made = changes.create_change(s, change_type="normal", title="after demo", actor_id=me)
            assert made.number == "CHG000061"
            fresh = next(r for r in rows if r.state == "new")
            changes.transition_change(s, change_id=fresh.id, target="canceled", actor_id=me)
    finally:
        store.close()



def test_demo_approvals_are_made_by_members_of_the_approving_group(tmp_path):
    from app.changes.links import can_approve
    from app.config import CAB_GROUP_DEFAULT
    from app.people import reference

    path = tmp_path / "cab.sqlite3"
    generate(path, tickets=300, seed=3, until=UNTIL)
    store = open_store(path)
    try:
        with store.session() as s:
            members = {r[0] for r in s.execute(text(
                'SELECT person_id FROM group_member JOIN "group" g ON g.id = group_id WHERE g.name = :n'),
                {"n": CAB_GROUP_DEFAULT})}
            approvers = {r[0] for r in s.execute(text("SELECT DISTINCT approver_id FROM cab_approval"))}
            assert approvers and approvers <= members
            # The desk's own user is a member, so the demo lets them record a decision.
            assert can_approve(s, person_id=reference.current_user(s), cab_group=CAB_GROUP_DEFAULT) == (True, "")
            # And closed changes carry closure notes, as the close dialog now requires.
            assert not s.execute(text("SELECT count(*) FROM change WHERE state = 'closed' AND "
                                      "coalesce(trim(close_notes), '') = ''")).scalar_one()
    finally:
        store.close()
