"""The Problems page driven through its widgets: views and search, the editor's save and moves, linking
similar incidents with the banner's Undo, Publish workaround with its preview and undo, major incidents."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import ConfigurationItem, Ticket, WorklogEntry
from app.problems.records import ProblemRow
from app.tickets import writes as tickets
from app.ui.problems.problems_page import ProblemsPage
from app.ui.problems.table_model import ProblemTableModel
from tests.ui.conftest import wait_idle

RESOLUTION = {"resolution_code": "solved_permanently", "resolution_notes": "Patched."}


@pytest.fixture
def desk(store, seeded):
    me = seeded["me"]
    with store.session() as s:
        ci = ConfigurationItem(name="mx-01")
        s.add(ci)
        s.flush()
        known = tickets.create_ticket(s, ticket_type="problem", title="Mail relay drops messages", actor_id=me,
                                      ci_id=ci.id)
        tickets.update_ticket(s, ticket_id=known.id, actor_id=me, changes={
            "workaround": "Resend after five minutes.", "known_error": True})
        plain = tickets.create_ticket(s, ticket_type="problem", title="Printer spooler hangs", actor_id=me)
        linked = [tickets.create_ticket(s, ticket_type="incident", title=f"Mail relay drops mail {i}", actor_id=me,
                                        ci_id=ci.id) for i in range(2)]
        for inc in linked:
            tickets.update_ticket(s, ticket_id=inc.id, actor_id=me, changes={"problem_id": known.id})
        alike = tickets.create_ticket(s, ticket_type="incident", title="Relay drops messages again", actor_id=me,
                                      ci_id=ci.id)
        major = tickets.create_ticket(s, ticket_type="incident", title="Mail down for everyone", actor_id=me)
        tickets.update_ticket(s, ticket_id=major.id, actor_id=me, changes={"is_major": True})
        return {"known": known.id, "plain": plain.id, "linked": [t.id for t in linked], "alike": alike.id,
                "major": major.id, "known_number": known.number, "ci": ci.id}


@pytest.fixture
def page(qtbot, ctx, desk):
    widget = ProblemsPage(ctx, None)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    with qtbot.waitSignal(widget.data_shown, timeout=10_000):
        widget.show()
    wait_idle(qtbot, ctx.runner)
    yield widget
    wait_idle(qtbot, ctx.runner)


def rows(page) -> list[str]:
    return [page.model.row_at(r).title for r in range(page.model.rowCount())]


def show(qtbot, ctx, page, ticket_id):
    with qtbot.waitSignal(page.editor.loaded, timeout=10_000):
        page.open_problem(ticket_id)
    wait_idle(qtbot, ctx.runner)


def row_of(store, ticket_id) -> Ticket:
    with store.session() as s:
        return s.scalar(select(Ticket).where(Ticket.id == ticket_id))


def test_views_and_search(qtbot, ctx, page, desk):
    assert sorted(rows(page)) == ["Mail relay drops messages", "Printer spooler hangs"]
    page.view_bar.setCurrentIndex(1)
    qtbot.waitUntil(lambda: rows(page) == ["Mail relay drops messages"])
    page.search.setText("spooler")
    qtbot.waitUntil(lambda: rows(page) == [])
    page.search.setText("resend")  # the known-error view searches the workaround too
    qtbot.waitUntil(lambda: rows(page) == ["Mail relay drops messages"])
    page.view_bar.setCurrentIndex(2)
    page.search.clear()
    qtbot.waitUntil(lambda: rows(page) == ["Mail down for everyone"])


def test_editor_saves_the_analysis_and_refuses_a_known_error_without_workaround(qtbot, ctx, page, desk, store):
    show(qtbot, ctx, page, desk["plain"])
    form = page.editor.form
    form.known_error.setChecked(True)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.error.isVisible())
    assert "workaround" in page.editor.error.text().lower()
    assert form.known_error.isChecked()  # the input is kept
    form.workaround.setPlainText("Restart the spooler service.")
    form.root_cause.setPlainText("A driver leaks memory.")
    form.cause_code.set_current_id("software_defect")
    with qtbot.waitSignal(page.editor.loaded, timeout=10_000):
        qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    saved = row_of(store, desk["plain"])
    assert (saved.known_error, saved.workaround, saved.cause_code) == (True, "Restart the spooler service.",
                                                                      "software_defect")
    assert saved.known_error_at is not None
    assert "Known error" in page.editor.badges.text()


def test_resolving_asks_for_the_resolution_and_offers_to_resolve_the_incidents(qtbot, ctx, page, desk, store):
    with store.session() as s:
        for state in ("assess", "root_cause_analysis"):
            tickets.update_ticket(s, ticket_id=desk["known"], actor_id=None, changes={"state": state})
    show(qtbot, ctx, page, desk["known"])
    editor = page.editor
    resolved = editor.findChild(type(editor.save_button), "move-resolved")
    qtbot.mouseClick(resolved, Qt.MouseButton.LeftButton)
    assert "resolution code" in editor.error.text()
    editor.form.resolution_code.set_current_id(RESOLUTION["resolution_code"])
    editor.form.resolution_notes.setPlainText(RESOLUTION["resolution_notes"])
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        qtbot.mouseClick(editor.findChild(type(editor.save_button), "move-resolved"), Qt.MouseButton.LeftButton)
    assert row_of(store, desk["known"]).state == "resolved"
    assert "2 linked incidents are still open" in editor.banner.message()
    qtbot.mouseClick(editor.banner.buttons()[0], Qt.MouseButton.LeftButton)  # Resolve them too…
    box = editor.resolve_box
    qtbot.waitUntil(box.isVisible)
    box.accept()
    qtbot.waitUntil(lambda: all(row_of(store, i).state == "resolved" for i in desk["linked"]))
    wait_idle(qtbot, ctx.runner)
    qtbot.waitUntil(lambda: "Undo" in [b.text() for b in editor.banner.buttons()])
    qtbot.mouseClick(editor.banner.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(row_of(store, i).state == "new" for i in desk["linked"]))


def test_similar_incidents_are_read_once_the_record_has_painted(qtbot, ctx, page, desk, monkeypatch):
    """Not beside the record's read and paint (its tab is not the one shown first): the similar incidents are asked
    for once the record is in and its incident tabs have painted, and they come."""
    from PySide6.QtCore import QEvent, QObject

    editor = page.editor
    paints = []

    class PaintSpy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                paints.append(obj)
            return False

    spy = PaintSpy()
    editor.tabs.installEventFilter(spy)
    asked = []
    query = ctx.runner.query

    def recording(fn, *args, **kwargs):
        if kwargs.get("label") == "similar incidents":
            asked.append((editor.detail.id if editor.detail is not None else None, len(paints)))
        return query(fn, *args, **kwargs)

    monkeypatch.setattr(ctx.runner, "query", recording)
    page.open_problem(desk["known"])
    qtbot.waitUntil(lambda: editor.similar.tree.topLevelItemCount() > 0, timeout=10_000)
    assert len(asked) == 1 and asked[0][0] == desk["known"] and asked[0][1] >= 1
    editor.tabs.removeEventFilter(spy)


def test_similar_incident_links_in_one_click_and_the_banner_undoes_it(qtbot, ctx, page, desk, store):
    show(qtbot, ctx, page, desk["known"])
    similar = page.editor.similar
    qtbot.waitUntil(lambda: similar.tree.topLevelItemCount() > 0)
    numbers = [similar.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
               for i in range(similar.tree.topLevelItemCount())]
    assert desk["alike"] == numbers[0] and not set(desk["linked"]) & set(numbers)
    similar.tree.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(similar.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(store, desk["alike"]).problem_id == desk["known"])
    qtbot.waitUntil(lambda: page.editor.tabs.tabText(0) == "Linked incidents (3)")
    qtbot.mouseClick(page.editor.banner.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(store, desk["alike"]).problem_id is None)


def test_publish_workaround_previews_sends_once_and_undo_withdraws(qtbot, ctx, page, desk, store):
    show(qtbot, ctx, page, desk["known"])
    editor = page.editor
    assert editor.publish_button.isEnabled()
    qtbot.mouseClick(editor.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(editor, "workaround_dialog", None) is not None
                    and editor.workaround_dialog.isVisible())
    dialog = editor.workaround_dialog
    assert dialog.targets.count() == 2 and "Resend after five minutes." in dialog.body.toPlainText()
    with store.session() as s:
        assert s.scalars(select(WorklogEntry).where(WorklogEntry.kind == "reply")).all() == []  # a preview only
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Workaround sent to 2 incidents." in editor.banner.message())
    with store.session() as s:
        replies = s.scalars(select(WorklogEntry.ticket_id).where(WorklogEntry.kind == "reply")).all()
    assert sorted(replies) == sorted(desk["linked"])
    qtbot.mouseClick(editor.banner.buttons()[0], Qt.MouseButton.LeftButton)  # Undo
    qtbot.waitUntil(lambda: "withdrawn from 2 incidents" in editor.banner.message())
    with store.session() as s:
        assert s.scalars(select(WorklogEntry).where(WorklogEntry.kind == "reply")).all() == []


def test_major_incident_log_and_children(qtbot, ctx, page, desk, store):
    page.view_bar.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.editor.detail is not None and page.editor.detail.id == desk["major"])
    editor = page.editor
    assert editor.tabs.currentWidget() is editor.comms and not editor.publish_button.isVisible()
    editor.comms.body.setPlainText("Investigating; next update 10:30.")
    qtbot.mouseClick(editor.comms.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.comms.tree.topLevelItemCount() == 1)
    assert editor.comms.body.toPlainText() == ""
    with store.session() as s:
        number = s.scalar(select(Ticket.number).where(Ticket.id == desk["alike"]))
    editor.tabs.setCurrentIndex(0)
    editor.linked.number.setText(number)
    qtbot.mouseClick(editor.linked.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(store, desk["alike"]).major_id == desk["major"])
    qtbot.waitUntil(lambda: editor.linked.tree.topLevelItemCount() == 1)


def _search(qtbot, editor, text):
    finder = editor.finder
    editor.tabs.setCurrentWidget(finder)
    finder.box.clear()
    qtbot.keyClicks(finder.box, text)  # typed: the search runs after the pause, not per key
    qtbot.waitUntil(lambda: finder.tree.topLevelItemCount() > 0 and "Searching" not in finder.status.text())
    return finder


def _found(finder) -> dict[str, int]:
    return {finder.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): i
            for i in range(finder.tree.topLevelItemCount())}


def test_find_incidents_links_one_in_one_click_and_undo_takes_it_back(qtbot, ctx, page, desk, store):
    show(qtbot, ctx, page, desk["plain"])
    finder = _search(qtbot, page.editor, "relay")
    found = _found(finder)
    assert set(found) == {*desk["linked"], desk["alike"]}  # incidents only: not the problem of that title
    assert finder.tree.topLevelItem(found[desk["linked"][0]]).text(4) == desk["known_number"]
    button = finder.tree.itemWidget(finder.tree.topLevelItem(found[desk["alike"]]), 5)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: row_of(store, desk["alike"]).problem_id == desk["plain"])
    qtbot.waitUntil(lambda: page.editor.tabs.tabText(0) == "Linked incidents (1)")
    qtbot.waitUntil(lambda: finder.tree.topLevelItem(_found(finder)[desk["alike"]]).text(4) == "this one")
    assert finder.tree.itemWidget(finder.tree.topLevelItem(_found(finder)[desk["alike"]]), 5) is None
    qtbot.mouseClick(page.editor.banner.buttons()[0], Qt.MouseButton.LeftButton)  # Undo
    qtbot.waitUntil(lambda: row_of(store, desk["alike"]).problem_id is None)


def test_find_incidents_links_a_selection_in_one_batch(qtbot, ctx, page, desk, store):
    show(qtbot, ctx, page, desk["plain"])
    finder = _search(qtbot, page.editor, "mail drops -everyone")
    found = _found(finder)
    assert set(found) == set(desk["linked"]) and not finder.link_button.isEnabled()
    for i in found.values():
        finder.tree.topLevelItem(i).setSelected(True)
    qtbot.mouseClick(finder.link_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(row_of(store, t).problem_id == desk["plain"] for t in desk["linked"]))
    qtbot.waitUntil(lambda: "2 changed" in page.editor.banner.message())
    qtbot.mouseClick(page.editor.banner.buttons()[0], Qt.MouseButton.LeftButton)  # one Undo for both
    qtbot.waitUntil(lambda: all(row_of(store, t).problem_id == desk["known"] for t in desk["linked"]))


def test_find_incidents_says_when_nothing_is_searchable(qtbot, ctx, page, desk):
    show(qtbot, ctx, page, desk["plain"])
    finder = page.editor.finder
    finder.box.setText("%%")
    finder.search_now()
    qtbot.waitUntil(lambda: "Nothing searchable" in finder.status.text())
    assert finder.tree.topLevelItemCount() == 0


def test_problem_table_model_passes_qtmodeltester(qtmodeltester):
    model = ProblemTableModel()
    now = datetime.now().astimezone()
    model.set_rows(tuple(ProblemRow(id=str(i), number=f"PRB{i:07d}", type="problem", title=f"Problem {i}",
                                    state_label="New", is_open=i % 2 == 0, priority=1 + i % 5, service="Mail",
                                    ci="mx-01", linked=i, open_linked=i // 2,
                                    known_error_at=now - timedelta(days=i) if i % 3 else None, updated_at=now,
                                    workaround="Resend") for i in range(12)))
    qtmodeltester.check(model, force_py=True)


def test_other_affected_cis_are_added_by_type_ahead_and_removed(qtbot, ctx, page, desk, store):
    with store.session() as s:
        extra = [ConfigurationItem(name=n) for n in ("mx-02", "dns-01")]
        s.add_all(extra)
        s.flush()
        extra_ids = [c.id for c in extra]
    show(qtbot, ctx, page, desk["plain"])
    ci_set = page.editor.form.ci_set
    assert ci_set.isVisible() and ci_set.ids() == ()
    ci_set.box.setFocus()
    qtbot.keyClicks(ci_set.box, "mx-0")  # typed: the lookup runs after the pause
    qtbot.waitUntil(lambda: "mx-02" in " ".join(ci_set.suggestions.stringList()))
    assert sorted(ci_set.suggestions.stringList())[0].startswith("mx-01")
    ci_set.completer.activated.emit(next(t for t in ci_set.suggestions.stringList() if t.startswith("mx-02")))
    assert ci_set.ids() == (extra_ids[0],) and page.editor.save_button.isEnabled()
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.detail.listed_cis == ((extra_ids[0], "mx-02"),))
    assert "mx-02" in page.editor.badges.text()
    ci_set.list.item(0).setSelected(True)
    qtbot.mouseClick(ci_set.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor.detail.listed_cis == ())


def test_a_problem_that_cannot_be_read_says_so_in_words_not_the_stores_error(qtbot, ctx, page, desk, monkeypatch):
    from app.problems import queries as problem_queries

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(problem_queries, "problem_detail", broken)
    page.open_problem(desk["known"])
    editor = page.editor
    qtbot.waitUntil(lambda: bool(editor.error.text()), timeout=10_000)
    told = editor.error.text()
    assert "could not be read" in told and "Nothing was changed" in told and "disk I/O error" not in told
