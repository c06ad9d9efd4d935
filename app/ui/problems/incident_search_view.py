"""The problem editor's Find incidents tab: a search box with the queue's safe search syntax, the incidents
it finds (open first), a Link button on each row for one-click linking and Link selected for several."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.problems.incident_search import FoundIncident, IncidentSearch
from app.tickets import search_syntax
from app.ui.labels import label_text
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.time_text import local_time_text

ID_ROLE = Qt.ItemDataRole.UserRole
DEBOUNCE_MS = 250
LINK_COLUMN = 5


class IncidentSearchView(QWidget):
    """Search incidents and link them: `search_requested` carries the text after a pause in typing (or
    Enter); `link_requested` the ids of one row's Link button or of the selected rows."""

    search_requested = Signal(str)
    link_requested = Signal(list)  # incident ids
    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(self)
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(self.tr('Search incidents: words, "a phrase", OR, -word, or a number'))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setHeaderLabels([self.tr("Number"), self.tr("Title"), self.tr("State"), self.tr("CI"),
                                   self.tr("Problem"), ""])
        self.tree.setColumnWidth(0, 95)
        self.tree.setColumnWidth(1, 250)
        self.tree.setColumnWidth(4, 95)
        self.link_button = QPushButton(self.tr("&Link selected"), self)
        self.open_button = QPushButton(self.tr("&Open"), self)
        row = QHBoxLayout()
        row.addWidget(self.box, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.link_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(row)
        column.addWidget(self.status)
        column.addWidget(self.tree, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.box.textEdited.connect(lambda _t: self._timer.start())
        self.box.returnPressed.connect(self.search_now)
        self.tree.itemActivated.connect(lambda item, _c: self.open_requested.emit(item.data(0, ID_ROLE)))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.link_button.clicked.connect(self._on_link_selected_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        self._can_link = True
        self._found: dict[str, FoundIncident] = {}
        self._update_buttons()

    def text(self) -> str:
        return self.box.text().strip()

    def set_can_link(self, can_link: bool) -> None:
        self._can_link = can_link
        self._update_buttons()

    def search_now(self) -> None:
        self._timer.stop()
        if not self.text():
            self.show_result(IncidentSearch(items=(), more=False, ignored=()))
            return
        self.status.setText(self.tr("Searching…"))
        self.search_requested.emit(self.text())

    def show_result(self, result: IncidentSearch) -> None:
        self.tree.clear()
        self._found = {i.id: i for i in result.items}
        for found in result.items:
            item = self._item(found)
            self.tree.addTopLevelItem(item)
            if not found.linked_here:
                button = QPushButton(self.tr("Link"), self.tree)
                button.setToolTip(self.tr("Link {0} to this problem").format(found.number))
                button.setEnabled(self._can_link)
                button.clicked.connect(lambda _c=False, i=found.id: self.link_requested.emit([i]))
                self.tree.setItemWidget(item, LINK_COLUMN, button)
        self.status.setText(self._status_text(result))
        self._update_buttons()

    def _status_text(self, result: IncidentSearch) -> str:
        notice = self._ignored_text(result.ignored)
        if not self.text():
            return self.tr("Type to search incidents by number, title or worklog text.")
        if not result.items and result.ignored:
            return f"{self.tr('Nothing searchable in that text.')} {notice}"
        if not result.items:
            return self.tr("No incident matches.")
        text = self.tr("%Ln incident(s) match.", "", len(result.items))
        if result.more:
            text = self.tr("The newest {0} matching incidents; refine the search for others.").format(len(result.items))
        return f"{text} {notice}".strip()

    def _ignored_text(self, ignored: tuple[tuple[str, str], ...]) -> str:
        """What the search left out and why, in one line (the queue's rules: app.tickets.search)."""
        if not ignored:
            return ""
        reasons = {search_syntax.NOTHING_SEARCHABLE: self.tr("nothing searchable"),
                   search_syntax.LONE_OPERATOR: self.tr("OR goes between two terms, NOT before one"),
                   search_syntax.UNSUPPORTED: self.tr("not supported"),
                   search_syntax.TOO_MANY: self.tr("only the first {0} words are searched").format(
                       search_syntax.MAX_TERMS)}
        pieces = "; ".join(f"{one_line(piece, 24)} ({reasons.get(reason, reason)})" for reason, piece in ignored[:6])
        return self.tr("Ignored: {0}").format(pieces)

    def _item(self, f: FoundIncident) -> QTreeWidgetItem:
        problem = self.tr("this one") if f.linked_here else (f.problem_number or "")
        item = QTreeWidgetItem([f.number, one_line(f.title), label_text(f.state_label), f.ci, problem, ""])
        item.setData(0, ID_ROLE, f.id)
        item.setToolTip(1, one_line(f.title, 300))
        item.setToolTip(0, self.tr("Opened {0}").format(local_time_text(f.created_at)))
        return item

    def selected_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self.tree.selectedItems()
                if not self._found[item.data(0, ID_ROLE)].linked_here]

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(bool(self.tree.selectedItems()))
        self.link_button.setEnabled(self._can_link and bool(self.selected_ids()))

    def _on_link_selected_clicked(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.link_requested.emit(ids)

    def _on_open_clicked(self) -> None:
        items = self.tree.selectedItems()
        if items:
            self.open_requested.emit(items[0].data(0, ID_ROLE))
