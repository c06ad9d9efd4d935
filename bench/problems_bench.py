"""Problem management on a large desk: similar incidents (the issue's goal: ≤ 100 ms p95 on 1M tickets),
the known-error match of the incident editor, and the problem views.

Uses the cached demo store (bench/cache.py, 1,000,000 tickets by default; built once, a few minutes), picks
reference tickets at random (incidents with and without a CI, and problems) and times each query as the
desk runs it, on a read-only session, then runs the same statements through plain sqlite3 on the same file
(the raw twin) and prints the ratio and the load average. Records the table in docs/PERFORMANCE.md; never
asserts. `python -m bench.problems_bench [--tickets N] [--runs N]`."""

from __future__ import annotations

import argparse
import random
import time

from sqlalchemy import select

from bench.cache import cached_store
from bench.measure import TABLE_HEAD, Figure, RawSql, SqlRecorder, load_average, load_text
from bench.report import record

GOAL_SIMILAR_MS = 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=60, help="reference tickets per similar-incidents figure")
    parser.add_argument("--no-record", action="store_true", help="print only; leave docs/PERFORMANCE.md alone")
    args = parser.parse_args(argv)

    from app.models import Ticket
    from app.problems.queries import find_problems, incident_problem, problem_list
    from app.problems.similar import similar_incidents
    from app.store import open_store

    path = cached_store(args.tickets, args.seed)
    store = open_store(path)
    recorder = SqlRecorder()
    recorder.install()
    raw = RawSql(path)
    rng = random.Random(args.seed)
    load_before = load_average()
    with store.session() as s:
        def sample(*where) -> list[str]:
            ids = list(s.scalars(select(Ticket.id).where(*where).order_by(Ticket.row_id.desc()).limit(20_000)))
            return rng.sample(ids, min(args.runs, len(ids)))

        with_ci = sample(Ticket.type == "incident", Ticket.ci_id.is_not(None))
        without_ci = sample(Ticket.type == "incident", Ticket.ci_id.is_(None))
        problems = sample(Ticket.type == "problem")
        total = s.scalar(select(Ticket.row_id).order_by(Ticket.row_id.desc()).limit(1)) or 0

    def timed(name: str, goal: float | None, calls: list) -> Figure:
        figure = Figure(name, goal)
        for call in calls:
            with store.session() as s, recorder.recording() as statements:
                t0 = time.perf_counter()
                call(s)
                ms = (time.perf_counter() - t0) * 1000
            figure.add(ms, raw.time_ms(list(statements)))
        return figure

    has_fts = store.has_fts
    figures = [
        timed("Similar incidents of an incident with a CI", GOAL_SIMILAR_MS,
              [lambda s, i=i: similar_incidents(s, ticket_id=i, has_fts=has_fts) for i in with_ci]),
        timed("Similar incidents of an incident without a CI", GOAL_SIMILAR_MS,
              [lambda s, i=i: similar_incidents(s, ticket_id=i, has_fts=has_fts) for i in without_ci]),
        timed("Similar incidents of a problem (its CIs, service, words)", GOAL_SIMILAR_MS,
              [lambda s, i=i: similar_incidents(s, ticket_id=i, has_fts=has_fts) for i in problems]),
        timed("Incident editor's problem strip (known-error match)", None,
              [lambda s, i=i: incident_problem(s, ticket_id=i) for i in with_ci[:20]]),
        *(timed(f"Problems page: {view} view (500 rows)", None,
                [lambda s, v=view: problem_list(s, view=v)] * 5) for view in ("problems", "known_errors", "majors")),
        timed("Known errors searched by a word", None,
              [lambda s: problem_list(s, view="known_errors", text="restart")] * 5),
        timed("Link to problem… picker: open problems", None, [lambda s: find_problems(s, text="")] * 5),
    ]
    load_after = load_average()
    raw.close()
    store.close()
    lines = [*TABLE_HEAD, *(f.row() for f in figures)]
    print("\n".join(lines))
    print(f"load average before: {load_text(load_before)}; after: {load_text(load_after)}")
    note = (f"`python -m bench.problems_bench --tickets {args.tickets} --runs {args.runs}` on the cached demo desk "
            f"({total:,} tickets, seed {args.seed}); each similar-incidents run is a different reference ticket. "
            f"Load average before {load_text(load_before)}, after {load_text(load_after)}. * = taken while the "
            "load exceeded the core count.")
    if not args.no_record:
        record("problems", "Problem management", lines, note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
