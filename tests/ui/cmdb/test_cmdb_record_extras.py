"""The CI record's refusal banner, proper attribute labels, and changing a class of the desk's own (built-in
ones read-only), driven through the CMDB page."""

from __future__ import annotations

from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.cmdb import ops
from app.models import CiClassRow, ConfigurationItem, OutboxMutation
from app.sync.conflicts import handle_receipt
from app.ui.cmdb.class_dialog import ClassDialog
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


def show(qtbot, page, ci_id):
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(ci_id)


def field_rows(page) -> dict[str, str]:
    tree = page.detail.attributes
    return {tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())}


def test_attributes_show_the_class_s_labels(qtbot, page, cmdb, store, seeded):
    with store.session() as s:
        ops.update_ci(s, ci_id=cmdb["host"], changes={"ci_class": "server", "attributes": {
            "os": "Debian", "os_version": "12", "memory_gb": "64", "cpu_count": "16", "ip_address": "10.0.0.9"}},
            actor_id=seeded["me"])
        s.commit()
    show(qtbot, page, cmdb["host"])
    rows = field_rows(page)
    assert (rows["OS"], rows["OS version"], rows["Memory (GB)"], rows["CPUs"], rows["IP address"]) == \
        ("Debian", "12", "64", "16", "10.0.0.9")
    assert not {"Os", "Memory gb", "Cpu count", "Ip address"} & set(rows)


def test_a_refused_ci_edit_shows_a_banner_that_discards_it(qtbot, page, cmdb, cmdb_ctx, store, seeded,
                                                            monkeypatch):
    show(qtbot, page, cmdb["db"])
    assert page.detail.refusal_banner.isHidden()
    with store.session() as s:
        ops.update_ci(s, ci_id=cmdb["db"], changes={"site": "Mars"}, actor_id=seeded["me"])
        mutation = s.scalar(select(OutboxMutation).where(OutboxMutation.entity_id == cmdb["db"],
                                                           OutboxMutation.op == "update"))
        assert handle_receipt(s, mutation, {"status": "rejected", "reason": "no such site"}) == "rejected"
        s.commit()
    show(qtbot, page, cmdb["san"])
    show(qtbot, page, cmdb["db"])
    banner = page.detail.refusal_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
    assert "no such site" in banner.message() and "this CI" in banner.message()
    assert field_rows(page)["Site"] == "Mars"  # the refused value stays shown
    monkeypatch.setattr(banner, "confirm_discard", lambda _refusal: True)
    with qtbot.waitSignal(banner.settled, timeout=5000) as settled:
        next(b for b in banner.buttons() if b.text() == "Discard…").click()
    assert settled.args == ["values"]
    qtbot.waitUntil(lambda: banner.isHidden() and field_rows(page)["Site"] != "Mars", timeout=5000)
    with store.session() as s:
        assert s.get(ConfigurationItem, cmdb["db"]).site != "Mars"
    show(qtbot, page, cmdb["san"])
    assert banner.isHidden()


def test_a_class_of_the_desk_s_own_can_be_changed_and_built_in_ones_cannot(qtbot, page, cmdb_ctx, store, seeded):
    cmdb_ctx.runner.op(partial(ops.define_class, label="Load balancer"), key="load_balancer",
                       description="Spreads load", attributes=[{"key": "vip", "label": "VIP", "kind": "text"}],
                       actor_id=seeded["me"])
    qtbot.waitUntil(lambda: any(c.key == "load_balancer" for c in page._classes), timeout=5000)
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        page.show_classes()
    dialog = opened.args[0]
    assert isinstance(dialog, ClassDialog)
    items = {dialog.tree.topLevelItem(i).text(1): dialog.tree.topLevelItem(i)
             for i in range(dialog.tree.topLevelItemCount())}
    dialog.tree.setCurrentItem(items["server"])
    assert not dialog.save_button.isEnabled() and dialog.label.isReadOnly()
    assert "cannot be changed" in dialog.read_only_note.text() and dialog.read_only_note.isVisibleTo(dialog)
    dialog.tree.setCurrentItem(items["load_balancer"])
    assert (dialog.label.text(), dialog.description.text(), dialog.key.isReadOnly()) == \
        ("Load balancer", "Spreads load", True)
    assert dialog.save_button.isEnabled() and dialog.attribute_rows() == [
        {"key": "vip", "label": "VIP", "kind": "text"}]
    dialog.label.setText("Load balancer pair")
    dialog.description.setText("Two boxes")
    dialog.attributes.cellWidget(0, 0).setText("Virtual IP")  # relabelled: the key stays
    dialog.add_attribute("Port", "number")
    with qtbot.waitSignal(dialog.class_defined, timeout=5000) as defined:
        dialog.save_button.click()
    assert defined.args == ["load_balancer"]
    wait_idle(qtbot, cmdb_ctx.runner)
    with store.session() as s:
        row = s.get(CiClassRow, "load_balancer")
        assert (row.label, row.description) == ("Load balancer pair", "Two boxes")
        assert '"vip"' in row.attributes and "Virtual IP" in row.attributes and '"port"' in row.attributes
        assert list(s.scalars(select(OutboxMutation.op).where(OutboxMutation.entity_id == "load_balancer")
                              .order_by(OutboxMutation.seq))) == ["create", "update"]  # queued for the server


def test_the_add_relation_picker_finds_a_ci_made_a_moment_ago(qtbot, page, cmdb, cmdb_ctx, seeded):
    from app.ui.cmdb.ci_dialogs import RelationDialog
    cmdb_ctx.runner.op(ops.create_ci, values={"name": "payroll-cache-2", "ci_class": "database"},
                       actor_id=seeded["me"])  # not in the context's reference data
    wait_idle(qtbot, cmdb_ctx.runner)
    assert "payroll-cache-2" not in {c.name for c in cmdb_ctx.reference.cis}
    show(qtbot, page, cmdb["app"])
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        page.add_relation()
    relate = opened.args[0]
    assert isinstance(relate, RelationDialog)
    picker = relate.other
    relate.kind.setCurrentIndex(relate.kind.findData("depends_on:out"))
    wait_idle(qtbot, cmdb_ctx.runner)  # the first CIs by name are offered before anything is typed
    assert picker.results.count() > 0
    picker.search.setFocus()
    with qtbot.waitSignal(picker.results_shown, timeout=5000) as shown:
        qtbot.keyClicks(picker.search, "CACHE")
    assert shown.args == [1] and picker.results.item(0).text() == "payroll-cache-2  ·  Database  ·  Active"
    with qtbot.waitSignal(picker.results_shown, timeout=5000):
        picker.search.clear()
        qtbot.keyClicks(picker.search, "payroll")
    names = [picker.results.item(i).text().split("  ·  ")[0] for i in range(picker.results.count())]
    assert "payroll-web" not in names and "payroll-cache-2" in names  # not the CI itself
    while picker.results.currentItem().text().split("  ·  ")[0] != "payroll-cache-2":
        qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        relate.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    tree = page.detail.relations
    assert ("depends on", "payroll-cache-2") in [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
                                                 for i in range(tree.topLevelItemCount())]


def test_the_picker_says_when_nothing_matches_and_saving_asks_for_a_choice(qtbot, page, cmdb, cmdb_ctx):
    from app.ui.cmdb.ci_dialogs import RelationDialog
    show(qtbot, page, cmdb["app"])
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        page.add_relation()
    relate = opened.args[0]
    assert isinstance(relate, RelationDialog)
    wait_idle(qtbot, cmdb_ctx.runner)
    with qtbot.waitSignal(relate.other.results_shown, timeout=5000) as shown:
        qtbot.keyClicks(relate.other.search, "%_nothing\\")
    assert shown.args == [0] and relate.other.status.text() == "No CI matches."
    relate.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "choose it in the list" in relate.error.text() and relate.isVisible()
    relate.reject()
