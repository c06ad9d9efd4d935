"""Import a list from CSV: a preview of what would be added and updated, or every problem, before any write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.records.csv_transfer import ImportPreview, ImportResult
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.text_table_model import TextTableModel
from core.csv_table import problems_report

PREVIEW_ROWS = 2_000  # rows shown; the import takes them all


@dataclass(frozen=True)
class ImportWords:
    """A list's words in the dialog, already translated by the page that opens it. Format fields: `read`
    {0} file {1} rows {2} encoding; `plan` {0} new {1} updated; `button` {0} rows; `done` {0} added
    {1} updated {2} unchanged."""

    title: str
    read: str
    plan: str
    button: str
    done: str
    label: str  # the operation's label for the runner ("import people")


class CsvImportDialog(QDialog):
    """Shows a preview; with problems it lists them (and saves them as CSV) and imports nothing; without, Import
    runs `run(preview=..., actor_id=...)` through the runner as one operation and emits `imported`. `columns`
    are (heading, value key) pairs shown for each row. GUI thread only."""

    imported = Signal(object)  # ImportResult

    def __init__(self, ctx, preview: ImportPreview, *, words: ImportWords, columns: Sequence[tuple[str, str]],
                 run: Callable[..., ImportResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._preview = preview
        self._words = words
        self._run = run
        self.setWindowTitle(words.title)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        lines = [words.read.format(Path(preview.path).name, preview.total, preview.encoding)]
        if preview.ignored_columns:
            lines.append(self.tr("Columns left out: {0}.").format(", ".join(preview.ignored_columns)))
        if preview.problems:
            lines.append(self.tr("{0} rows have problems. Nothing is imported until the file is fixed; save the "
                                 "list to work through it.").format(len(preview.problems)))
            model = TextTableModel([self.tr("Line"), self.tr("Column"), self.tr("Problem")], self)
            model.set_cells([(str(p.line), p.column, p.message) for p in preview.problems[:PREVIEW_ROWS]])
        else:
            lines.append(words.plan.format(preview.new, preview.updates))
            add, update = self.tr("Add"), self.tr("Update")
            model = TextTableModel([self.tr("Line"), self.tr("Action"), *(h for h, _ in columns)], self)
            model.set_cells([(str(r.line), add if r.existing_id is None else update,
                              *(_shown(r.values.get(k)) for _, k in columns)) for r in preview.rows[:PREVIEW_ROWS]])
        self.summary.setText("\n".join(lines))
        self.model = model
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = InlineError(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(words.button.format(len(preview.rows)), self)
        self.import_button.setEnabled(not preview.problems and bool(preview.rows))
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.report_button = QPushButton(self.tr("&Save problem list…"), self)
        self.report_button.setVisible(bool(preview.problems))
        self.report_button.clicked.connect(self._on_report_clicked)
        buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def _on_report_clicked(self) -> None:
        default = str(Path(self._preview.path).with_suffix("")) + "-problems.csv"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save problem list"), default, self.tr("CSV (*.csv)"))
        if path:
            self.save_report(path)

    def save_report(self, path: str) -> bool:
        """Write the problems as CSV to `path` (a few thousand lines at most: done here)."""
        try:
            Path(path).write_text(problems_report(self._preview.problems), encoding="utf-8", newline="")
        except OSError as exc:
            self.error.show_message(self.tr("Cannot write {0}: {1}").format(path, exc.strerror or str(exc)))
            return False
        self._ctx.events.status_message.emit(self.tr("Problem list saved to {0}").format(path))
        return True

    def run_import(self) -> None:
        if not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        self.error.clear_message()
        self._ctx.runner.op(self._run, preview=self._preview, actor_id=self._ctx.me, on_done=self._on_imported,
                            on_error=self._on_import_failed, owner=self, label=self._words.label)

    def _on_imported(self, result: ImportResult) -> None:
        self._ctx.events.status_message.emit(self._words.done.format(result.added, result.updated,
                                                                     result.unchanged))
        self.imported.emit(result)
        self.accept()

    def _on_import_failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        self.error.show_message(describe_error(exc))


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    return str(value)
