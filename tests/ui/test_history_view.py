"""The history tab as a model view: rows in words, made when shown, kept on a refresh that changed nothing."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from sqlalchemy import text

from app.models import AuditEvent
from app.people.reference import reference_data
from app.tickets import writes as tickets
from app.tickets.detail import HISTORY_LIMIT, ticket_detail
from app.tickets.records import HistoryItem
from app.ui.ticket.history_view import HistoryModel, HistoryView

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def detail_with(store, seeded, events):
    with store.session() as s:
        ticket_id = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Hist").id
    with store.session() as s:
        base = ticket_detail(s, ticket_id=ticket_id)
        return replace(base, history=tuple(events)), reference_data(s)


def test_model_passes_qtmodeltester_and_hides_bookkeeping(qtmodeltester, store, seeded):
    events = [HistoryItem(START + timedelta(minutes=i), "Ada Agent", field, old, new, None)
              for i, (field, old, new) in enumerate([("is_open", "1", "0"), ("title", "Old", "<b>New</b>"),
                                                     ("created", None, "INC0000001")])]
    detail, reference = detail_with(store, seeded, events)
    model = HistoryModel()
    model.set_history(detail, reference)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert model.texts(0)[1:] == ["Ada Agent", "Title", "Old → <b>New</b>"]
    assert model.texts(1)[2:] == ["Created", "INC0000001"]
    assert "&lt;b&gt;" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)  # escaped, never markup
    assert model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole) is None


def test_a_refresh_that_changed_nothing_keeps_the_rows(qtbot, store, seeded):
    events = [HistoryItem(START + timedelta(minutes=i), "Ada Agent", "note", None, f"n{i}", None)
              for i in range(3000)]
    detail, reference = detail_with(store, seeded, events)
    view = HistoryView()
    qtbot.addWidget(view)
    view.set_detail(detail, reference)
    resets = []
    view.model().modelReset.connect(lambda: resets.append(1))
    view.set_detail(replace(detail), reference)
    assert not resets and view.model().rowCount() == 3000
    view.set_detail(replace(detail, history=detail.history[:10]), reference)
    assert resets == [1] and view.row_texts()[0][3].endswith("n0")


def test_history_is_read_newest_first_by_index_with_names(store, seeded):
    with store.session() as s:
        ticket_id = tickets.create_ticket(s, ticket_type="incident", actor_id=seeded["me"], title="Hist").id
        s.add_all([AuditEvent(entity="ticket", entity_id=ticket_id, field="note", new_value=f"n{i}",
                              actor_id=seeded["me"] if i % 2 else None, at=START + timedelta(minutes=i))
                   for i in range(HISTORY_LIMIT + 5)])
    with store.session() as s:
        history = ticket_detail(s, ticket_id=ticket_id).history
        plan = " ".join(str(row[-1]) for row in s.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM audit_event WHERE entity_id = :t ORDER BY at DESC LIMIT 10"),
            {"t": ticket_id}))
    assert len(history) == HISTORY_LIMIT and history[0].at > history[1].at
    assert {h.actor for h in history} == {"Ada Agent", "System"}
    assert "USING PRIMARY KEY (entity_id=?)" in plan and "TEMP B-TREE" not in plan  # the trail's own order
