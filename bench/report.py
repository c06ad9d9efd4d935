"""Writes a benchmark's table into docs/PERFORMANCE.md between its markers, with the machine it ran on."""

from __future__ import annotations

import os
import platform
import sqlite3
import time
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "PERFORMANCE.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        total = next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
        kib = int(total.split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    try:
        from PySide6 import __version__ as qt
    except ImportError:
        qt = "n/a"
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PySide6 {qt}")


def record(section: str, title: str, lines: list[str], note: str = "") -> None:
    """Replace the section's block in PERFORMANCE.md (or append it) with a dated table."""
    start, end = f"<!-- bench:{section}:start -->", f"<!-- bench:{section}:end -->"
    body = [start, f"### {title}", "", f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
            f"{machine()}.", ""] + lines + ([""] + [note] if note else []) + [end]
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + "\n".join(body) + after
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(body) + "\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
