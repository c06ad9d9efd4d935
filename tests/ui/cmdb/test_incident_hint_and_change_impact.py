"""The CMDB in other editors: the incident editor's major-incident hint and the change editor's Impact tab,
on the hand-built CMDB (real store, real editors)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from app.tickets import writes as tickets
from app.ui.changes.editor import ChangeEditor
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import wait_idle


def open_ticket(qtbot, ctx, ticket_id):
    editor = TicketEditor(ctx, ticket_id)
    qtbot.addWidget(editor)
    editor.resize(1400, 900)
    editor.show()
    qtbot.waitUntil(lambda: editor.settled(), timeout=10_000)  # its late parts asked too
    wait_idle(qtbot, ctx.runner)
    return editor


def test_hint_names_other_open_incidents_on_the_ci_and_its_dependants(qtbot, cmdb_ctx, cmdb):
    editor = open_ticket(qtbot, cmdb_ctx, cmdb["i_db2"])
    hint = editor.ui.ci_hint
    qtbot.waitUntil(hint.isVisible, timeout=5000)
    assert {t.number for t in hint.others} == {cmdb["i_db_number"], cmdb["i_app_number"]}
    text = hint.label.text()
    assert "2 other open incidents" in text and cmdb["i_app_number"] in text and "payroll-web" in text
    with qtbot.waitSignal(cmdb_ctx.events.open_ticket_requested) as opened:
        hint.label.linkActivated.emit(cmdb["i_app"])
    assert opened.args == [cmdb["i_app"]]
    with qtbot.waitSignal(cmdb_ctx.events.open_ci_requested) as asked:
        qtbot.mouseClick(hint.impact_button, Qt.MouseButton.LeftButton)
    assert asked.args == [cmdb["db"]]


def test_no_hint_when_nothing_else_is_open_upstream(qtbot, cmdb_ctx, cmdb):
    editor = open_ticket(qtbot, cmdb_ctx, cmdb["i_app"])  # the app's dependants (the service) have none
    wait_idle(qtbot, cmdb_ctx.runner)
    assert not editor.ui.ci_hint.isVisible()
    assert editor.ui.ci_hint.others == ()


def test_hint_appears_when_another_incident_arrives(qtbot, cmdb_ctx, cmdb, store, seeded):
    editor = open_ticket(qtbot, cmdb_ctx, cmdb["i_app"])
    hint = editor.ui.ci_hint
    assert not hint.isVisible()
    with qtbot.waitSignal(hint.hint_shown, timeout=5000) as shown:
        cmdb_ctx.runner.op(tickets.create_ticket, ticket_type="incident", title="Payroll service down for HR",
                           actor_id=seeded["me"], ci_id=cmdb["svc"])
    assert shown.args == [1] and hint.isVisible()


def open_change(qtbot, ctx, change_id):
    editor = ChangeEditor(ctx, change_id)
    qtbot.addWidget(editor)
    editor.resize(1400, 900)
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show()
    wait_idle(qtbot, ctx.runner)
    return editor


def test_change_impact_tab_shows_services_incidents_due_tickets(qtbot, cmdb_ctx, cmdb):
    editor = open_change(qtbot, cmdb_ctx, cmdb["chg"])
    view = editor.ui.impact
    tabs = editor.ui.tabs
    assert tabs.tabText(tabs.indexOf(view)) == "Impact"
    with qtbot.waitSignal(view.impact_shown, timeout=5000):
        tabs.setCurrentWidget(view)
    tree = view.tree
    assert tree.rows_of("services") == ["Payroll service"]
    assert set(tree.rows_of("incidents")) == {cmdb["i_db_number"], cmdb["i_db2_number"], cmdb["i_app_number"]}
    assert tree.rows_of("due") == [cmdb["i_db_number"]]
    assert tree.rows_of("conflicts") == []
    assert "1 business service;" in view.summary.text()


def test_change_impact_names_a_conflicting_change_on_the_same_service(qtbot, cmdb_ctx, cmdb, store, seeded):
    from app.changes import writes as changes
    from app.changes.detail import change_detail
    with store.session() as s:
        mine = change_detail(s, change_id=cmdb["chg"])
        other = changes.create_change(s, change_type="normal", title="Upgrade payroll web", actor_id=seeded["me"],
                                      ci_ids=[cmdb["app"]], planned_start=mine.planned_start + timedelta(minutes=30),
                                      planned_end=mine.planned_end + timedelta(hours=1))
        s.commit()
        number = other.number
    editor = open_change(qtbot, cmdb_ctx, cmdb["chg"])
    view = editor.ui.impact
    with qtbot.waitSignal(view.impact_shown, timeout=5000):
        editor.ui.tabs.setCurrentWidget(view)
    assert view.tree.rows_of("conflicts") == [number]


def test_a_shown_hint_keeps_its_place_while_the_editor_moves_to_the_next_ticket(qtbot, cmdb_ctx, cmdb):
    from tests.ui.test_ticket_editor_opening import HIDE, Counts

    editor = open_ticket(qtbot, cmdb_ctx, cmdb["i_db2"])
    hint = editor.ui.ci_hint
    qtbot.waitUntil(hint.isVisible, timeout=5000)
    hides = Counts(HIDE, hint)
    editor.show_ticket(cmdb["i_db"])
    assert hint.isVisible() and hint.others == () and cmdb["i_app_number"] not in hint.label.text()
    assert not hint.impact_button.isEnabled()  # nothing of the last ticket's hint to act on
    qtbot.waitUntil(lambda: bool(hint.others), timeout=5000)
    assert cmdb["i_db2_number"] in hint.label.text() and hint.impact_button.isEnabled()
    assert hides.count == 0
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show_ticket(cmdb["i_app"])  # nothing else open upstream: the answer hides it
    qtbot.waitUntil(hint.isHidden, timeout=5000)
    wait_idle(qtbot, cmdb_ctx.runner)
