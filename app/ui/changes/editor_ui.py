"""The change editor's layout: header with badges, workflow buttons, the form and the record tabs."""
# Also the small dialog that asks for the outcome when a change is closed.

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.changes.detail import ChangeDetail
from app.ui.changes.conflicts_view import ConflictsView, HistoryView
from app.ui.changes.editor_form import PLAN_FIELDS, ChangeForm
from app.ui.changes.editor_tabs import ApprovalsView, LinksView
from app.ui.changes.impact_tab import ChangeImpactView
from app.ui.changes.labels import (
    OUTCOME_KEYS,
    RISK_BADGE,
    STATE_BADGE,
    STATE_KEYS,
    outcome_label,
    risk_label,
    state_label,
    type_label,
)
from app.ui.context import UiContext
from app.ui.widgets.banner import Banner
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.form_scroll import FormScrollArea
from app.ui.widgets.inline_error import InlineError


def _badge(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _paint(label: QLabel, text: str, colour: str) -> None:
    label.setText(text)
    label.setStyleSheet(f"background: {colour}; color: white; border-radius: 4px; padding: 2px 8px; font-weight: bold;"
                        )
    label.setVisible(bool(text))


class ChangeEditorUi:
    """Builds the widgets into `host`; the editor wires them."""

    def __init__(self, host: QWidget, ctx: UiContext) -> None:
        self.banner = Banner("warning", host)
        self.banner.setObjectName("ChangeBanner")
        self.heading = QLabel(host)
        self.heading.setObjectName("ChangeHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.type_badge, self.state_badge, self.risk_badge, self.outcome_badge = (_badge(host) for _ in range(4))
        self.state_buttons = QHBoxLayout()
        self.state_buttons.setContentsMargins(0, 0, 0, 0)
        self.move_buttons: dict[str, QPushButton] = {}
        for key in STATE_KEYS:
            button = QPushButton(state_label(key), host)
            button.setObjectName("move_" + key)
            button.hide()
            self.move_buttons[key] = button
            self.state_buttons.addWidget(button)
        self.final_label = QLabel(host.tr("No further moves: the change is finished."), host)
        self.final_label.hide()
        self.state_buttons.addWidget(self.final_label)
        self.state_error = InlineError(host)
        self.state_error.setObjectName("StateError")
        self.save_button = QPushButton(host.tr("Save"), host)
        self.save_button.setObjectName("SaveButton")
        self.save_button.setShortcut("Ctrl+S")
        self.revert_button = QPushButton(host.tr("Revert"), host)
        self.form = ChangeForm(ctx, host)
        scroll = self.form_scroll = FormScrollArea(self.form, host)
        self.tabs = QTabWidget(host)
        self.tabs.setObjectName("ChangeTabs")
        plans = QWidget(host)
        plans_form = QFormLayout(plans)
        for field, label in zip(PLAN_FIELDS, (host.tr("Implementation plan"), host.tr("Backout plan"),
                                              host.tr("Test plan")), strict=True):
            plans_form.addRow(label, self.form.plans[field])
        self.outcome_label = QLabel(plans)
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextFormat(Qt.TextFormat.PlainText)
        plans_form.addRow(host.tr("Outcome"), self.outcome_label)
        self.approvals = ApprovalsView(ctx, host)
        self.links = LinksView(ctx, host)
        self.conflicts = ConflictsView(ctx, host)
        self.history = HistoryView(host)
        self.impact = ChangeImpactView(ctx, host)  # the CMDB's preview for the CAB
        self.tabs.addTab(plans, host.tr("Plans"))
        self.tabs.addTab(self.approvals, host.tr("CAB approvals"))
        self.tabs.addTab(self.links, host.tr("Linked tickets"))
        self.tabs.addTab(self.conflicts, host.tr("Conflicts"))
        self.tabs.addTab(self.impact, host.tr("Impact"))
        self.tabs.addTab(self.history, host.tr("History"))
        splitter = QSplitter(Qt.Orientation.Horizontal, host)
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)  # as in the ticket editor: the form never vanishes under a drag
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        for b in (self.type_badge, self.state_badge, self.risk_badge, self.outcome_badge):
            head.addWidget(b)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(host.tr("Move to:"), host))
        bar.addLayout(self.state_buttons)
        bar.addStretch(1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(host)
        layout.addWidget(self.banner)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.state_error)
        layout.addWidget(splitter, 1)

    def show_header(self, d: ChangeDetail, dirty: bool) -> None:
        self.heading.setText(f"{d.number}  {d.title}{' *' if dirty else ''}")
        _paint(self.type_badge, type_label(d.change_type) + (" · " + d.template_name if d.template_name else ""),
               "#3c4043")
        _paint(self.state_badge, state_label(d.state), STATE_BADGE.get(d.state, "#5f6368"))
        _paint(self.risk_badge, risk_label(d.risk) + (" *" if d.risk_overridden else ""),
               RISK_BADGE.get(d.risk, "#5f6368"))
        _paint(self.outcome_badge, outcome_label(d.outcome), "#5f6368")
        self.outcome_label.setText(outcome_label(d.outcome) + ("\n" + d.close_notes if d.close_notes else "")
                                   if d.outcome else self.form.tr("Set when the change is closed."))


class CloseDialog(QDialog):
    """Asks for the outcome of a change being closed, with nothing preselected (a default would be a
    guess on the record), and its closure notes; Close change is enabled once both are given."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CloseChangeDialog")
        self.setWindowTitle(self.tr("Close {0}").format(number))
        self.outcome = ChoiceCombo(self.tr("(Choose the outcome…)"), self)
        self.outcome.setObjectName("OutcomeCombo")
        self.outcome.set_choices((key, outcome_label(key)) for key in OUTCOME_KEYS)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("CloseNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What happened; for a failed change, what was learnt (required)"))
        form = QFormLayout()
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Closure notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Close change"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.outcome.currentIndexChanged.connect(self._update_ok)
        self.notes.textChanged.connect(self._update_ok)
        self._update_ok()

    def values(self) -> dict:
        return {"outcome": self.outcome.current_id(), "close_notes": self.notes.toPlainText()}

    def _update_ok(self, *_args) -> None:
        self.ok_button.setEnabled(self.outcome.current_id() is not None and bool(self.notes.toPlainText().strip()))
