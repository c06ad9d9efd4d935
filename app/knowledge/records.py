"""The plain data the knowledge reads return (frozen: they cross from the read pool to the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# A highlighted text: (piece, matched) pairs in order; the UI draws matched pieces in bold.
Segments = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class ArticleFilter:
    """What the knowledge list shows. `confidence` None: every confidence but Archived."""

    text: str = ""
    confidence: str | None = None
    category_id: str | None = None
    service_id: str | None = None
    needs_review: bool = False


@dataclass(frozen=True)
class ArticleRow:
    id: str
    number: str
    title: Segments
    snippet: Segments
    confidence: str
    category: str
    use_count: int
    open_flags: int
    review_date: date | None
    updated_at: datetime
    review_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticlePage:
    rows: tuple[ArticleRow, ...]
    total: int  # rows matching, counted up to `capped`
    capped: bool  # True: there are more than `total`
    ignored: tuple[tuple[str, str], ...] = ()  # what of the search text was not searched, and why


@dataclass(frozen=True)
class VersionInfo:
    id: str
    version: int
    title: str
    note: str
    changed_by: str
    changed_at: datetime


@dataclass(frozen=True)
class FlagInfo:
    id: str
    reason: str
    comment: str
    ticket_number: str
    flagged_by: str
    flagged_at: datetime


@dataclass(frozen=True)
class ArticleDetail:
    id: str
    number: str
    title: str
    body: str
    keywords: str
    category_id: str | None
    audience: str
    confidence: str
    owner_id: str | None
    owner: str
    review_date: date | None
    version: int
    use_count: int
    last_used_at: datetime | None
    open_flags: int
    created_at: datetime
    updated_at: datetime
    service_ids: tuple[str, ...]
    ci_ids: tuple[str, ...]
    versions: tuple[VersionInfo, ...]
    flags: tuple[FlagInfo, ...]
    review_reasons: tuple[str, ...]
    refusal: str = ""  # the server's reason when an edit of it was refused and is kept here
    used_on_tickets: tuple[str, ...] = field(default=())  # numbers of the tickets it solved (newest first)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # " " same, "-" only in the older, "+" only in the newer, "@" a hunk header
    text: str


@dataclass(frozen=True)
class VersionDiff:
    old: int
    new: int
    old_title: str
    new_title: str
    lines: tuple[DiffLine, ...]


@dataclass(frozen=True)
class Suggestion:
    id: str
    number: str
    title: Segments
    snippet: Segments
    confidence: str
    use_count: int
    why: tuple[str, ...]  # "matches the text", "same service", "same CI"
    score: float


@dataclass(frozen=True)
class ArticleDraft:
    """Prefilled text for a new article (from a resolved ticket or a known error), not yet saved."""

    title: str
    body: str
    keywords: str = ""
    category_id: str | None = None
    service_ids: tuple[str, ...] = ()
    ci_ids: tuple[str, ...] = ()
    source_ticket_id: str | None = None
