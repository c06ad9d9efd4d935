"""Frozen records of templates, macros and macro runs: safe to hand from a worker thread to the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class TemplateRecord:
    id: str
    name: str
    kind: str  # any | reply | note
    body: str
    shared: bool  # False: the current user's own
    updated_at: datetime


@dataclass(frozen=True)
class MacroRecord:
    id: str
    name: str
    description: str | None
    changes: dict[str, Any] = field(hash=False)
    entry_kind: str | None
    entry_body: str | None
    shared: bool
    updated_at: datetime
    keys: str | None = None  # the key the current user bound to it


@dataclass(frozen=True)
class ExpandedTemplate:
    """A template's text for one ticket, ready to insert, and what it could not fill in."""

    template_id: str
    text: str
    unknown: tuple[str, ...]
    blank: tuple[str, ...]


@dataclass(frozen=True)
class MacroRun:
    """What one application of a macro did: its batch (undo), the tickets changed, and those refused."""

    batch_id: str
    macro_name: str
    changed: tuple[int, ...]  # queue row ids
    skipped: tuple[tuple[str, str], ...]  # (number, reason)
    entries: int  # replies or notes added


@dataclass(frozen=True)
class MacroUndo:
    """What an undo of a macro run put back, and what it could not."""

    changed: tuple[int, ...]
    skipped: tuple[tuple[str, str], ...]  # fields changed again since, final tickets
    withdrawn: int  # unsent replies and notes taken back
    kept_sent: tuple[tuple[str, str], ...]  # (number, kind) of replies and notes already sent: they stay
