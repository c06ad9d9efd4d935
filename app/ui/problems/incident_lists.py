"""The problem editor's lists: its linked incidents (or a major incident's children), similar incidents
with why they look alike, and a major incident's communication log."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.problems.records import CommsEntry, IncidentItem
from app.ui.labels import label_text
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.time_text import local_time_text

ID_ROLE = Qt.ItemDataRole.UserRole


def _tree(parent: QWidget, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    tree.setHeaderLabels(headers)
    return tree


def _selected_ids(tree: QTreeWidget) -> list[str]:
    return [item.data(0, ID_ROLE) for item in tree.selectedItems()]


class LinkedIncidentsView(QWidget):
    """A problem's incidents (or a major incident's children): open one, unlink the selected, link one
    by number."""

    open_requested = Signal(str)  # ticket id
    unlink_requested = Signal(list)  # incident ids
    link_number_requested = Signal(str)  # an incident number typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = _tree(self, [self.tr("Number"), self.tr("Title"), self.tr("State"), self.tr("CI"),
                                 self.tr("Opened")])
        self.tree.setColumnWidth(0, 95)
        self.tree.setColumnWidth(1, 260)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Incident number, e.g. INC0000123"))
        self.link_button = QPushButton(self.tr("&Link"), self)
        self.unlink_button = QPushButton(self.tr("U&nlink selected"), self)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.error = InlineError(self)
        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(self.link_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.unlink_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(row)
        column.addWidget(self.error)
        column.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(lambda item, _c: self.open_requested.emit(item.data(0, ID_ROLE)))
        self.open_button.clicked.connect(self._on_open_clicked)
        self.unlink_button.clicked.connect(self._on_unlink_clicked)
        self.link_button.clicked.connect(self._on_link_clicked)
        self.number.returnPressed.connect(self._on_link_clicked)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_items(self, items: tuple[IncidentItem, ...], *, read_only: bool) -> None:
        self.tree.clear()
        self.tree.addTopLevelItems([self._item(i) for i in items])
        self.number.setEnabled(not read_only)
        self.link_button.setEnabled(not read_only)
        self._read_only = read_only
        self._update_buttons()

    def _item(self, i: IncidentItem) -> QTreeWidgetItem:
        item = QTreeWidgetItem([i.number, one_line(i.title), label_text(i.state_label), i.ci,
                                local_time_text(i.created_at)])
        item.setData(0, ID_ROLE, i.id)
        item.setToolTip(1, one_line(i.title, 300))
        return item

    def _update_buttons(self) -> None:
        chosen = bool(self.tree.selectedItems())
        self.open_button.setEnabled(chosen)
        self.unlink_button.setEnabled(chosen and not getattr(self, "_read_only", False))

    def _on_open_clicked(self) -> None:
        ids = _selected_ids(self.tree)
        if ids:
            self.open_requested.emit(ids[0])

    def _on_unlink_clicked(self) -> None:
        ids = _selected_ids(self.tree)
        if ids:
            self.unlink_requested.emit(ids)

    def _on_link_clicked(self) -> None:
        self.error.clear_message()
        if self.number.text().strip():
            self.link_number_requested.emit(self.number.text().strip())


class CommsLogView(QWidget):
    """A major incident's communication log, newest first, and a box to add an entry."""

    add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = _tree(self, [self.tr("When"), self.tr("Who"), self.tr("Update")])
        self.tree.setColumnWidth(0, 130)
        self.tree.setColumnWidth(1, 130)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.body = QPlainTextEdit(self)
        self.body.setPlaceholderText(self.tr("Status update for stakeholders (who is affected, what is done, "
                                             "next update at…)"))
        self.body.setMaximumHeight(70)
        self.body.setTabChangesFocus(True)
        self.add_button = QPushButton(self.tr("&Add to log"), self)
        self.error = InlineError(self)
        row = QHBoxLayout()
        row.addWidget(self.body, 1)
        row.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(row)
        column.addWidget(self.error)
        column.addWidget(self.tree, 1)
        self.add_button.clicked.connect(self._on_add_clicked)

    def set_entries(self, entries: tuple[CommsEntry, ...], *, read_only: bool) -> None:
        self.tree.clear()
        for e in entries:
            item = QTreeWidgetItem([local_time_text(e.created_at), e.author, one_line(e.body, 400)])
            item.setToolTip(2, one_line(e.body, 2000))
            self.tree.addTopLevelItem(item)
        self.body.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)

    def entry_added(self) -> None:
        self.body.clear()
        self.error.clear_message()

    def _on_add_clicked(self) -> None:
        self.error.clear_message()
        self.add_requested.emit(self.body.toPlainText())
