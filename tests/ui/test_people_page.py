"""The People page: list, search and filters, edit, add, deactivate; refused input is shown and nothing is lost."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import OutboxMutation, Person
from app.people.directory import PersonRow
from app.tickets import writes as tickets
from app.ui.people.people_page import PeoplePage
from app.ui.people.people_table_model import PeopleTableModel
from app.ui.widgets.text_table_model import TextTableModel
from tests.ui.conftest import wait_idle


@pytest.fixture
def people(store, seeded):
    with store.session() as s:
        rows = {key: Person(name=name, email=email, site=site, department=dept, vip=vip)
                for key, name, email, site, dept, vip in (
                    ("ann", "Ann Smith", "ann@example.com", "London", "Finance", True),
                    ("ben", "Ben Jones", "ben@example.com", "Paris", "Sales", False),
                    ("cy", "Cy Smithers", None, "London", "Sales", False))}
        s.add_all(rows.values())
        s.flush()
        tickets.create_ticket(s, ticket_type="incident", title="Printer", actor_id=seeded["me"],
                              requester_id=rows["ben"].id)
        return {k: p.id for k, p in rows.items()}


@pytest.fixture
def page(qtbot, ctx, people):
    widget = PeoplePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 680)
    with qtbot.waitSignal(widget.data_shown):
        widget.show()
    wait_idle(qtbot, ctx.runner)
    yield widget
    wait_idle(qtbot, ctx.runner)


def names(page):
    return [page.model.person_at(r).name for r in range(page.model.rowCount())]


def refreshed(qtbot, ctx, page, action):
    with qtbot.waitSignal(page.model.modelReset):
        action()
    wait_idle(qtbot, ctx.runner)


def test_list_filters_and_search(qtbot, ctx, page, people):
    assert names(page) == ["Ada Agent", "Ann Smith", "Ben Jones", "Bob Builder", "Cy Smithers", "Rita Requester"]
    assert page.heading.text() == "Ada Agent"  # the first row's record beside the list
    assert [page.site.itemText(i) for i in range(page.site.count())] == ["All sites", "London", "Paris"]
    refreshed(qtbot, ctx, page, lambda: page.vip_only.setChecked(True))
    assert names(page) == ["Ann Smith"]
    refreshed(qtbot, ctx, page, lambda: page.vip_only.setChecked(False))
    refreshed(qtbot, ctx, page, lambda: page.site.setCurrentIndex(page.site.findData("London")))
    assert names(page) == ["Ann Smith", "Cy Smithers"]
    refreshed(qtbot, ctx, page, lambda: page.department.setCurrentIndex(page.department.findData("Sales")))
    assert names(page) == ["Cy Smithers"]
    page.site.setCurrentIndex(0)
    refreshed(qtbot, ctx, page, lambda: page.department.setCurrentIndex(0))
    refreshed(qtbot, ctx, page, lambda: page.kind.setCurrentIndex(page.kind.findData("agents")))
    assert names(page) == ["Ada Agent", "Bob Builder"]
    refreshed(qtbot, ctx, page, lambda: page.kind.setCurrentIndex(0))
    refreshed(qtbot, ctx, page, lambda: qtbot.keyClicks(page.search, "smi"))
    assert names(page) == ["Ann Smith", "Cy Smithers"]
    assert page.count.text() == "2 people"


def _select(qtbot, ctx, page, person_id):
    with qtbot.waitSignal(page.person_loaded):
        page.table.selectRow(page.model.row_of(person_id))
    wait_idle(qtbot, ctx.runner)


def test_edit_saves_through_the_operation_and_keeps_the_selection(qtbot, ctx, store, page, people):
    _select(qtbot, ctx, page, people["ben"])
    assert "on 1 tickets" in page.info.text() and not page.save_button.isEnabled()
    phone = page.form.text_input("phone")
    qtbot.keyClicks(phone, "+33 1 70 36 0000")
    assert page.save_button.isEnabled()
    with qtbot.waitSignal(page.saved):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.person_at(page.model.row_of(people["ben"])).phone == "+33 1 70 36 0000")
    wait_idle(qtbot, ctx.runner)
    assert page.table.currentIndex().row() == page.model.row_of(people["ben"])
    with store.session() as s:
        payload = s.scalar(select(OutboxMutation.payload).where(OutboxMutation.entity_id == people["ben"]))
    assert json.loads(payload)["fields"] == {"phone": {"base": None, "new": "+33 1 70 36 0000"}}


def test_refused_input_is_shown_and_unsaved_edits_are_not_dropped(qtbot, ctx, store, page, people):
    _select(qtbot, ctx, page, people["cy"])
    email = page.form.text_input("email")
    qtbot.keyClicks(email, "ann@example.com")  # Ann's address
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.form.error_text("email")))
    assert page.form.error_text("email") == "Ann Smith already has this e-mail address."
    page.table.selectRow(page.model.row_of(people["ann"]))  # would drop the typed address: refused
    assert page.heading.text() == "Cy Smithers" and email.text() == "ann@example.com"
    assert "Save or revert" in page.error.text()
    page.revert_button.click()
    assert email.text() == "" and not page.save_button.isEnabled()
    with store.session() as s:
        assert s.get(Person, people["cy"]).email is None


def test_new_person_and_deactivation(qtbot, ctx, store, page, people):
    page.new_button.click()
    assert page.heading.text() == "New person" and page.form.text_input("name").hasFocus()
    qtbot.keyClicks(page.form.text_input("name"), "Dee New")
    qtbot.keyClicks(page.form.text_input("site"), "Berlin")
    with qtbot.waitSignal(page.saved) as saved:
        page.save_button.click()
    qtbot.waitUntil(lambda: "Dee New" in names(page))
    new_id = saved.args[0]
    assert page.heading.text() == "Dee New"
    with store.session() as s:
        assert s.get(Person, new_id).site == "Berlin"

    _select(qtbot, ctx, page, people["ben"])
    page.form.active.setChecked(False)
    with qtbot.waitSignal(page.saved):
        page.save_button.click()
    qtbot.waitUntil(lambda: "Ben Jones" not in names(page))  # the Active list no longer holds him
    refreshed(qtbot, ctx, page, lambda: page.status.setCurrentIndex(page.status.findData(False)))
    assert names(page) == ["Ben Jones"]
    with store.session() as s:
        ben = s.get(Person, people["ben"])
        assert ben is not None and not ben.active  # kept: a ticket names him


def test_people_table_model_passes_qtmodeltester(qtmodeltester):
    model = PeopleTableModel()
    model.set_rows([PersonRow(id=str(i), name=f"P{i}", email=None, phone=None, department=None, site="S",
                              vip=i == 1, is_agent=i == 2, active=i != 3) for i in range(5)])
    qtmodeltester.check(model, force_py=True)
    assert [model.data(model.index(1, c)) for c in range(8)] == ["P1", "", "", "", "S", "Requester", "VIP", "Active"]
    assert model.data(model.index(3, 7)) == "Inactive" and model.data(model.index(2, 5)) == "Agent"


def test_csv_import_preview_refuses_a_file_with_problems_and_saves_the_list(qtbot, ctx, store, page, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email,vip\nGood One,good@example.com,\nBad,nope,\nWorse,w@example.com,maybe\n",
                   encoding="utf-8")
    with qtbot.waitSignal(page.import_opened) as opened:
        page.preview_file(str(bad))
    dialog = opened.args[0]
    assert not dialog.import_button.isEnabled() and dialog.report_button.isVisibleTo(dialog)
    assert dialog.model.rowCount() == 2 and dialog.model.data(dialog.model.index(0, 0)) == "3"
    report = tmp_path / "problems.csv"
    assert dialog.save_report(str(report))
    assert report.read_text(encoding="utf-8").splitlines()[0] == "Line,Column,Problem"
    dialog.run_import()  # refused while problems remain: nothing is written
    dialog.reject()
    wait_idle(qtbot, ctx.runner)
    with store.session() as s:
        assert s.scalar(select(Person.id).where(Person.name == "Good One")) is None


def test_csv_import_and_export_through_the_page(qtbot, ctx, store, page, people, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("Name;E-mail;Site\nDee New;dee@example.com;Berlin\nBen Jones;BEN@example.com;Rome\n",
                    encoding="utf-8")
    with qtbot.waitSignal(page.import_opened) as opened:
        page.preview_file(str(good))
    dialog = opened.args[0]
    assert "1 new people, 1 already in the directory" in dialog.summary.text()
    assert [dialog.model.data(dialog.model.index(r, 1)) for r in range(2)] == ["Add", "Update"]
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: "Dee New" in names(page))
    with store.session() as s:
        assert s.get(Person, people["ben"]).site == "Rome"

    refreshed(qtbot, ctx, page, lambda: page.site.setCurrentIndex(page.site.findData("London")))
    out = tmp_path / "out.csv"
    with qtbot.waitSignal(page.exported) as exported:
        page.export_to(str(out))
    assert exported.args[0] == 2
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8").splitlines()] == \
        ["Name", "Ann Smith", "Cy Smithers"]

    page.preview_file(str(tmp_path / "missing.csv"))  # the reason under the list, no dialog
    qtbot.waitUntil(lambda: "Cannot read" in page.error.text())


def test_an_export_whose_store_read_fails_says_nothing_was_changed(qtbot, ctx, page, people, tmp_path, monkeypatch):
    from app.ui.people import people_page

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(people_page.transfer, "export_people", broken)
    page.export_to(str(tmp_path / "out.csv"))
    qtbot.waitUntil(lambda: bool(page.error.text()), timeout=5000)
    assert "could not be read" in page.error.text() and "not saved" not in page.error.text()
    assert not (tmp_path / "out.csv").exists()


def test_text_table_model_passes_qtmodeltester(qtmodeltester):
    model = TextTableModel(["A", "B"])
    model.set_cells([("1", "x"), ("2", "y")])
    qtmodeltester.check(model, force_py=True)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "B" and model.data(model.index(1, 1)) == "y"
