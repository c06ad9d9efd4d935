"""`make bench`: every benchmark in its own process (so one's memory peak never counts for another);
figures go to stdout and into docs/PERFORMANCE.md."""

from __future__ import annotations

import subprocess
import sys


def main() -> int:
    tickets = sys.argv[1] if len(sys.argv) > 1 else "1000000"
    # Issue 12's worst cases at three sizes, to show how each figure grows with the store.
    sizes = ["10000", "100000", tickets] if tickets not in ("10000", "100000") else [tickets]
    runs = [["bench.demo_bench"], *[["bench.worst_bench", "--tickets", n] for n in sizes],
            ["bench.ui_bench", "--tickets", tickets],
            ["bench.dashboard_bench", "--tickets", tickets], ["bench.sla_bench", "--tickets", tickets],
            ["bench.calendar_bench"], ["bench.changes_bench"], ["bench.sync_bench"],
            ["bench.relation_map_bench"],
            ["bench.rt_bench", "--tickets", "20000", "--record"]]  # skips with a message when RT is not installed
    worst = 0
    for args in runs:
        worst = max(worst, subprocess.call([sys.executable, "-m", *args]))
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
