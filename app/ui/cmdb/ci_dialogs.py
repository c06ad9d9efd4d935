"""The CMDB's dialogs: add or edit a CI (with its class's own attributes), and relate it to another CI."""
# A dialog stays open with the user's input when the operation refuses (a bad value, a stale edit): the
# message goes under the field it names, or under the form.

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.cmdb import ops as cmdb_ops
from app.cmdb import queries as cmdb_queries
from app.cmdb.records import CiClassInfo, CiDetail
from app.ui.cmdb.ci_picker import CiPicker
from app.ui.cmdb.map_style import criticality_label, status_label
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.inline_error import InlineError
from core.cmdb.classes import STATUSES

TEXTS = ("name", "site", "serial", "asset_tag")


def plain_label(text: str, parent: QWidget) -> QLabel:
    """A label that shows `text` literally (a CI's or a class's name may hold markup)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class CiDialog(QDialog):
    """New CI (`detail` None) or edit one. Saves through `cmdb_ops.create_ci` / `update_ci` (with the values
    shown as the base, so a change made meanwhile is refused, not overwritten). GUI thread only."""

    saved = Signal(object)  # the CiDetail as stored

    def __init__(self, ctx: UiContext, classes: tuple[CiClassInfo, ...], detail: CiDetail | None = None,
                 parent: QWidget | None = None, *, ci_class: str | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._classes, self.detail = ctx, {c.key: c for c in classes}, detail
        self.setWindowTitle(self.tr("Edit {0}").format(detail.ci.name) if detail else self.tr("New CI"))
        self.setMinimumWidth(520)
        self.inputs: dict[str, QWidget] = {}
        self.attribute_inputs: dict[str, QLineEdit] = {}
        form = self.form = QFormLayout()
        for key, label in (("name", self.tr("&Name")), ("serial", self.tr("Se&rial number")),
                           ("asset_tag", self.tr("Asset &tag")), ("site", self.tr("&Site"))):
            edit = QLineEdit(self)
            edit.setObjectName("ci_" + key)
            self.inputs[key] = edit
            if key == "name":
                form.addRow(label, edit)
        self.ci_class = QComboBox(self)
        for c in classes:
            self.ci_class.addItem(c.label, c.key)
        self.status = QComboBox(self)
        for key in STATUSES:
            self.status.addItem(status_label(key), key)
        self.criticality = QComboBox(self)
        for value in (1, 2, 3, 4):
            self.criticality.addItem(criticality_label(value), value)
        self.service = ChoiceCombo(self.tr("(none)"), self)
        self.service.set_shared_choices(ctx.reference.services)
        self.group = ChoiceCombo(self.tr("(none)"), self)
        self.group.set_shared_choices(ctx.reference.groups)
        self.owner = ChoiceCombo(self.tr("(none)"), self)
        self.owner.set_shared_choices(ctx.reference.agents)
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.inputs.update(ci_class=self.ci_class, status=self.status, criticality=self.criticality,
                           service_id=self.service, support_group_id=self.group, owner_id=self.owner,
                           description=self.description)
        form.addRow(self.tr("&Class"), self.ci_class)
        form.addRow(self.tr("St&atus"), self.status)
        form.addRow(self.tr("Criticalit&y"), self.criticality)
        form.addRow(self.tr("Business ser&vice"), self.service)
        form.addRow(self.tr("Support &group"), self.group)
        form.addRow(self.tr("&Owner"), self.owner)
        for key in ("site", "serial", "asset_tag"):
            form.addRow({"site": self.tr("&Site"), "serial": self.tr("Se&rial number"),
                         "asset_tag": self.tr("Asset &tag")}[key], self.inputs[key])
        form.addRow(self.tr("&Description"), self.description)
        self._fixed_rows = form.rowCount()  # the class's attributes follow, in the same columns
        self.error = InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._fill(detail, ci_class)
        self.ci_class.currentIndexChanged.connect(self._on_class_changed)
        self._saving = False

    def _fill(self, d: CiDetail | None, ci_class: str | None) -> None:
        values: dict[str, str] = {}
        if d is None:
            self._select(self.ci_class, ci_class or "server")
            self._select(self.status, "active")
            self._select(self.criticality, 3)
        else:
            ci = d.ci
            for key, value in (("name", ci.name), ("site", ci.site), ("serial", d.serial),
                               ("asset_tag", d.asset_tag)):
                self.inputs[key].setText(value or "")  # type: ignore[attr-defined]
            self._select(self.ci_class, ci.ci_class)
            self._select(self.status, ci.status)
            self._select(self.criticality, ci.criticality)
            self.service.set_current_id(d.service_id, self.tr("(not in this desk)"))
            self.group.set_current_id(d.support_group_id, self.tr("(not in this desk)"))
            self.owner.set_current_id(d.owner_id, d.owner_name or self.tr("(not in this desk)"))
            self.description.setPlainText(d.description)
            values = dict(d.attribute_values)
        self._build_attributes(values)

    @staticmethod
    def _select(combo: QComboBox, value: Any) -> None:
        index = combo.findData(value)
        if index < 0:  # a class or status this desk does not know (yet): keep it, by its key
            combo.addItem(str(value), value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _build_attributes(self, values: dict[str, str]) -> None:
        while self.form.rowCount() > self._fixed_rows:
            self.form.removeRow(self._fixed_rows)
        self.attribute_inputs = {}
        info = self._classes.get(self.ci_class.currentData())
        attrs = info.attributes if info else ()
        if attrs and info:
            heading = plain_label(self.tr("{0} attributes").format(info.label), self)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.form.addRow(heading)
        for key, label, kind in attrs:
            edit = QLineEdit(values.get(key, ""), self)
            edit.setObjectName("attr_" + key)
            if kind == "date":
                edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            elif kind == "number":
                edit.setPlaceholderText(self.tr("a number"))
            self.form.addRow(plain_label(label, self), edit)
            self.attribute_inputs[key] = edit

    def _on_class_changed(self, _index: int) -> None:
        typed = {k: e.text() for k, e in self.attribute_inputs.items() if e.text().strip()}
        self._build_attributes(typed)  # values of attributes both classes have survive the switch

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {key: self.inputs[key].text() for key in TEXTS}  # type: ignore[attr-defined]
        out.update(ci_class=self.ci_class.currentData(), status=self.status.currentData(),
                   criticality=self.criticality.currentData(), service_id=self.service.current_id(),
                   support_group_id=self.group.current_id(), owner_id=self.owner.current_id(),
                   description=self.description.toPlainText())
        attributes = dict(self.detail.attribute_values) if self.detail else {}
        attributes.update({k: e.text() for k, e in self.attribute_inputs.items()})
        out["attributes"] = {k: v for k, v in attributes.items() if v.strip()}
        return out

    def _base(self) -> dict[str, Any]:
        """What the form was filled from, as stored: the operation refuses a field changed since."""
        d = self.detail
        assert d is not None
        ci = d.ci
        return {"name": ci.name, "ci_class": ci.ci_class, "status": ci.status, "criticality": ci.criticality,
                "site": ci.site, "serial": d.serial, "asset_tag": d.asset_tag, "description": d.description or None,
                "service_id": d.service_id, "support_group_id": d.support_group_id, "owner_id": d.owner_id,
                "attributes": dict(d.attribute_values)}

    def save(self) -> None:
        if self._saving:
            return
        self.error.clear_message()
        values = self.values()
        if not values["name"].strip():
            self._show_error(self.tr("A CI needs a name."), "name")
            return
        self._saving = True
        self.buttons.setEnabled(False)
        if self.detail is None:
            self._ctx.runner.op(cmdb_ops.create_ci, values=values, actor_id=self._ctx.me, on_done=self._on_saved,
                                on_error=self._on_failed, owner=self, label="create CI")
            return
        base = self._base()
        changes = {k: v for k, v in values.items() if v != base.get(k) and not (v in ("", None) and
                                                                               base.get(k) in ("", None))}
        if not changes:
            self.accept()
            return
        self._ctx.runner.op(cmdb_ops.update_ci, ci_id=self.detail.ci.id, changes=changes,
                            base={k: base[k] for k in changes}, actor_id=self._ctx.me, on_done=self._on_saved,
                            on_error=self._on_failed, owner=self, label="edit CI")

    def _on_saved(self, detail: CiDetail) -> None:
        self._saving = False
        self.saved.emit(detail)
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self._show_error(describe_error(exc), getattr(exc, "field", None))

    def _show_error(self, message: str, field: str | None) -> None:
        widget = self.inputs.get(field or "") or self.attribute_inputs.get(field or "")
        self.error.show_message(message)
        if widget is not None:
            widget.setFocus()


class RelationDialog(QDialog):
    """Relate the CI to another: the relation is picked as read from this CI ("depends on", "used by", ...),
    so either end can start it. Saves through `cmdb_ops.add_relation`. GUI thread only."""

    saved = Signal(str)  # the relation's id

    def __init__(self, ctx: UiContext, ci_id: str, ci_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._ci_id = ctx, ci_id
        self.setWindowTitle(self.tr("Relate {0} to another CI").format(ci_name))
        self.setMinimumWidth(460)
        self.kind = QComboBox(self)
        self.kind.setObjectName("RelationKind")
        for t in cmdb_queries.relation_types():
            self.kind.addItem(self.tr("{0} … (this CI is the source)").format(t.outgoing_label), t.key + ":out")
            self.kind.addItem(self.tr("{0} … (the other CI is the source)").format(t.incoming_label), t.key + ":in")
        self.other = CiPicker(ctx, exclude_id=ci_id, parent=self)
        self.other.setObjectName("RelationOther")
        self.other.setMinimumHeight(self.fontMetrics().height() * 14)
        self.error = InlineError(self)
        form = QFormLayout()
        form.addRow(self.tr("This CI"), plain_label(ci_name, self))
        form.addRow(self.tr("&Relation"), self.kind)
        form.addRow(self.tr("&Other CI"), self.other)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def choose(self, relation_type: str, outgoing: bool, other_id: str, other_name: str = "") -> None:
        """Pick a relation and the other CI (for the tests and the map)."""
        self.kind.setCurrentIndex(self.kind.findData(relation_type + (":out" if outgoing else ":in")))
        self.other.set_current(other_id, other_name or other_id)

    def save(self) -> None:
        other = self.other.current_id()
        if other is None:
            self.error.show_message(self.tr("Type part of the other CI's name, then choose it in the list."))
            return
        relation_type, _, direction = self.kind.currentData().partition(":")
        outgoing = direction == "out"
        source, target = (self._ci_id, other) if outgoing else (other, self._ci_id)
        self.buttons.setEnabled(False)
        self._ctx.runner.op(cmdb_ops.add_relation, source_id=source, target_id=target, type=relation_type,
                            actor_id=self._ctx.me, on_done=self._on_saved, on_error=self._on_failed, owner=self,
                            label="relate CIs")

    def _on_saved(self, relation_id: str) -> None:
        self.saved.emit(relation_id)
        self.accept()

    def _on_failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.show_message(describe_error(exc))
