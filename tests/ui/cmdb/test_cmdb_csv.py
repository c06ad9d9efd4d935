"""CSV from the CMDB page: export what the filter shows, import a file with a preview (relations included),
and a file with problems imports nothing."""

from __future__ import annotations

import csv

import pytest

from app.ui.cmdb.cmdb_page import CmdbPage
from app.ui.cmdb.csv_dialog import CiImportDialog
from tests.ui.conftest import wait_idle


@pytest.fixture
def page(qtbot, cmdb_ctx):
    page = CmdbPage(cmdb_ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.data_shown, timeout=10_000):
        page.show()
    wait_idle(qtbot, cmdb_ctx.runner)
    return page


def test_export_writes_the_filtered_cis(qtbot, page, cmdb_ctx, tmp_path):
    qtbot.keyClicks(page.search, "payroll")
    qtbot.waitUntil(lambda: page.count.text() == "3 CIs", timeout=5000)
    path = tmp_path / "cis.csv"
    with qtbot.waitSignal(page.exported, timeout=5000) as exported:
        page.export_to(str(path))
    assert exported.args == [3]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["Name"] for r in rows) == ["Payroll service", "payroll-db", "payroll-web"]


def import_dialog(qtbot, page, path) -> CiImportDialog:
    with qtbot.waitSignal(page.dialog_opened, timeout=5000) as opened:
        page.preview_file(str(path))
    dialog = opened.args[0]
    assert isinstance(dialog, CiImportDialog)
    return dialog


def test_import_adds_cis_and_their_relations_after_a_preview(qtbot, page, cmdb, cmdb_ctx, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text("name,ci_class,status,criticality,rel_depends_on\n"
                    "payroll-cache,database,active,2,payroll-db\n", encoding="utf-8")
    dialog = import_dialog(qtbot, page, path)
    assert "1 new CIs" in dialog.summary.text() and "1 relation to add" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: page.count.text() == "7 CIs", timeout=5000)
    qtbot.keyClicks(page.search, "payroll-cache")
    qtbot.waitUntil(lambda: page.count.text() == "1 CI", timeout=5000)
    with qtbot.waitSignal(page.ci_shown, timeout=5000):
        page.open_ci(page.model.ids[0])
    tree = page.detail.relations
    assert [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
            for i in range(tree.topLevelItemCount())] == [("depends on", "payroll-db")]


def test_a_file_with_problems_imports_nothing(qtbot, page, cmdb_ctx, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,ci_class,criticality\nbroken-box,server,9\n", encoding="utf-8")
    dialog = import_dialog(qtbot, page, path)
    assert not dialog.import_button.isEnabled()
    assert dialog.model.rowCount() == 1 and "riticality" in dialog.model.index(0, 2).data()
    dialog.reject()
    assert page.count.text() == "6 CIs"
