"""The look a list-beside-its-record page shares (People, Reference data): a row-selecting table, a record heading."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget


def configure_list_table(table: QTableView) -> None:
    """One row selected at a time, read-only, fixed row heights (no resize-to-contents), no row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)


def record_heading(parent: QWidget) -> QLabel:
    """The bold title above a record's form (plain text: names are never markup)."""
    heading = QLabel(parent)
    heading.setTextFormat(Qt.TextFormat.PlainText)
    font = heading.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    heading.setFont(font)
    return heading
