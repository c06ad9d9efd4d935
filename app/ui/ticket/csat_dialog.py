"""The dialog of Record satisfaction…: the requester's score, where the answer came from, a comment."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.tickets.csat import AGENT_SOURCES
from app.ui.labels import label_text
from app.ui.widgets.choice_combo import ChoiceCombo
from core.tickets.csat import CSAT_SCORES


class CsatDialog(QDialog):
    """Asks for a score and its source, with no preselection of either (the agent must not guess the
    requester's answer); OK is enabled once both are chosen. `values()` is record_csat's arguments."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CsatDialog")
        self.setWindowTitle(self.tr("Record satisfaction for {0}").format(number))
        self.score = ChoiceCombo(self.tr("(Choose…)"), self)
        self.score.setObjectName("CsatScore")
        self.score.set_choices((n, self.tr("{0} of 5").format(n)) for n in reversed(CSAT_SCORES))
        self.source = ChoiceCombo(self.tr("(Choose…)"), self)
        self.source.setObjectName("CsatSource")
        # Not "survey": the requester's survey answers come from their survey link, through the server.
        self.source.set_choices((key, label_text(label)) for key, label in AGENT_SOURCES.items())
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("CsatComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("What the requester said (optional)"))
        form = QFormLayout()
        for text, widget in ((self.tr("&Score"), self.score), (self.tr("Came &from"), self.source),
                             (self.tr("&Comment"), self.comment)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(label, widget)
        intro = QLabel(self.tr("Satisfaction is the requester's answer. Record it as they gave it, and say how "
                               "it reached you; the ticket's history keeps both."), self)
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.score.currentIndexChanged.connect(self._update_ok)
        self.source.currentIndexChanged.connect(self._update_ok)
        self._update_ok()

    def values(self) -> dict:
        return {"score": self.score.current_id(), "source": self.source.current_id(),
                "comment": self.comment.toPlainText() or None}

    def _update_ok(self, *_args) -> None:
        self.ok_button.setEnabled(self.score.current_id() is not None and self.source.current_id() is not None)
