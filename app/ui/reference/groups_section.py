"""The Groups list: assignment groups and their members (on a team server, members are an administrator's)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.people import reference_ops, reference_queries, reference_transfer
from app.people.reference_queries import GroupRow, Member
from app.ui.reference.section import RecordSection
from app.ui.tasks import describe_error
from app.ui.widgets.choice_combo import ChoiceCombo


class GroupsSection(RecordSection):
    entity = "group"
    watched = ("person",)
    list_query = staticmethod(reference_queries.groups)
    widths = (200, 80)

    members_shown = Signal(int)  # the chosen group's members are listed (how many)

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.record_shown.connect(self._on_record_shown)

    def headings(self) -> tuple[str, ...]:
        return self.tr("Group"), self.tr("Members"), self.tr("Description")

    def new_label(self) -> str:
        return self.tr("&New group")

    def cells(self, row: GroupRow) -> tuple[str, ...]:
        name = row.name if row.active else self.tr("{0} (retired)").format(row.name)
        return name, str(row.members), row.description or ""

    def build_form(self, form: QFormLayout) -> None:
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.description = QLineEdit(self)
        self.description.setMaxLength(1000)
        for label, widget in ((self.tr("&Name"), self.name), (self.tr("&Description"), self.description)):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        self.name.textEdited.connect(self._update_buttons)
        self.description.textEdited.connect(self._update_buttons)

        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.members = QListWidget(self)
        self.members.setAccessibleName(self.tr("Members"))
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.setMinimumHeight(self.fontMetrics().height() * 6)
        self.members.currentItemChanged.connect(lambda *_a: self._update_member_buttons())
        self.candidate = ChoiceCombo(None, self)
        self.candidate.setAccessibleName(self.tr("Agent to add"))
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.clicked.connect(self.add_selected_member)
        self.remove_button = QPushButton(self.tr("Re&move"), self)
        self.remove_button.clicked.connect(self.remove_selected_member)
        row = QHBoxLayout()
        row.addWidget(self.candidate, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        self.members_note = QLabel(self)
        self.members_note.setTextFormat(Qt.TextFormat.PlainText)
        self.members_note.setWordWrap(True)
        column.addWidget(self.members)
        column.addLayout(row)
        column.addWidget(self.members_note)
        form.addRow(self.tr("Members"), box)

    def fill_form(self, row: GroupRow | None) -> None:
        self.name.setText(row.name if row else "")
        self.description.setText((row.description or "") if row else "")
        if row is None:
            self.members.clear()
            self.candidate.set_choices([])
        self._update_member_buttons()
        self._update_buttons()

    def form_values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "description": self.description.text().strip() or None}

    def row_values(self, row: GroupRow) -> dict[str, Any]:
        return {"name": row.name, "description": row.description}

    def create_call(self):
        return reference_ops.create_group, {"values": self.form_values()}

    def update_call(self, row_id: str, changes: dict[str, Any]):
        return reference_ops.update_group, {"group_id": row_id, "changes": changes}

    def export(self, path: str):
        return reference_transfer.export_groups, {}

    def usage_text(self, row: GroupRow, usage: reference_queries.Usage) -> str:
        return self.tr("{0} tickets are assigned to this group. A group is retired, never deleted.") \
            .format(usage.tickets)

    # ----- members

    def _on_record_shown(self, group_id: str) -> None:
        role = self._ctx.reference.me_role
        on_server = bool(self._ctx.settings.get("server_url"))
        if on_server and role != "admin":
            self.members_note.setText(self.tr("On the team server only an administrator changes groups and "
                                              "members: your change is kept here and sent, and the server may "
                                              "refuse it (see Conflicts)."))
        else:
            self.members_note.setText(self.tr("Members are agents: they see and work the group's tickets."))
        if group_id:
            self._load_members(group_id)

    def _load_members(self, group_id: str) -> None:
        self._ctx.runner.query(self._members_and_agents, group_id=group_id, slot=("group-members", id(self)),
                               on_done=lambda result: self._on_members(group_id, *result), owner=self,
                               label="group members")

    @staticmethod
    def _members_and_agents(session, *, group_id: str) -> tuple[tuple[Member, ...], tuple[Member, ...]]:
        return (reference_queries.group_members(session, group_id=group_id), reference_queries.agents(session))

    def _on_members(self, group_id: str, members: tuple[Member, ...], agents: tuple[Member, ...]) -> None:
        if group_id != self._selected:
            return
        self.members.clear()
        for m in members:
            item = QListWidgetItem(m.name + (f"  <{m.email}>" if m.email else ""), self.members)
            item.setData(Qt.ItemDataRole.UserRole, m.id)
        inside = {m.id for m in members}
        self.candidate.set_choices([(a.id, a.name) for a in agents if a.id not in inside], keep=None)
        self._update_member_buttons()
        self.members_shown.emit(len(members))

    def _on_member_changed(self, group_id: str) -> None:
        self.saved.emit(group_id)  # the pickers' members changed too
        self._load_members(group_id)

    def _update_member_buttons(self) -> None:
        chosen = self._selected is not None and not self._new
        self.add_button.setEnabled(chosen and self.candidate.count() > 0)
        self.remove_button.setEnabled(chosen and self.members.currentItem() is not None)
        self.candidate.setEnabled(chosen)

    def add_selected_member(self) -> None:
        person_id = self.candidate.current_id()
        if self._selected is None or person_id is None:
            return
        self._member_op(reference_ops.add_member, person_id)

    def remove_selected_member(self) -> None:
        item = self.members.currentItem()
        if self._selected is None or item is None:
            return
        self._member_op(reference_ops.remove_member, item.data(Qt.ItemDataRole.UserRole))

    def _member_op(self, fn, person_id: str) -> None:
        group_id = self._selected
        self.error.clear_message()
        self._ctx.runner.op(fn, group_id=group_id, person_id=person_id, actor_id=self._ctx.me,
                            on_done=lambda _r: self._on_member_changed(group_id or ""),
                            on_error=lambda exc: self.error.show_message(describe_error(exc)), owner=self,
                            label="group member")
