"""The demo desk generator: deterministic, consistent with the workflow and the schema, searchable,
and the app's own writes still work on the store it leaves behind."""

from __future__ import annotations

import hashlib
import sqlite3
import string
import uuid
from collections import Counter
from datetime import UTC, date, datetime

import pytest

from app.demo import cli, generator, lifecycle
from app.demo import vocabulary as V
from app.demo.generator import DemoError, generate
from app.people import reference
from app.store import PIECES, open_store
from app.tickets import worklog
from app.tickets import writes as tickets
from app.tickets.queue import QueueFilter, count_tickets
from core.tickets.priority import DEFAULT_MATRIX
from core.tickets.workflow import WORKFLOWS

UNTIL = date(2026, 11, 1)
END = datetime(2026, 11, 1, tzinfo=UTC)
SIZE = 2000


def _rows(path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _checksum(path) -> str:
    digest = hashlib.sha256()
    for table, order in (("ticket", "row_id"), ("worklog_entry", "id"), ("audit_event", "id"),
                         ("ticket_link", "id"), ("person", "id"), ("configuration_item", "id")):
        for row in _rows(path, f"SELECT * FROM {table} ORDER BY {order}"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _triggers(path) -> list[tuple]:
    return _rows(path, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")


def _ticket_indexes(path) -> list[tuple]:
    return _rows(path, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ticket' ORDER BY name")


def _found(store, text: str) -> int:
    with store.session() as s:
        return count_tickets(s, flt=QueueFilter(text=text), me=None, has_fts=store.has_fts)


@pytest.fixture
def fresh_triggers(tmp_path):
    """The triggers of a store the app made, to compare a generated store's with."""
    return _triggers(_fresh(tmp_path))


def _fresh(tmp_path):
    fresh = tmp_path / "fresh.sqlite3"
    if not fresh.exists():
        open_store(fresh).close()
    return fresh


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    summary = generate(path, tickets=SIZE, seed=11, until=UNTIL)
    return path, summary


def _same_seed_same_rows(tmp_path, size: int) -> None:
    paths = [tmp_path / f"{n}.sqlite3" for n in ("a", "b", "c")]
    for path, seed in zip(paths, (3, 3, 4), strict=True):
        generate(path, tickets=size, seed=seed, until=UNTIL)
    first, again, other = (_checksum(p) for p in paths)
    assert first == again
    assert first != other


# At 500 tickets seed 3's desk already holds every kind of row the checksum reads (problems, links of the three
# kinds, 500 CIs, 250 people; 400 had no duplicate_of link); `make soak` repeats the check on 1,500 tickets.
def test_same_seed_gives_the_same_rows_and_another_seed_does_not(tmp_path):
    _same_seed_same_rows(tmp_path, 500)


@pytest.mark.soak
def test_soak_same_seed_gives_the_same_rows_on_a_bigger_desk(tmp_path):
    _same_seed_same_rows(tmp_path, 1500)


def test_counts_match_the_summary_and_the_desk_is_realistic(demo):
    path, summary = demo

    def count(sql):
        return _rows(path, sql)[0][0]

    assert count("SELECT count(*) FROM ticket") == summary.tickets == SIZE
    assert count("SELECT count(*) FROM ticket WHERE is_open") == summary.open_tickets
    assert count("SELECT count(*) FROM worklog_entry") == summary.worklogs
    assert count("SELECT count(*) FROM audit_event") == summary.audit_events
    assert count("SELECT count(*) FROM ticket_link") == summary.links > 0
    assert count('SELECT count(*) FROM "group"') == summary.groups == len(V.GROUPS) + 1  # and the CAB
    assert 60 <= summary.agents <= 120 and summary.requesters >= 200
    assert summary.services >= 25 and summary.configuration_items >= 300 and summary.categories >= 30
    assert 2.5 <= summary.worklogs / SIZE <= 3.5
    assert count("SELECT count(*) FROM outbox_mutation") == 0
    types = dict(_rows(path, "SELECT type, count(*) FROM ticket GROUP BY type"))
    assert 0.65 < types["incident"] / SIZE < 0.75 and 0.02 < types["problem"] / SIZE < 0.08
    kinds = {k for (k,) in _rows(path, "SELECT DISTINCT kind FROM ticket_link")}
    assert kinds == {"caused_by", "duplicate_of", "child_of"}
    # The CI hierarchy is typed relations since issue 14 (app.demo.cmdb), no longer parent links.
    assert count("SELECT count(*) FROM ci_relation") > 200
    assert count("SELECT count(*) FROM category WHERE parent_id IS NOT NULL") >= 25


def test_every_reference_is_valid(demo):
    path, _ = demo
    assert _rows(path, "PRAGMA foreign_key_check") == []
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(path, "SELECT count(*) FROM group_member gm JOIN person p ON p.id = gm.person_id "
                       "WHERE NOT p.is_agent") == [(0,)]
    # Assignees belong to the ticket's group, as tickets._check_assignment requires.
    assert _rows(path, "SELECT count(*) FROM ticket t WHERE assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 "
                       "FROM group_member m WHERE m.group_id = t.group_id AND m.person_id = t.assignee_id)") == [(0,)]
    # Links only go where the services allow them: caused_by targets a problem.
    assert _rows(path, "SELECT count(*) FROM ticket_link l JOIN ticket t ON t.id = l.target_id "
                       "WHERE l.kind = 'caused_by' AND t.type != 'problem'") == [(0,)]


def test_states_follow_the_workflow(demo):
    path, _ = demo
    moves: dict[str, list[tuple[str, str]]] = {}
    for entity, old, new in _rows(path, "SELECT entity_id, old_value, new_value FROM audit_event "
                                        "WHERE field = 'state' ORDER BY entity_id, at"):
        moves.setdefault(entity, []).append((old, new))
    columns = "id, type, state, is_open, on_hold_reason, resolution_code, resolution_notes, resolved_at, closed_at"
    for tid, ttype, state, is_open, reason, code, notes, resolved_at, closed_at in _rows(
            path, f"SELECT {columns} FROM ticket"):
        wf = WORKFLOWS[ttype]
        state_def = wf.state(state)
        assert bool(is_open) == state_def.is_open
        assert (reason is not None) == (state == "on_hold")
        current = wf.initial
        for old, new in moves.get(tid, []):
            assert old == current and new in wf.allowed(old), (tid, old, new)
            current = new
        assert current == state
        if state_def.kind in ("resolved", "closed") and state != "rejected":
            assert code and notes and resolved_at
        if state_def.kind == "closed":
            assert closed_at and resolved_at
        if state_def.kind in ("open", "hold", "canceled"):
            assert closed_at is None


def test_old_tickets_are_done_and_times_are_ordered(demo):
    path, _ = demo
    rows = _rows(path, "SELECT created_at, updated_at, first_response_at, resolved_at, closed_at, type, is_open "
                       "FROM ticket")
    end = END.strftime("%Y-%m-%d %H:%M:%S")
    old_open = 0
    for created, updated, first, resolved, closed, ttype, is_open in rows:
        assert created <= updated < end
        assert all(t is None or created <= t <= updated for t in (first, resolved, closed))
        if is_open and ttype != "problem" and created < "2026-09-01":
            old_open += 1
    assert old_open <= SIZE * 0.005
    assert _rows(path, "SELECT count(*) FROM worklog_entry w JOIN ticket t ON t.id = w.ticket_id "
                       "WHERE w.created_at < t.created_at OR w.created_at > t.updated_at") == [(0,)]


def test_ids_are_uuid7_made_from_the_row_time(demo):
    path, _ = demo
    for tid, created in _rows(path, "SELECT id, created_at FROM ticket ORDER BY row_id LIMIT 200"):
        value = uuid.UUID(tid)
        assert value.version == 7 and value.variant == uuid.RFC_4122
        at = datetime.fromisoformat(created).replace(tzinfo=UTC)
        assert value.int >> 80 == int(at.timestamp() * 1000)
    ids = [r[0] for r in _rows(path, "SELECT id FROM ticket ORDER BY row_id")]
    assert len(set(ids)) == len(ids)


def test_priority_follows_the_matrix_unless_overridden(demo):
    path, _ = demo
    overridden = 0
    for impact, urgency, priority, flag in _rows(path, "SELECT impact, urgency, priority, priority_overridden "
                                                      "FROM ticket"):
        computed = DEFAULT_MATRIX[impact - 1][urgency - 1]
        assert (priority != computed) == bool(flag)
        overridden += bool(flag)
    assert 0 < overridden < SIZE * 0.06
    shares = Counter(p for (p,) in _rows(path, "SELECT priority FROM ticket"))
    assert shares[1] < shares[2] < shares[5] < shares[3] < shares[4]


def test_text_has_unicode_and_emails_stay_ascii(demo):
    path, _ = demo
    names = [n for (n,) in _rows(path, "SELECT name FROM person")]
    assert any(not n.isascii() for n in names)
    assert any("\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3" for n in names for ch in n)
    emails = [e for (e,) in _rows(path, "SELECT email FROM person")]
    assert all(e.isascii() and e.count("@") == 1 for e in emails)
    assert len(set(emails)) == len(emails)


def test_every_template_fills():
    slots = lifecycle._slots_class(dict(V.SLOTS, colleague=("Zoë Ångström",), printer=("PRN-BER-01",),
                                        service=("VPN",), ci=("vpn-ber-101",), other_group=("Network",)),
                                   lambda: 0.5)
    texts = [*V.CONTEXT, *V.IMPACT, *V.CLOSERS, *V.MONITORING_TITLES, V.MONITORING_BODY, *V.PROBLEM_TITLES,
             V.PROBLEM_BODY, *V.FIRST_REPLIES, *V.NOTES, *V.HOLD_REPLIES.values(), *V.REQUESTER_REPLIES,
             *V.RESOLVE_REPLIES, *(t for notes in V.RESOLUTION_NOTES.values() for t in notes)]
    texts += [t for leaf in V.LEAVES for t in (*leaf.incidents, *leaf.requests, *leaf.details)]
    for text in texts:
        filled = text.format_map(slots(first="Zoë", group="Service Desk", title="x", count="3", notes="y"))
        assert "{" not in filled and "}" not in filled, text
    fields = {f for text in texts for _, f, _, _ in string.Formatter().parse(text) if f}
    assert fields <= set(V.SLOTS) | {"colleague", "printer", "service", "ci", "other_group", "first", "group",
                                     "title", "count", "notes"}


def test_current_user_is_a_service_desk_agent_with_a_handful_of_open_tickets(demo):
    path, _ = demo
    (me,), = _rows(path, "SELECT value FROM store_meta WHERE key = 'current_user'")
    assert _rows(path, f"SELECT g.name FROM group_member m JOIN \"group\" g ON g.id = m.group_id "
                       f"WHERE m.person_id = '{me}' AND g.name = 'Service Desk'") == [("Service Desk",)]
    (mine, total), = _rows(path, f"SELECT sum(assignee_id = '{me}'), count(*) FROM ticket WHERE is_open")
    # A desk this small has only a few dozen open tickets in all; the user gets up to half of them.
    assert min(10, total // 2) <= mine <= 40
    assert _rows(path, f"SELECT count(*) FROM ticket t WHERE assignee_id = '{me}' AND NOT EXISTS (SELECT 1 "
                       f"FROM group_member m WHERE m.group_id = t.group_id AND m.person_id = '{me}')") == [(0,)]


def test_search_finds_generated_words_and_numbers(demo):
    path, _ = demo
    store = open_store(path)
    try:
        assert store.has_fts
        assert _rows(path, f"SELECT count(*) FROM ticket_fts WHERE rowid & {PIECES} = 0") == [(SIZE,)]
        assert _rows(path, "SELECT count(*) FROM ticket_fts") == _rows(
            path, "SELECT (SELECT count(*) FROM ticket) + (SELECT count(*) FROM worklog_entry)")
        title_hits = _rows(path, "SELECT count(*) FROM ticket WHERE title LIKE '%Outlook%'")[0][0]
        (number,), = _rows(path, "SELECT number FROM ticket WHERE row_id = 1234")
        assert _found(store, "outlook") >= title_hits > 0
        assert _found(store, number) == 1
        assert _found(store, "voicemail") > 0  # a word only internal notes use: worklogs are indexed
    finally:
        store.close()


def test_app_writes_still_number_and_index_after_generation(tmp_path, fresh_triggers):
    path = tmp_path / "demo.sqlite3"
    generate(path, tickets=300, seed=5, until=UNTIL)
    assert _triggers(path) == fresh_triggers
    assert _ticket_indexes(path) == _ticket_indexes(_fresh(tmp_path))  # built once at the end of the load
    # Packed at the end of the load (VACUUM): no empty page left, and the file is sound.
    assert _rows(path, "PRAGMA freelist_count") == [(0,)]
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)] and _rows(path, "PRAGMA foreign_key_check") == []
    assert _rows(path, "SELECT count(*) FROM store_meta WHERE key = 'demo_loading'") == [(0,)]
    (last,), = _rows(path, "SELECT max(number) FROM ticket WHERE type = 'incident'")
    store = open_store(path)
    try:
        with store.session() as s:
            me = reference.current_user(s)
            ticket = tickets.create_ticket(s, ticket_type="incident", title="Quokka scanner jams", actor_id=me)
            worklog.add_worklog(s, ticket_id=ticket.id, kind="note", body="Replaced the flux capacitor",
                                actor_id=me)
            number = ticket.number
        assert number == f"INC{int(last[3:]) + 1:07d}"
        assert [_found(store, word) for word in ("quokka", "capacitor", number)] == [1, 1, 1]
    finally:
        store.close()


def test_generation_refuses_a_store_with_tickets_and_restores_triggers_on_failure(tmp_path, fresh_triggers):
    path = tmp_path / "demo.sqlite3"

    def stop(phase, done, total):
        if phase == "tickets" and done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate(path, tickets=100, seed=1, until=UNTIL, progress=stop)
    assert _triggers(path) == fresh_triggers
    assert _ticket_indexes(path) == _ticket_indexes(_fresh(tmp_path))
    with pytest.raises(DemoError):
        generate(path, tickets=100, seed=1, until=UNTIL)


def test_a_killed_load_is_repaired(tmp_path, monkeypatch):
    path = tmp_path / "demo.sqlite3"
    open_store(path).close()
    before, indexes = _triggers(path), _ticket_indexes(path)
    loader = generator._Loader(path)
    loader.begin_load()  # then "killed": no close()
    loader.con.close()
    # The queue's sort key triggers, the backlog's, the caller lookup's, the knowledge search's, the CMDB
    # graph's version and the title change log (migrations 0012, 0015, 0018, 0021, 0023, 0034) stay.
    assert [t for t in _triggers(path) if "sortkey" not in t[0]
            and not t[0].startswith(("kpi_backlog", "person_fts", "article_fts", "ci_relation_graph",
                                     "ci_parent_graph", "ticket_title_change"))] == []
    assert all(sql is None or sql.startswith("CREATE UNIQUE") for _, sql in _ticket_indexes(path))
    assert generator.repair_interrupted(path) is True
    assert _triggers(path) == before and _ticket_indexes(path) == indexes
    assert generator.repair_interrupted(path) is False


def test_several_chunks_load_consistently(tmp_path, monkeypatch):
    monkeypatch.setattr(generator, "CHUNK", 400)
    path = tmp_path / "demo.sqlite3"
    summary = generate(path, tickets=1000, seed=2, until=UNTIL)
    assert _rows(path, "SELECT count(*), count(DISTINCT number) FROM ticket") == [(1000, 1000)]
    assert _rows(path, f"SELECT count(*) FROM ticket_fts WHERE rowid & {PIECES} = 0") == [(1000,)]
    assert _rows(path, "PRAGMA foreign_key_check") == []
    assert summary.worklogs == _rows(path, "SELECT count(*) FROM worklog_entry")[0][0]


def test_cli_refuses_to_replace_tickets_without_force(tmp_path, capsys):
    path = tmp_path / "demo.sqlite3"
    args = ["--tickets", "60", "--seed", "3", "--until", "2026-11-01", "--store", str(path)]
    assert cli.main(args) == 0
    assert "60 tickets" in capsys.readouterr().out
    first = _checksum(path)
    assert cli.main(args) == 2
    assert "--force" in capsys.readouterr().err
    assert _checksum(path) == first
    assert cli.main([*args[:3], "4", *args[4:], "--force"]) == 0
    assert _checksum(path) != first
    with pytest.raises(SystemExit) as exc:
        cli.main(["--until", "2026-13-01", "--store", str(path)])
    assert exc.value.code == 2


def test_cli_leaves_files_that_are_not_stores_alone(tmp_path, capsys):
    path = tmp_path / "thesis.docx"
    path.write_bytes(b"PK\x03\x04 not a database" * 100)
    assert cli.main(["--tickets", "10", "--store", str(path), "--force"]) == 2
    assert "not a Deskside store" in capsys.readouterr().err
    assert path.read_bytes().startswith(b"PK\x03\x04 not a database")


def test_cli_uses_the_default_store_and_reports_progress(capsys):
    assert cli.main(["--tickets", "30", "--until", "2026-11-01"]) == 0
    captured = capsys.readouterr()
    assert "tickets: 30/30" in captured.err
    assert cli.ticket_count(cli.default_store_path()) == 30


def test_seed_if_new_seeds_once(tmp_path):
    path = tmp_path / "first-start.sqlite3"
    assert cli.seed_if_new(path, tickets=50, seed=9) is True
    first = _checksum(path)
    assert cli.seed_if_new(path, tickets=50, seed=9) is False
    assert _checksum(path) == first
    assert cli.ticket_count(path) == 50
