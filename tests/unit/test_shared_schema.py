"""The desk's and the server's schemas agree on every column they share, but for the differences named here."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Table

from app.models import Base as DeskBase
from server.models import Base as ServerBase

# The tables both sides hold (sync carries their rows). A new one joins this list on purpose.
SHARED_TABLES = ("person", "group", "group_member", "category", "service", "configuration_item", "ticket",
                 "worklog_entry", "attachment", "ticket_link", "change", "change_ci", "cab_approval", "change_link",
                 "reply_template", "macro", "site", "ci_relation", "ci_class",
                 "article", "article_service", "article_ci", "article_version", "article_use", "article_flag",
                 "problem_ci")

# The columns that differ on purpose; the model classes say why. Anything else that differs is drift.
DIFFERENCES = {
    ("ticket", "row_id"): "the desk's local integer key for the full-text index and the queue",
    ("ticket", "id"): "unique on the desk (row_id is its key), the primary key on the server",
    ("ticket", "number"): "empty on the desk until the server numbers a create",
    ("attachment", "size"): "BigInteger on the server, where PostgreSQL's INTEGER stops at 2 GiB",
    ("change", "number"): "empty on the desk until the server numbers a create",
    ("change", "template_id"): "a foreign key only on the desk, which holds the template catalogue",
    ("worklog_entry", "fts_rowid"): "the desk's own: the note's row in its full-text index (migration 0011)",
    ("ticket", "group_name"): "a sort key the desk's triggers copy from the group (migration 0012)",
    ("ticket", "assignee_name"): "a sort key the desk's triggers copy from the assignee (migration 0012)",
    ("ticket", "requester_name"): "a sort key the desk's triggers copy from the requester (migration 0012)",
    ("ticket", "sla_due"): "a sort key the desk's triggers copy from its SLA clocks (migration 0012)",
    ("article", "row_id"): "the desk's local integer key for the full-text index (migration 0021)",
    ("article", "id"): "unique on the desk (row_id is its key), the primary key on the server",
    ("article", "number"): "empty on the desk until the server numbers a create",
}


def _default(column: Column) -> object:
    if column.default is None:
        return None
    arg = column.default.arg  # type: ignore[attr-defined]
    return getattr(arg, "__qualname__", arg) if callable(arg) else arg


def _shape(column: Column) -> dict:
    return {
        "type": repr(column.type),
        "nullable": column.nullable,
        "primary_key": column.primary_key,
        "unique": bool(column.unique),
        "foreign_keys": sorted((fk.target_fullname, fk.ondelete) for fk in column.foreign_keys),
        # The desk makes ids (UUIDv7), the server takes them from the wire: checked on its own below.
        "default": None if column.name == "id" else _default(column),
    }


def _tables(name: str) -> tuple[Table, Table]:
    return DeskBase.metadata.tables[name], ServerBase.metadata.tables[name]


def test_the_shared_tables_are_the_ones_named():
    both = set(DeskBase.metadata.tables) & set(ServerBase.metadata.tables)
    assert both == set(SHARED_TABLES)


@pytest.mark.parametrize("name", SHARED_TABLES)
def test_both_sides_agree_on_the_shared_columns(name):
    desk, server = _tables(name)
    names = {c.name for c in desk.columns} | {c.name for c in server.columns}
    drift = {}
    for column in sorted(names):
        if (name, column) in DIFFERENCES:
            continue
        mine = _shape(desk.columns[column]) if column in desk.columns else "missing on the desk"
        theirs = _shape(server.columns[column]) if column in server.columns else "missing on the server"
        if mine != theirs:
            drift[column] = {"desk": mine, "server": theirs}
    assert drift == {}, "Give the column one definition in core/*/schema.py, or name the difference in DIFFERENCES"


@pytest.mark.parametrize(("name", "column"), sorted(DIFFERENCES))
def test_each_named_difference_still_differs(name, column):
    desk, server = _tables(name)
    mine = _shape(desk.columns[column]) if column in desk.columns else None
    theirs = _shape(server.columns[column]) if column in server.columns else None
    assert mine != theirs, "Both sides agree now: move the column into the shared mixin and drop it from DIFFERENCES"


# A CI class's id is its key, chosen by whoever defines it (core.cmdb.classes), on both sides.
@pytest.mark.parametrize("name", [n for n in SHARED_TABLES if n not in ("group_member", "change_ci", "ci_class",
                                                                     "article_service", "article_ci",
                                                                     "problem_ci")])
def test_the_desk_makes_ids_and_the_server_takes_them(name):
    desk, server = _tables(name)
    assert _default(desk.columns["id"]) == "new_id"
    assert server.columns["id"].default is None
