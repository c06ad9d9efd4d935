"""How long `deskside demo` takes, on what load, and how big the store gets per ticket (and where the bytes
are); figures into docs/PERFORMANCE.md. `--tickets 10000 100000 1000000` adds the 1M store (about 6 GB
of temporary disk)."""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from app.demo.generator import generate
from bench.measure import busy, load_average
from bench.report import record

# The store's tables by what they hold, for the size breakdown (each with its indexes); the rest is "other".
PARTS = {
    "ticket rows": ("ticket",),
    "worklog": ("worklog_entry",),
    "audit trail": ("audit_event",),
    "search index": ("ticket_fts_data", "ticket_fts_idx", "ticket_fts_docsize", "ticket_fts_config", "search_term",
                     "search_term_absent", "search_term_common"),
    "SLA clocks": ("ticket_sla",),
    "dashboard figures": ("kpi_daily", "kpi_rollup", "kpi_category", "kpi_backlog_node", "kpi_backlog_rowid",
                          "kpi_backlog_parent", "kpi_backlog", "kpi_problem_link", "kpi_problem_run"),
    "knowledge": ("article", "article_version", "article_use", "article_fts_data", "article_fts_idx",
                  "article_fts_docsize", "article_fts_config", "article_service", "article_flag"),
}


class Phases:
    """The generator's progress callback, keeping how long each phase took."""

    def __init__(self) -> None:
        self.took: dict[str, float] = {}
        self.phase, self.since = "", time.perf_counter()

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if phase != self.phase:
            if self.phase:
                self.took[self.phase] = self.took.get(self.phase, 0.0) + now - self.since
            self.phase, self.since = phase, now

    def close(self) -> None:
        self(" end", 0, 0)


def sizes(path: Path) -> dict[str, int]:
    """Bytes per part of the store (tables with their indexes, from the dbstat table)."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        owner = dict(con.execute("SELECT name, tbl_name FROM sqlite_master"))
        part_of = {table: part for part, tables in PARTS.items() for table in tables}
        out = dict.fromkeys([*PARTS, "other"], 0)
        for name, size in con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            out[part_of.get(owner.get(name, name), "other")] += size
        out["free pages"] = con.execute("PRAGMA freelist_count").fetchone()[0] * con.execute(
            "PRAGMA page_size").fetchone()[0]
        return out
    finally:
        con.close()


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args(argv)
    lines = ["| tickets | worklog entries | audit events | seconds | tickets/s | CPU s (both processes) | "
             "store size | KiB per ticket | load before → after (1 min) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |"]
    phase_lines, size_rows = [], {}
    for n in args.tickets:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "demo.sqlite3"
            before, cpu0, phases = load_average(), _cpu(), Phases()
            t0 = time.perf_counter()
            summary = generate(path, tickets=n, seed=7, until=date(2026, 11, 1), progress=phases)
            seconds, cpu = time.perf_counter() - t0, _cpu() - cpu0
            phases.close()
            after = load_average()
            size = sum(p.stat().st_size for p in Path(tmp).iterdir() if p.is_file())
            size_rows[n] = sizes(path)
        mark = "*" if busy(before) or busy(after) else ""
        row = (f"| {n:,} | {summary.worklogs:,} | {summary.audit_events:,} | {seconds:.1f}{mark} | "
               f"{n / seconds:,.0f}{mark} | {cpu:.0f} | {size / 2**20:,.0f} MiB | {size / n / 1024:.2f} | "
               f"{before[0]:.1f} → {after[0]:.1f} |")
        print(row, flush=True)
        lines.append(row)
        phase_lines.append(f"{n:,}: " + ", ".join(f"{k} {v:.0f} s" for k, v in phases.took.items()))
    header = "| bytes per ticket | " + " | ".join(f"{n:,}" for n in size_rows) + " |"
    lines += ["", header, "| --- |" + " ---: |" * len(size_rows)]
    for part in [*PARTS, "other", "free pages"]:
        lines.append(f"| {part} | " + " | ".join(f"{s[part] / n:,.0f}" for n, s in size_rows.items()) + " |")
    note = (f"Phases (wall): {'; '.join(phase_lines)}. `*`: the 1-minute load average exceeded the "
            f"{os.cpu_count()} cores at the start or the end. The load writes through plain sqlite3 already, so "
            "there is no raw-SQL twin to compare with. Sizes from SQLite's dbstat table: each part with its "
            "indexes; knowledge articles are capped at 20,000 (from 50,000 tickets), dashboard figures grow with "
            "days and dimensions rather than tickets.")
    print(note)
    record("demo", "Demo desk generation (`python -m bench.demo_bench`)", lines, note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
