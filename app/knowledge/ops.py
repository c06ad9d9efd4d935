"""Named operations on knowledge articles: one user intent, one transaction, a frozen record out.

The problems page (known errors) calls `create_article_from` with its workaround as the prefilled text; the
ticket editor calls `create_article_from_ticket`, `mark_solved` and `flag_from_ticket`; the knowledge page
the rest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.knowledge import writes
from app.knowledge.queries import article_detail, draft_from_ticket
from app.knowledge.records import ArticleDetail


def new_article(session: Session, *, values: dict[str, Any], actor_id: str | None, note: str = "") -> ArticleDetail:
    """Save a new article from the editor; returns it as the view shows it."""
    article = writes.create_article(session, values=values, actor_id=actor_id, note=note)
    return article_detail(session, article_id=article.id)


def save_article(session: Session, *, article_id: str, changes: dict[str, Any], actor_id: str | None,
                 note: str = "", expected_updated_at: datetime | None = None) -> ArticleDetail:
    """Save the editor's changes (a new version when the text changed; a confidence move checked)."""
    writes.update_article(session, article_id=article_id, changes=changes, actor_id=actor_id, note=note,
                          expected_updated_at=expected_updated_at)
    return article_detail(session, article_id=article_id)


def set_confidence(session: Session, *, article_id: str, confidence: str, actor_id: str | None) -> ArticleDetail:
    """Move an article to another KCS confidence (validate, archive, revive...)."""
    return save_article(session, article_id=article_id, changes={"confidence": confidence}, actor_id=actor_id)


def create_article_from(session: Session, *, title: str, body: str, actor_id: str | None, keywords: str = "",
                        category_id: str | None = None, service_ids: tuple[str, ...] = (),
                        ci_ids: tuple[str, ...] = (), source: str = "",
                        solved_ticket_id: str | None = None) -> ArticleDetail:
    """A work-in-progress article from prefilled text (a known error's workaround, a resolved ticket's
    notes), saved at once so nothing typed is lost; the knowledge page opens it to finish. `source` is the
    first version's note ("From PRB0000012"); `solved_ticket_id` counts that ticket as its first use."""
    article = writes.create_article(session, values={
        "title": title, "body": body, "keywords": keywords, "category_id": category_id,
        "service_ids": service_ids, "ci_ids": ci_ids}, actor_id=actor_id, note=source)
    if solved_ticket_id:
        writes.record_use(session, article_id=article.id, ticket_id=solved_ticket_id, actor_id=actor_id)
    return article_detail(session, article_id=article.id)


def create_article_from_ticket(session: Session, *, ticket_id: str, actor_id: str | None) -> ArticleDetail:
    """Capture: a work-in-progress article from a resolved ticket (its resolution notes as the answer),
    counting that ticket as the first use."""
    from sqlalchemy import select

    from app.models import Ticket

    draft = draft_from_ticket(session, ticket_id=ticket_id)
    number = session.scalar(select(Ticket.number).where(Ticket.id == ticket_id)) or ""
    return create_article_from(session, title=draft.title, body=draft.body, actor_id=actor_id,
                               category_id=draft.category_id, service_ids=draft.service_ids, ci_ids=draft.ci_ids,
                               source=f"From {number}" if number else "From a ticket", solved_ticket_id=ticket_id)


def mark_solved(session: Session, *, article_id: str, ticket_id: str, actor_id: str | None) -> bool:
    """"This solved it": link the article to the ticket and count the reuse; False when already counted."""
    return writes.record_use(session, article_id=article_id, ticket_id=ticket_id, actor_id=actor_id)


def flag_from_ticket(session: Session, *, article_id: str, ticket_id: str | None, reason: str, comment: str,
                     actor_id: str | None) -> ArticleDetail:
    """Flag an article as wrong (or outdated, unclear, incomplete) with a comment."""
    writes.flag_article(session, article_id=article_id, ticket_id=ticket_id, reason=reason, comment=comment,
                        actor_id=actor_id)
    return article_detail(session, article_id=article_id)


def settle_flags(session: Session, *, article_id: str, actor_id: str | None) -> ArticleDetail:
    """The owner dealt with the flags; the article leaves the needs-review view for that reason."""
    writes.settle_flags(session, article_id=article_id, actor_id=actor_id)
    return article_detail(session, article_id=article_id)
