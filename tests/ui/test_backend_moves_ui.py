"""A sync backend's own status moves (RT: a queue's own lifecycle) in the ticket editor's state bar: shown
beside the workflow's, as the backend names them, and taken with one click."""

from PySide6.QtCore import Qt

from app.sync.backends.moves import PAGE_KEY, save_moves
from app.tickets import writes as tickets
from app.tickets.detail import ticket_detail
from tests.ui.conftest import wait_idle


def test_the_state_bar_offers_and_takes_a_backends_own_moves(qtbot, ctx, store, seeded, open_editor):
    with store.session() as s:
        save_moves(s, page={PAGE_KEY: [
            [seeded["group"], "new", [["in_progress", "open", None], ["waiting-vendor", "waiting-vendor", None]]],
            [seeded["group"], "waiting-vendor", [["in_progress", "open", None], ["closed-won", "closed-won", False]]]]})
        ticket_id = tickets.create_ticket(s, ticket_type="incident", title="Vendor case", actor_id=seeded["me"],
                                          requester_id=seeded["requester"], group_id=seeded["group"]).id
    editor = open_editor(ticket_id)
    assert editor.ui.state_bar.button_for("waiting-vendor").text() == "waiting-vendor"
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.state_bar.button_for("waiting-vendor"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        detail = ticket_detail(s, ticket_id=ticket_id)
    assert (detail.state, detail.is_open) == ("waiting-vendor", True)
    assert [b.property("state_key") for b in editor.ui.state_bar.buttons()] == ["in_progress", "closed-won"]
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.ui.state_bar.button_for("closed-won"), Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        detail = ticket_detail(s, ticket_id=ticket_id)
    assert (detail.state, detail.is_open) == ("closed-won", False)
