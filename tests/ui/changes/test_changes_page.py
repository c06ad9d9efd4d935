"""The Changes page in the real window: rows on screen, filters, sort, opening editors (Enter, the app
event the calendar uses, New change…), and the queue model under qtmodeltester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.changes.queue import ChangeFilter
from app.config import Settings
from app.main import build_app
from app.ui.changes.changes_page import ChangesPage
from app.ui.changes.editor import ChangeEditor
from app.ui.changes.new_change_dialog import NewChangeDialog
from app.ui.changes.table_model import COLUMNS, ChangeTableModel
from tests.ui.conftest import wait_idle


@pytest.fixture
def window(qtbot, store, world, tmp_path):
    path = store.path
    store.close()
    app, win, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.ctx.reference.cis != (), timeout=10_000)
    wait_idle(qtbot, runner)
    yield win
    win.close()
    runner.shutdown()
    st.close()


def _page(qtbot, window) -> ChangesPage:
    slot = window.pages["changes"]
    if slot.page is None:
        window.show_page("changes")
        page = slot.page
        with qtbot.waitSignal(page.data_shown, timeout=10_000):
            pass
    return window.show_page("changes")


def _numbers(page: ChangesPage) -> list[str]:
    return [page.model.row_at(i).number for i in range(page.model.rowCount())]


def test_rows_filters_and_sort(qtbot, window, world):
    page = _page(qtbot, window)
    # Open changes by planned start; the one without times last; the canceled one hidden.
    assert _numbers(page) == [world["a_number"], world["b_number"], world["e_number"]]
    qtbot.waitUntil(lambda: page.model.conflicted_rows() is not None, timeout=10_000)
    row = page.model.row_at(0)
    assert row.conflicts == 1 and row.ci_names == "mx-01"  # the same CI as the second one
    conflicts_col = next(i for i, c in enumerate(COLUMNS) if c[0] == "conflicts")
    assert page.model.index(0, conflicts_col).data() == str(row.conflicts)
    assert "with conflicts" in page.summary.text()

    page.filters.type.setCurrentIndex(page.filters.type.findData("emergency"))
    qtbot.waitUntil(lambda: _numbers(page) == [world["e_number"]], timeout=10_000)
    page.filters.type.setCurrentIndex(0)
    page.filters.state.setCurrentIndex(page.filters.state.findData("all"))
    qtbot.waitUntil(lambda: len(_numbers(page)) == 4, timeout=10_000)
    qtbot.keyClicks(page.filters.text, "certificate")
    qtbot.waitUntil(lambda: _numbers(page) == [world["b_number"]], timeout=10_000)
    page.filters.text.clear()
    qtbot.waitUntil(lambda: len(_numbers(page)) == 4, timeout=10_000)
    page.filters.mine.setChecked(True)  # "me" is assignee of the first change only
    qtbot.waitUntil(lambda: _numbers(page) == [world["a_number"]], timeout=10_000)
    page.filters.mine.setChecked(False)
    qtbot.waitUntil(lambda: len(_numbers(page)) == 4, timeout=10_000)

    number_col = next(i for i, c in enumerate(COLUMNS) if c[0] == "number")
    page.view.horizontalHeader().sectionClicked.emit(number_col)
    qtbot.waitUntil(lambda: _numbers(page)[0] == "CHG000001", timeout=10_000)
    page.view.horizontalHeader().sectionClicked.emit(number_col)
    qtbot.waitUntil(lambda: _numbers(page)[0] == "CHG000004", timeout=10_000)


def test_enter_and_app_event_open_one_editor_per_change(qtbot, window, world):
    page = _page(qtbot, window)
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    editor = window.tabs.currentWidget()
    assert isinstance(editor, ChangeEditor) and editor.change_id == world["b"]
    qtbot.waitUntil(lambda: window.tabs.tabText(window.tabs.currentIndex()).startswith(world["b_number"]),
                    timeout=10_000)
    window.show_page("changes")
    # The calendar asks through the app event; an open editor is reused, not opened twice.
    window.ctx.events.open_change_requested.emit(world["b"])
    assert window.tabs.currentWidget() is editor
    count = window.tabs.count()
    window.ctx.events.open_change_requested.emit(world["a"])
    assert window.tabs.count() == count + 1 and window.tabs.currentWidget().change_id == world["a"]


def test_saving_in_the_editor_refreshes_the_queue(qtbot, window, world):
    page = _page(qtbot, window)
    editor = page.open_change(world["e"])
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        pass
    editor.ui.form.title.clear()
    qtbot.keyClicks(editor.ui.form.title, "Hotfix database replication")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    assert page.stale_rows.stale  # behind the editor's tab: the list catches up when shown
    window.show_page("changes")
    qtbot.waitUntil(lambda: any(page.model.row_at(i).title == "Hotfix database replication"
                                for i in range(page.model.rowCount())), timeout=10_000)


def test_new_change_from_a_template(qtbot, window, store):
    page = _page(qtbot, window)
    from app.models import ChangeTemplate

    with window.ctx.runner.store.session() as s:
        s.add(ChangeTemplate(name="Renew TLS certificate", implementation_plan="Install the new chain.",
                             duration_minutes=30))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(NewChangeDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.select_type("standard")
    qtbot.waitUntil(lambda: dialog.template.count() == 1, timeout=10_000)
    dialog.title.clear()
    with qtbot.waitSignal(dialog.created, timeout=10_000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    editor = window.tabs.currentWidget()
    assert isinstance(editor, ChangeEditor)
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=10_000)
    d = editor.detail()
    assert (d.number, d.title, d.change_type, d.template_name) == ("CHG000005", "Renew TLS certificate", "standard",
                                                                   "Renew TLS certificate")
    assert editor.ui.form.plans["implementation_plan"].toPlainText() == "Install the new chain."


def test_new_change_needs_a_title(qtbot, cctx):
    dialog = NewChangeDialog(cctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "title" in dialog.error.text() and dialog.isVisible()


def test_queue_model_passes_qtmodeltester(qtbot, qtmodeltester, cctx, world):
    model = ChangeTableModel(cctx)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_query(ChangeFilter())
    assert model.rowCount() == 4
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_query(ChangeFilter(types=("emergency",)))
    qtmodeltester.check(model, force_py=True)
    QApplication.processEvents()


def test_save_and_close_from_the_tab(qtbot, window, world):
    """Closing a tab with unsaved edits asks; Save stores them and then closes the tab."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    page = _page(qtbot, window)
    editor = page.open_change(world["e"])
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        pass
    qtbot.keyClicks(editor.ui.form.title, " now")

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Save).click()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        window.tabs.tabCloseRequested.emit(window.tabs.indexOf(editor))
    qtbot.waitUntil(lambda: window.tabs.indexOf(editor) < 0, timeout=10_000)
    with window.ctx.runner.store.session() as s:
        from app.models import Change

        assert s.get(Change, world["e"]).title == "Hotfix database now"


def test_the_queue_texts_follow_the_rows_they_are_kept_for(qtbot, cctx, world):
    """Each row's texts are made once and kept for later paints, until the rows change: the conflict counts that
    follow the rows, a new load in place, a new filter."""
    model = ChangeTableModel(cctx)
    conflicts = next(i for i, c in enumerate(COLUMNS) if c[0] == "conflicts")
    title = next(i for i, c in enumerate(COLUMNS) if c[0] == "title")
    seen_before: list[list] = []
    model.loaded.connect(lambda _result: seen_before.append(  # painted before the counts come
        [model.data(model.index(row, conflicts)) for row in range(model.rowCount())]))
    with qtbot.waitSignal(model.conflicts_loaded, timeout=10_000):
        model.set_query(ChangeFilter())
    assert "…" in seen_before[0]
    texts = [model.data(model.index(row, conflicts)) for row in range(model.rowCount())]
    assert "…" not in texts  # the counts, not the text kept from before they came
    assert texts == [str(model.row_at(row).conflicts or "") for row in range(model.rowCount())]  # as row_at reads them
    assert model.conflicted_rows() == sum(1 for row in range(model.rowCount()) if model.row_at(row).conflicts)
    flags = model.flags(model.index(0, title))  # Qt's own, with no Python call per cell and paint
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert [model.data(model.index(row, title)) for row in range(model.rowCount())] == \
        [model.row_at(row).title for row in range(model.rowCount())]
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.set_query(ChangeFilter(types=("emergency",)))
    assert [model.data(model.index(row, title)) for row in range(model.rowCount())] == \
        [model.row_at(row).title for row in range(model.rowCount())]
    assert model.data(model.index(0, title), Qt.ItemDataRole.DecorationRole) is None


def test_a_shown_queue_counts_conflicts_once_its_rows_have_painted(qtbot, window, world):
    """The count runs Python over every CI on a reading thread: started beside the rows' paint, it took the interpreter
    lock from the GUI thread at each of its calls into Python. It waits for the view's next paint."""
    page = _page(qtbot, window)
    qtbot.waitUntil(lambda: page.model.conflicted_rows() is not None, timeout=10_000)
    asked = []
    query = window.ctx.runner.query
    window.ctx.runner.query = lambda *a, **k: asked.append(query(*a, **k)) or asked[-1]
    with qtbot.waitSignal(page.model.conflicts_loaded, timeout=10_000):
        page.model.refresh()
    counts = [t for t in asked if t.label == "change conflicts"]
    assert len(counts) == 1 and counts[0].gate is not None and counts[0].gate.is_set()
    assert page.model.conflicted_rows() is not None
