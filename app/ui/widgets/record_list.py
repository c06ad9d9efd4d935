"""A flat, read-only list of records (attachments, links, history): one column stretches, the rest fit."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QWidget


class RecordList(QTreeWidget):
    """Columns other than `stretch` fit their contents when `fit_columns()` is called after a fill,
    once, rather than on every layout (the history can hold thousands of rows)."""

    def __init__(self, headers: list[str], stretch: int, accessible_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stretch = stretch
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(accessible_name)
        header = self.header()
        header.setStretchLastSection(False)
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                        else QHeaderView.ResizeMode.Interactive)

    def fit_columns(self) -> None:
        for column in range(self.columnCount()):
            if column != self._stretch:
                self.resizeColumnToContents(column)
