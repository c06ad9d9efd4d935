"""Validated article writes the operations build on: create, edit (a new version when the text changes),
move through the KCS confidences, record a use on a ticket, flag, settle flags.

Like tickets and changes, every call validates first and changes nothing on error, and writes audit rows and
outbox mutations in the caller's transaction. The feed's entities are the table names: `article`,
`article_version`, `article_use`, `article_flag`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.models import (
    Article,
    ArticleFlag,
    ArticleUse,
    ArticleVersion,
    Category,
    ConfigurationItem,
    Person,
    Service,
    Ticket,
    article_ci,
    article_service,
)
from app.outbox.journal import append_row, queue_mutation, record_changes, record_event, row_payload
from app.outbox.numbers import next_local_number
from app.records.fields import check_reference
from core.errors import NotFoundError, StaleEditError, ValidationError
from core.knowledge import rules
from core.knowledge.workflow import ARTICLE_PREFIX, ARTICLE_WORKFLOW, check_confidence_move
from core.schema import utcnow

ENTITY = "article"
REFERENCES = {"category_id": Category, "owner_id": Person}
LINKS: dict[str, tuple[Any, str, Any]] = {
    "service_ids": (article_service, "service_id", Service), "ci_ids": (article_ci, "ci_id", ConfigurationItem)}


def get_article(session: Session, article_id: str) -> Article:
    article = session.scalar(select(Article).where(Article.id == article_id))
    if article is None:
        raise NotFoundError("The article is no longer on this desk.")
    return article


def linked_ids(session: Session, article_id: str, field: str) -> tuple[str, ...]:
    table, column, _ = LINKS[field]
    return tuple(sorted(session.scalars(select(table.c[column]).where(table.c.article_id == article_id))))


def _clean(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(rules.EDITABLE)
    if unknown:
        raise ValidationError("Unknown article field(s): {}.".format(", ".join(sorted(unknown))))
    clean = rules.clean_article(values)
    for field in REFERENCES.keys() & clean.keys():
        check_reference(session, REFERENCES, field, clean[field])
    for field in LINKS.keys() & clean.keys():
        _, _, model = LINKS[field]
        ids = clean[field]
        found = set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()
        if len(found) != len(ids):
            what = "services" if field == "service_ids" else "CIs"
            raise ValidationError(f"{len(ids) - len(found)} of the chosen {what} no longer exist.", field=field)
    return clean


def _set_links(session: Session, article_id: str, field: str, ids: tuple[str, ...]) -> None:
    table, column, _ = LINKS[field]
    session.execute(delete(table).where(table.c.article_id == article_id))
    if ids:
        session.execute(insert(table), [{"article_id": article_id, column: i} for i in ids])


def _add_version(session: Session, article: Article, *, note: str, actor_id: str | None, at: datetime) -> None:
    version = ArticleVersion(article_id=article.id, version=article.version, title=article.title,
                             body=article.body, note=note, changed_by=actor_id, changed_at=at)
    append_row(session, version, entity="article_version", columns=rules.VERSION_COLUMNS)


def create_article(session: Session, *, values: dict[str, Any], actor_id: str | None, note: str = "",
                   number: str | None = None) -> Article:
    """A new article, in Work in progress unless `values` says Not validated (validating is a publisher's
    move, made afterwards); owned by its author unless given, reviewed in REVIEW_DAYS unless given."""
    clean = _clean(session, {"title": values.get("title"), **values})
    confidence = clean.pop("confidence", ARTICLE_WORKFLOW.initial)
    if confidence not in ("wip", "not_validated"):
        raise ValidationError("A new article starts as work in progress or not validated; validate it once "
                              "it is saved.", field="confidence")
    links = {f: clean.pop(f, ()) for f in LINKS}
    now = utcnow()
    article = Article(
        number=number or next_local_number(session, ARTICLE_PREFIX, Article.number),
        title=clean["title"], body=clean.get("body", ""), keywords=clean.get("keywords", ""),
        category_id=clean.get("category_id"), audience=clean.get("audience", "agents"), confidence=confidence,
        owner_id=clean.get("owner_id", actor_id),
        review_date=clean.get("review_date") or (now + timedelta(days=rules.REVIEW_DAYS)).date(),
        version=1, use_count=0, open_flags=0, created_by=actor_id, created_at=now, updated_at=now)
    session.add(article)
    session.flush()
    for field, ids in links.items():
        _set_links(session, article.id, field, ids)
    record_event(session, entity=ENTITY, entity_id=article.id, field="created", new=article.number,
                 actor_id=actor_id)
    payload = row_payload(article, rules.CREATE_COLUMNS)
    for field in LINKS:
        payload[field] = ",".join(links[field])
    queue_mutation(session, entity=ENTITY, entity_id=article.id, op="create", payload={"row": payload})
    _add_version(session, article, note=" ".join(note.split())[:rules.NOTE_MAX] or "Created", actor_id=actor_id,
                 at=now)
    return article


def update_article(session: Session, *, article_id: str, changes: dict[str, Any], actor_id: str | None,
                   note: str = "", expected_updated_at: datetime | None = None) -> dict[str, tuple[Any, Any]]:
    """Apply an edit; returns {field: (old, new)} as applied. A changed title or body makes the next
    version (with `note`); a confidence move is checked against the KCS workflow. Who may publish is the
    server's to decide (a refusal keeps the edit in the refusal inbox)."""
    article = get_article(session, article_id)
    if expected_updated_at is not None and article.updated_at != expected_updated_at:
        raise StaleEditError(f"{article.number or 'The article'} was changed since you opened it. Reload it to "
                             "see the changes, then make yours again.")
    clean = _clean(session, changes)
    if "confidence" in clean:
        check_confidence_move(article.confidence, clean["confidence"])
    done: dict[str, tuple[Any, Any]] = {}
    for field, value in clean.items():
        if field in LINKS:
            old = linked_ids(session, article.id, field)
            if old != value:
                _set_links(session, article.id, field, value)
                done[field] = (",".join(old), ",".join(value))
        elif getattr(article, field) != value:
            done[field] = (getattr(article, field), value)
            setattr(article, field, value)
    if not done:
        return {}
    now = utcnow()
    if {"title", "body"} & done.keys():
        done["version"] = (article.version, article.version + 1)
        article.version += 1
    article.updated_at = now
    session.flush()
    record_changes(session, entity=ENTITY, entity_id=article.id, changes=done, actor_id=actor_id, batch_id=None,
                   at=now)
    if "version" in done:
        _add_version(session, article, note=" ".join(note.split())[:rules.NOTE_MAX],
                     actor_id=actor_id, at=now)
    return done


def record_use(session: Session, *, article_id: str, ticket_id: str, actor_id: str | None) -> bool:
    """"This solved it": link the article to the ticket and count the reuse (once per ticket). Returns
    False when the ticket already counts for this article."""
    article = get_article(session, article_id)
    if session.scalar(select(Ticket.id).where(Ticket.id == ticket_id)) is None:
        raise NotFoundError("The ticket is no longer on this desk.")
    if session.scalar(select(ArticleUse.id).where(ArticleUse.article_id == article.id,
                                                  ArticleUse.ticket_id == ticket_id)) is not None:
        return False
    now = utcnow()
    append_row(session, ArticleUse(article_id=article.id, ticket_id=ticket_id, used_by=actor_id, used_at=now),
               entity="article_use", columns=rules.USE_COLUMNS)
    # Evidence the server counts the same way when the use arrives; not an edit of the article.
    article.use_count += 1
    article.last_used_at = now
    record_event(session, entity=ENTITY, entity_id=article.id, field="used", new=ticket_id, actor_id=actor_id)
    return True


def flag_article(session: Session, *, article_id: str, ticket_id: str | None, reason: str, comment: str,
                 actor_id: str | None) -> ArticleFlag:
    """Flag an article as wrong (outdated, unclear, incomplete) with a comment, from a ticket or not."""
    article = get_article(session, article_id)
    if reason not in rules.FLAG_REASONS:
        raise ValidationError("Choose why the article is flagged.", field="reason")
    text = rules.clean_comment(comment)
    flag = ArticleFlag(article_id=article.id, ticket_id=ticket_id, reason=reason, comment=text,
                       flagged_by=actor_id, flagged_at=utcnow())
    append_row(session, flag, entity="article_flag", columns=rules.FLAG_COLUMNS)
    article.open_flags += 1
    record_event(session, entity=ENTITY, entity_id=article.id, field="flagged", new=reason, actor_id=actor_id)
    return flag


def settle_flags(session: Session, *, article_id: str, actor_id: str | None) -> dict[str, tuple[Any, Any]]:
    """The owner dealt with the flags: the article no longer counts as flagged (the flags stay listed)."""
    article = get_article(session, article_id)
    if not article.open_flags:
        return {}
    done = {"open_flags": (article.open_flags, 0)}
    article.open_flags = 0
    article.updated_at = utcnow()
    record_changes(session, entity=ENTITY, entity_id=article.id, changes=done, actor_id=actor_id, batch_id=None)
    return done
