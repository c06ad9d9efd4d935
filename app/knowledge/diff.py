"""The difference between two saved versions of an article, line by line (difflib), as plain data."""

from __future__ import annotations

import difflib

from app.knowledge.records import DiffLine

CONTEXT = 3
MAX_LINES = 5000  # a diff past this many lines is cut (a whole manual pasted over another)


def diff_lines(old: str, new: str, *, old_title: str = "", new_title: str = "") -> tuple[DiffLine, ...]:
    """Unified-diff lines of the title and body: kind " " (same), "-" (only in the older), "+" (only in
    the newer), "@" (where a hunk starts). Text stays text: the UI inserts it as plain text."""
    out: list[DiffLine] = []
    if old_title != new_title:
        out += [DiffLine("@", "Title"), DiffLine("-", old_title), DiffLine("+", new_title)]
    a, b = (old or "").splitlines(), (new or "").splitlines()
    for line in difflib.unified_diff(a, b, lineterm="", n=CONTEXT):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            out.append(DiffLine("@", line.split("@@")[1].strip()))
        else:
            out.append(DiffLine(line[:1] or " ", line[1:]))
        if len(out) >= MAX_LINES:
            out.append(DiffLine("@", f"(cut: the difference is longer than {MAX_LINES} lines)"))
            break
    return tuple(out)
