"""The caller's assets beside their tickets, in the New ticket dialog and in the ticket editor; a click opens the CI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from app.cmdb import ops
from app.models import Person
from app.people import directory
from app.tickets import writes as tickets
from app.ui.ticket.new_ticket_dialog import NewTicketDialog
from tests.ui.conftest import wait_idle


@pytest.fixture
def owners(store, seeded):
    with store.session() as s:
        amy, bob = Person(name="Amy Owner", email="amy@example.com"), Person(name="Bob Nothing")
        s.add_all([amy, bob])
        s.flush()
        me = seeded["me"]
        laptop = ops.create_ci(s, values={"name": "LT-AMY-01", "ci_class": "workstation", "owner_id": amy.id},
                               actor_id=me).ci.id
        phone = ops.create_ci(s, values={"name": "iPhone Amy", "ci_class": "mobile_device", "owner_id": amy.id},
                              actor_id=me).ci.id
        ops.create_ci(s, values={"name": "LT-AMY-OLD", "ci_class": "workstation", "owner_id": amy.id,
                                 "status": "retired"}, actor_id=me)
        ops.create_ci(s, values={"name": "srv-not-hers", "ci_class": "server"}, actor_id=me)
        s.commit()
        return {"amy": amy.id, "bob": bob.id, "laptop": laptop, "phone": phone}


def rows(caller) -> list[str]:
    return [caller.assets.list.item(i).text() for i in range(caller.assets.list.count())]


def test_the_new_ticket_dialog_shows_the_caller_s_assets_and_a_click_opens_one(qtbot, ctx, owners):
    dlg = NewTicketDialog(ctx)
    qtbot.addWidget(dlg, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    dlg.show()
    qtbot.waitExposed(dlg)
    caller = dlg.form.input_widget("requester_id")
    with qtbot.waitSignal(caller.card_shown):
        caller.set_current_id(owners["amy"])
    assert caller.assets.isVisible() and "Assets (3)" in caller.assets.heading.text()
    assert rows(caller) == ["iPhone Amy  ·  Mobile device  ·  Active", "LT-AMY-01  ·  Workstation  ·  Active",
                            "LT-AMY-OLD  ·  Workstation  ·  Retired"]  # retired last
    opened = []
    ctx.events.open_ci_requested.connect(opened.append)
    item = caller.assets.list.item(1)
    qtbot.mouseClick(caller.assets.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=caller.assets.list.visualItemRect(item).center())
    assert opened == [owners["laptop"]]
    with qtbot.waitSignal(caller.card_shown):
        caller.set_current_id(owners["bob"])
    assert not caller.assets.isVisible() and caller.assets.list.count() == 0
    caller.set_current_id(None)
    assert not caller.assets.isVisible()
    wait_idle(qtbot, ctx.runner)


def test_the_editor_shows_its_caller_s_assets(qtbot, ctx, store, seeded, owners, open_editor):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Screen flickers", actor_id=seeded["me"],
                                    requester_id=owners["amy"], group_id=seeded["group"]).id
    editor = open_editor(tid)
    caller = editor.ui.form.input_widget("requester_id")
    qtbot.waitUntil(caller.assets.isVisible)
    assert "LT-AMY-01  ·  Workstation  ·  Active" in rows(caller) and "Screen flickers" in caller.card.text()


def test_the_assets_read_uses_the_owner_index_and_caps_the_list(store, owners, seeded):
    with store.session() as s:
        assets, count = directory.caller_assets(s, person_id=owners["amy"], limit=2)
        assert ([a.name for a in assets], count) == (["iPhone Amy", "LT-AMY-01"], 3)
        plan = " ".join(str(r[-1]) for r in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT id, name FROM configuration_item WHERE owner_id = :p "
            "ORDER BY status = 'retired', lower(name) LIMIT 8"), {"p": owners["amy"]}))
        assert "ix_configuration_item_owner" in plan
