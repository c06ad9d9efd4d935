"""Named reads of the knowledge page and the ticket editor: the list, one article, a diff, suggestions, drafts.

Each runs on a read connection (runner.query) and returns frozen records (app.knowledge.records).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.knowledge import search
from app.knowledge.diff import diff_lines
from app.knowledge.records import (
    ArticleDetail,
    ArticleDraft,
    ArticleFilter,
    ArticlePage,
    FlagInfo,
    Suggestion,
    VersionDiff,
    VersionInfo,
)
from app.knowledge.writes import ENTITY, get_article, linked_ids
from app.models import ArticleFlag, ArticleUse, ArticleVersion, Person, SyncConflict, Ticket
from core.errors import NotFoundError
from core.knowledge.rules import needs_review


def article_page(session: Session, *, flt: ArticleFilter, offset: int = 0, limit: int = search.PAGE,
                 has_fts: bool = True, today: date | None = None) -> ArticlePage:
    """One page of the knowledge list (app.knowledge.search.article_page)."""
    return search.article_page(session, flt=flt, offset=offset, limit=limit, has_fts=has_fts, today=today)


def suggestions(session: Session, *, ticket_text: str, service_id: str | None, ci_id: str | None,
                limit: int = 5, has_fts: bool = True) -> tuple[Suggestion, ...]:
    """The ticket editor's suggestions (app.knowledge.search.suggest)."""
    return search.suggest(session, ticket_text=ticket_text, service_id=service_id, ci_id=ci_id, limit=limit,
                          has_fts=has_fts)


def _names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = sorted(i for i in ids if i)
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())


def _refusal(session: Session, article_id: str) -> str:
    reason = session.scalar(select(SyncConflict.reason).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open", SyncConflict.entity == ENTITY,
        SyncConflict.entity_id == article_id).order_by(SyncConflict.created_at).limit(1))
    return reason or ""


def article_detail(session: Session, *, article_id: str, today: date | None = None) -> ArticleDetail:
    """Everything the article view and editor show: fields, services and CIs, versions (newest first),
    flags (newest first), the tickets it solved, why it needs review, and a refusal held for it."""
    a = get_article(session, article_id)
    versions = session.execute(select(ArticleVersion).where(ArticleVersion.article_id == a.id)
                               .order_by(ArticleVersion.version.desc(), ArticleVersion.changed_at.desc())
                               ).scalars().all()
    flags = session.execute(select(ArticleFlag).where(ArticleFlag.article_id == a.id)
                            .order_by(ArticleFlag.flagged_at.desc()).limit(200)).scalars().all()
    names = _names(session, {a.owner_id, *(v.changed_by for v in versions), *(f.flagged_by for f in flags)})
    ticket_ids = {f.ticket_id for f in flags if f.ticket_id}
    used = session.scalars(select(ArticleUse.ticket_id).where(ArticleUse.article_id == a.id)
                           .order_by(ArticleUse.used_at.desc()).limit(50)).all()
    numbers = dict(session.execute(select(Ticket.id, Ticket.number).where(
        Ticket.id.in_(sorted(ticket_ids | set(used))))).all()) if ticket_ids or used else {}
    today = today or date.today()
    return ArticleDetail(
        id=a.id, number=a.number or "", title=a.title, body=a.body, keywords=a.keywords, category_id=a.category_id,
        audience=a.audience, confidence=a.confidence, owner_id=a.owner_id, owner=names.get(a.owner_id or "", ""),
        review_date=a.review_date, version=a.version, use_count=a.use_count, last_used_at=a.last_used_at,
        open_flags=a.open_flags, created_at=a.created_at, updated_at=a.updated_at,
        service_ids=linked_ids(session, a.id, "service_ids"), ci_ids=linked_ids(session, a.id, "ci_ids"),
        versions=tuple(VersionInfo(id=v.id, version=v.version, title=v.title, note=v.note,
                                   changed_by=names.get(v.changed_by or "", ""), changed_at=v.changed_at)
                       for v in versions),
        flags=tuple(FlagInfo(id=f.id, reason=f.reason, comment=f.comment,
                             ticket_number=numbers.get(f.ticket_id or "", "") or "",
                             flagged_by=names.get(f.flagged_by or "", ""), flagged_at=f.flagged_at) for f in flags),
        review_reasons=needs_review(review_date=a.review_date, open_flags=a.open_flags, today=today,
                                    last_used=a.last_used_at.date() if a.last_used_at else None,
                                    created=a.created_at.date(), confidence=a.confidence),
        refusal=_refusal(session, a.id),
        used_on_tickets=tuple(numbers.get(t) or "" for t in used if numbers.get(t)),
    )


def find_article(session: Session, *, number: str) -> str:
    """The id of the article numbered `number` (any case)."""
    from app.models import Article

    found = session.scalar(select(Article.id).where(Article.number == (number or "").strip().upper()))
    if found is None:
        raise NotFoundError(f"No article is numbered {(number or '').strip() or '(empty)'}.")
    return found


def version_diff(session: Session, *, article_id: str, old: int, new: int) -> VersionDiff:
    """What changed from version `old` to version `new` of an article."""
    def text_of(version: int) -> ArticleVersion:
        row = session.scalar(select(ArticleVersion).where(ArticleVersion.article_id == article_id,
                                                          ArticleVersion.version == version)
                             .order_by(ArticleVersion.changed_at.desc()).limit(1))
        if row is None:
            raise NotFoundError(f"Version {version} of this article is not on this desk.")
        return row

    a, b = text_of(old), text_of(new)
    return VersionDiff(old=old, new=new, old_title=a.title, new_title=b.title,
                       lines=diff_lines(a.body, b.body, old_title=a.title, new_title=b.title))


def draft_from_ticket(session: Session, *, ticket_id: str) -> ArticleDraft:
    """A new article's text from a resolved ticket: its title, the symptoms from its description, and the
    resolution notes as the answer (KCS: capture in the requester's words, resolve in the agent's)."""
    t = session.scalar(select(Ticket).where(Ticket.id == ticket_id))
    if t is None:
        raise NotFoundError("The ticket is no longer on this desk.")
    notes = (t.resolution_notes or "").strip()
    if not notes:
        raise NotFoundError(f"{t.number or 'This ticket'} has no resolution notes yet: resolve it first, or "
                            "write the article yourself.")
    body = (f"## Issue\n\n{(t.description or t.title).strip()}\n\n"
            f"## Resolution\n\n{notes}\n\n"
            f"_Captured from {t.number or 'a ticket'}._\n")
    return ArticleDraft(title=t.title, body=body, category_id=t.category_id,
                        service_ids=(t.service_id,) if t.service_id else (),
                        ci_ids=(t.ci_id,) if t.ci_id else (), source_ticket_id=t.id)
