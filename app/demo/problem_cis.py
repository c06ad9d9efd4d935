"""Demo problems' other affected CIs (problem_ci): each problem affects one to three CIs in all, its primary
one (ticket.ci_id) first; the others are the next CIs its incidents share most, else CIs of its service."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter


def add_problem_cis(con: sqlite3.Connection, *, seed: int) -> int:
    """Fill problem_ci for the demo's problems; returns the rows written."""
    rng = random.Random(f"problem-cis-{seed}")
    by_problem: dict[str, Counter] = {}
    for problem_id, ci_id in con.execute("SELECT problem_id, ci_id FROM ticket WHERE problem_id IS NOT NULL "
                                         "AND ci_id IS NOT NULL ORDER BY row_id"):
        by_problem.setdefault(problem_id, Counter())[ci_id] += 1
    by_service: dict[str, list[str]] = {}
    for ci_id, service_id in con.execute("SELECT id, service_id FROM configuration_item "
                                         "WHERE service_id IS NOT NULL ORDER BY id"):
        by_service.setdefault(service_id, []).append(ci_id)
    rows: list[tuple[str, str]] = []
    for pid, primary, service_id in con.execute("SELECT id, ci_id, service_id FROM ticket WHERE type = 'problem' "
                                                "ORDER BY row_id").fetchall():
        wanted = rng.choice((1, 2, 2, 3)) - (1 if primary else 0)
        others = [c for c, _ in by_problem.get(pid, Counter()).most_common() if c != primary][:wanted]
        pool = [c for c in by_service.get(service_id, []) if c != primary and c not in others]
        others += rng.sample(pool, min(len(pool), wanted - len(others))) if wanted > len(others) else []
        rows.extend((pid, c) for c in others)
    con.executemany("INSERT OR IGNORE INTO problem_ci (problem_id, ci_id) VALUES (?, ?)", rows)
    return len(rows)
