"""Pick a problem by number or words (Link to problem… in the queue and the incident editor)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.problems.queries import find_problems
from app.problems.records import ProblemRow
from app.ui.context import UiContext
from app.ui.widgets.safe_text import one_line

SEARCH_DELAY_MS = 200


class ProblemPickerDialog(QDialog):
    """Lists open problems first, narrowed as the user types; `chosen()` is the (id, number) accepted."""

    def __init__(self, ctx: UiContext, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProblemPicker")
        self.setWindowTitle(title)
        self.resize(560, 420)
        self.ctx = ctx
        text = QLabel(intro, self)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Problem number or words of its title"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Link"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        for widget in (text, self.search, self.results, self.status, self.buttons):
            column.addWidget(widget)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results.currentRowChanged.connect(lambda _r: self._update_ok())
        self.results.itemActivated.connect(lambda _i: self.accept())
        self._update_ok()
        self._search()

    def _search(self) -> None:
        self.ctx.runner.query(find_problems, text=self.search.text(), slot=("problem picker", id(self)),
                              on_done=self._on_found, owner=self, label="find problems")

    def _on_found(self, rows: tuple[ProblemRow, ...]) -> None:
        self.results.clear()
        for r in rows:
            extra = self.tr(" · known error") if r.known_error_at else ""
            item = QListWidgetItem(f"{r.number}  {one_line(r.title)}  ({self.tr(r.state_label)}{extra})")
            item.setData(Qt.ItemDataRole.UserRole, (r.id, r.number))
            self.results.addItem(item)
        self.status.setText(self.tr("%n problem(s)", "", len(rows)) if rows else self.tr("No problem matches."))
        if rows:
            self.results.setCurrentRow(0)
        self._update_ok()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.results.currentItem() is not None)

    def chosen(self) -> tuple[str, str] | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
