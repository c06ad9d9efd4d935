"""Macros and templates: what applying a macro to a big selection costs, and the composer picker's list read.

Builds a demo desk (default 5,000 tickets) and adds `--selection` open tickets in one group, then, each round:
applies the demo's "Escalate to Network" macro (group, assignee, urgency and an internal note expanded per
ticket) to the whole selection as one operation, undoes it, and for comparison runs the queue's plain bulk edit
of the same field changes (app.tickets.writes.bulk_update, no note) and its undo. Then times the template
picker's read (app.macros.queries.list_templates) against the same SQL through plain sqlite3 on the same file.
Prints medians, the ratios and the load average; never asserts."""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from app.demo.generator import generate
from app.macros import queries, run
from app.models import Group, Macro, StoreMeta
from app.store import open_store
from app.tickets import writes as tickets
from bench.measure import load_average, load_text

TEMPLATE_SQL = ("SELECT id, name, kind, body, owner_id, updated_at FROM reply_template "
                "WHERE owner_id IS NULL OR owner_id = ? ORDER BY owner_id IS NULL, name")


def _ms(fn) -> float:
    began = time.perf_counter()
    fn()
    return (time.perf_counter() - began) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--selection", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    load_before = load_average()
    path = Path(tempfile.mkdtemp()) / "macro-bench.sqlite3"
    generate(path, tickets=args.tickets, seed=5)
    store = open_store(path)
    with store.session() as s:
        me = s.scalar(select(StoreMeta.value).where(StoreMeta.key == "current_user"))
        desk = s.scalar(select(Group.id).where(Group.name == "Service Desk"))
        macro = s.scalar(select(Macro).where(Macro.name == "Escalate to Network"))
        assert macro is not None
        macro_id, changes = macro.id, json.loads(macro.changes)
        ids = [tickets.create_ticket(s, ticket_type="incident", title=f"Bench {i}", actor_id=me, group_id=desk).id
               for i in range(args.selection)]
    figures: dict[str, list[float]] = {"macro": [], "macro undo": [], "bulk edit": [], "bulk undo": []}

    def timed(name: str, fn):
        """Run fn(session) in one transaction, commit included, and record its milliseconds."""
        began = time.perf_counter()
        with store.session() as s:
            out = fn(s)
        figures[name].append((time.perf_counter() - began) * 1000)
        return out

    for _ in range(args.rounds):
        done = timed("macro", lambda s: run.apply_macro(s, macro_id=macro_id, ticket_ids=ids, actor_id=me))
        timed("macro undo", lambda s, b=done.batch_id: run.undo_macro(s, batch_id=b, actor_id=me))
        done = timed("bulk edit", lambda s: tickets.bulk_update(s, ticket_ids=ids, changes=changes, actor_id=me))
        timed("bulk undo", lambda s, b=done.batch_id: tickets.undo_batch(s, batch_id=b, actor_id=me))
    picker, plain = [], []
    con = sqlite3.connect(path)
    for _ in range(200):
        with store.session() as s:
            picker.append(_ms(lambda s=s: queries.list_templates(s, me=me)))
        plain.append(_ms(lambda: con.execute(TEMPLATE_SQL, (me,)).fetchall()))
    con.close()
    store.close()
    med = {k: statistics.median(v) for k, v in figures.items()}
    print(f"Macro on {args.selection} tickets (demo of {args.tickets}), median of {args.rounds} rounds")
    for name, value in med.items():
        print(f"  {name:<11} {value:9.1f} ms  ({value / args.selection:.2f} ms a ticket)")
    print(f"  macro / bulk edit of the same fields: {med['macro'] / med['bulk edit']:.2f}")
    p, q = statistics.median(picker), statistics.median(plain)
    print(f"Template picker list: {p:.2f} ms; the same SQL in plain sqlite3 {q:.3f} ms; ratio {p / q:.1f}")
    print(f"Load average before {load_text(load_before)}, after {load_text(load_average())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
