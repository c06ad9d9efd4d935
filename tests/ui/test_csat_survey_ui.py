"""The editor's satisfaction row shows a requester's survey answer (pulled from the server) with its date and
comment; the agent's Record satisfaction… no longer offers "survey" as a source."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.models import Ticket
from app.ui.ticket.csat_dialog import CsatDialog
from app.ui.widgets.time_text import local_time_text
from tests.ui.test_ticket_rules_ui import _walk


def test_a_survey_answer_shows_as_the_requesters_with_its_date_and_comment(qtbot, ctx, store, seeded, open_editor):
    ticket_id = _walk(store, seeded, "resolved")
    at = datetime(2026, 12, 2, 15, 30, tzinfo=UTC)
    with store.session() as s:  # as a pull writes it: the server recorded the requester's answer
        t = s.query(Ticket).filter_by(id=ticket_id).one()
        t.csat_score, t.csat_source, t.csat_comment, t.csat_at = 4, "survey", "<b>Fast</b>, thanks", at
    editor = open_editor(ticket_id)
    text = editor.ui.form.csat_text.text()
    assert text == f"4 of 5, from the requester's survey, {local_time_text(at)}\n<b>Fast</b>, thanks"
    assert editor.ui.form.csat_text.textFormat().name == "PlainText"  # the comment is shown, never rendered
    assert not editor.ui.form.csat_button.isEnabled()  # the requester's own answer stands


def test_the_record_dialog_offers_no_survey_source(qtbot, ctx, store, seeded, open_editor):
    editor = open_editor(_walk(store, seeded, "resolved"))
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CsatDialog)
        seen["sources"] = [dialog.source.itemData(i) for i in range(dialog.source.count())]
        dialog.reject()

    QTimer.singleShot(0, look)
    editor.ui.form.csat_button.click()
    assert "survey" not in seen["sources"] and "phone" in seen["sources"]
