"""The queue's columns: key, header, default width, and the sort key the SQL layer understands."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    sort_key: str | None


def _t(text: str) -> str:
    return QCoreApplication.translate("QueueColumns", text)


def all_columns() -> tuple[Column, ...]:
    return (
        Column("number", _t("Number"), 105, "number"),
        Column("priority", _t("Priority"), 90, "priority"),
        Column("title", _t("Title"), 420, "title"),
        Column("state", _t("State"), 125, "state"),
        Column("sla", _t("SLA"), 80, "sla_due"),
        Column("sla_left", _t("Time left"), 135, "sla_due"),
        Column("type", _t("Type"), 120, "type"),
        Column("group", _t("Group"), 140, "group"),
        Column("assignee", _t("Assignee"), 145, "assignee"),
        Column("requester", _t("Requester"), 150, "requester"),
        Column("category", _t("Category"), 140, None),
        Column("service", _t("Service"), 140, None),
        Column("channel", _t("Channel"), 90, "channel"),
        Column("created_at", _t("Created"), 135, "created_at"),
        Column("updated_at", _t("Updated"), 130, "updated_at"),
    )


DEFAULT_VISIBLE = ("number", "priority", "title", "state", "sla", "sla_left", "group", "assignee", "updated_at")
