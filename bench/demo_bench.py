"""How long `deskside demo` takes and how big the store gets; figures into docs/PERFORMANCE.md."""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from app.demo.generator import generate
from bench.report import record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args(argv)
    lines = ["| tickets | worklog entries | audit events | seconds | tickets/s | store size |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in args.tickets:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "demo.sqlite3"
            t0 = time.perf_counter()
            summary = generate(path, tickets=n, seed=7, until=date(2026, 11, 1))
            seconds = time.perf_counter() - t0
            size = sum(p.stat().st_size for p in Path(tmp).iterdir() if p.is_file()) / 1024 / 1024
        row = (f"| {n:,} | {summary.worklogs:,} | {summary.audit_events:,} | {seconds:.1f} | "
               f"{n / seconds:,.0f} | {size:,.0f} MiB |")
        print(row)
        lines.append(row)
    record("demo", "Demo desk generation (`python -m bench.demo_bench`)", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
