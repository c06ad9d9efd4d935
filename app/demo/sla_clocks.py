"""The demo's SLA clocks, measured chunk by chunk from the rows the generator made, in a second process.

The clocks of a ticket depend only on its own columns and its state changes, which the generator has in
memory when it writes a chunk: measuring them there, beside the writer, replaces a pass that read every
ticket and its audit trail back after the load (most of the 1M load's time). The rows are the ones
app.sla.tracking.fill_ticket_sla would write over the finished store (tests/unit/test_demo_sla.py).
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import datetime

from app.sla.policies import LoadedPolicy
from app.sla.tracking import INSERT_SLA, sla_rows

# Ticket tuple positions (generator.COLUMNS["ticket"]) of what the clocks read, in sla_rows' order:
# row_id id type priority service_id created_at first_response_at resolved_at state closed_at.
TICKET_FIELDS = (0, 1, 2, 11, 14, 20, 22, 23, 6, 24)
TYPE, SERVICE = 2, 14
# Below this many tickets the clocks are measured in the writer's process: starting a second interpreter
# costs more than it saves, and the app's first start (5,000 tickets, on its database thread) never forks.
PROCESS_FROM = 50_000


def inputs(tickets: Iterable[tuple], audit: Iterable[tuple]) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """(the clock inputs of `tickets`, their state changes {ticket id: [(at, old, new)]}) from one chunk's rows.

    Problems without a service are left out: the problem demo gives them the service of their incidents
    after the load (app.demo.problems), and their clocks are measured then (`measure_later`)."""
    picked = [tuple(t[i] for i in TICKET_FIELDS) for t in tickets if t[TYPE] != "problem" or t[SERVICE] is not None]
    history: dict[str, list[tuple]] = {}
    for _, entity, entity_id, field, old, new, _, at in audit:
        if field == "state" and entity == "ticket":
            history.setdefault(entity_id, []).append((at, old, new))
    return picked, history


def measure_later(con: sqlite3.Connection, policies: tuple[LoadedPolicy, ...], *, now: datetime) -> int:
    """Inside the caller's transaction: the clocks of the tickets `inputs` left out, from their stored rows
    (a few: problems without a service). Returns the rows written."""
    cols = ", ".join(("row_id", "id", "type", "priority", "service_id", "created_at", "first_response_at",
                      "resolved_at", "state", "closed_at"))
    tickets = con.execute(f"SELECT {cols} FROM ticket WHERE type = 'problem' AND id NOT IN "
                          "(SELECT ticket_id FROM ticket_sla) ORDER BY row_id").fetchall()
    history: dict[str, list[tuple]] = {}
    for tid, at, old, new in con.execute(
            "SELECT entity_id, at, old_value, new_value FROM audit_event WHERE field = 'state' AND entity = 'ticket' "
            "AND entity_id IN (SELECT id FROM ticket WHERE type = 'problem' AND id NOT IN "
            "(SELECT ticket_id FROM ticket_sla))"):
        history.setdefault(tid, []).append((at, old, new))
    rows = sla_rows(policies, tickets, history, now=now)
    con.executemany(INSERT_SLA, rows)
    return len(rows)


class _Here(Executor):
    """The clocks in the calling thread: for small loads and frozen bundles."""

    def __init__(self, policies: tuple[LoadedPolicy, ...]) -> None:
        self.policies = policies

    def submit(self, fn, /, *args, **kwargs) -> Future:  # type: ignore[override]
        future: Future = Future()
        future.set_result(fn(self.policies, *args, **kwargs))
        return future


_policies: tuple[LoadedPolicy, ...] = ()


def _init(policies: tuple[LoadedPolicy, ...]) -> None:
    global _policies
    _policies = policies


def _measure(tickets: list[tuple], history: dict[str, list[tuple]], *, now: datetime) -> list[tuple]:
    return sla_rows(_policies, tickets, history, now=now)


def _measure_here(policies: tuple[LoadedPolicy, ...], tickets: list[tuple], history: dict[str, list[tuple]], *,
                  now: datetime) -> list[tuple]:
    return sla_rows(policies, tickets, history, now=now)


class Clocks:
    """Measures chunks while the writer goes on: `submit` a chunk's rows, `take` the rows of the chunk
    submitted before (or of all, at the end). The second process is started with `spawn`: the caller may
    have threads (the app's database worker), which a fork would copy in any state."""

    def __init__(self, policies: tuple[LoadedPolicy, ...], *, tickets: int, now: datetime) -> None:
        self.now = now
        self.pending: list[Future] = []
        self.in_process = tickets >= PROCESS_FROM and not getattr(sys, "frozen", False)
        if self.in_process:
            self.pool: Executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                      initializer=_init, initargs=(policies,))
        else:
            self.pool = _Here(policies)

    def submit(self, tickets: Iterable[tuple], audit: Iterable[tuple]) -> None:
        picked, history = inputs(tickets, audit)
        fn = _measure if self.in_process else _measure_here
        self.pending.append(self.pool.submit(fn, picked, history, now=self.now))

    def take(self, *, keep: int = 1) -> list[tuple]:
        """The rows of every submitted chunk but the last `keep` (waiting for them)."""
        rows: list[tuple] = []
        while len(self.pending) > keep:
            rows.extend(self.pending.pop(0).result())
        return rows

    def close(self) -> None:
        for future in self.pending:
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)
