"""CI names, classes and statuses with markup show literally in every label of the CMDB page, its map,
its dialogs and the incident hint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.cmdb import ops as cmdb_ops
from app.people import reference
from app.tickets import writes as tickets
from app.ui.cmdb.ci_detail_pane import IMPACT, MAP, RELATIONS
from app.ui.cmdb.cmdb_page import CmdbPage
from app.ui.ticket.editor import TicketEditor
from tests.ui.conftest import wait_idle

EVIL = "<b>db</b><img src=x>"


def rich_labels_showing(widget, text):
    return [label for label in widget.findChildren(QLabel)
            if text in label.text() and label.textFormat() != Qt.TextFormat.PlainText]


def test_markup_in_names_shows_literally(qtbot, ctx, store, seeded):
    me = seeded["me"]
    with store.session() as s:
        cmdb_ops.define_class(s, key="evil_box", label="<i>Box</i>", actor_id=me,
                              attributes=[{"key": "note", "label": "<u>Note</u>", "kind": "text"}])
        db = cmdb_ops.create_ci(s, values={"name": EVIL, "ci_class": "evil_box"}, actor_id=me).ci.id
        app_id = cmdb_ops.create_ci(s, values={"name": "<h1>app</h1>", "ci_class": "application"},
                                    actor_id=me).ci.id
        cmdb_ops.add_relation(s, source_id=app_id, target_id=db, type="depends_on", actor_id=me)
        first = tickets.create_ticket(s, ticket_type="incident", title="<b>one</b>", actor_id=me, ci_id=db).id
        tickets.create_ticket(s, ticket_type="incident", title="<b>two</b>", actor_id=me, ci_id=app_id)
        s.commit()
        ctx.reference = reference.reference_data(s)
    page = CmdbPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    with qtbot.waitSignal(page.ci_shown, timeout=10_000):
        page.open_ci(db)
    assert page.detail.heading.text() == EVIL
    for index in (RELATIONS, IMPACT, MAP):
        page.detail.tabs.setCurrentIndex(index)
        wait_idle(qtbot, ctx.runner)
    assert not rich_labels_showing(page, "<b>db</b>") and not rich_labels_showing(page, "<i>Box</i>")
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        page.edit_ci()
    dialog = opened.args[0]
    assert not rich_labels_showing(dialog, "<u>Note</u>") and not rich_labels_showing(dialog, "<i>Box</i>")
    dialog.reject()
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        page.add_relation()
    relate = opened.args[0]
    assert not rich_labels_showing(relate, "<b>db</b>")
    relate.reject()
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        page.retire_ci()
    box = opened.args[0]
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.reject()

    editor = TicketEditor(ctx, first)
    qtbot.addWidget(editor)
    editor.show()
    hint = editor.ui.ci_hint
    qtbot.waitUntil(hint.isVisible, timeout=10_000)
    assert "&lt;b&gt;two&lt;/b&gt;" in hint.label.text() and "<b>two</b>" not in hint.label.text()
    wait_idle(qtbot, ctx.runner)
