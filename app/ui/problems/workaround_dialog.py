"""Publish workaround: the preview of the reply and of the incidents it goes to, before anything is sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QPlainTextEdit, QVBoxLayout, QWidget

from app.problems.records import WorkaroundPreview
from app.ui.labels import label_text
from app.ui.widgets.safe_text import one_line


class WorkaroundDialog(QDialog):
    """Accepting it means: send this reply to these incidents (one batch, undoable while not synced)."""

    def __init__(self, preview: WorkaroundPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WorkaroundDialog")
        self.setWindowTitle(self.tr("Publish workaround of {0}").format(preview.problem_number))
        self.resize(620, 520)
        count = len(preview.targets)
        intro = QLabel(self.tr("This public reply goes to %Ln open linked incident(s); their requesters get it "
                               "by mail.", "", count) if count else
                       self.tr("No open linked incident is waiting for this workaround."), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.body = QPlainTextEdit(preview.body, self)
        self.body.setReadOnly(True)
        self.targets = QListWidget(self)
        self.targets.addItems([f"{t.number}  {one_line(t.title)}  ({label_text(t.state_label)})"
                               for t in preview.targets])
        skipped = QLabel(self)
        skipped.setTextFormat(Qt.TextFormat.PlainText)
        skipped.setWordWrap(True)
        if preview.skipped:
            skipped.setText(self.tr("Left out: {0}").format("; ".join(f"{n} ({r})" for n, r in preview.skipped)))
        else:
            skipped.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.send_button = buttons.addButton(self.tr("&Send to %Ln incident(s)", "", count),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setEnabled(bool(count))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(QLabel(self.tr("Reply:"), self))
        column.addWidget(self.body, 2)
        column.addWidget(QLabel(self.tr("Incidents:"), self))
        column.addWidget(self.targets, 1)
        column.addWidget(skipped)
        column.addWidget(buttons)
