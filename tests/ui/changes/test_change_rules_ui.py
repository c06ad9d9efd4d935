"""The change editor keeps the desk's rules: CAB decisions only by members of the approving group, as
themselves; closing asks for an outcome (none preselected) and closure notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox

from app.changes import writes as changes
from app.models import CabApproval, Change
from app.ui.changes.editor_ui import CloseDialog
from tests.ui.changes.conftest import move_button, to_review
from tests.ui.conftest import wait_idle


def _authorize(store, world, me):
    with store.session() as s:
        for target in ("assess", "authorize"):
            changes.transition_change(s, change_id=world["a"], target=target, actor_id=me)


def test_a_member_records_their_own_decision_with_no_approver_picker(qtbot, open_editor, world, store, seeded,
                                                                    cctx):
    _authorize(store, world, seeded["me"])
    editor = open_editor(world["a"])
    approvals = editor.ui.approvals
    wait_idle(qtbot, cctx.runner)
    assert approvals.approver.text() == "Your decision (Ada Agent):"
    assert approvals.findChild(QComboBox, "ApproverCombo") is None  # nobody decides for someone else
    assert approvals.add_button.isEnabled() and approvals.reason.isHidden()
    approvals.decision.setCurrentIndex(approvals.decision.findData("approved"))
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        qtbot.mouseClick(approvals.add_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        assert [a.approver_id for a in s.query(CabApproval).filter_by(change_id=world["a"])] == [seeded["me"]]


def test_a_non_member_sees_the_approval_controls_disabled_and_why(qtbot, open_editor, world, store, seeded, cctx):
    cctx.settings.set("cab_group", "Network CAB")
    with store.session() as s:
        from app.models import Group, Person
        group = Group(name="Network CAB")
        group.members.append(s.get(Person, seeded["bob"]))
        s.add(group)
    _authorize(store, world, seeded["me"])
    editor = open_editor(world["a"])
    approvals = editor.ui.approvals
    wait_idle(qtbot, cctx.runner)
    assert not approvals.add_button.isEnabled() and not approvals.decision.isEnabled()
    assert not approvals.reason.isHidden()  # on the CAB approvals tab
    assert approvals.reason.text() == "Only members of Network CAB record CAB decisions; you are not one."
    assert approvals.add_button.toolTip() == approvals.reason.text()


def test_closing_asks_for_an_outcome_with_none_preselected_and_for_notes(qtbot, open_editor, world, store, seeded):
    me = seeded["me"]
    to_review(store, world["e"], me)
    editor = open_editor(world["e"])
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CloseDialog)
        seen["outcome_at_first"] = dialog.outcome.current_id()
        seen["ok_at_first"] = dialog.ok_button.isEnabled()
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("failed"))
        seen["ok_without_notes"] = dialog.ok_button.isEnabled()
        qtbot.keyClicks(dialog.notes, "Failed: the vendor patch broke replication; rolled forward.")
        seen["ok_with_both"] = dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(move_button(editor, "closed"), Qt.MouseButton.LeftButton)
    assert seen == {"outcome_at_first": None, "ok_at_first": False, "ok_without_notes": False, "ok_with_both": True}
    with store.session() as s:
        c = s.get(Change, world["e"])
        assert (c.state, c.outcome) == ("closed", "failed") and c.close_notes.startswith("Failed: the vendor")


def test_closing_cancelled_leaves_the_change_in_review(qtbot, open_editor, world, store, seeded):
    me = seeded["me"]
    to_review(store, world["e"], me)
    editor = open_editor(world["e"])
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    qtbot.mouseClick(move_button(editor, "closed"), Qt.MouseButton.LeftButton)
    with store.session() as s:
        assert s.get(Change, world["e"]).state == "review"
