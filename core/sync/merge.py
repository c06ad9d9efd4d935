"""Per-field three-way merge of a ticket update. Pure functions: no database, no I/O."""
# The three sides: base (what the client last saw), theirs (the server's current value), mine (the client's new
# value).

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

# Long text where edits to different lines can both be kept.
LINE_MERGED = frozenset({"description", "resolution_notes"})


@dataclass
class FieldMerge:
    """What to do with the update's fields. `apply` holds the values to write."""

    apply: dict[str, Any] = field(default_factory=dict)
    merged: set[str] = field(default_factory=set)          # both sides changed, reconciled
    conflicts: list[tuple[str, Any, Any, Any]] = field(default_factory=list)  # field, base, theirs, mine
    contested_state: tuple[Any, Any, Any] | None = None      # (base, theirs, mine) when both moved


def three_way(fields: dict[str, tuple[Any, Any]], theirs: dict[str, Any]) -> FieldMerge:
    """`fields` maps field -> (base, mine); `theirs` has the server's current values (wire form)."""
    out = FieldMerge()
    for name, (base, mine) in fields.items():
        current = theirs[name]
        if mine in (base, current):
            continue  # the client did not change it, or both sides agree already
        if current == base:
            out.apply[name] = mine  # only the client changed it
            continue
        # Both changed it, to different values.
        if name == "state":
            out.contested_state = (base, current, mine)
        elif name in LINE_MERGED and (merged := merge_lines(base, current, mine)) is not None:
            out.apply[name] = merged
            out.merged.add(name)
        else:
            out.conflicts.append((name, base, current, mine))
    return out


def _hunks(base: list[str], other: list[str]) -> list[tuple[int, int, list[str]]]:
    matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _touch(a: tuple[int, int, list[str]], b: tuple[int, int, list[str]]) -> bool:
    (a1, a2, _), (b1, b2, _) = a, b
    if max(a1, b1) < min(a2, b2):
        return True  # both rewrite a shared line
    # An insertion at the edge of (or inside) the other's change: the order of the two is unknowable.
    return (a1 == a2 and b1 <= a1 <= b2) or (b1 == b2 and a1 <= b1 <= a2)


def merge_lines(base: Any, theirs: Any, mine: Any) -> str | None:
    """Merge two edits of one text made from a common base, line by line; None when they overlap."""
    if not all(isinstance(v, str) or v is None for v in (base, theirs, mine)):
        return None
    # split("\n") and join are exact inverses (a trailing newline is a last empty line), so the
    # result never gains or loses a newline the edits did not make.
    base_l, their_l, mine_l = ((v or "").split("\n") for v in (base, theirs, mine))
    ours, other = _hunks(base_l, their_l), _hunks(base_l, mine_l)
    for a in ours:
        for b in other:
            if _touch(a, b) and a != b:
                return None
    # Apply every hunk once (an identical edit made on both sides counts once), from the bottom up.
    combined = sorted({(i1, i2, tuple(lines)) for i1, i2, lines in ours + other}, reverse=True)
    result = list(base_l)
    for i1, i2, lines in combined:
        result[i1:i2] = list(lines)
    return "\n".join(result)
