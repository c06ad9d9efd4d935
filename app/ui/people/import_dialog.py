"""Import people from CSV: the shared import dialog with the directory's words and preview columns."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.people import transfer
from app.people.transfer import ImportPreview
from app.ui.context import UiContext
from app.ui.widgets.csv_import_dialog import CsvImportDialog, ImportWords


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ImportDialog(CsvImportDialog):
    """A preview of a people file; Import runs `transfer.import_people` (one transaction). GUI thread only."""

    def __init__(self, ctx: UiContext, preview: ImportPreview, parent: QWidget | None = None) -> None:
        words = ImportWords(
            title=_tr("Import people"), read=_tr("{0}: {1} people read as {2}."),
            plan=_tr("{0} new people, {1} already in the directory (matched by e-mail) updated."),
            button=_tr("&Import {0} people"), done=_tr("{0} people added, {1} updated, {2} unchanged"),
            label="import people")
        columns = [(_tr("Name"), "name"), (_tr("E-mail"), "email"), (_tr("Site"), "site"),
                   (_tr("Department"), "department")]
        super().__init__(ctx, preview, words=words, columns=columns, run=transfer.import_people, parent=parent)
