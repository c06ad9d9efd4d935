"""The New ticket dialog: defaults, live priority, creation through the runner, errors kept inline."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.models import Ticket
from app.tickets import drafts
from app.ui.ticket.new_ticket_dialog import NewTicketDialog
from tests.ui.conftest import wait_idle


@pytest.fixture
def dialog(qtbot, ctx):
    def _make():
        dlg = NewTicketDialog(ctx)
        # Closing a dialog that holds input asks what to do with it; tests leave without asking.
        qtbot.addWidget(dlg, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
        dlg.show()
        qtbot.waitExposed(dlg)
        wait_idle(qtbot, ctx.runner)
        return dlg

    yield _make
    wait_idle(qtbot, ctx.runner)


def choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def new_drafts(store):
    with store.session() as s:
        return [d for d in drafts.list_drafts(s) if d.key.startswith("new:")]


def test_defaults_and_create_with_the_matrix_priority(qtbot, ctx, store, seeded, dialog):
    dlg = dialog()
    form = dlg.form
    values = form.values()
    assert (values["type"], values["impact"], values["urgency"], values["channel"]) == ("incident", 2, 2, "phone")
    assert (values["group_id"], values["assignee_id"], values["priority"]) == (seeded["group"], None, None)
    assert dlg.focusWidget() is form.input_widget("title")
    assert not dlg.create_button.isEnabled()

    qtbot.keyClicks(form.input_widget("title"), "VPN drops every hour")
    assert dlg.create_button.isEnabled()
    qtbot.keyClicks(form.input_widget("description"), "Since this morning.")
    qtbot.keyClick(form.input_widget("description"), Qt.Key.Key_Return)
    qtbot.keyClicks(form.input_widget("description"), "Only on Wi-Fi.")
    choose(form.input_widget("impact"), 1)
    assert form.input_widget("priority").combo.currentText() == "P2 High"
    caller = form.input_widget("requester_id")  # the caller lookup: type, then Enter takes the first match
    with qtbot.waitSignal(caller.results_shown):
        qtbot.keyClicks(caller.search, "rita")
    qtbot.keyClick(caller.search, Qt.Key.Key_Return)
    changes = []
    ctx.events.changed.connect(changes.append)

    with qtbot.waitSignal(dlg.created) as created:
        qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)

    assert dlg.result() == QDialog.DialogCode.Accepted
    with store.session() as s:
        ticket = s.query(Ticket).filter_by(id=created.args[0]).one()
        assert (ticket.number, ticket.type, ticket.title, ticket.state) == (
            "INC0000001", "incident", "VPN drops every hour", "new")
        assert (ticket.impact, ticket.urgency, ticket.priority, ticket.priority_overridden) == (1, 2, 2, False)
        assert (ticket.group_id, ticket.requester_id, ticket.channel) == (seeded["group"], seeded["requester"], "phone")
        assert ticket.description == "Since this morning.\nOnly on Wi-Fi."
    assert any(r.names("ticket", created.args[0]) and r.touches("outbox") for r in changes)


def test_a_service_error_is_shown_inline_and_input_kept(qtbot, ctx, store, seeded, dialog):
    dlg = dialog()
    qtbot.keyClicks(dlg.form.input_widget("title"), "Keep me")
    dlg.form.apply_values({"category_id": "no-such-category"})  # e.g. removed by a sync meanwhile

    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)

    assert dlg.form.error_text("category_id") == "The chosen category does not exist."
    assert dlg.isVisible() and dlg.form.values()["title"] == "Keep me"
    with store.session() as s:
        assert s.query(Ticket).count() == 0


def test_escape_keeps_a_draft_that_the_next_dialog_offers_back(qtbot, ctx, store, seeded, dialog, monkeypatch):
    first = dialog()
    qtbot.keyClicks(first.form.input_widget("title"), "Half a ticket")
    choose(first.form.input_widget("type"), "service_request")
    monkeypatch.setattr(first, "_ask_keep_draft", lambda: QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert first.isVisible()

    monkeypatch.setattr(first, "_ask_keep_draft", lambda: QMessageBox.StandardButton.Save)
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert not first.isVisible() and first.result() == QDialog.DialogCode.Rejected
    wait_idle(qtbot, ctx.runner)
    assert [d.payload["fields"]["title"] for d in new_drafts(store)] == ["Half a ticket"]

    second = dialog()
    qtbot.waitUntil(second.draft_banner.isVisible)
    restore = next(b for b in second.draft_banner.buttons() if b.text() == "Restore")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)
    assert (second.form.values()["title"], second.form.values()["type"]) == ("Half a ticket", "service_request")

    with qtbot.waitSignal(second.created):
        qtbot.mouseClick(second.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    assert new_drafts(store) == []
    with store.session() as s:
        assert s.query(Ticket).one().number == "REQ0000001"


def test_cancel_without_input_closes_without_asking(qtbot, ctx, dialog, monkeypatch):
    dlg = dialog()
    monkeypatch.setattr(dlg, "_ask_keep_draft", lambda: pytest.fail("nothing to keep"))
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.result() == QDialog.DialogCode.Rejected and not dlg.isVisible()
