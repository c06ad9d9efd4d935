"""The change editor's record tabs: CAB approvals and linked tickets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.changes.detail import ChangeDetail
from app.changes.links import can_approve, unlink_ticket
from app.changes.ops import add_approval, add_link
from app.ui.changes.labels import decision_label, link_kind_label, risk_colour
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.theme import is_dark
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import plain_tooltip
from app.ui.widgets.time_text import local_time_text


class ApprovalsView(QWidget):
    """CAB decisions in order, and a row to record one's own: only members of the approving group (the
    cab_group setting) get it enabled; anyone else reads why not."""

    record_added = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.change_id: str | None = None
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("ApprovalList")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Decided"), self.tr("CAB member"), self.tr("Decision"), self.tr("Comment")])
        self.tree.setColumnWidth(0, 130)
        self.tree.setColumnWidth(1, 160)
        self.approver = QLabel(self)  # who decides: always the signed-in person
        self.approver.setObjectName("ApproverLabel")
        self.approver.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLabel(self)  # why this person cannot record a decision
        self.reason.setObjectName("ApprovalReason")
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        self.reason.hide()
        self._member = False
        self._active = False
        self.decision = QComboBox(self)
        self.decision.setObjectName("DecisionCombo")
        for key in ("approved", "rejected", "pending"):
            self.decision.addItem(decision_label(key), key)
        self.comment = QLineEdit(self)
        self.comment.setObjectName("ApprovalComment")
        self.comment.setPlaceholderText(self.tr("Comment (required to reject)"))
        self.add_button = QPushButton(self.tr("Record decision"), self)
        self.add_button.setObjectName("AddApprovalButton")
        self.error = InlineError(self)
        row = QHBoxLayout()
        row.addWidget(self.approver)
        row.addWidget(self.decision)
        row.addWidget(self.comment, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add)
        self.comment.returnPressed.connect(self.add)

    def set_detail(self, d: ChangeDetail) -> None:
        self.change_id = d.id
        me = self.ctx.me
        self.approver.setText(self.tr("Your decision ({0}):").format(
            self.ctx.reference.name_of("agents", me) or self.tr("you")))
        self.summary.setText(self.tr("Latest decision per CAB member: {0}").format(d.approval_summary)
                             if d.change_type != "standard" else
                             self.tr("Standard changes are pre-approved; CAB decisions are optional."))
        self.tree.clear()
        dark = is_dark()
        colours = {"approved": risk_colour("low", dark), "rejected": risk_colour("high", dark)}
        for a in d.approvals:
            item = QTreeWidgetItem([local_time_text(a.decided_at), a.approver, decision_label(a.decision), a.comment])
            if a.decision in colours:
                item.setForeground(2, QColor(colours[a.decision]))
            item.setToolTip(3, plain_tooltip(a.comment))
            self.tree.addTopLevelItem(item)
        self._active = d.is_active
        self._update_enabled()
        group = self.ctx.settings.get("cab_group")
        self.ctx.runner.query(can_approve, person_id=me, cab_group=group, on_done=self._on_checked, owner=self,
                              label="CAB membership")

    def _on_checked(self, answer: tuple[bool, str]) -> None:
        self._member, why = answer
        self.reason.setText(why)
        self.reason.setVisible(not self._member)
        self._update_enabled()

    def _update_enabled(self) -> None:
        for w in (self.decision, self.comment, self.add_button):
            w.setEnabled(self._active and self._member)
            w.setToolTip("" if self._member else self.reason.text())

    def add(self) -> None:
        if self.change_id is None:
            return
        self.add_button.setEnabled(False)
        self.ctx.runner.op(add_approval, change_id=self.change_id, decision=self.decision.currentData(),
                           comment=self.comment.text(), actor_id=self.ctx.me,
                           cab_group=self.ctx.settings.get("cab_group"), on_done=self._on_added,
                           on_error=self._on_failed, owner=self, label="add approval")

    def _on_added(self, _result) -> None:
        self._update_enabled()
        self.comment.clear()
        self.error.clear_message()
        self.record_added.emit()

    def _on_failed(self, exc: Exception) -> None:
        self._update_enabled()
        self.error.show_message(describe_error(exc))


class LinksView(QWidget):
    """Incidents and problems linked to the change; link by number, unlink the selected."""

    record_added = Signal()
    open_ticket = Signal(str)  # ticket id

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.change_id: str | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("LinkList")
        self.number = QLineEdit(self)
        self.number.setObjectName("LinkNumber")
        self.number.setPlaceholderText(self.tr("Incident or problem number, e.g. INC0000042"))
        self.kind = QComboBox(self)
        for key in ("fixes", "caused_by", "related"):
            self.kind.addItem(link_kind_label(key), key)
        self.add_button = QPushButton(self.tr("Link"), self)
        self.add_button.setObjectName("LinkButton")
        self.remove_button = QPushButton(self.tr("Unlink"), self)
        self.error = InlineError(self)
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.number, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add)
        self.number.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.list.itemDoubleClicked.connect(lambda item: self.open_ticket.emit(item.data(Qt.ItemDataRole.UserRole + 1)))

    def set_detail(self, d: ChangeDetail) -> None:
        self.change_id = d.id
        self.list.clear()
        for link in d.links:
            item = QListWidgetItem(
                f"{link.kind_label} {link.ticket_number} – {link.ticket_title} ({link.ticket_state})")
            item.setData(Qt.ItemDataRole.UserRole, link.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, link.ticket_id)
            self.list.addItem(item)
        for w in (self.number, self.kind, self.add_button, self.remove_button):
            w.setEnabled(d.is_active)

    def add(self) -> None:
        if self.change_id is None or not self.number.text().strip():
            return
        self.ctx.runner.op(add_link, change_id=self.change_id, ticket_number=self.number.text(),
                           kind=self.kind.currentData(), actor_id=self.ctx.me, on_done=self._on_done,
                           on_error=self._on_failed, owner=self, label="link ticket")

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.ctx.runner.op(unlink_ticket, link_id=item.data(Qt.ItemDataRole.UserRole), actor_id=self.ctx.me,
                           on_done=self._on_done, on_error=self._on_failed, owner=self, label="unlink ticket")

    def _on_done(self, _result) -> None:
        self.number.clear()
        self.error.clear_message()
        self.record_added.emit()

    def _on_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))
