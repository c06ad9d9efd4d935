"""The Reference data page: services, groups and members, the category tree and sites, driven as a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from app.models import Category, Group, OutboxMutation, Service, Site, Ticket, group_member
from app.people.reference import reference_data
from app.ui.reference.reference_page import ReferencePage
from app.ui.widgets.new_caller_dialog import NewCallerDialog
from tests.ui.conftest import close_window, open_window, wait_idle


@pytest.fixture
def page(qtbot, ctx):
    widget = ReferencePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 680)
    with qtbot.waitSignal(widget.data_shown):
        widget.show()
    wait_idle(qtbot, ctx.runner)
    yield widget
    wait_idle(qtbot, ctx.runner)


def shown(section):
    return [section.model.index(r, 0).data() for r in range(section.model.rowCount())]


def saved(qtbot, ctx, section, action):
    with qtbot.waitSignal(section.saved, timeout=10_000):
        action()
    wait_idle(qtbot, ctx.runner)


def test_a_new_service_with_hours_is_saved_and_a_bad_one_keeps_the_input(qtbot, ctx, page, store):
    services = page.section("services")
    assert "desk of its own" in page.acting.text()
    qtbot.mouseClick(services.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(services.name, "Payroll")
    services.criticality.setCurrentIndex(services.criticality.findData(1))
    services.group.setCurrentIndex(services.group.findText("Service Desk"))
    qtbot.keyClicks(services.hours, "Mon-Fri 8:00-18:00")
    qtbot.mouseClick(services.save_button, Qt.MouseButton.LeftButton)
    assert "time zone" in services.error.text()  # no zone yet: refused before any write, the input stays
    assert services.hours.text() == "Mon-Fri 8:00-18:00" and services.name.text() == "Payroll"
    qtbot.keyClicks(services.hours_tz, "europe/paris")
    saved(qtbot, ctx, services, lambda: qtbot.mouseClick(services.save_button, Qt.MouseButton.LeftButton))
    assert shown(services) == ["Payroll"]
    assert services.hours.text() == "Mon-Fri 08:00-18:00" and services.hours_tz.text() == "Europe/Paris"
    with store.session() as s:
        service = s.scalars(select(Service)).one()
        assert (service.criticality, service.owner_group_id is not None) == (1, True)
    # A second service of the same name is refused in words; the form keeps what was typed.
    qtbot.mouseClick(services.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(services.name, "payroll")
    qtbot.mouseClick(services.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already" in services.error.text())
    assert services.name.text() == "payroll"
    qtbot.mouseClick(services.revert_button, Qt.MouseButton.LeftButton)
    assert services.heading.text() == "Payroll"  # back to the service shown before New
    # Retire: gone from the list (and the pickers) unless retired ones are shown.
    saved(qtbot, ctx, services, lambda: qtbot.mouseClick(services.retire_button, Qt.MouseButton.LeftButton))
    assert shown(services) == ["Payroll (retired)"]  # still shown while it is the one open
    assert services.retire_button.text() == "Bring &back"
    with store.session() as s:
        assert s.scalars(select(Service.active)).one() is False
        assert reference_data(s).services == ()  # out of the ticket form's picker


def test_groups_take_agents_as_members(qtbot, ctx, page, store, seeded):
    page.activate("groups")
    groups = page.section("groups")
    qtbot.waitUntil(lambda: shown(groups) == ["Service Desk"])
    groups.table.selectRow(0)
    qtbot.waitUntil(lambda: groups.members.count() == 2)
    assert groups.candidate.count() == 0  # both agents are in already
    with store.session() as s:
        night = Group(name="Nights")
        s.add(night)
        s.flush()
        night_id = night.id
    saved(qtbot, ctx, groups, lambda: (groups.new_record(), qtbot.keyClicks(groups.name, "Evenings"),
                                       qtbot.mouseClick(groups.save_button, Qt.MouseButton.LeftButton)))
    qtbot.waitUntil(lambda: groups.candidate.count() == 2)
    with qtbot.waitSignal(groups.members_shown, timeout=10_000):
        qtbot.mouseClick(groups.add_button, Qt.MouseButton.LeftButton)
    assert groups.members.count() == 1
    groups.members.setCurrentRow(0)
    with qtbot.waitSignal(groups.members_shown, timeout=10_000):
        qtbot.mouseClick(groups.remove_button, Qt.MouseButton.LeftButton)
    assert groups.members.count() == 0
    with store.session() as s:
        ops = [m.op for m in s.scalars(select(OutboxMutation).where(OutboxMutation.entity == "group_member"))]
        assert ops == ["create", "delete"]
        assert s.get(Group, night_id) is not None and s.scalar(select(group_member.c.person_id).limit(1)) is not None


def test_categories_move_but_not_under_themselves(qtbot, ctx, page, store):
    page.activate("categories")
    cats = page.section("categories")
    saved(qtbot, ctx, cats, lambda: (cats.new_record(), qtbot.keyClicks(cats.name, "Hardware"),
                                     qtbot.mouseClick(cats.save_button, Qt.MouseButton.LeftButton)))
    saved(qtbot, ctx, cats, lambda: (cats.new_record(), qtbot.keyClicks(cats.name, "Laptop"),
                                     qtbot.mouseClick(cats.save_button, Qt.MouseButton.LeftButton)))
    assert [cats.model.index(r, 1).data() for r in range(cats.model.rowCount())] == ["Hardware", "Hardware / Laptop"]
    cats.table.selectRow(0)  # Hardware: it cannot go under its own Laptop
    assert cats.parent_combo.findText("Hardware / Laptop") < 0
    with store.session() as s:
        assert s.scalars(select(Category.parent_id).where(Category.name == "Laptop")).one() is not None


def test_sites_edit_and_export(qtbot, ctx, page, store, tmp_path):
    page.activate("sites")
    sites = page.section("sites")
    saved(qtbot, ctx, sites, lambda: (sites.new_record(), qtbot.keyClicks(sites.name, "Leeds"),
                                      qtbot.keyClicks(sites.timezone, "Nowhere/City"),
                                      qtbot.mouseClick(sites.save_button, Qt.MouseButton.LeftButton),
                                      qtbot.waitUntil(lambda: "time zone" in sites.error.text()),
                                      sites.timezone.clear(), qtbot.keyClicks(sites.timezone, "Europe/London"),
                                      qtbot.mouseClick(sites.save_button, Qt.MouseButton.LeftButton)))
    with store.session() as s:
        assert s.scalars(select(Site.timezone)).one() == "Europe/London"
    with qtbot.waitSignal(sites.exported, timeout=10_000):
        sites.export_to(str(tmp_path / "sites.csv"))
    assert (tmp_path / "sites.csv").read_text(encoding="utf-8").splitlines()[1].startswith("Leeds,,Europe/London")


def test_a_services_file_with_problems_imports_nothing_and_saves_its_report(qtbot, ctx, page, store, tmp_path):
    services = page.section("services")
    path = tmp_path / "services.csv"
    path.write_text("Name,Criticality,Support group\nGood,2,Service Desk\nBad,7,\nOrphan,3,Nobody\n", encoding="utf-8")
    services.preview_file(str(path))
    qtbot.waitUntil(lambda: services.import_dialog is not None and services.import_dialog.isVisible())
    dialog = services.import_dialog
    assert not dialog.import_button.isEnabled() and "2 rows have problems" in dialog.summary.text()
    report = tmp_path / "problems.csv"
    assert dialog.save_report(str(report))
    assert report.read_text(encoding="utf-8").splitlines()[1:] == [
        "3,criticality,Criticality is 1 (mission critical) to 4 (low).",
        "4,support_group,There is no group named Nobody."]
    dialog.reject()
    path.write_text("Name,Criticality,Support group\nGood,2,Service Desk\n", encoding="utf-8")
    services.preview_file(str(path))
    qtbot.waitUntil(lambda: services.import_dialog is not dialog and services.import_dialog is not None)
    with qtbot.waitSignal(services.import_dialog.imported, timeout=10_000):
        qtbot.mouseClick(services.import_dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(services) == ["Good"])


def test_an_open_ticket_offers_a_service_added_on_the_page(qtbot, tmp_path, desk_path):
    window, runner, st = open_window(qtbot, desk_path, tmp_path)
    try:
        with st.read_session() as s:
            tid = s.scalars(select(Ticket.id).limit(1)).one()
        with qtbot.waitSignal(window.ticket_shown, timeout=10_000):
            window.open_ticket(tid)
        editor = window.current_editor()
        picker = editor.ui.form.input_widget("service_id")
        page = window.show_page("reference")
        services = page.section("services")
        qtbot.waitUntil(lambda: services._loaded_once, timeout=10_000)
        with qtbot.waitSignal(services.saved, timeout=10_000):
            services.new_record()
            qtbot.keyClicks(services.name, "Payroll")
            qtbot.mouseClick(services.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(c.name == "Payroll" for c in window.ctx.reference.services), timeout=10_000)
        window.tabs.setCurrentWidget(editor)  # the ticket's tab again: its pickers refresh as it shows
        qtbot.waitUntil(lambda: picker.findText("Payroll") >= 0, timeout=10_000)
        window.show_page("reference")
        with qtbot.waitSignal(services.saved, timeout=10_000):
            qtbot.mouseClick(services.retire_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.ctx.reference.services, timeout=10_000)
        window.tabs.setCurrentWidget(editor)
        qtbot.waitUntil(lambda: picker.findText("Payroll") < 0, timeout=10_000)  # retired: no longer offered
    finally:
        close_window(qtbot, window, runner, st)


def test_a_callers_site_is_offered_from_the_sites(qtbot, ctx, store, seeded):
    with store.session() as s:
        s.add_all([Site(name="London"), Site(name="Londrina"), Site(name="Paris"), Site(name="Old", active=False)])
    with store.session() as s:
        ctx.reference = reference_data(s)
    dialog = NewCallerDialog(ctx)
    qtbot.addWidget(dialog)
    site = dialog.form.findChild(QLineEdit, "person_site")
    completer = site.completer()
    completer.setCompletionPrefix("lond")
    assert [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())] == \
        ["London", "Londrina"]  # retired sites are not offered
    dialog.reject()
