"""Import CIs from CSV: the shared import dialog with the CMDB's words, preview columns and relations count."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from app.cmdb import transfer
from app.cmdb.transfer import CiImportPreview
from app.records.csv_transfer import ImportPreview, ImportResult
from app.ui.context import UiContext
from app.ui.widgets.csv_import_dialog import CsvImportDialog, ImportWords


def _tr(text: str) -> str:
    return QCoreApplication.translate("CiImportDialog", text)


def _import_previewed(previewed: CiImportPreview, session: Session, *, preview: ImportPreview,
                      actor_id: str | None) -> ImportResult:
    """The shared dialog hands back the rows' preview; the CIs' (with their relations) is the one to import."""
    return transfer.import_cis(session, preview=previewed, actor_id=actor_id)


class CiImportDialog(CsvImportDialog):
    """A preview of a CI file, relations included; Import runs `transfer.import_cis` (one transaction).
    GUI thread only."""

    def __init__(self, ctx: UiContext, preview: CiImportPreview, parent: QWidget | None = None) -> None:
        words = ImportWords(
            title=_tr("Import CIs"), read=_tr("{0}: {1} CIs read as {2}."),
            plan=_tr("{0} new CIs, {1} already here (matched by name) updated."),
            button=_tr("&Import {0} CIs"), done=_tr("{0} CIs added, {1} updated, {2} unchanged"),
            label="import CIs")
        columns = [(_tr("Name"), "name"), (_tr("Class"), "ci_class"), (_tr("Status"), "status"),
                   (_tr("Criticality"), "criticality"), (_tr("Site"), "site")]
        super().__init__(ctx, preview.base, words=words, columns=columns,
                         run=partial(_import_previewed, preview), parent=parent)
        if preview.relations and not preview.problems:
            self.summary.setText(self.summary.text() + " " + self.tr("%n relation(s) to add.", "",
                                                                     len(preview.relations)))
