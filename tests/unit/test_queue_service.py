"""The queue: every filter, every sort both ways, counts, display rows, and query plans on indexes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import and_, event, select, text

from app.models import Category, Group, Person, Service, Ticket
from app.people import reference
from app.store import open_store
from app.tickets import queue, worklog
from app.tickets import writes as tickets
from app.tickets.queue import (
    BUILTIN_VIEWS,
    ME,
    MY_GROUPS,
    NAME_SORTS,
    SLA_DUE_SORT,
    SORTS,
    UNASSIGNED,
    QueueFilter,
    QueueSort,
)
from tests.unit.factories import make_desk, path_to, required_fields

NOW = datetime.now(UTC).replace(microsecond=0)
DEFAULT_SORT = QueueSort()


@dataclass
class Truth:
    """What the test put in, per row id, to compute every expected answer in Python."""

    rows: dict[int, dict]
    me: str
    ids: dict[str, str]  # symbolic name -> person/group id
    names: dict[str | None, str]


# (type, state, impact, urgency, group, assignee, requester, channel, title, created days ago, updated days ago)
SPEC = [
    ("incident", "new", 1, 1, "desk", "me", "rita", "email", "Printer jams on floor 2", 10, 0.5),
    ("incident", "in_progress", 2, 2, "desk", "alice", "rita", "phone", "VPN drops every hour", 9, 1),
    ("incident", "on_hold", 3, 3, "network", "bob", None, "portal", "Switch port flapping", 8, 1),
    ("incident", "resolved", 2, 1, "network", "me", "rita", "chat", "Wifi slow in lobby", 7, 2),
    ("incident", "closed", 1, 2, "desk", None, None, "email", "Old printer removed", 40, 35),
    ("service_request", "new", 3, 3, "desk", None, "rita", "portal", "New laptop for Sam", 6, 3),
    ("service_request", "awaiting_approval", 2, 3, "facilities", None, "rita", "portal", "Desk chair", 5, 0.5),
    ("service_request", "fulfilled", 3, 2, None, None, None, "walk_in", "Monitor cable", 30, 20),
    ("service_request", "canceled", 3, 3, "network", "bob", "rita", "email", "Firewall rule", 4, 2),
    ("problem", "new", 1, 1, None, None, None, "monitoring", "Recurring printer spooler crash", 3, 0.5),
    ("problem", "root_cause_analysis", 2, 2, "network", "me", None, "monitoring", "Core switch reboots", 2, 1),
    ("problem", "closed", 3, 3, "desk", "alice", None, "email", "Mail queue backlog", 60, 50),
]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("queue") / "store.sqlite3")
    with st.session() as s:
        me = reference.ensure_local_user(s, name="Me Myself")
        desk = make_desk(s, me)
        facilities = Group(name="Facilities")
        cat, svc = Category(name="Hardware"), Service(name="Email")
        s.add_all([facilities, cat, svc])
        s.flush()
        ids = {"me": me, "alice": desk.alice, "bob": desk.bob, "rita": desk.requester, "desk": desk.desk,
               "network": desk.network, "facilities": facilities.id, None: None}
        rows = {}
        for i, (kind, state, imp, urg, group, assignee, requester, channel, title, created, updated) in \
                enumerate(SPEC):
            t = tickets.create_ticket(s, ticket_type=kind, title=title, actor_id=me, impact=imp, urgency=urg,
                                      group_id=ids[group], requester_id=ids[requester], channel=channel,
                                      category_id=cat.id if i % 2 else None, service_id=svc.id if i % 3 else None)
            if assignee:
                tickets.update_ticket(s, ticket_id=t.id, changes={"assignee_id": ids[assignee]}, actor_id=me)
            for step in path_to(kind, state):
                tickets.update_ticket(s, ticket_id=t.id, actor_id=me,
                                      changes={"state": step, **required_fields(step, kind)})
            if i == 1:
                worklog.add_worklog(s, ticket_id=t.id, kind="note", body="Replaced the toner cartridge", actor_id=me)
            t.created_at = NOW - timedelta(days=created)
            # Pairs of rows share updated_at so that the row id tiebreak is exercised.
            t.updated_at = NOW - timedelta(days=updated)
            s.flush()
            rows[t.row_id] = {
                "id": t.id, "number": t.number, "type": kind, "title": title, "state": state,
                "priority": t.priority, "group_id": ids[group], "assignee_id": ids[assignee],
                "requester_id": ids[requester], "channel": channel, "created_at": t.created_at,
                "updated_at": t.updated_at, "is_open": t.is_open, "category": "Hardware" if i % 2 else "",
                "service": "Email" if i % 3 else "",
            }
        names = {None: None}
        for p in s.query(Person):
            names[p.id] = p.name
        for g in s.query(Group):
            names[g.id] = g.name
    yield st, Truth(rows=rows, me=me, ids=ids, names=names)
    st.close()


def _ids(st, truth, flt, sort=DEFAULT_SORT, me=ME, has_fts=None):
    me = truth.me if me is ME else me
    with st.session() as s:
        ids = list(queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=st.has_fts if has_fts is None else has_fts))
        count = queue.count_tickets(s, flt=flt, me=me, has_fts=st.has_fts if has_fts is None else has_fts)
    assert count == len(ids)
    return ids


def _expect(truth, predicate) -> set[int]:
    return {rid for rid, r in truth.rows.items() if predicate(r)}


FILTERS = {
    "everything": (QueueFilter(), lambda r, t: True),
    "incidents": (QueueFilter(types=("incident",)), lambda r, t: r["type"] == "incident"),
    "requests_and_problems": (QueueFilter(types=("service_request", "problem")),
                              lambda r, t: r["type"] != "incident"),
    "state_new": (QueueFilter(states=("new",)), lambda r, t: r["state"] == "new"),
    "state_closed_or_canceled": (QueueFilter(states=("closed", "canceled")),
                                 lambda r, t: r["state"] in ("closed", "canceled")),
    "p1_p2": (QueueFilter(priorities=(1, 2)), lambda r, t: r["priority"] in (1, 2)),
    "p5": (QueueFilter(priorities=(5,)), lambda r, t: r["priority"] == 5),
    "group_desk": (QueueFilter(group_ids=("desk",)), lambda r, t: r["group_id"] == t.ids["desk"]),
    "my_groups": (QueueFilter(group_ids=(MY_GROUPS,)),
                  lambda r, t: r["group_id"] in (t.ids["desk"], t.ids["network"])),
    "my_groups_and_facilities": (QueueFilter(group_ids=(MY_GROUPS, "facilities")),
                                 lambda r, t: r["group_id"] is not None),
    "assignee_me": (QueueFilter(assignee_ids=(ME,)), lambda r, t: r["assignee_id"] == t.me),
    "assignee_alice": (QueueFilter(assignee_ids=("alice",)), lambda r, t: r["assignee_id"] == t.ids["alice"]),
    "unassigned": (QueueFilter(assignee_ids=(UNASSIGNED,)), lambda r, t: r["assignee_id"] is None),
    "me_or_unassigned": (QueueFilter(assignee_ids=(ME, UNASSIGNED)),
                         lambda r, t: r["assignee_id"] in (None, t.me)),
    "open": (QueueFilter(open_only=True), lambda r, t: r["is_open"]),
    "not_open": (QueueFilter(open_only=False), lambda r, t: not r["is_open"]),
    "updated_7_days": (QueueFilter(updated_within_days=7), lambda r, t: r["updated_at"] >= NOW - timedelta(days=7)),
    "text_printer": (QueueFilter(text="printer"), lambda r, t: "printer" in r["title"].lower()),
    "text_two_words": (QueueFilter(text="printer floor"), lambda r, t: r["title"].startswith("Printer jams")),
    "text_worklog": (QueueFilter(text="toner"), lambda r, t: r["title"].startswith("VPN")),
    "combined": (QueueFilter(types=("incident",), open_only=True, group_ids=(MY_GROUPS,), assignee_ids=(ME,)),
                 lambda r, t: r["type"] == "incident" and r["is_open"] and r["assignee_id"] == t.me),
}


def _resolve(flt: QueueFilter, truth: Truth) -> QueueFilter:
    """Symbolic names in the table above to real ids."""

    def sub(values):
        return tuple(truth.ids.get(v, v) for v in values)

    return QueueFilter(types=flt.types, states=flt.states, priorities=flt.priorities,
                       group_ids=sub(flt.group_ids), assignee_ids=sub(flt.assignee_ids), open_only=flt.open_only,
                       updated_within_days=flt.updated_within_days, text=flt.text)


@pytest.mark.parametrize("has_fts", [True, False], ids=["fts", "like"])
@pytest.mark.parametrize("name", sorted(FILTERS))
def test_filter_gives_exactly_the_expected_rows(data, name, has_fts):
    st, truth = data
    if has_fts and not st.has_fts:
        pytest.skip("this SQLite has no FTS5")
    flt, predicate = FILTERS[name]
    got = _ids(st, truth, _resolve(flt, truth), has_fts=has_fts)
    expected = _expect(truth, lambda r: predicate(r, truth))
    assert expected, "a filter test must expect some rows"
    assert sorted(got) == sorted(expected)
    assert len(got) == len(set(got))


def test_filters_that_match_nothing(data):
    st, truth = data
    assert _ids(st, truth, QueueFilter(types=("change",))) == []
    assert _ids(st, truth, QueueFilter(group_ids=("no-such-group",))) == []
    assert _ids(st, truth, QueueFilter(text="zebra")) == []
    # Without a current user, "my groups" and "me" are nobody's.
    assert _ids(st, truth, QueueFilter(group_ids=(MY_GROUPS,)), me=None) == []
    assert _ids(st, truth, QueueFilter(assignee_ids=(ME,)), me=None) == []


# Views with named conditions (Breaching soon) are checked by their owners' tests (test_sla_queue.py).
PLAIN_VIEWS = [v for v in BUILTIN_VIEWS if not v.filter.conditions]


@pytest.mark.parametrize("view", PLAIN_VIEWS, ids=[v.key for v in PLAIN_VIEWS])
def test_builtin_views(data, view):
    st, truth = data
    got = _ids(st, truth, view.filter, view.sort)
    f = view.filter
    expected = _expect(truth, lambda r: (
        (f.open_only is None or r["is_open"] == f.open_only)
        and (not f.types or r["type"] in f.types)
        and (not f.assignee_ids or r["assignee_id"] in {truth.me if a == ME else None for a in f.assignee_ids})
        and (not f.group_ids or r["group_id"] in (truth.ids["desk"], truth.ids["network"]))
        and (not f.updated_within_days or r["updated_at"] >= NOW - timedelta(days=f.updated_within_days))))
    assert sorted(got) == sorted(expected) and got


ID_OF = {"group": "group_id", "assignee": "assignee_id", "requester": "requester_id"}


def _sort_value(truth: Truth, row: dict, key: str, due: dict[str, str]):
    if key in NAME_SORTS:
        return truth.names[row[ID_OF[key]]]
    if key == SLA_DUE_SORT:  # the due time of the clock due first; no running clock sorts last
        return due.get(row["id"]) or "9999-12-31"
    return row[key]


def _due_times(st) -> dict[str, str]:
    with st.session() as s:
        return dict(s.execute(text("SELECT ticket_id, due_at FROM ticket_sla")).all())


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", sorted(SORTS))
def test_every_sort_orders_with_a_stable_tiebreak(data, key, descending):
    st, truth = data
    got = _ids(st, truth, QueueFilter(), QueueSort(key, descending))
    # SQLite puts NULL first ascending (last descending), and breaks ties by row id in the same direction.
    due = _due_times(st)
    decorated = [((_sort_value(truth, r, key, due) is not None, _sort_value(truth, r, key, due) or 0), rid)
                 for rid, r in truth.rows.items()]
    expected = [rid for _, rid in sorted(decorated, reverse=descending)]
    assert got == expected
    assert got == _ids(st, truth, QueueFilter(), QueueSort(key, descending))  # the same every time
    with st.session() as s:  # the first page, by whichever plan, is the head of the full order
        assert list(queue.ticket_ids(s, flt=QueueFilter(), sort=QueueSort(key, descending), me=truth.me,
                                     has_fts=st.has_fts, limit=5)) == expected[:5]


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
@pytest.mark.parametrize("key", sorted(SORTS))
def test_the_full_id_list_is_read_as_one_text_in_the_order_of_its_rows(data, key, descending):
    """One statement gives the whole list as one text (SQLite builds it in one step, the interpreter lock free
    meanwhile): the order is the ordered statement's, rows read one by one, with a search too."""
    st, truth = data
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()))

    sort = QueueSort(key, descending)
    for flt in (QueueFilter(), QueueFilter(text="printer"), QueueFilter(open_only=True)):
        with st.session() as s:
            clauses = queue.where_clauses(s, flt, me=truth.me, has_fts=st.has_fts)
            rows = [r for (r,) in s.execute(queue._ordered(select(Ticket.row_id).where(and_(True, *clauses)), sort))]
            seen.clear()
            event.listen(st.engine, "before_cursor_execute", grab)
            try:
                got = list(queue.ticket_ids(s, flt=flt, sort=sort, me=truth.me, has_fts=st.has_fts))
            finally:
                event.remove(st.engine, "before_cursor_execute", grab)
        assert got == rows and rows
        [read] = [q for q in seen if "FROM ticket" in q and "ORDER BY" in q]
        assert read.startswith("SELECT group_concat(") and read.endswith(f"AS {queue.ALL_IDS}"), read


def test_some_tickets_have_a_running_sla_clock(data):
    """Else the SLA due sort above would only see the "no clock" key."""
    st, _ = data
    assert any(v is not None for v in _due_times(st).values())


def test_an_unknown_sort_key_falls_back_to_updated(data):
    st, truth = data
    assert _ids(st, truth, QueueFilter(), QueueSort("bogus", True)) == \
        _ids(st, truth, QueueFilter(), QueueSort("updated_at", True))


def test_limit_gives_the_first_rows_in_order(data):
    st, truth = data
    full = _ids(st, truth, QueueFilter(), QueueSort("priority", False))
    with st.session() as s:
        first = list(queue.ticket_ids(s, flt=QueueFilter(), sort=QueueSort("priority", False), me=truth.me,
                                      has_fts=st.has_fts, limit=5))
    assert first == full[:5]


def test_queue_rows_show_display_values(data):
    st, truth = data
    with st.session() as s:
        rows = queue.queue_rows(s, row_ids=list(truth.rows))
        assert queue.queue_rows(s, row_ids=[]) == {}
        assert queue.ids_for_rows(s, row_ids=list(truth.rows)) == {rid: r["id"] for rid, r in truth.rows.items()}
    assert set(rows) == set(truth.rows)
    for rid, r in truth.rows.items():
        q = rows[rid]
        assert (q.row_id, q.id, q.number, q.type, q.title, q.state, q.priority, q.channel) == \
            (rid, r["id"], r["number"], r["type"], r["title"], r["state"], r["priority"], r["channel"])
        assert q.group == (truth.names[r["group_id"]] or "")
        assert q.assignee == (truth.names[r["assignee_id"]] or "")
        assert q.requester == (truth.names[r["requester_id"]] or "")
        assert (q.category, q.service) == (r["category"], r["service"])
        assert (q.created_at, q.updated_at, q.is_open) == (r["created_at"], r["updated_at"], r["is_open"])
        assert q.state_label and q.state_label[0].isupper()
    labels = {rows[rid].state: rows[rid].state_label for rid in rows}
    assert labels["root_cause_analysis"] == "Root Cause Analysis"
    assert labels["awaiting_approval"] == "Awaiting Approval"


def test_a_ticket_without_a_number_shows_as_draft(store, me):
    with store.session() as s:
        t = tickets.create_ticket(s, ticket_type="incident", title="draft", actor_id=me)
        t.number = None
        s.flush()
        assert queue.queue_rows(s, row_ids=[t.row_id])[t.row_id].number == "Draft"


def test_filter_round_trips_through_a_dict(data):
    flt = QueueFilter(types=("incident",), priorities=(1, 2), assignee_ids=(ME, UNASSIGNED), open_only=True,
                      updated_within_days=3, text="vpn")
    assert QueueFilter.from_dict(flt.to_dict()) == flt


@pytest.mark.parametrize("garbage", [
    {"types": "incident", "priorities": ["1", None, 2, True], "text": 5, "open_only": "yes",
     "updated_within_days": "7", "group_ids": [None, {}, "g"], "assignee_ids": 3},
    {"updated_within_days": -3, "open_only": 1},
    {"updated_within_days": 10 ** 9, "text": None, "states": [["nested"]]},
    {"unknown": 1},
])
def test_a_mangled_filter_dict_gives_a_filter_the_queue_can_run(data, garbage):
    st, truth = data
    flt = QueueFilter.from_dict(garbage)
    assert isinstance(flt.text, str)
    assert flt.open_only in (None, True, False)
    assert all(isinstance(p, int) and not isinstance(p, bool) for p in flt.priorities)
    for values in (flt.types, flt.states, flt.group_ids, flt.assignee_ids):
        assert all(isinstance(v, str) for v in values)
    _ids(st, truth, flt)


# --- query plans ---------------------------------------------------------------------------------

MAIN_VIEWS = {
    "all_open_by_updated": (QueueFilter(open_only=True), QueueSort("updated_at", True)),
    "my_open_by_updated": (QueueFilter(assignee_ids=(ME,), open_only=True), QueueSort("updated_at", True)),
    "all_open_by_priority": (QueueFilter(open_only=True), QueueSort("priority", False)),
    "all_open_by_priority_desc": (QueueFilter(open_only=True), QueueSort("priority", True)),
    "all_open_by_created": (QueueFilter(open_only=True), QueueSort("created_at", True)),
    "all_open_by_created_asc": (QueueFilter(open_only=True), QueueSort("created_at", False)),
    "all_by_updated": (QueueFilter(), QueueSort("updated_at", True)),
    "all_by_created": (QueueFilter(), QueueSort("created_at", False)),
}


def _plan_of_ticket_ids(st, me, flt, sort) -> list[str]:
    """The plan SQLite makes for the exact statement ticket_ids runs (caught on its way to the driver)."""
    seen = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(st.engine, "before_cursor_execute", grab)
    try:
        with st.session() as s:
            queue.ticket_ids(s, flt=flt, sort=sort, me=me, has_fts=st.has_fts)
    finally:
        event.remove(st.engine, "before_cursor_execute", grab)
    [(statement, parameters)] = [(q, p) for q, p in seen if "FROM ticket" in q and "ORDER BY" in q]
    with st.session() as s:
        return [r[3] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]


@pytest.mark.parametrize("name", sorted(MAIN_VIEWS))
def test_main_views_read_an_index_in_order(data, name):
    st, truth = data
    flt, sort = MAIN_VIEWS[name]
    plan = _plan_of_ticket_ids(st, truth.me, flt, sort)
    ticket_steps = [p for p in plan if "ticket" in p.split()]
    assert ticket_steps and all("INDEX" in p for p in ticket_steps), plan
    assert not any(p.strip() == "SCAN ticket" for p in plan), plan
    assert not any("TEMP B-TREE" in p for p in plan), plan


def test_the_hand_written_main_query_uses_the_open_index(data):
    st, _ = data
    with st.session() as s:
        plan = [r[3] for r in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT row_id FROM ticket WHERE is_open IS 1 ORDER BY priority, row_id"))]
    assert any("ix_ticket_open_priority" in p for p in plan), plan


def test_a_huge_updated_within_means_any_time(data):
    st, truth = data
    assert sorted(_ids(st, truth, QueueFilter(updated_within_days=10 ** 9))) == sorted(truth.rows)
