"""A CI picker for large CMDBs: type a name, serial or asset tag; the matches come from a named query (not from a
preloaded list), so a CI made a moment ago is offered and 50,000 CIs cost what 50 do."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.cmdb import queries as cmdb_queries
from app.cmdb.records import CiChoice
from app.ui.cmdb.map_style import status_label
from app.ui.context import UiContext
from app.ui.widgets.safe_text import one_line

SEARCH_DELAY_MS = 150
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CiPicker(QWidget):
    """`current_id()` is the CI chosen in the list under the input (None until one is). Typing narrows the list
    after a short pause; Up/Down move in it without leaving the input. GUI thread only."""

    results_shown = Signal(int)  # a search's rows are on screen (how many)
    chosen = Signal(str)  # the CI id now current

    def __init__(self, ctx: UiContext, *, exclude_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._exclude = exclude_id
        self._asked = 0  # searches started: only the newest one's answer is shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search = QLineEdit(self)
        self.search.setObjectName("CiPickerSearch")
        self.search.setPlaceholderText(self.tr("Type a CI's name, serial or asset tag"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setObjectName("CiPickerResults")
        self.results.setAccessibleName(self.tr("Matching CIs"))
        self.results.setUniformItemSizes(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.currentItemChanged.connect(self._on_current_changed)
        self.status = QLabel(self)
        self.status.setEnabled(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.search)
        column.addWidget(self.results, 1)
        column.addWidget(self.status)
        self.setFocusProxy(self.search)
        self.run_search()

    def current_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def set_current(self, ci_id: str, name: str) -> None:
        """Show `ci_id` (named `name`) as the only, chosen, match."""
        self._timer.stop()
        self._asked += 1
        self.search.setText(name)
        self._show((CiChoice(id=ci_id, name=name, ci_class="", class_label="", status=""),))

    def run_search(self) -> None:
        self._timer.stop()
        self._asked += 1
        asked = self._asked
        self._ctx.runner.query(cmdb_queries.ci_choices, text=self.search.text(), exclude_id=self._exclude,
                               slot=("ci-picker", id(self)),
                               on_done=lambda rows: self._show(rows) if asked == self._asked else None,
                               owner=self, label="find CIs")

    def _show(self, rows: tuple[CiChoice, ...]) -> None:
        self.results.clear()
        for r in rows:
            extra = [part for part in (r.class_label, status_label(r.status) if r.status else "") if part]
            item = QListWidgetItem("  ·  ".join([one_line(r.name, 120), *extra]))
            item.setData(ID_ROLE, r.id)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
            self.status.setText(self.tr("%n CI(s) shown; type more to narrow them", "", len(rows)))
        else:
            self.status.setText(self.tr("No CI matches."))
        self.results_shown.emit(len(rows))

    def _on_current_changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None:
            self.chosen.emit(item.data(ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)
