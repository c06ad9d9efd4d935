"""The bulk dialogs as a user drives them in the window: only choices that can succeed for the selection,
how many each applies to, and a report of what changed and what was skipped and why; one undo per batch."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.models import Ticket
from app.people import reference
from app.tickets.bulk_choices import SelectionSummary
from app.ui.dialogs.bulk_dialog import BulkDialog
from tests.ui.conftest import close_window, open_window, wait_idle
from tests.unit.factories import make_desk, ticket_in_state


@pytest.fixture
def desk_path(store, me):
    """Service Desk = me + Alice, Network = me + Bob; five tickets of three types in various states."""
    with store.session() as s:
        desk = make_desk(s, me)
        made = [ticket_in_state(s, "incident", "new", me, group_id=desk.desk),
                ticket_in_state(s, "incident", "in_progress", me, group_id=desk.network),
                ticket_in_state(s, "incident", "closed", me, group_id=desk.desk),
                ticket_in_state(s, "service_request", "awaiting_approval", me),
                ticket_in_state(s, "problem", "new", me)]
        numbers = [t.number for t in made]
    path = store.path
    store.close()
    return path, desk, numbers


@pytest.fixture
def window(qtbot, desk_path, tmp_path):
    window, runner, st = open_window(qtbot, desk_path[0], tmp_path)
    window.queue.views_panel.select_key("all")
    qtbot.waitUntil(lambda: window.queue.model.count == 5, timeout=10_000)
    wait_idle(qtbot, runner)
    window.show_queue()
    window.queue.view.selectAll()
    yield window, runner, st
    wait_idle(qtbot, runner)
    close_window(qtbot, window, runner, st)


def _open(qtbot, window, action: str) -> BulkDialog:
    window.actions_by_id[action].trigger()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(BulkDialog)), timeout=10_000)
    return next(d for d in window.findChildren(BulkDialog) if d.isVisible())


def _items(combo) -> dict:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def _ok(qtbot, dialog):
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def _report(qtbot, window) -> QMessageBox:
    qtbot.waitUntil(lambda: any(b.isVisible() for b in window.findChildren(QMessageBox)), timeout=10_000)
    return next(b for b in window.findChildren(QMessageBox) if b.isVisible())


def _states(st):
    with st.session() as s:
        return {t.number: t.state for t in s.query(Ticket)}


def test_state_dialog_offers_reachable_states_with_counts_and_reports_the_skipped(qtbot, window, desk_path):
    window, runner, st = window
    _, _, (inc_new, inc_progress, inc_closed, req, prb) = desk_path
    dialog = _open(qtbot, window, "bulk.state")
    assert dialog.windowTitle() == "Change state of 5 tickets"
    items = _items(dialog.state)
    # From New / In Progress / Closed incidents, an awaiting-approval request and a new problem:
    assert set(items) == {"in_progress", "on_hold", "resolved", "canceled", "approved", "rejected", "assess"}
    assert items["canceled"] == "Canceled  (4 of 5)"
    assert items["on_hold"] == "On Hold  (2 of 5)"
    assert items["assess"] == "Assess  (1 of 5)"

    dialog.state.setCurrentIndex(dialog.state.findData("on_hold"))
    assert dialog.reason.isVisible()
    _ok(qtbot, dialog)
    wait_idle(qtbot, runner)
    box = _report(qtbot, window)
    assert box.text() == "2 tickets changed. 3 tickets left unchanged:"
    lines = box.informativeText().splitlines()
    assert sorted(line.split(":")[0] for line in lines) == sorted([inc_closed, req, prb])
    assert any(line.startswith(inc_closed) and "cannot move from Closed to On Hold" in line for line in lines)
    box.accept()
    states = _states(st)
    assert (states[inc_new], states[inc_progress], states[inc_closed]) == ("on_hold", "on_hold", "closed")

    # One undo puts the whole batch back; the action names the batch, and has nothing left after it.
    undo = window.actions_by_id["edit.undo"]
    assert undo.isEnabled() and undo.text() == "&Undo Change state of 5 tickets"
    window.queue.view.setFocus()
    undo.trigger()
    wait_idle(qtbot, runner)
    states = _states(st)
    assert (states[inc_new], states[inc_progress]) == ("new", "in_progress")
    assert not undo.isEnabled() and undo.text() == "&Undo last bulk action"


def test_assign_dialog_lists_the_chosen_groups_agents_and_reports_who_could_not_take_it(qtbot, window, desk_path):
    window, runner, st = window
    _, desk, (inc_new, inc_progress, inc_closed, req, prb) = desk_path
    dialog = _open(qtbot, window, "bulk.assign")
    assert dialog.windowTitle() == "Assign 5 tickets"
    # Keeping each ticket's group: agents of at least one selected group (tickets without one take anyone).
    keep = _items(dialog.assignee)
    # The closed ticket is final: it takes no assignee and counts for nobody.
    assert keep[desk.alice] == "Alice Agent  (3 of 5)" and keep[desk.bob] == "Bob Builder  (3 of 5)"
    assert keep[desk.me] == "Test Agent (me)  (4 of 5)"
    # Choosing Network lists only its members; choosing Service Desk refreshes the list.
    dialog.group.setCurrentIndex(dialog.group.findData(desk.network))
    assert set(_items(dialog.assignee)) == {None, desk.me, desk.bob}
    dialog.group.setCurrentIndex(dialog.group.findData(desk.desk))
    assert set(_items(dialog.assignee)) == {None, desk.me, desk.alice}
    assert _items(dialog.assignee)[desk.alice] == "Alice Agent  (4 of 5)"  # the group comes along: all but the closed

    # Back to keeping the groups, Alice: the Network and the closed ticket are skipped and say why.
    dialog.group.setCurrentIndex(0)
    dialog.assignee.setCurrentIndex(dialog.assignee.findData(desk.alice))
    _ok(qtbot, dialog)
    wait_idle(qtbot, runner)
    box = _report(qtbot, window)
    assert box.text() == "3 tickets changed. 2 tickets left unchanged:"
    lines = box.informativeText().splitlines()
    assert f"{inc_progress}: The assignee is not a member of the assignment group." in lines
    assert any(line.startswith(inc_closed) and "final" in line for line in lines)
    box.accept()
    with st.session() as s:
        assignees = {t.number: t.assignee_id for t in s.query(Ticket)}
    assert assignees == {inc_new: desk.alice, inc_progress: None, inc_closed: None, req: desk.alice,
                         prb: desk.alice}


def test_a_selection_that_cannot_move_says_so(qtbot, ctx, store):
    with store.session() as s:
        ref = reference.reference_data(s)
    closed = SelectionSummary(total=2, type_states=(("incident", "closed", 1), ("incident", "canceled", 1)),
                              groups=((None, 2),))
    dialog = BulkDialog("state", closed, ref)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.state.count() == 0
    assert dialog.error.isVisible() and "None of the selected tickets can change state" in dialog.error.text()
    assert not dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).isEnabled()
