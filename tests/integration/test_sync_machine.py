"""A Hypothesis state machine that drives several desks through the real client engine against a real
server: edits, notes, hand-overs, a manager's deletes, desks going offline, replies lost after the
server committed, syncs in any order. Then the network heals, everyone syncs until quiet, and the
promises are checked: every mutation has a receipt (and a record when it was not applied), no note
twice anywhere, and once each user has discarded their refused work, every desk holds exactly its
user's view of the server.

`make test` runs a short pass; `make soak` (marker `soak`) a long one.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections import Counter
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule, run_state_machine_as_test
from sqlalchemy import create_engine, func, select, text

from app.credentials import MemoryTokenStore
from app.models import OutboxMutation, SyncConflict, SyncReceipt, Ticket, WorklogEntry
from app.people import reference
from app.store import Store
from app.sync import refused_work as refusals
from app.sync.client import SyncClient
from app.sync.engine import sync_once
from app.sync.errors import Offline
from app.tickets import worklog
from app.tickets import writes as tickets
from core.errors import NotFoundError, StaleEditError, ValidationError
from tests.conftest import store_from
from tests.integration.proxy import Proxy
from tests.server.conftest import PASSWORD

NAMES = ("ann", "ben", "carl")
COMPARED = ("number", "title", "description", "impact", "urgency", "priority", "state", "is_open", "group_id",
            "assignee_id")
_serial = itertools.count()
SEEN: Counter[str] = Counter()  # what the runs went through; printed at the end (pytest -s shows it)


def event(what: str) -> None:
    SEEN[what] += 1


@dataclass
class Desk:
    name: str
    store: Store
    client: SyncClient
    proxy: Proxy
    queued: set[str] = field(default_factory=set)

    @property
    def me(self) -> str:
        return self.client.account.person_id


def _words() -> st.SearchStrategy[str]:
    return st.text(alphabet="abcdefgh \u00e9\u4e2d", min_size=1, max_size=12).map(lambda s: s.strip() or "x")


EDITS = st.one_of(
    st.tuples(st.just("title"), _words()),
    st.tuples(st.just("description"), _words()),
    st.tuples(st.just("impact"), st.integers(1, 3)),
    st.tuples(st.just("urgency"), st.integers(1, 3)),
    st.just(("state", "in_progress")),
    st.just(("group_id", "other")),
)


class SyncMachine(RuleBasedStateMachine):
    desk = None  # set by the test: the running server (tests.server.conftest.Desk)
    folder = None
    template = None  # an empty store to copy (tests.conftest.store_template)

    def __init__(self) -> None:
        super().__init__()
        self.desks: dict[str, Desk] = {}
        self.deleted: set[str] = set()
        self.groups: dict[str, str] = {}
        tag = uuid.uuid4().hex[:8]
        for name in NAMES:
            proxy = Proxy(self.desk.url)
            client = SyncClient(proxy.url, tokens=MemoryTokenStore())
            client.sign_in(name, PASSWORD)
            store = store_from(self.template, self.folder / f"{name}-{tag}.sqlite3")
            d = Desk(name, store, client, proxy)
            self.desks[name] = d
            sync_once(store, client, attachments=False)
            with store.session() as s:
                reference.set_current_user(s, person_id=d.me)
            self.groups[name] = client.account.group_ids[0]
        self.manager = self.desk.sign_in("mia")

    # --- local work -------------------------------------------------------------------------------

    def _local_ids(self, d: Desk) -> list[str]:
        with d.store.session() as s:
            return sorted(s.scalars(select(Ticket.id)))

    def _note_queued(self, d: Desk) -> None:
        with d.store.session() as s:
            d.queued |= set(s.scalars(select(OutboxMutation.mutation_id)))

    @rule(name=st.sampled_from(NAMES), title=_words())
    def create(self, name: str, title: str) -> None:
        d = self.desks[name]
        with d.store.session() as s:
            tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=d.me, group_id=self.groups[name])
        self._note_queued(d)

    @rule(name=st.sampled_from(NAMES), pick=st.integers(0, 10_000), edit=EDITS)
    def edit(self, name: str, pick: int, edit: tuple) -> None:
        d = self.desks[name]
        ids = self._local_ids(d)
        if not ids:
            return
        field_name, value = edit
        if field_name == "group_id":
            value = self.groups["carl"] if self.groups[name] != self.groups["carl"] else self.groups["ann"]
        try:
            with d.store.session() as s:
                tickets.update_ticket(s, ticket_id=ids[pick % len(ids)], changes={field_name: value}, actor_id=d.me)
        except (ValidationError, StaleEditError, NotFoundError):
            return  # refused locally (a move the workflow forbids): nothing queued
        self._note_queued(d)

    @rule(name=st.sampled_from(NAMES), pick=st.integers(0, 10_000))
    def note(self, name: str, pick: int) -> None:
        d = self.desks[name]
        ids = self._local_ids(d)
        if ids:
            with d.store.session() as s:
                worklog.add_worklog(s, ticket_id=ids[pick % len(ids)], kind="note", body=f"note {next(_serial)}",
                                    actor_id=d.me)
            self._note_queued(d)

    @rule(pick=st.integers(0, 10_000))
    def manager_deletes(self, pick: int) -> None:
        known = sorted({t for d in self.desks.values() for t in self._local_ids(d)} - self.deleted)
        if known:
            tid = known[pick % len(known)]
            receipt = self.manager.push(self.manager.mutation("ticket", tid, "delete", {}))[0]
            if receipt["status"] == "applied":
                self.deleted.add(tid)
                event("a manager deleted a ticket")

    # --- network ----------------------------------------------------------------------------------

    @rule(name=st.sampled_from(NAMES), mode=st.sampled_from(["up", "down", "lose_reply"]))
    def network(self, name: str, mode: str) -> None:
        self.desks[name].proxy.mode = mode

    @rule(name=st.sampled_from(NAMES))
    def sync(self, name: str) -> None:
        d = self.desks[name]
        expect_failure = d.proxy.mode != "up"
        try:
            sync_once(d.store, d.client, attachments=False)
        except Offline:
            assert expect_failure, "offline although the network was up"
            event("a sync failed: " + d.proxy.mode)

    # --- heal and check ---------------------------------------------------------------------------

    def _heal(self) -> None:
        for d in self.desks.values():
            d.proxy.mode = "up"
        self._quiet()
        # Refused work stays shown on a desk until its user decides; here each user discards it, after
        # which every desk must hold exactly the server's rows.
        for d in self.desks.values():
            with d.store.session() as s:
                ids = list(s.scalars(select(SyncConflict.id).where(SyncConflict.kind == "rejected",
                                                                   SyncConflict.status == "open")))
            for conflict_id in ids:
                try:
                    with d.store.session() as s:
                        refusals.discard(s, conflict_id=conflict_id)
                except NotFoundError:
                    continue  # settled with its ticket's refused create
                event("a refusal discarded")
        self._quiet()

    def _quiet(self) -> None:
        for _round in range(10):
            busy = False
            for d in self.desks.values():
                report = sync_once(d.store, d.client, attachments=False)
                busy |= bool(report.pushed or report.pulled_changes)
            if not busy:
                return
        raise AssertionError("the desks did not become quiet after the network healed")

    def _server_view(self, d: Desk) -> tuple[dict[str, tuple], set[str]]:
        engine = create_engine(self.desk.database_url)
        try:
            with engine.connect() as conn:
                groups = [g for (g,) in conn.execute(text("SELECT group_id FROM group_member WHERE person_id = :p"),
                                                     {"p": d.me})]
                rows = conn.execute(text(f"SELECT id, {', '.join(COMPARED)} FROM ticket")).all()
                group_at, assignee_at = COMPARED.index("group_id") + 1, COMPARED.index("assignee_id") + 1
                visible = {r[0]: tuple(r[1:]) for r in rows if r[group_at] in groups or r[assignee_at] == d.me}
                notes = {i for i, t in conn.execute(text("SELECT id, ticket_id FROM worklog_entry")) if t in visible}
                twice = conn.execute(text("SELECT body FROM worklog_entry GROUP BY body HAVING count(*) > 1")).all()
                assert twice == [], f"notes on the server twice: {twice}"
            return visible, notes
        finally:
            engine.dispose()

    def _check(self) -> None:
        for d in self.desks.values():
            with d.store.session() as s:
                assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 0
                receipts = dict(s.execute(select(SyncReceipt.mutation_id, SyncReceipt.status)).all())
                for status in receipts.values():
                    event(f"receipt {status}")
                recorded = set(s.scalars(select(SyncConflict.mutation_id)))
                missing = d.queued - set(receipts) - recorded
                assert not missing, f"{d.name}: mutations without receipt or record: {missing}"
                unrecorded = {m for m, st_ in receipts.items() if st_ in ("conflict", "rejected")} - recorded
                assert not unrecorded, f"{d.name}: refusals without a record: {unrecorded}"
                twice = s.execute(select(WorklogEntry.body).group_by(WorklogEntry.body)
                                  .having(func.count() > 1)).all()
                assert twice == [], f"{d.name}: notes twice: {twice}"
                local = {t.id: tuple(getattr(t, c) for c in COMPARED) for t in s.scalars(select(Ticket))}
                notes = set(s.scalars(select(WorklogEntry.id)))
            visible, server_notes = self._server_view(d)
            assert local == visible, f"{d.name} differs from the server"
            assert notes == server_notes, f"{d.name}: notes differ from the server"

    def teardown(self) -> None:
        try:
            self._heal()
            self._check()
        finally:
            self.manager.close()
            for d in self.desks.values():
                d.client.close()
                d.store.close()
                d.proxy.close()


def _run(desk, folder, template, *, examples: int, steps: int) -> None:
    SyncMachine.desk, SyncMachine.folder, SyncMachine.template = desk, folder, template
    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


def test_desks_driven_through_the_engine_converge_and_lose_nothing(desk, tmp_path, store_template):
    _run(desk, tmp_path, store_template, examples=4, steps=30)
    print(dict(SEEN))


@pytest.mark.soak
def test_soak_desks_converge_over_many_long_runs(desk, tmp_path, store_template):
    _run(desk, tmp_path, store_template, examples=int(os.environ.get("DESKSIDE_SOAK_EXAMPLES", "200")), steps=40)
    print(dict(SEEN))
