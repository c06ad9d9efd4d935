"""The CMDB page on a real store: filter and search the list, open a CI, its relations both ways and its
timeline, navigate along a relation, the impact tab, the map tab, and create, edit, relate and retire."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.ui.cmdb.ci_detail_pane import IMPACT, MAP, RELATIONS, TIMELINE
from app.ui.cmdb.ci_dialogs import CiDialog, RelationDialog
from app.ui.cmdb.cmdb_page import CmdbPage
from tests.ui.conftest import wait_idle


@pytest.fixture
def page(qtbot, cmdb_ctx):
    page = CmdbPage(cmdb_ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.show()
    wait_idle(qtbot, cmdb_ctx.runner)
    return page


def names(page) -> list[str]:
    model = page.model
    return [model.row_values(ci_id).name for ci_id in model.ids]


def double_click(qtbot, widget, pos):
    """What a mouse sends: press, release, double-click, release (Qt activates an item on the last release)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=pos)


def show_map(qtbot, page, ci_id, hops=None):
    """Open the CI, then its Map tab (at `hops`), and wait for the map; answers the map panel."""
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(ci_id)
    panel = page.detail.map
    if hops is not None:
        panel.hops.setValue(hops)
    with qtbot.waitSignal(panel.map_shown, timeout=5000):
        page.detail.tabs.setCurrentIndex(MAP)
    return panel


def list_settles(qtbot, page, ctx):
    wait_idle(qtbot, ctx.runner)
    # New rows paint once the looks of those on screen are made (PreparedTableView), on turns of their own: a repaint
    # asked before does nothing.
    qtbot.waitUntil(lambda: page.table.viewport().updatesEnabled(), timeout=5000)
    page.table.viewport().repaint()  # data() asks for the pages in view
    wait_idle(qtbot, ctx.runner)


def test_list_filters_by_text_class_and_status(qtbot, page, cmdb_ctx):
    list_settles(qtbot, page, cmdb_ctx)
    assert names(page) == ["Payroll service", "payroll-db", "payroll-web", "san-01", "spare-laptop", "srv-web-01"]
    assert page.count.text() == "6 CIs"
    qtbot.keyClicks(page.search, "payroll")
    qtbot.waitUntil(lambda: page.count.text() == "3 CIs", timeout=5000)
    page.ci_class.setCurrentIndex(page.ci_class.findData("database"))
    qtbot.waitUntil(lambda: page.count.text() == "1 CI", timeout=5000)
    list_settles(qtbot, page, cmdb_ctx)
    assert names(page) == ["payroll-db"]
    page.search.clear()
    page.ci_class.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("maintenance"))
    qtbot.waitUntil(lambda: page.count.text() == "1 CI", timeout=5000)
    list_settles(qtbot, page, cmdb_ctx)
    assert names(page) == ["srv-web-01"]
    page.status.setCurrentIndex(0)
    page.service.setCurrentIndex(page.service.findText("Payroll"))
    qtbot.waitUntil(lambda: page.count.text() == "2 CIs", timeout=5000)


def test_a_new_list_keeps_read_rows_up_to_rows_kept_and_drops_those_it_no_longer_holds_past_it(
        qtbot, page, cmdb_ctx, cmdb, monkeypatch):
    from app.ui.cmdb import ci_table_model

    list_settles(qtbot, page, cmdb_ctx)
    assert {cmdb["lonely"], cmdb["db"]} <= page.model._rows.keys()
    monkeypatch.setattr(ci_table_model, "ROWS_KEPT", 100)
    qtbot.keyClicks(page.search, "payroll")
    qtbot.waitUntil(lambda: page.count.text() == "3 CIs", timeout=5000)
    list_settles(qtbot, page, cmdb_ctx)
    assert names(page) == ["Payroll service", "payroll-db", "payroll-web"]
    assert cmdb["lonely"] in page.model._rows  # no longer listed, kept: a set of every listed id costs more
    monkeypatch.setattr(ci_table_model, "ROWS_KEPT", 2)
    qtbot.keyClicks(page.search, "-db")
    qtbot.waitUntil(lambda: page.count.text() == "1 CI", timeout=5000)
    list_settles(qtbot, page, cmdb_ctx)
    assert names(page) == ["payroll-db"]
    assert page.model._rows.keys() == {cmdb["db"]} == page.model._texts.keys()


def test_opening_the_page_reads_the_list_once_by_name_ascending(qtbot, cmdb_ctx, cmdb, monkeypatch):
    """Sorting was enabled with the header's own indicator (descending) and then set ascending: every CI id was
    read three times over (two reads stopped by the next) on the page's first show."""
    asked = []
    query = cmdb_ctx.runner.query

    def recording(fn, *args, **kwargs):
        asked.append(kwargs.get("label"))
        return query(fn, *args, **kwargs)

    monkeypatch.setattr(cmdb_ctx.runner, "query", recording)
    page = CmdbPage(cmdb_ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.show()
    list_settles(qtbot, page, cmdb_ctx)
    assert asked.count("CI list") == 1
    header = page.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.AscendingOrder)
    assert names(page) == sorted(names(page), key=str.lower)


def test_sorting_by_criticality_runs_in_sql(qtbot, page, cmdb_ctx):
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    wait_idle(qtbot, cmdb_ctx.runner)
    list_settles(qtbot, page, cmdb_ctx)
    assert names(page)[0] == "spare-laptop"  # criticality 4 first
    assert [page.model.row_values(i).criticality for i in page.model.ids] == [4, 2, 2, 1, 1, 1]


def test_open_a_ci_shows_relations_both_ways_and_its_timeline(qtbot, page, cmdb, cmdb_ctx):
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(cmdb["app"])
    detail = page.detail
    assert detail.heading.text() == "payroll-web"
    relations = [(detail.relations.topLevelItem(i).text(0), detail.relations.topLevelItem(i).text(1))
                 for i in range(detail.relations.topLevelItemCount())]
    assert relations == [("depends on", "payroll-db"), ("runs on", "srv-web-01"), ("used by", "Payroll service")]
    attributes = {detail.attributes.topLevelItem(i).text(0): detail.attributes.topLevelItem(i).text(1)
                  for i in range(detail.attributes.topLevelItemCount())}
    assert attributes["Vendor"] == "Acme" and attributes["Business service"] == "Payroll"
    assert detail.timeline.topLevelItemCount() == 0  # filled when its tab is shown
    detail.tabs.setCurrentIndex(TIMELINE)
    timeline = [detail.timeline.topLevelItem(i).text(2) for i in range(detail.timeline.topLevelItemCount())]
    assert timeline == [cmdb["i_app_number"]]
    detail.tabs.setCurrentIndex(RELATIONS)
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(cmdb["app"])  # the same CI again, read anew: its timeline is filled anew when shown
    assert detail.timeline.topLevelItemCount() == 0
    detail.show_tab(TIMELINE)
    assert [detail.timeline.topLevelItem(i).text(2) for i in range(detail.timeline.topLevelItemCount())] == timeline
    assert detail.tabs.tabText(TIMELINE) == "T&imeline (1 open)"
    assert detail.tabs.tabText(RELATIONS) == "&Relations (3)"


def test_double_click_on_a_relation_navigates_to_the_other_ci(qtbot, page, cmdb, cmdb_ctx):
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(cmdb["app"])
    page.detail.tabs.setCurrentIndex(RELATIONS)
    tree = page.detail.relations
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(1) == "payroll-db")
    rect = tree.visualItemRect(item)
    with qtbot.waitSignal(page.ci_shown, timeout=5000) as shown:
        double_click(qtbot, tree.viewport(), rect.center())
    assert shown.args == [cmdb["db"]]
    assert page.detail.heading.text() == "payroll-db"
    list_settles(qtbot, page, cmdb_ctx)
    assert page.model.ci_id_at(page.table.currentIndex().row()) == cmdb["db"]


def test_impact_tab_lists_services_incidents_changes_of_the_blast_radius(qtbot, page, cmdb):
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(cmdb["db"])
    with qtbot.waitSignal(page.detail.impact.impact_shown, timeout=5000):
        page.detail.tabs.setCurrentIndex(IMPACT)
    tree = page.detail.impact.tree
    assert tree.rows_of("services") == ["Payroll service"]
    assert set(tree.rows_of("incidents")) == {cmdb["i_db_number"], cmdb["i_db2_number"], cmdb["i_app_number"]}
    assert tree.rows_of("changes") == [cmdb["chg_number"]]
    assert set(tree.rows_of("radius")) == {"payroll-web", "Payroll service"}  # san and host are not hurt
    assert "reaches 2 other CIs, 1 business service," in page.detail.impact.summary.text()


def test_map_tab_draws_the_neighbourhood_and_expands_a_node(qtbot, page, cmdb):
    panel = show_map(qtbot, page, cmdb["svc"], hops=1)
    assert set(panel.scene.node_items) == {cmdb["svc"], cmdb["app"]}
    assert panel.scene.node_items[cmdb["app"]].open_incidents == 1
    with qtbot.waitSignal(panel.expanded, timeout=5000) as expanded:
        panel.expand(cmdb["app"])
    assert expanded.args == [cmdb["app"], 2]
    assert set(panel.scene.node_items) == {cmdb["svc"], cmdb["app"], cmdb["db"], cmdb["host"]}
    panel.set_type_visible("runs_on", False)
    assert cmdb["host"] not in panel.scene.node_items
    assert "1 CI hidden by the relation filter" in panel.status.text()


def test_view_arguments_show_a_ci_or_its_map(qtbot, cmdb_ctx, cmdb):
    page = CmdbPage(cmdb_ctx)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.activate("map:payroll-db")
    assert page.detail.tabs.currentIndex() == MAP
    assert page.detail.map.centre_id == cmdb["db"]
    assert page.detail.heading.text() == "payroll-db"


def test_unknown_ci_is_said_and_the_page_still_shows(qtbot, cmdb_ctx):
    page = CmdbPage(cmdb_ctx)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.activate("ci:no-such-box")
    assert page.error.isVisible() and "no-such-box" in page.error.text()
    # The list read may answer after the search (reads run in parallel); a list read now is that order, every
    # time: it must not pick the first row, whose record would replace the message.
    with qtbot.waitSignal(page.model.ids_loaded, timeout=10_000):
        page.model.refresh()
    assert not page.table.selectionModel().hasSelection()
    assert page.error.isVisible() and "no-such-box" in page.error.text()


def answer(qtbot, page, action):
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        action()
    return opened.args[0]


def test_create_edit_relate_and_retire(qtbot, page, cmdb, cmdb_ctx):
    dialog = answer(qtbot, page, page.new_ci)
    assert isinstance(dialog, CiDialog)
    dialog.inputs["name"].setText("payroll-cache")
    dialog.ci_class.setCurrentIndex(dialog.ci_class.findData("database"))
    dialog.attribute_inputs["port"].setText("not a port")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "number" in dialog.error.text() and dialog.isVisible()  # refused: the input stays to correct
    dialog.attribute_inputs["port"].setText("6379")
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert page.detail.heading.text() == "payroll-cache"
    qtbot.waitUntil(lambda: page.count.text() == "7 CIs", timeout=5000)

    edit = answer(qtbot, page, page.edit_ci)
    edit.inputs["site"].setText("Berlin DC")
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        edit.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "Berlin DC" in [page.detail.attributes.topLevelItem(i).text(1)
                           for i in range(page.detail.attributes.topLevelItemCount())]

    relate = answer(qtbot, page, page.add_relation)
    assert isinstance(relate, RelationDialog)
    relate.choose("depends_on", False, cmdb["app"], "payroll-web")  # payroll-web depends on payroll-cache
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        relate.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    tree = page.detail.relations
    assert [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1)) for i in range(tree.topLevelItemCount())] \
        == [("used by", "payroll-web")]

    tree.setCurrentItem(tree.topLevelItem(0))
    confirm = answer(qtbot, page, page.detail.remove_relation_button.click)
    assert "payroll-cache used by payroll-web" in confirm.text()
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        confirm.button(QMessageBox.StandardButton.Yes).click()
    assert page.detail.relations.topLevelItemCount() == 0

    box = answer(qtbot, page, page.retire_ci)
    assert isinstance(box, QMessageBox)
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert "Retired" in page.detail.subtitle.text()
    assert not page.detail.retire_button.isEnabled()


def test_the_list_model_keeps_qt_s_rules(qtbot, qtmodeltester, page, cmdb_ctx):
    list_settles(qtbot, page, cmdb_ctx)
    qtmodeltester.check(page.model, force_py=True)


def test_a_refresh_keeps_the_selected_ci(qtbot, page, cmdb, cmdb_ctx, store, seeded):
    from app.cmdb import ops as cmdb_ops
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(cmdb["host"])
    list_settles(qtbot, page, cmdb_ctx)
    with qtbot.waitSignal(page.model.ids_loaded, timeout=5000):  # the change feed refreshes the page
        cmdb_ctx.runner.op(cmdb_ops.create_ci, values={"name": "A-first-now", "ci_class": "server"},
                           actor_id=seeded["me"])
    list_settles(qtbot, page, cmdb_ctx)
    assert names(page)[0] == "A-first-now"
    assert page.model.ci_id_at(page.table.currentIndex().row()) == cmdb["host"]
    assert page.detail.heading.text() == "srv-web-01"


def test_a_node_s_menu_expands_recentres_and_opens(qtbot, page, cmdb):
    panel = show_map(qtbot, page, cmdb["svc"], hops=1)
    menu = panel.node_menu(cmdb["app"])
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Expand neighbours", "Centre the map here", "Open the CI's record"]
    with qtbot.waitSignal(panel.expanded, timeout=5000):
        menu.actions()[0].trigger()
    assert cmdb["db"] in panel.scene.node_items
    with qtbot.waitSignal(panel.map_shown, timeout=5000) as shown:
        panel.node_menu(cmdb["db"]).actions()[1].trigger()
    assert shown.args == [cmdb["db"]] and panel.centre_id == cmdb["db"]
    with qtbot.waitSignal(page.ci_shown, timeout=5000) as opened:
        panel.node_menu(cmdb["san"]).actions()[2].trigger()
    assert opened.args == [cmdb["san"]]


def test_export_from_the_map_writes_png_and_svg(qtbot, page, cmdb, tmp_path):
    panel = show_map(qtbot, page, cmdb["db"])
    for name in ("map.png", "map.svg"):
        with qtbot.waitSignal(panel.exported, timeout=5000):
            assert panel.export_to(str(tmp_path / name))
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"payroll-db" in (tmp_path / "map.svg").read_bytes()
    assert not panel.export_to(str(tmp_path / "no" / "such" / "map.png"))
    assert "could not be written" in panel.error.text()


def test_the_map_follows_a_switch_to_the_dark_theme(qtbot, qapp, page, cmdb):
    from app.ui.cmdb.map_style import DARK, LIGHT
    from app.ui.theme import apply_theme
    panel = show_map(qtbot, page, cmdb["db"])
    assert panel.scene.backgroundBrush().color().name() == LIGHT.background
    try:
        apply_theme(qapp, "dark")
        qtbot.waitUntil(lambda: panel.scene.dark, timeout=5000)
        assert panel.scene.backgroundBrush().color().name() == DARK.background
        assert set(panel.scene.node_items) == {cmdb["db"], cmdb["app"], cmdb["san"], cmdb["svc"], cmdb["host"]}
    finally:
        apply_theme(qapp, "light")
    qtbot.waitUntil(lambda: not panel.scene.dark, timeout=5000)


def test_a_change_elsewhere_updates_the_map_and_keeps_its_expansions(qtbot, page, cmdb, cmdb_ctx, seeded):
    from app.tickets import writes as tickets
    panel = show_map(qtbot, page, cmdb["svc"], hops=1)
    with qtbot.waitSignal(panel.expanded, timeout=5000):
        panel.expand(cmdb["app"])
    panel.view.set_zoom(1.5)
    assert panel.scene.node_items[cmdb["db"]].open_incidents == 2
    cmdb_ctx.runner.op(tickets.create_ticket, ticket_type="incident", title="Database full", actor_id=seeded["me"],
                       ci_id=cmdb["db"])
    qtbot.waitUntil(lambda: cmdb["db"] in panel.scene.node_items
                    and panel.scene.node_items[cmdb["db"]].open_incidents == 3, timeout=5000)
    assert {cmdb["host"], cmdb["db"], cmdb["app"], cmdb["svc"]} <= set(panel.scene.node_items)
    assert panel.view.zoom == 1.5 and panel.centre_id == cmdb["svc"]


def test_add_a_class_of_one_s_own_and_use_it(qtbot, page, cmdb_ctx):
    from app.ui.cmdb.class_dialog import ClassDialog
    dialog = answer(qtbot, page, page.show_classes)
    assert isinstance(dialog, ClassDialog)
    assert dialog.tree.topLevelItemCount() >= 10  # the built-in classes
    qtbot.keyClicks(dialog.label, "Server")
    assert dialog.key.text() == "server"
    dialog.save_button.click()
    assert "already" in dialog.error.text() and dialog.isVisible()
    dialog.label.clear()
    dialog.key.clear()
    qtbot.keyClicks(dialog.label, "Load balancer")
    assert dialog.key.text() == "load_balancer"
    dialog.add_attribute("VIP address")
    dialog.add_attribute("Port", "number")
    with qtbot.waitSignal(dialog.class_defined, timeout=5000) as defined:
        dialog.save_button.click()
    assert defined.args == ["load_balancer"]
    wait_idle(qtbot, cmdb_ctx.runner)
    qtbot.waitUntil(lambda: any(c.key == "load_balancer" for c in page._classes), timeout=5000)
    new = answer(qtbot, page, page.new_ci)
    new.ci_class.setCurrentIndex(new.ci_class.findData("load_balancer"))
    assert list(new.attribute_inputs) == ["vip_address", "port"]
    new.reject()


def test_a_row_s_menu_opens_impact_map_and_edit(qtbot, page, cmdb, cmdb_ctx):
    list_settles(qtbot, page, cmdb_ctx)
    menu = page.row_menu(cmdb["db"])
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Open the record", "Show impact", "Show on the relation map", "Edit…", "Retire…"]
    with qtbot.waitSignal(page.detail.impact.impact_shown, timeout=5000) as shown:
        menu.actions()[1].trigger()
    assert shown.args == [cmdb["db"]] and page.detail.tabs.currentIndex() == IMPACT
    dialog = answer(qtbot, page, page.row_menu(cmdb["san"]).actions()[4].trigger)  # Edit… on another CI
    assert dialog.detail.ci.id == cmdb["san"]
    dialog.reject()


def test_an_unsortable_column_keeps_the_sort_in_use(qtbot, page, cmdb_ctx):
    header = page.table.horizontalHeader()
    page.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # Service: not sorted in SQL
    wait_idle(qtbot, cmdb_ctx.runner)
    assert header.sortIndicatorSection() == 0 and page.model.sort_key == "name"


def test_a_map_that_cannot_be_read_says_so_and_nothing_was_changed(qtbot, page, cmdb_ctx, cmdb, monkeypatch):
    from app.cmdb import queries as cmdb_queries

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(cmdb_queries, "neighbourhood", broken)
    panel = page.detail.map
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(cmdb["db"])
    page.detail.tabs.setCurrentIndex(MAP)
    panel.show_ci(cmdb["db"])
    qtbot.waitUntil(lambda: bool(panel.error.text()), timeout=5000)
    assert "could not be read" in panel.error.text() and "not saved" not in panel.error.text()
    wait_idle(qtbot, cmdb_ctx.runner)


def test_a_ci_record_that_cannot_be_read_says_so_and_that_nothing_was_changed(qtbot, page, cmdb_ctx, cmdb,
                                                                              monkeypatch):
    from app.cmdb import queries as cmdb_queries

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(cmdb_queries, "ci_detail", broken)
    page.open_ci(cmdb["db"])
    qtbot.waitUntil(lambda: bool(page.error.text()), timeout=5000)
    assert "could not be read" in page.error.text() and "not saved" not in page.error.text()
    wait_idle(qtbot, cmdb_ctx.runner)
