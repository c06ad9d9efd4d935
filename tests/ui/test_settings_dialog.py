"""The settings dialog: made from SETTINGS, checks values, restores defaults, saves, applies the theme."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from app.config import SETTINGS, Settings
from app.main import build_app
from app.ui.actions import ACTIONS, key_sequences
from app.ui.dialogs.settings_dialog import SettingsDialog
from app.ui.theme import is_dark
from tests.ui.conftest import wait_idle


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "cfg" / "settings.json")


@pytest.fixture
def dialog(qtbot, settings):
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    d.show()
    return d


def test_only_visible_settings_get_an_editor(dialog):
    shown = {s.key for s in SETTINGS if s.visible}
    assert set(dialog.editors) == shown
    assert {"store_path", "theme", "draft_autosave_seconds", "priority_matrix"} <= shown
    assert not {"window_geometry", "window_state", "queue_columns", "last_view", "queue_sort",
                "queue_splitter"} & shown
    assert all(s.label and s.section for s in SETTINGS if s.visible)


def test_changes_are_saved_and_reported(qtbot, dialog, settings):
    combo = dialog.editors["theme"].widget
    assert isinstance(combo, QComboBox) and combo.currentData() == "system"
    combo.setCurrentIndex(combo.findData("dark"))
    spin = dialog.editors["draft_autosave_seconds"].widget
    assert isinstance(spin, QSpinBox) and spin.maximum() == 3600 and spin.minimum() == 1
    spin.setValue(30)
    dialog.store_path_edit.setText("/tmp/elsewhere/desk.sqlite3")
    with qtbot.waitSignal(dialog.settings_changed) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert sorted(changed.args[0]) == ["draft_autosave_seconds", "store_path", "theme"]
    saved = json.loads(settings.path.read_text())
    assert saved["theme"] == "dark" and saved["draft_autosave_seconds"] == 30
    assert saved["store_path"] == "/tmp/elsewhere/desk.sqlite3"
    assert any("next time Deskside starts" in label.text() for label in dialog.findChildren(QLabel))


def test_a_priority_matrix_that_goes_backwards_is_refused(qtbot, dialog, settings):
    spins = dialog.matrix_spins
    assert [[s.value() for s in row] for row in spins] == [[1, 2, 3], [2, 3, 4], [3, 4, 5]]
    assert all(s.minimum() == 1 and s.maximum() == 5 for row in spins for s in row)
    spins[0][0].setValue(5)  # high impact, high urgency would be the least urgent
    assert not dialog.ok_button.isEnabled()
    assert dialog.error.isVisible() and "Priority matrix" in dialog.error.text()
    spins[0][0].setValue(1)
    spins[0][1].setValue(1)  # [[1,1,3],...] is a valid, stricter matrix
    assert dialog.ok_button.isEnabled() and not dialog.error.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert settings.get("priority_matrix") == [[1, 1, 3], [2, 3, 4], [3, 4, 5]]


def test_a_store_path_ending_in_a_slash_is_refused(dialog):
    dialog.store_path_edit.setText("/tmp/folder/")
    assert not dialog.ok_button.isEnabled() and "Store location" in dialog.error.text()
    dialog.store_path_edit.clear()  # empty: the default location
    assert dialog.ok_button.isEnabled()


def test_restore_defaults_fills_in_defaults_but_saves_only_on_ok(qtbot, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"theme": "light", "draft_autosave_seconds": 60,
                                "priority_matrix": [[1, 1, 2], [2, 3, 4], [3, 4, 5]]}))
    settings = Settings(path)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.editors["draft_autosave_seconds"].value() == 60
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert {k: e.value() for k, e in dialog.editors.items()} == {s.key: s.default for s in SETTINGS if s.visible}
    assert settings.get("theme") == "light"  # nothing saved yet
    dialog.reject()
    assert json.loads(path.read_text())["theme"] == "light"


def test_the_settings_action_opens_the_dialog_and_applies_the_theme(qtbot, store, seeded, tmp_path):
    path = store.path
    store.close()
    spec = next(s for s in ACTIONS if s.id == "app.settings")
    assert spec.shortcut == QKeySequence.StandardKey.Preferences and spec.menu == "file"
    assert key_sequences(spec)  # Ctrl+, where the platform binds nothing to Preferences
    app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), path, theme="light")
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot, runner)
    assert not is_dark()
    assert window.actions_by_id["app.settings"] in window.menuBar().actions()[0].menu().actions()  # File
    qtbot.keySequence(window, key_sequences(spec)[0])
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    combo = dialog.editors["theme"].widget
    combo.setCurrentIndex(combo.findData("dark"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert is_dark()
    assert "#2f6fcf" in window.queue.styleSheet()  # the queue's dark variant
    assert "Settings saved" in window.statusBar().currentMessage()
    window.theme.set_choice("light")
    assert not is_dark() and "#2f6fcf" not in window.queue.styleSheet()
    window.close()
    runner.shutdown()
    st.close()


def test_window_layout_and_queue_splitter_are_remembered(qtbot, ctx):
    from PySide6.QtWidgets import QSplitter

    from app.main import build_window

    window = build_window(ctx)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    splitter = window.queue.findChild(QSplitter)
    splitter.setSizes([333, 800])
    first = splitter.sizes()[0]
    assert first == 333
    wait_idle(qtbot, ctx.runner)
    window.close()
    saved = json.loads(ctx.settings.path.read_text())
    assert saved["window_geometry"] and saved["window_state"] and saved["queue_splitter"]

    # The offscreen screen is small and clamps a restored geometry, which squeezes the panel: check
    # the splitter at the first window's size.
    ctx.settings.set("window_geometry", "")
    again = build_window(ctx)
    qtbot.addWidget(again)
    again.resize(1200, 800)
    again.show()
    assert again.queue.findChild(QSplitter).sizes()[0] == first
    wait_idle(qtbot, ctx.runner)
    again.close()


def test_a_profile_other_than_default_is_shown(qtbot, ctx):
    from app.main import build_window

    window = build_window(ctx, profile="acme")
    qtbot.addWidget(window)
    assert "profile acme" in window.windowTitle()
    assert window.profile_label.text() == "Profile: acme"
    plain = build_window(ctx)
    qtbot.addWidget(plain)
    assert "profile" not in plain.windowTitle() and not hasattr(plain, "profile_label")
    wait_idle(qtbot, ctx.runner)


def test_queue_columns_are_chosen_and_ordered_in_settings_and_the_queue_follows(qtbot, tmp_path, store, seeded):
    from PySide6.QtCore import Qt as _Qt

    path = store.path
    store.close()
    settings = Settings(tmp_path / "cfg2" / "settings.json")
    app, window, runner, st = build_app(settings, path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue.first_page_shown, timeout=15_000):
        window.show()
    try:
        window.show_settings()
        dialog = window.findChild(SettingsDialog)
        editor = dialog.columns_editor
        keys = [editor.list.item(i).data(_Qt.ItemDataRole.UserRole) for i in range(editor.list.count())]
        assert keys[:3] == ["number", "priority", "title"]
        dialog.accept()  # untouched: the default layout is not turned into a saved one
        assert settings.get("queue_columns") == []

        window.show_settings()
        dialog = window.findChild(SettingsDialog)
        editor = dialog.columns_editor
        rows = {editor.list.item(i).data(_Qt.ItemDataRole.UserRole): i for i in range(editor.list.count())}
        editor.list.item(rows["group"]).setCheckState(_Qt.CheckState.Unchecked)
        editor.list.item(rows["channel"]).setCheckState(_Qt.CheckState.Checked)
        editor.list.setCurrentRow(rows["title"])
        qtbot.mouseClick(editor.up_button, _Qt.MouseButton.LeftButton)
        moved = editor.list.item(rows["title"] - 1)
        assert moved.data(_Qt.ItemDataRole.UserRole) == "title"
        assert not moved.flags() & _Qt.ItemFlag.ItemIsUserCheckable  # the title column cannot be hidden
        qtbot.mouseClick(dialog.ok_button, _Qt.MouseButton.LeftButton)
        saved = {key: visible for key, _width, visible in settings.get("queue_columns")}
        assert saved["group"] is False and saved["channel"] is True
        assert [k for k, _w, _v in settings.get("queue_columns")][:3] == ["number", "title", "priority"]
        header = window.queue.view.horizontalHeader()
        columns = [c.key for c in window.queue.model.columns]
        assert header.isSectionHidden(columns.index("group")) and not header.isSectionHidden(columns.index("channel"))
        assert header.visualIndex(columns.index("title")) == 1

        window.show_settings()
        dialog = window.findChild(SettingsDialog)
        qtbot.mouseClick(dialog.restore_button, _Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ok_button, _Qt.MouseButton.LeftButton)
        assert settings.get("queue_columns") == [] and header.isSectionHidden(columns.index("channel"))
    finally:
        window.close()
        runner.shutdown()
        st.close()
