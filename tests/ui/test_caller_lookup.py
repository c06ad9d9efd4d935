"""The caller lookup in the ticket editor and the New ticket dialog: type, arrows, Enter, Esc, the card, New caller…."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from app.models import OutboxMutation, Person
from app.people.directory import PersonRow
from app.tickets import writes as tickets
from app.ui.ticket.new_ticket_dialog import NewTicketDialog
from app.ui.widgets.caller_list_model import CallerListModel
from app.ui.widgets.new_caller_dialog import NewCallerDialog
from tests.ui.conftest import wait_idle


@pytest.fixture
def callers(store, seeded):
    with store.session() as s:
        people = {key: Person(name=name, email=email, department=dept, site=site, phone=phone, vip=vip)
                  for key, name, email, dept, site, phone, vip in (
                      ("ann", "Ann Smith", "ann@example.com", "Finance", "London", "+44 20 7946 0001", True),
                      ("andy", "Andy Smithson", "andy@example.com", "Sales", "Paris", None, False),
                      ("zed", "Zed Other", "zed@example.com", "Finance", "Berlin", None, False))}
        s.add_all(people.values())
        s.flush()
        ids = {k: p.id for k, p in people.items()}
        tickets.create_ticket(s, ticket_type="incident", title="Laptop will not boot", actor_id=seeded["me"],
                              requester_id=ids["ann"])
        return ids


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


def _type(qtbot, caller, text):
    caller.search.setFocus()
    with qtbot.waitSignal(caller.results_shown) as shown:
        qtbot.keyClicks(caller.search, text)
    return shown.args[0]


def test_type_arrows_and_enter_pick_a_caller_and_show_their_tickets(qtbot, ctx, callers, dialog):
    dlg = dialog()
    caller = dlg.form.input_widget("requester_id")
    edited = []
    caller.edited.connect(lambda: edited.append(caller.current_id()))
    assert _type(qtbot, caller, "smi") == 2
    assert caller.results.isVisible()
    assert [caller.model.row_at(r).name for r in range(2)] == ["Andy Smithson", "Ann Smith"]
    assert caller.search.hasFocus()  # the list never takes the focus
    qtbot.keyClick(caller.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(caller.card_shown):
        qtbot.keyClick(caller.search, Qt.Key.Key_Return)
    assert edited == [callers["ann"]] and dlg.isVisible()  # Enter picked; it did not create the ticket
    assert caller.search.text() == "Ann Smith" and not caller.results.isVisible()
    card = caller.card.text()
    assert card.startswith("VIP  ·  ann@example.com  ·  +44 20 7946 0001  ·  Finance, London")
    assert "Open tickets (1):" in card and "Laptop will not boot" in card

    caller.search.selectAll()
    _type(qtbot, caller, "sales par")
    with qtbot.waitSignal(caller.card_shown):
        qtbot.keyClick(caller.search, Qt.Key.Key_Return)
    assert dlg.form.values()["requester_id"] == callers["andy"]
    assert "No open tickets." in caller.card.text()


def test_escape_and_focus_out_keep_the_chosen_caller_and_clearing_removes_it(qtbot, ctx, callers, dialog):
    dlg = dialog()
    qtbot.keyClicks(dlg.form.input_widget("title"), "Printer jams")  # Create is enabled: Enter could submit
    caller = dlg.form.input_widget("requester_id")
    with qtbot.waitSignal(caller.card_shown):  # a caller newer than the form's reference data: named by the card
        caller.set_current_id(callers["zed"])
    assert caller.search.text() == "Zed Other"
    caller.search.setFocus()
    caller.search.selectAll()
    _type(qtbot, caller, "ann")
    qtbot.keyClick(caller.search, Qt.Key.Key_Escape)
    assert dlg.isVisible() and caller.search.text() == "Zed Other" and caller.current_id() == callers["zed"]

    caller.search.selectAll()
    _type(qtbot, caller, "nobody-matches-this")
    assert caller.notice.isVisible() and "New caller" in caller.notice.text()
    qtbot.keyClick(caller.search, Qt.Key.Key_Return)  # typed, not picked: Enter neither picks nor submits
    assert dlg.create_button.text() == "&Create" and caller.current_id() == callers["zed"]
    dlg.form.input_widget("title").setFocus()  # focus out: the typed text goes, the caller stays
    assert caller.search.text() == "Zed Other" and caller.current_id() == callers["zed"]

    with qtbot.waitSignal(caller.edited):
        caller.search.setFocus()
        caller.search.clear()
        qtbot.keyClick(caller.search, Qt.Key.Key_Return)
    assert caller.current_id() is None and dlg.form.values()["requester_id"] is None


def test_the_newest_text_wins(qtbot, ctx, callers, dialog):
    dlg = dialog()  # held: the test owns the dialog
    caller = dlg.form.input_widget("requester_id")
    qtbot.keyClicks(caller.search, "an")  # two lookups in one slot: the first may be cancelled
    caller.search.setText("")
    qtbot.keyClicks(caller.search, "zed")
    qtbot.waitUntil(lambda: caller.model.rowCount() == 1 and caller.model.row_at(0).name == "Zed Other")
    wait_idle(qtbot, ctx.runner)
    assert caller.model.row_at(0).name == "Zed Other"


def test_hostile_text_is_searched_as_words(qtbot, ctx, callers, dialog):
    dlg = dialog()  # held: the test owns the dialog
    caller = dlg.form.input_widget("requester_id")
    assert _type(qtbot, caller, '"ann" OR zed*') == 0  # all three words must match; no query syntax
    caller.search.clear()
    qtbot.keyClicks(caller.search, "*()")  # no words at all: nothing is looked up
    wait_idle(qtbot, ctx.runner)
    assert caller.model.rowCount() == 0


def test_new_caller_inline_prefills_creates_and_chooses(qtbot, ctx, store, callers, dialog):
    dlg = dialog()
    caller = dlg.form.input_widget("requester_id")
    _type(qtbot, caller, "pat.new@example.com")
    caller.new_button.click()
    new = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewCallerDialog) and w.isVisible())
    assert new.form.values()["email"] == "pat.new@example.com"
    new.form.show_error("name", "")  # nothing shown yet
    new.create_button.click()  # no name: refused under the field, nothing written
    qtbot.waitUntil(lambda: new.create_button.isEnabled())
    assert new.isVisible() and new.form.error_text("name") == "A person needs a name."
    qtbot.keyClicks(new.form.text_input("name"), "Pat New")
    qtbot.keyClicks(new.form.text_input("phone"), "not a phone")
    new.create_button.click()
    qtbot.waitUntil(lambda: bool(new.form.error_text("phone")))
    new.form.text_input("phone").clear()
    qtbot.keyClicks(new.form.text_input("phone"), "555 0199")
    with qtbot.waitSignal(caller.edited):
        new.create_button.click()
    assert caller.search.text() == "Pat New" and dlg.isVisible()
    with store.session() as s:
        person = s.scalars(select(Person).where(Person.email == "pat.new@example.com")).one()
        assert (person.name, person.phone, person.is_agent) == ("Pat New", "555 0199", False)
        payload = s.scalar(select(OutboxMutation.payload).where(OutboxMutation.entity_id == person.id))
        assert json.loads(payload)["row"]["name"] == "Pat New"
        assert s.scalar(select(Person.id).where(Person.name == "")) is None
    assert dlg.form.values()["requester_id"] == person.id


def test_the_editor_shows_its_caller_and_saves_a_new_pick(qtbot, ctx, store, seeded, callers, open_editor):
    with store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Mail bounces", actor_id=seeded["me"],
                                    requester_id=callers["zed"], group_id=seeded["group"]).id
    editor = open_editor(tid)
    caller = editor.ui.form.input_widget("requester_id")
    qtbot.waitUntil(caller.card.isVisible)
    assert caller.search.text() == "Zed Other" and "Mail bounces" in caller.card.text()
    caller.search.selectAll()
    _type(qtbot, caller, "andy")
    qtbot.keyClick(caller.search, Qt.Key.Key_Return)
    assert editor.ui.form.changes() == {"requester_id": callers["andy"]}


def test_a_shown_card_holds_the_form_around_it_and_nothing_else(qtbot, ctx, callers, dialog):
    # Turning a held widget's updates on again repaints all of it: holding the window for the card repainted the
    # whole ticket editor, its menus and status bar after every ticket opened.
    dlg = dialog()
    caller = dlg.form.input_widget("requester_id")
    form = caller.parentWidget()
    held: dict[str, object] = {}

    def note() -> None:
        held["form"] = not form.updatesEnabled()
        held["outside"] = [w for w in dlg.findChildren(QWidget) if w.isVisible() and not w.updatesEnabled()
                           and w is not form and not form.isAncestorOf(w)]
        held["window"] = not dlg.updatesEnabled()

    caller.card_shown.connect(note)
    with qtbot.waitSignal(caller.card_shown):
        caller.set_current_id(callers["ann"])
    assert held == {"form": True, "outside": [], "window": False}
    qtbot.waitUntil(form.updatesEnabled)


def test_caller_list_model_passes_qtmodeltester(qtmodeltester):
    model = CallerListModel()
    model.set_rows([PersonRow(id=str(i), name=f"P{i}", email=None, phone="1", department="D", site=None,
                              vip=i % 2 == 0, is_agent=i == 3, active=i != 4) for i in range(6)])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, 0)) == "P0 (VIP)  ·  1  ·  D"
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


def test_another_callers_card_never_stays_on_show_while_the_new_one_loads(qtbot, ctx, callers, dialog):
    """A reused editor shows the next ticket's caller: the last one's card goes at once, not when the new card is in."""
    dlg = dialog()
    caller = dlg.form.input_widget("requester_id")
    with qtbot.waitSignal(caller.card_shown):
        caller.set_current_id(callers["ann"])
    assert caller.card.isVisible() and "Laptop will not boot" in caller.card.text()
    caller.set_current_id(callers["andy"])  # its card is being read
    assert not caller.card.isVisible()
    qtbot.waitUntil(caller.card.isVisible, timeout=10_000)
    assert "No open tickets." in caller.card.text()
    caller.refresh()  # the same caller again (reference data reloaded): the card stays while it is read again
    assert caller.card.isVisible()
    wait_idle(qtbot, ctx.runner)
