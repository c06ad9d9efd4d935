"""Holds app/'s mypy errors to a per-module baseline that may only go down (`make typecheck`).

core/ and server/ are checked at zero errors by `mypy core server`; the desk (app/) still carries
errors from before mypy ran in `make lint`. This script runs mypy on app/, counts the errors of each
module and compares them with mypy-baseline.json at the repository root (module -> count):

- a module with more errors than its baseline, or a module not in the baseline with any, fails the
  run and its errors are printed;
- a module with fewer errors passes, with a hint to lock the gain in with --update.

Usage: python packaging/mypy_ratchet.py [--update | --init]
  --update  rewrite the baseline with the counts that went down (never raises one; modules at 0 leave)
  --init    write the baseline from the current counts as they are (a first run, or a deliberate reset)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "mypy-baseline.json"
TARGET = "app"
# path:line[:column]: error: message  [code]
_ERROR = re.compile(r"^(?P<path>[^:\n]+\.pyi?):\d+(?::\d+)?: error: ")


def module_of(path: str) -> str:
    """`app/ui/x.py` -> `app.ui.x`; a package's `__init__.py` -> the package."""
    parts = list(Path(path).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def run_mypy() -> tuple[Counter[str], dict[str, list[str]]]:
    """Error counts and lines per module of app/ (errors mypy reports in other packages are not ours
    to count here: `mypy core server` holds those at zero)."""
    proc = subprocess.run([sys.executable, "-m", "mypy", TARGET, "--no-error-summary", "--no-pretty",
                           "--no-color-output"], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):  # 2: mypy itself failed (bad config, crash), not a type error
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"mypy failed (exit {proc.returncode})")
    counts: Counter[str] = Counter()
    lines: dict[str, list[str]] = defaultdict(list)
    for line in proc.stdout.splitlines():
        match = _ERROR.match(line)
        if match is None:
            continue
        module = module_of(match["path"])
        if module == TARGET or module.startswith(TARGET + "."):
            counts[module] += 1
            lines[module].append(line)
    return counts, lines


def load_baseline() -> dict[str, int]:
    if not BASELINE.exists():
        raise SystemExit(f"No {BASELINE.name}: write one with --init.")
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def write_baseline(counts: dict[str, int]) -> None:
    kept = {module: n for module, n in sorted(counts.items()) if n > 0}
    BASELINE.write_text(json.dumps(kept, indent=2) + "\n", encoding="utf-8")
    print(f"{BASELINE.name}: {sum(kept.values())} errors in {len(kept)} modules.")


def compare(baseline: dict[str, int], counts: Counter[str]) -> tuple[list[str], list[str]]:
    """(modules above their baseline, modules below it)."""
    worse = sorted(m for m, n in counts.items() if n > baseline.get(m, 0))
    better = sorted(m for m, n in baseline.items() if counts.get(m, 0) < n)
    return worse, better


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="lower the baseline where counts went down")
    mode.add_argument("--init", action="store_true", help="write the baseline from the current counts")
    args = parser.parse_args(argv)

    counts, lines = run_mypy()
    if args.init:
        write_baseline(counts)
        return 0
    baseline = load_baseline()
    worse, better = compare(baseline, counts)
    for module in worse:
        print(f"{module}: {counts[module]} mypy errors, baseline {baseline.get(module, 0)}:")
        print("\n".join(f"  {line}" for line in lines[module]))
    if args.update and better:
        write_baseline({m: min(n, counts.get(m, 0)) for m, n in baseline.items()})
    elif better:
        gains = ", ".join(f"{m} {baseline[m]}->{counts.get(m, 0)}" for m in better)
        print(f"Fewer mypy errors than the baseline ({gains}): lock them in with "
              f"`python packaging/mypy_ratchet.py --update`.")
    if worse:
        print(f"mypy ratchet: {len(worse)} module(s) of {TARGET}/ gained errors. Fix them (do not raise the "
              f"baseline).")
        return 1
    print(f"mypy ratchet: {sum(counts.values())} errors in {TARGET}/, none above {BASELINE.name}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
