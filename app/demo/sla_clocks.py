"""The demo's SLA clocks, measured chunk by chunk from the rows the generator made, in a second process.

The clocks of a ticket depend only on its own columns and its state changes, which the generator has in
memory when it writes a chunk: measuring them there, beside the writer, replaces a pass that read every
ticket and its audit trail back after the load (most of the 1M load's time). The rows are the ones
app.sla.tracking.fill_ticket_sla would write over the finished store (tests/unit/test_demo_sla.py).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO

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


class Clocks:
    """Measures chunks while the writer goes on: `take` the rows of the chunk submitted before (waiting for
    them), then `submit` the next. Big loads measure in a second interpreter (`python -m app.demo.sla_clocks`,
    pickles over its stdin and stdout): not a fork, as the caller may have threads (the app's database worker),
    and not multiprocessing's spawn, which would import the caller's main module again."""

    def __init__(self, policies: tuple[LoadedPolicy, ...], *, tickets: int, now: datetime) -> None:
        self.policies, self.now = policies, now
        self.ready: list[tuple] = []
        self.waiting = 0
        self.proc: subprocess.Popen | None = None
        if tickets >= PROCESS_FROM and not getattr(sys, "frozen", False):
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
            self.proc = subprocess.Popen([sys.executable, "-m", "app.demo.sla_clocks"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, env=env)
            self._send((policies, now))

    def _send(self, value: object) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        pickle.dump(value, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.flush()

    def submit(self, tickets: Iterable[tuple], audit: Iterable[tuple]) -> None:
        picked, history = inputs(tickets, audit)
        if self.proc is None:
            self.ready.extend(sla_rows(self.policies, picked, history, now=self.now))
        else:
            self._send((picked, history))
            self.waiting += 1

    def take(self) -> list[tuple]:
        """The rows of every chunk submitted so far."""
        rows, self.ready = self.ready, []
        while self.waiting:
            assert self.proc is not None and self.proc.stdout is not None
            try:
                rows.extend(pickle.load(self.proc.stdout))
            except EOFError:
                raise RuntimeError("The process measuring the demo's SLA clocks stopped (its error is above).") \
                    from None
            self.waiting -= 1
        return rows

    def close(self) -> None:
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        assert proc.stdin is not None and proc.stdout is not None
        with contextlib.suppress(OSError):  # it stopped already
            proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """The second interpreter: (policies, now), then one chunk's (tickets, history) after another until the
    input ends; answers each with its rows."""
    policies, now = pickle.load(stdin)
    while True:
        try:
            tickets, history = pickle.load(stdin)
        except EOFError:
            return
        pickle.dump(sla_rows(policies, tickets, history, now=now), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
