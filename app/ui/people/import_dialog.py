"""Import people from CSV: a preview of what would be added and updated, or every problem, before any write."""

from __future__ import annotations

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

from app.people import transfer
from app.people.transfer import ImportPreview, ImportResult
from app.ui.context import UiContext
from app.ui.people.text_table_model import TextTableModel
from app.ui.tasks import describe_error
from app.ui.widgets.inline_error import InlineError
from core.people.csv_io import problems_report

PREVIEW_ROWS = 2_000  # rows shown; the import takes them all


class ImportDialog(QDialog):
    """Shows a preview; with problems it lists them (and saves them as CSV) and imports nothing; without, Import
    runs `transfer.import_people` through the runner (one transaction) and emits `imported`. GUI thread only."""

    imported = Signal(object)  # ImportResult

    def __init__(self, ctx: UiContext, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._preview = preview
        self.setWindowTitle(self.tr("Import people"))
        name = Path(preview.path).name
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        lines = [self.tr("{0}: {1} people read as {2}.").format(name, preview.total, preview.encoding)]
        if preview.ignored_columns:
            lines.append(self.tr("Columns left out: {0}.").format(", ".join(preview.ignored_columns)))
        if preview.problems:
            lines.append(self.tr("{0} rows have problems. Nothing is imported until the file is fixed; save the "
                                 "list to work through it.").format(len(preview.problems)))
            model = TextTableModel([self.tr("Line"), self.tr("Column"), self.tr("Problem")], self)
            model.set_cells([(str(p.line), p.column, p.message) for p in preview.problems[:PREVIEW_ROWS]])
        else:
            lines.append(self.tr("{0} new people, {1} already in the directory (matched by e-mail) updated.")
                         .format(preview.new, preview.updates))
            add, update = self.tr("Add"), self.tr("Update")
            model = TextTableModel([self.tr("Line"), self.tr("Action"), self.tr("Name"), self.tr("E-mail"),
                                    self.tr("Site"), self.tr("Department")], self)
            model.set_cells([(str(r.line), add if r.person_id is None else update, r.values.get("name") or "",
                              r.values.get("email") or "", r.values.get("site") or "",
                              r.values.get("department") or "") for r in preview.rows[:PREVIEW_ROWS]])
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
        self.import_button = QPushButton(self.tr("&Import {0} people").format(len(preview.rows)), self)
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
        """Write the problems as CSV to `path` (a few hundred lines at most: done here)."""
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
        self._ctx.runner.op(transfer.import_people, preview=self._preview, actor_id=self._ctx.me,
                            on_done=self._on_imported, on_error=self._on_import_failed, owner=self,
                            label="import people")

    def _on_imported(self, result: ImportResult) -> None:
        self._ctx.events.status_message.emit(
            self.tr("{0} people added, {1} updated, {2} unchanged").format(result.added, result.updated,
                                                                           result.unchanged))
        self.imported.emit(result)
        self.accept()

    def _on_import_failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(True)
        self.error.show_message(describe_error(exc))
