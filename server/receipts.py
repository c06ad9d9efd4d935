"""The receipt of a merged update, the same for every record kind a push edits (tickets, changes)."""

from __future__ import annotations

from typing import Any


def update_receipt(conflicts: list[dict[str, Any]], *, merged: bool) -> dict[str, Any]:
    """`conflict` with the conflicts and a reason in words when any field conflicted, else `merged` when
    the server took some of its own values over the client's, else `applied`."""
    status = "conflict" if conflicts else "merged" if merged else "applied"
    receipt: dict[str, Any] = {"status": status}
    if conflicts:
        receipt["conflicts"] = conflicts
        receipt["reason"] = "; ".join(c.get("reason") or f"{c['field']} was changed on the server too"
                                      for c in conflicts)
    return receipt
