"""`make bench`: every benchmark in turn; figures go to stdout and bench/.cache/*.json."""

from __future__ import annotations

import sys

from bench import demo_bench, ui_bench


def main() -> int:
    tickets = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    demo_bench.main([])
    return ui_bench.main(["--tickets", str(tickets)])


if __name__ == "__main__":
    raise SystemExit(main())
