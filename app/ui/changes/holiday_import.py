"""Holiday import from an .ics file: choose the file, read and import it on the DB worker, report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.context import UiContext
from app.ui.tasks import describe_error

if TYPE_CHECKING:
    from app.changes.ical import HolidayImport


class HolidayImporter(QObject):
    """Imports into the default holiday calendar; `reported` carries a sentence for the user."""

    reported = Signal(str)
    imported = Signal(object)  # HolidayImport

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._parent, self.tr("Import holidays"), "",
                                              self.tr("iCalendar files (*.ics);;All files (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read the file on the worker (it may sit on a slow share) and import it; nothing is half-imported."""
        # Imported when a file is chosen: icalendar's import (~50 ms) made the Changes page's first show stall.
        from app.changes.ical import import_holiday_file

        self.reported.emit(self.tr("Importing {0}…").format(path.name))
        self.ctx.runner.op(import_holiday_file, path=path, actor_id=self.ctx.me, on_done=self._on_imported,
                           on_error=self._on_failed, owner=self, label="import holidays")

    def _on_imported(self, result: HolidayImport) -> None:
        text = self.tr("Holidays imported: {0} added, {1} updated, {2} removed, {3} unchanged.").format(
            result.added, result.updated, result.removed, result.unchanged)
        if result.skipped:
            text += " " + self.tr("{0} timed events were not holidays and were left out.").format(result.skipped)
        self.reported.emit(text)
        self.imported.emit(result)

    def _on_failed(self, exc: Exception) -> None:
        message = describe_error(exc)
        self.reported.emit(self.tr("Nothing was imported. {0}").format(message))
