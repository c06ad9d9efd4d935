"""Knowledge articles on the server: creates numbered KB, per-field merged updates with the publish right checked,
versions, uses and flags appended once, and the article rows of a pull page.

Scope (docs/SYNC_PROTOCOL.md, "Knowledge"): every account reads every article and may capture and improve
one up to Not validated; validating, and changing the text or audience of a validated article, is for the
publisher roles of core.knowledge.workflow (publisher, manager, admin). A use or a flag counts on the article
(use_count, last_used_at, open_flags) in the same transaction, so every desk gets the same evidence.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from core.errors import ValidationError
from core.knowledge import rules
from core.knowledge.workflow import ARTICLE_PREFIX, check_confidence_move, check_publish_right
from core.sync.merge import three_way
from server import changelog
from server.knowledge_models import Article, ArticleFlag, ArticleUse, ArticleVersion, article_ci, article_service
from server.models import Category, ConfigurationItem, Conflict, Person, Service, utcnow
from server.numbers import assign_number
from server.protocol import Mutation
from server.receipts import update_receipt
from server.scope import Scope
from server.tickets import to_wire, was_deleted
from server.validate import Rejected, ident, row_shape, timestamp

ENTITIES = ("article", "article_version", "article_use", "article_flag")
CHILDREN: dict[str, type[ArticleVersion] | type[ArticleUse] | type[ArticleFlag]] = {
    "article_version": ArticleVersion, "article_use": ArticleUse, "article_flag": ArticleFlag}
COLUMNS = {"article_version": rules.VERSION_COLUMNS, "article_use": rules.USE_COLUMNS,
           "article_flag": rules.FLAG_COLUMNS}
LINKS: dict[str, tuple[Any, str, Any]] = {
    "service_ids": (article_service, "service_id", Service), "ci_ids": (article_ci, "ci_id", ConfigurationItem)}
REFERENCES: dict[str, Any] = {"category_id": Category, "owner_id": Person}
# Every field an update may carry: what people edit, the version a text edit sets, and settling flags.
FIELDS = frozenset({*rules.EDITABLE, "version", "open_flags"})


def apply(session: Session, scope: Scope, client_id: str, m: Mutation) -> dict[str, Any]:
    """Apply one knowledge mutation (called by push inside the mutation's savepoint)."""
    if m.entity == "article":
        if m.op == "create":
            return create(session, scope, m.entity_id, m.payload)
        if m.op == "update":
            return update(session, scope, client_id=client_id, mutation_id=m.mutation_id, entity_id=m.entity_id,
                          payload=m.payload)
        raise Rejected("An article is created or updated, never deleted: archive it instead.")
    if m.op != "append":
        raise Rejected(f"An {m.entity.replace('_', ' ')} is only ever appended.")
    return append(session, m.entity, m.entity_id, m.payload)


def _value(session: Session, field: str, raw: Any) -> Any:
    try:
        value = rules.clean_field(field, raw)
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    if field in REFERENCES and value is not None:
        ident(value, field)
        if session.get(REFERENCES[field], value) is None:
            raise Rejected(f"The chosen {field[:-3]} does not exist on the server.")
    if field in LINKS:
        _, _, model = LINKS[field]
        for i in value:
            ident(i, "Id")
        found = set(session.scalars(select(model.id).where(model.id.in_(value)))) if value else set()
        if len(found) != len(value):
            raise Rejected(f"{len(value) - len(found)} of the chosen {'services' if field == 'service_ids' else 'CIs'}"
                           " do not exist on the server.")
    return value


def _links(session: Session, article_id: str, field: str) -> tuple[str, ...]:
    table, column, _ = LINKS[field]
    return tuple(sorted(session.scalars(select(table.c[column]).where(table.c.article_id == article_id))))


def _set_links(session: Session, article_id: str, field: str, ids: tuple[str, ...]) -> None:
    table, column, _ = LINKS[field]
    session.execute(delete(table).where(table.c.article_id == article_id))
    if ids:
        session.execute(insert(table), [{"article_id": article_id, column: i} for i in ids])


def create(session: Session, scope: Scope, entity_id: str, payload: dict) -> dict[str, Any]:
    row = row_shape(payload, [*rules.CREATE_COLUMNS, *LINKS], entity_id, "article")
    ident(entity_id, "Article id")
    if session.get(Article, entity_id) is not None or was_deleted(session, "article", entity_id):
        raise Rejected("An article with this id already exists.")
    values = {f: _value(session, f, row[f]) for f in rules.EDITABLE if f in row}
    values["title"] = _value(session, "title", row.get("title"))
    confidence = values.pop("confidence", "wip")
    if confidence not in ("wip", "not_validated"):
        raise Rejected("A new article starts as work in progress or not validated; validate it afterwards.")
    links = {f: values.pop(f, ()) for f in LINKS}
    now = utcnow()
    number = assign_number(session, ARTICLE_PREFIX, Article.number, row.get("number"))
    values = {"body": "", "keywords": "", "audience": "agents", **values}
    article = Article(id=entity_id, number=number, confidence=confidence, version=1, use_count=0, open_flags=0,
                      created_by=scope.person_id, created_at=timestamp(row.get("created_at"), "created_at") or now,
                      updated_at=now, **values)
    session.add(article)
    session.flush()
    for field, ids in links.items():
        _set_links(session, entity_id, field, ids)
    changelog.record(session, entity="article", entity_id=entity_id)
    return {"status": "applied", "number": number}


def _fields_of(payload: dict) -> dict[str, tuple[Any, Any]]:
    if set(payload) != {"fields"} or not isinstance(payload["fields"], dict) or not payload["fields"]:
        raise Rejected('An update carries {"fields": {name: {"base": old, "new": new}}}.')
    out = {}
    for name, change in payload["fields"].items():
        if name not in FIELDS:
            raise Rejected(f"Unknown or read-only article field {str(name)[:60]}.")
        if not isinstance(change, dict) or set(change) != {"base", "new"}:
            raise Rejected(f'Field {name} must carry exactly "base" and "new".')
        out[name] = (change["base"], change["new"])
    return out


def _canon(field: str, value: Any) -> Any:
    if field in LINKS:
        ids = value.split(",") if isinstance(value, str) else value if isinstance(value, (list, tuple)) else None
        return ",".join(sorted({i for i in ids if i})) if ids is not None else value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def update(session: Session, scope: Scope, *, client_id: str, mutation_id: str, entity_id: str,
           payload: dict) -> dict[str, Any]:
    fields = _fields_of(payload)
    ident(entity_id, "Article id")
    article = session.get(Article, entity_id)
    if article is None:
        raise Rejected("Unknown article.")
    mine: dict[str, Any] = {}
    for f, (_, new) in fields.items():
        if f == "version":
            if not isinstance(new, int) or isinstance(new, bool) or new < 1:
                raise Rejected("version must be a positive number.")
            mine[f] = new
        elif f == "open_flags":
            if new != 0:
                raise Rejected("Flags are settled (open_flags 0); they are counted by the flags themselves.")
            mine[f] = 0
        else:
            mine[f] = _value(session, f, new)
    current = {f: _links(session, entity_id, f) if f in LINKS else getattr(article, f) for f in fields}
    # The version and the evidence counters follow the text and the flags: never a conflict of their own.
    merged_fields = {f: (_canon(f, b), _canon(f, mine[f])) for f, (b, _) in fields.items()
                     if f not in ("version", "open_flags")}
    result = three_way(merged_fields, {f: _canon(f, current[f]) for f in merged_fields})
    target = {f: mine[f] for f in result.apply}
    conflicts = [{"field": f, "base": b, "theirs": t, "mine": m} for f, b, t, m in result.conflicts]
    merged = bool(result.merged)
    if result.contested_state is not None:
        base, theirs, wanted = result.contested_state
        conflicts.append({"field": "confidence", "base": base, "theirs": theirs, "mine": wanted})
    for c in conflicts:
        target.pop(c["field"], None)
    if "open_flags" in mine:
        target["open_flags"] = 0
    if {"title", "body"} & target.keys() and "version" in mine:
        target["version"] = max(article.version, mine["version"])
    wanted = target.get("confidence", article.confidence)
    try:
        check_confidence_move(article.confidence, wanted)
        check_publish_right(scope.role, current=article.confidence, target=wanted, fields=set(target))
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    links = {f: target.pop(f) for f in list(target) if f in LINKS}
    changed = {f: v for f, v in target.items() if getattr(article, f) != v}
    links = {f: v for f, v in links.items() if v != current.get(f, _links(session, entity_id, f))}
    if changed or links:
        for f, v in changed.items():
            setattr(article, f, v)
        for f, ids in links.items():
            _set_links(session, entity_id, f, ids)
        article.updated_at = utcnow()
        session.flush()
        changelog.record(session, entity="article", entity_id=entity_id)
    for c in conflicts:
        conflict = Conflict(id=str(uuid.uuid4()), ticket_id=entity_id, entity="article", field=c["field"],
                            base={"v": c["base"]}, theirs={"v": c["theirs"]}, mine={"v": c["mine"]},
                            client_id=client_id, account_id=scope.account_id, mutation_id=mutation_id)
        session.add(conflict)
        session.flush()
        changelog.record(session, entity="conflict", entity_id=conflict.id, account_id=scope.account_id)
    return update_receipt(conflicts, merged=merged)


def append(session: Session, entity: str, entity_id: str, payload: dict) -> dict[str, Any]:
    """A version, a use or a flag: stored once by its client-made id, counted on its article."""
    model = CHILDREN.get(entity)
    if model is None:
        raise Rejected("Unknown knowledge entity.")
    row = row_shape(payload, COLUMNS[entity], entity_id, entity.replace("_", " "))
    ident(entity_id, "Id")
    if session.get(model, entity_id) is not None:
        return {"status": "applied", "reason": "already present"}
    ident(row.get("article_id"), "Article id")
    article = session.get(Article, row["article_id"])
    if article is None:
        raise Rejected("Unknown article.")
    now = utcnow()
    obj: ArticleVersion | ArticleUse | ArticleFlag
    try:
        if entity == "article_version":
            version = row.get("version")
            if not isinstance(version, int) or isinstance(version, bool) or version < 1:
                raise Rejected("A version has a positive number.")
            if version > article.version:  # the edit that made it was refused, or never came
                raise Rejected(f"Version {version} of {article.number} was not saved here: its edit was refused.")
            obj = ArticleVersion(id=entity_id, article_id=article.id, version=version,
                                 title=rules.clean_field("title", row.get("title")),
                                 body=rules.clean_field("body", row.get("body")),
                                 note=" ".join(str(row.get("note") or "").split())[:rules.NOTE_MAX],
                                 changed_by=_person(session, row.get("changed_by")),
                                 changed_at=timestamp(row.get("changed_at"), "changed_at") or now)
        elif entity == "article_use":
            used_on = ident(row.get("ticket_id"), "Ticket id")
            if session.scalar(select(ArticleUse.id).where(ArticleUse.article_id == article.id,
                                                          ArticleUse.ticket_id == used_on)) is not None:
                return {"status": "applied", "reason": "already counted"}
            obj = ArticleUse(id=entity_id, article_id=article.id, ticket_id=used_on,
                             used_by=_person(session, row.get("used_by")), used_at=now)
            article.use_count += 1
            article.last_used_at = now
        else:
            reason = row.get("reason")
            if reason not in rules.FLAG_REASONS:
                raise Rejected("A flag says why: " + ", ".join(rules.FLAG_REASONS) + ".")
            ticket_id = row.get("ticket_id")
            obj = ArticleFlag(id=entity_id, article_id=article.id,
                              ticket_id=ident(ticket_id, "Ticket id") if ticket_id else None, reason=reason,
                              comment=rules.clean_comment(row.get("comment")),
                              flagged_by=_person(session, row.get("flagged_by")),
                              flagged_at=timestamp(row.get("flagged_at"), "flagged_at") or now)
            article.open_flags += 1
    except ValidationError as exc:
        raise Rejected(str(exc)) from None
    session.add(obj)
    session.flush()
    changelog.record(session, entity=entity, entity_id=entity_id)
    if entity != "article_version":
        changelog.record(session, entity="article", entity_id=article.id)
    return {"status": "applied"}


def _person(session: Session, person_id: Any) -> str | None:
    if person_id is None:
        return None
    ident(person_id, "Person id")
    return person_id if session.get(Person, person_id) is not None else None


# --- pull ---------------------------------------------------------------------------------------------------

def load_rows(session: Session, entries: Sequence[changelog.LogEntry]) -> dict[str, dict[str, dict[str, Any]]]:
    """The current rows (wire form) of the articles, versions, uses and flags a page's log entries name; an
    article row carries its services and CIs as `service_ids` and `ci_ids`."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    models: dict[str, Any] = {"article": Article, **CHILDREN}
    for entity, model in models.items():
        ids = sorted({e.entity_id for e in entries if e.entity == entity and e.op != "delete"})
        rows: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 2000):
            part = ids[start:start + 2000]
            rows.update((r.id, to_wire(r)) for r in session.scalars(select(model).where(model.id.in_(part))))
            if entity == "article":
                for field, (table, column, _) in LINKS.items():
                    for row_id in part:
                        if row_id in rows:
                            rows[row_id][field] = []
                    for article_id, other in session.execute(select(table.c.article_id, table.c[column])
                                                             .where(table.c.article_id.in_(part))
                                                             .order_by(table.c.article_id, table.c[column])):
                        rows[article_id][field].append(other)
        out[entity] = rows
    return out


def add_to_page(page: Any, entry: changelog.LogEntry, loaded: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Add one knowledge log entry to a pull page (server.pull._Page): every account reads every article."""
    if entry.op == "delete":
        page.change(entry, "delete")
        return
    row = loaded[entry.entity].get(entry.entity_id)
    if row is not None:
        page.rows.setdefault(entry.entity, {})[entry.entity_id] = row
        page.change(entry, "upsert")
