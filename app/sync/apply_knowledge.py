"""Apply the knowledge rows of a pulled page (articles, versions, uses, flags), keeping local work shown on top."""
# Called by app.sync.apply.apply_page inside its transaction (rows and cursor commit together). Articles are
# upserted by id with their service and CI sets replaced (`service_ids`, `ci_ids` on the wire); versions, uses
# and flags are appended once by id. As for tickets and changes, the fields of pending local updates, and of
# refused ones nobody has decided on yet (app.outbox.refusals), are put back on top of a pulled article, so
# a refused edit (say, validating without the publisher role) stays visible and editable. The full-text
# index follows by its triggers (migration 0021). Writes no outbox and no audit rows.

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.models import (
    Article,
    ArticleFlag,
    ArticleUse,
    ArticleVersion,
    ConfigurationItem,
    OutboxMutation,
    Service,
    article_ci,
    article_service,
)
from app.outbox import refusals
from app.sync import bulk
from app.sync.apply import _keep_numbers_ahead, wire_value
from core.feed import note

ENTITIES = ("article", "article_version", "article_use", "article_flag")
CHILDREN = {"article_version": ArticleVersion, "article_use": ArticleUse, "article_flag": ArticleFlag}
LINKS = {"service_ids": (article_service, "service_id", Service), "ci_ids": (article_ci, "ci_id", ConfigurationItem)}


def set_article_fields(session: Session, article_id: str, values: dict[str, Any]) -> None:
    """Write wire values to a local article; `service_ids` / `ci_ids` (comma-joined or a list) replace its sets."""
    columns = Article.__table__.columns
    clean = {f: wire_value(columns[f], v) for f, v in values.items()
             if f in columns and f not in ("id", "row_id")}
    if "review_date" in clean and isinstance(clean["review_date"], str):
        from datetime import date

        clean["review_date"] = date.fromisoformat(clean["review_date"])
    if clean:
        session.execute(update(Article).where(Article.id == article_id).values(**clean))
    for field in LINKS:
        if field in values:
            raw = values[field]
            _replace_links(session, field, {article_id: [i for i in (raw.split(",") if isinstance(raw, str)
                                                                       else raw or []) if i]})


def _replace_links(session: Session, field: str, sets: dict[str, list[str]]) -> None:
    """Replace these articles' services or CIs; ones this store does not hold are left out (foreign key)."""
    if not sets:
        return
    table, column, model = LINKS[field]
    held = bulk.existing(session, model, [i for ids in sets.values() for i in ids])
    keys = list(sets)
    for start in range(0, len(keys), bulk.CHUNK):
        session.execute(delete(table).where(table.c.article_id.in_(keys[start:start + bulk.CHUNK])))
    pairs = [{"article_id": a, column: i} for a, ids in sets.items() for i in sorted(set(ids)) if i in held]
    if pairs:
        session.execute(insert(table), pairs)


def reapply_pending(session: Session, rows: dict[str, dict[str, Any]]) -> None:
    """Put refused, then pending, local values of these articles back on top of the rows just applied."""
    if not rows:
        return
    refusals.overlay(session, "article", rows, set_article_fields)
    ids = set(rows)
    values: dict[str, dict[str, Any]] = {}
    for entity_id, payload in session.execute(select(OutboxMutation.entity_id, OutboxMutation.payload).where(
            OutboxMutation.entity == "article", OutboxMutation.op == "update").order_by(OutboxMutation.seq)):
        if entity_id in ids:
            for name, change in json.loads(payload).get("fields", {}).items():
                values.setdefault(entity_id, {})[name] = change.get("new")
    for article_id, fields in values.items():
        set_article_fields(session, article_id, fields)


def _put_articles(session: Session, rows: list[dict[str, Any]]) -> None:
    # A local holder of the same number is a draft the server has not numbered yet (its receipt will).
    numbers = {r["number"]: r["id"] for r in rows if r.get("number")}
    for number, held_by in bulk.number_holders(session, Article, numbers).items():
        if held_by != numbers[number]:
            session.execute(update(Article).where(Article.id == held_by).values(number=None))
    bulk.upsert_rows(session, Article, bulk.blank_unknown_references(session, Article, rows))
    for number in sorted(numbers)[-1:]:
        _keep_numbers_ahead(session, number)
    for field in LINKS:
        _replace_links(session, field, {r["id"]: list(r.get(field) or []) for r in rows})
    reapply_pending(session, {r["id"]: r for r in rows})


def apply_knowledge_page(session: Session, page: dict[str, Any], rows: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Apply the page's articles and their versions, uses and flags (`rows` keyed by entity, then id)."""
    last: dict[tuple[str, str], str] = {}
    for entry in page.get("changes", []):
        if entry["entity"] in ENTITIES:
            last[(entry["entity"], entry["entity_id"])] = entry["op"]
    if not last:
        return

    def wanted(entity: str) -> list[dict[str, Any]]:
        return [r for i, r in rows.get(entity, {}).items() if last.get((entity, i), "upsert") == "upsert"]

    gone = [i for (e, i), op in last.items() if e == "article" and op != "upsert"]
    bulk.delete_ids(session, Article, gone)
    articles = wanted("article")
    _put_articles(session, articles)
    touched = {*gone, *(r["id"] for r in articles)}
    for entity, model in CHILDREN.items():
        kids = wanted(entity)
        held = bulk.existing(session, Article, [r["article_id"] for r in kids if r.get("article_id")])
        kids = [r for r in kids if r.get("article_id") in held]
        bulk.upsert_rows(session, model, bulk.blank_unknown_references(session, model, kids))
        if kids:
            note(session, entity, [r["id"] for r in kids])
            touched.update(r["article_id"] for r in kids)
    if touched:
        note(session, "article", touched)


def map_article_number(session: Session, article_id: str, number: str) -> None:
    """Give a created article the number the server chose (a local draft holding it loses it)."""
    session.execute(update(Article).where(Article.number == number, Article.id != article_id).values(number=None))
    session.execute(update(Article).where(Article.id == article_id).values(number=number))
    _keep_numbers_ahead(session, number)
