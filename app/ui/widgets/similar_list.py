"""The similar-incidents list shared by the problem editor and the incident editor: best first, each with
why it looks alike, and a link button whose meaning the owner gives."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.problems.records import SimilarIncident
from app.ui.widgets.safe_text import one_line

ID_ROLE = Qt.ItemDataRole.UserRole


def _selected_ids(tree: QTreeWidget) -> list[str]:
    return [item.data(0, ID_ROLE) for item in tree.selectedItems()]


class SimilarIncidentsList(QWidget):
    """Similar incidents, best first, each with why; Link selected links them in one batch."""

    open_requested = Signal(str)
    link_requested = Signal(list)  # incident ids

    def __init__(self, link_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels([self.tr("Number"), self.tr("Title"), self.tr("State"), self.tr("Why"),
                                   self.tr("Score")])
        self.tree.setColumnWidth(0, 95)
        self.tree.setColumnWidth(1, 250)
        self.tree.setColumnWidth(3, 190)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.link_button = QPushButton(link_text, self)
        self.open_button = QPushButton(self.tr("&Open"), self)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.link_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(row)
        column.addWidget(self.tree, 1)
        self.tree.itemActivated.connect(lambda item, _c: self.open_requested.emit(item.data(0, ID_ROLE)))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.link_button.clicked.connect(lambda: self.link_requested.emit(_selected_ids(self.tree)))
        self.open_button.clicked.connect(self._on_open_clicked)
        self._can_link = True
        self._items: tuple[SimilarIncident, ...] = ()
        self._update_buttons()

    def set_loading(self) -> None:
        self.status.setText(self.tr("Looking for similar incidents…"))

    def set_link_text(self, text: str) -> None:
        self.link_button.setText(text)

    def selected_rows(self) -> list[int]:
        """The queue row ids of the selected incidents."""
        chosen = set(_selected_ids(self.tree))
        return [s.row_id for s in self._items if s.id in chosen]

    def set_items(self, items: tuple[SimilarIncident, ...], *, can_link: bool = True) -> None:
        self._items = items
        self._can_link = can_link
        self.tree.clear()
        self.tree.addTopLevelItems([self._item(i) for i in items])
        self.status.setText(self.tr("%n similar incident(s), open or from the last 90 days", "", len(items))
                            if items else self.tr("No open or recent incident looks like this one."))
        self._update_buttons()

    def _item(self, s: SimilarIncident) -> QTreeWidgetItem:
        why = []
        if s.same_ci:
            why.append(self.tr("same CI"))
        if s.same_service:
            why.append(self.tr("same service"))
        if s.shared_words:
            why.append(self.tr("words: {0}").format(", ".join(s.shared_words)))
        if s.problem_number:
            why.append(self.tr("linked to {0}").format(s.problem_number))
        item = QTreeWidgetItem([s.number, one_line(s.title), self.tr(s.state_label), "; ".join(why), f"{s.score:.1f}"])
        item.setData(0, ID_ROLE, s.id)
        item.setToolTip(3, "; ".join(why))
        item.setToolTip(1, one_line(s.title, 300))
        return item

    def _update_buttons(self) -> None:
        chosen = bool(self.tree.selectedItems())
        self.open_button.setEnabled(chosen)
        self.link_button.setEnabled(chosen and self._can_link)

    def _on_open_clicked(self) -> None:
        ids = _selected_ids(self.tree)
        if ids:
            self.open_requested.emit(ids[0])
