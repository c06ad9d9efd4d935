"""The dialog shown after an unexpected error: what happened, where the report is, and "Copy details"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    """Non-modal: the app keeps running behind it. Further errors while it is open are added to it."""

    def __init__(self, details: str, report_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CrashDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.count = 0
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.path_label = QLabel(self)
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        self.details.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.path_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.add_error(details, report_path)

    def add_error(self, details: str, report_path: str) -> None:
        self.count += 1
        self.report_path = report_path
        self.summary.setText(self.tr(
            "Deskside ran into an unexpected error and carried on. The last action may not have finished; "
            "drafts of open tickets have been saved. If it happens again, please send the report below "
            "to your administrator.") if self.count == 1 else self.tr(
            "Deskside ran into {0} unexpected errors and carried on. Drafts of open tickets have been "
            "saved. The newest report is shown below.").format(self.count))
        self.path_label.setText(self.tr("Report saved to {0}").format(report_path) if report_path
                                else self.tr("The report could not be saved; copy the details instead."))
        self.details.setPlainText(details)

    def _on_copy_button_clicked(self) -> None:
        text = self.details.toPlainText()
        if self.report_path:
            text = f"{self.report_path}\n\n{text}"
        QGuiApplication.clipboard().setText(text)
