"""Checks of the server's replies before anything is applied: shapes, types, times, numbers and cursors."""
# A reply that fails raises ProtocolError (a ServerError) naming what was wrong, before the caller has
# touched the store, so nothing is half-applied and the outbox stays. Pull pages are checked column by
# column against the local models (what apply_page would write), at a few microseconds a row.

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any, NoReturn

from sqlalchemy import Boolean, Integer, String, Text

from app.models import Article, ArticleFlag, ArticleUse, ArticleVersion, CabApproval, Change, ChangeLink
from app.sync.apply import MODELS
from app.sync.errors import ProtocolError
from core.schema import UtcDateTime

MAX_CURSOR = 2 ** 62  # far beyond any real change log; a larger one is a broken or hostile server
MAX_INT = 2 ** 63 - 1  # SQLite's integers
STATUSES = ("applied", "merged", "conflict", "rejected")
OPS = ("upsert", "delete", "evict")
ROW_MODELS = {**MODELS, "change": Change, "cab_approval": CabApproval, "change_link": ChangeLink,
              "article": Article, "article_version": ArticleVersion, "article_use": ArticleUse,
              "article_flag": ArticleFlag}
NUMBER = re.compile(r"[A-Z]{2,8}\d{1,12}")


def _fail(what: str) -> NoReturn:
    raise ProtocolError(f"The server sent an answer Deskside cannot use ({what}). Nothing was changed; your "
                        "edits are kept and the sync tries again later.")


def _dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(f"{what} is not an object")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        _fail(f"{what} is not a list")
    return value


def _given(body: dict[str, Any], key: str, default: Any) -> Any:
    """The value at `key`; `default` when absent or null (not when it is another empty thing)."""
    value = body.get(key)
    return default if value is None else value


def _text(value: Any, what: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value:
        _fail(f"{what} is missing or not text")
    return value


def _int(value: Any, what: str, low: int = 0, high: int = MAX_INT) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        _fail(f"{what} is not a whole number from {low} to {high}")
    return value


def token_pair(body: Any) -> dict[str, Any]:
    """A sign-in or refresh answer: tokens and the account."""
    pair = _dict(body, "the sign-in answer")
    _text(pair.get("access_token"), "the access token")
    _text(pair.get("refresh_token"), "the refresh token")
    user = _dict(pair.get("user"), "the account")
    for key in ("name", "role", "person_id"):
        _text(user.get(key), f"the account's {key}")
    for group in _list(user.get("group_ids"), "the account's groups"):
        _text(group, "a group id")
    if user.get("person_name") is not None and not isinstance(user["person_name"], str):
        _fail("the account's person name is not text")
    for group in _list(_given(user, "groups", []), "the account's named groups"):  # newer servers only
        group = _dict(group, "a named group")
        _text(group.get("id"), "a named group's id")
        _text(group.get("name"), "a named group's name")
    return pair


def server_info(body: Any) -> dict[str, Any]:
    info = _dict(body, "the server information")
    for key in ("schema_version", "min_schema_version"):
        _int(info.get(key, 0), f"the server's {key}", 0, 1_000_000)
    return info


def push_answer(body: Any) -> dict[str, Any]:
    """A push answer: one well-formed receipt per mutation (matching them is the engine's)."""
    answer = _dict(body, "the push answer")
    for receipt in _list(answer.get("receipts"), "the receipts"):
        receipt = _dict(receipt, "a receipt")
        _int(receipt.get("seq"), "a receipt's seq", 1)
        _text(receipt.get("mutation_id"), "a receipt's mutation id")
        if receipt.get("status") not in STATUSES:
            _fail("a receipt's status is unknown")
        _text(receipt.get("reason"), "a receipt's reason", optional=True)
        number = _text(receipt.get("number"), "a receipt's number", optional=True)
        if number is not None and not NUMBER.fullmatch(number):
            _fail("a receipt's number is malformed")
        for conflict in _list(_given(receipt, "conflicts", []), "a receipt's conflicts"):
            _text(_dict(conflict, "a conflict").get("field"), "a conflict's field")
    if "cursor" in answer:
        _int(answer["cursor"], "the push cursor", 0, MAX_CURSOR)
    return answer


def pull_page(body: Any, *, cursor: int, priority_first: bool = False) -> dict[str, Any]:
    """A pull page asked from `cursor`: the cursor it names is a number in range that does not go back
    (a page that says more follows must move it on), and every row fits the local table it goes to."""
    page = _dict(body, "the pull page")
    if not isinstance(page.get("has_more"), bool):
        _fail("has_more is not true or false")
    after = _int(page.get("next_cursor"), "the next cursor", 0, MAX_CURSOR)
    if not priority_first:
        if after < cursor:
            _fail(f"the cursor went back from {cursor} to {after}")
        if page["has_more"] and after == cursor:
            _fail("it says more follows but the cursor does not move")
    for change in _list(_given(page, "changes", []), "the changes"):
        change = _dict(change, "a change")
        _text(change.get("entity"), "a change's entity")
        _text(change.get("entity_id"), "a change's entity id")
        if change.get("op") not in OPS:
            _fail("a change's operation is unknown")
    for entity, rows in _dict(_given(page, "rows", {}), "the rows").items():
        plan = _plan(entity)
        for row in _list(rows, f"the {entity} rows"):
            _row(entity, plan, _dict(row, f"a {entity} row"))
    for key in ("tombstones", "evictions"):
        for ref in _list(_given(page, key, []), f"the {key}"):
            _dict(ref, f"one of the {key}")
    for record in _list(_given(page, "conflicts", []), "the conflict records"):
        record = _dict(record, "a conflict record")
        for key in ("id", "mutation_id", "field", "ticket_id"):
            _text(record.get(key), f"a conflict record's {key}")
    return page


@cache
def _plan(entity: str) -> tuple[tuple[str, str, bool], ...]:
    """(column, kind, required) of the entity's local table; () for an entity this desk does not keep."""
    model = ROW_MODELS.get(entity)
    if model is None:
        return ()
    out = []
    for column in model.__table__.columns:
        if column.name == "row_id":
            continue
        kind = ("time" if isinstance(column.type, UtcDateTime) else "bool" if isinstance(column.type, Boolean)
                else "int" if isinstance(column.type, Integer) else "text" if isinstance(column.type, (String, Text))
                else "any")
        # Required: NOT NULL with nothing to fill it. A column with a default (a flag a newer desk added, such as
        # is_major) may be missing from an older server's rows; the apply gives it its default.
        has_default = (column.default is not None and getattr(column.default, "is_scalar", False)) \
            or column.server_default is not None
        out.append((column.name, kind, not column.nullable and not has_default))
    return tuple(out)


def _row(entity: str, plan: tuple[tuple[str, str, bool], ...], row: dict[str, Any]) -> None:
    if entity == "group_member":
        _text(row.get("group_id"), "a membership's group")
        _text(row.get("person_id"), "a membership's person")
        return
    _text(row.get("id"), f"a {entity} row's id")
    for name, kind, required in plan:
        value = row.get(name)
        if value is None:
            if required:
                _fail(f"a {entity} row lacks {name}")
            continue
        if kind == "text":
            ok = isinstance(value, str)
        elif kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool) and -MAX_INT <= value <= MAX_INT
        elif kind == "bool":
            ok = isinstance(value, bool) or value in (0, 1)
        elif kind == "time":
            ok = isinstance(value, str) and _is_time(value)
        else:
            ok = True
        if not ok:
            _fail(f"a {entity} row's {name} is not a valid {'time' if kind == 'time' else kind}")
    if entity == "change" and not isinstance(row.get("ci_ids") or [], (list, str)):
        _fail("a change row's CI list is malformed")


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
