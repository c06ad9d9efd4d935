"""First run: nothing is created until the user chooses; demo data or an empty desk is made off the GUI
thread; the command line's non-interactive paths are never asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app import main as app_main
from app.logs import teardown_logging
from app.main import asks_first_run, parse_args
from app.models import Person, Ticket
from app.people.reference import current_user
from app.store import open_store
from app.ui.dialogs.first_run import FirstRunDialog
from tests.ui.test_dark_mode import run_app


@pytest.fixture
def new_path(tmp_path) -> Path:
    return tmp_path / "data" / "deskside.sqlite3"


@pytest.fixture
def dialog(qtbot, new_path):
    d = FirstRunDialog(new_path, "Grace", demo_tickets=300)
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_dialog_offers_three_starts(dialog, new_path):
    assert dialog.demo_button.isDefault() and dialog.demo_button.isEnabled()
    assert dialog.empty_button.isEnabled() and dialog.name_edit.text() == "Grace"
    assert dialog.server_button.isEnabled()
    assert str(new_path) in " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert not new_path.exists()


def test_connect_to_a_server_makes_an_empty_desk_and_says_server(qtbot, dialog, new_path):
    with qtbot.waitSignal(dialog.desk_created, timeout=30_000) as created:
        qtbot.mouseClick(dialog.server_button, Qt.MouseButton.LeftButton)
    assert created.args == ["server"] and dialog.choice == "server"
    store = open_store(new_path)
    try:
        with store.session() as s:
            assert s.query(Ticket).count() == 0 and current_user(s) is not None
    finally:
        store.close()


def test_closing_creates_nothing(qtbot, dialog, new_path):
    dialog.reject()
    assert dialog.result() == FirstRunDialog.DialogCode.Rejected
    assert not new_path.exists() and not new_path.parent.exists()


def test_demo_data_is_made_on_a_worker_with_progress(qtbot, dialog, new_path):
    with qtbot.waitSignal(dialog.desk_created, timeout=30_000) as created:
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
        assert dialog.is_working() and dialog.progress.isVisible() and not dialog.empty_button.isEnabled()
        dialog.reject()  # closing while the desk is being made would leave half a store: refused
        assert dialog.isVisible()
    assert created.args == ["demo"] and dialog.result() == FirstRunDialog.DialogCode.Accepted
    store = open_store(new_path)
    try:
        with store.session() as s:
            assert s.query(Ticket).count() == 300
    finally:
        store.close()


def test_an_empty_desk_with_the_name_given(qtbot, dialog, new_path):
    dialog.name_edit.clear()
    assert not dialog.empty_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Grace Hopper")
    with qtbot.waitSignal(dialog.desk_created, timeout=30_000) as created:
        qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert created.args == ["empty"]
    store = open_store(new_path)
    try:
        with store.session() as s:
            assert s.query(Ticket).count() == 0
            assert s.get(Person, current_user(s)).name == "Grace Hopper"
    finally:
        store.close()


def test_a_failure_is_shown_and_the_choice_offered_again(qtbot, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    d = FirstRunDialog(blocker / "deskside.sqlite3", "Grace")
    qtbot.addWidget(d)
    d.show()
    qtbot.mouseClick(d.empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not d.is_working(), timeout=30_000)
    assert d.error.isVisible() and "could not be created" in d.error.text()
    assert d.demo_button.isEnabled() and d.empty_button.isEnabled() and d.isVisible()


@pytest.mark.parametrize(("argv", "asked"), [
    ([], True),
    (["--no-demo"], False),
    (["--store", "x.sqlite3"], False),
    (["--screenshot", "out.png"], False),
])
def test_who_is_asked(new_path, argv, asked):
    assert asks_first_run(parse_args(argv), new_path) is asked


def test_an_existing_store_is_never_asked_about(store):
    assert not asks_first_run(parse_args([]), store.path)


def test_main_asks_and_a_closed_dialog_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKSIDE_LOG_DIR", str(tmp_path / "logs"))
    asked = []
    monkeypatch.setattr(app_main, "ask_first_run", lambda path: asked.append(path) or False)
    try:
        assert app_main.main([]) == 0
    finally:
        teardown_logging()
    assert asked == [tmp_path / "data" / "deskside.sqlite3"]
    assert not (tmp_path / "data").exists()


def test_a_profile_has_its_own_store_and_the_first_run_uses_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKSIDE_LOG_DIR", str(tmp_path / "logs"))
    asked = []
    monkeypatch.setattr(app_main, "ask_first_run", lambda path: asked.append(path) or False)
    try:
        assert app_main.main(["--profile", "acme"]) == 0
        assert app_main.main(["--profile", "../etc"]) == 2
    finally:
        teardown_logging()
    assert asked == [tmp_path / "data" / "profiles" / "acme" / "deskside.sqlite3"]


def test_the_first_run_screenshot(tmp_path):
    out = tmp_path / "first-run.png"
    done = run_app(["--screenshot", str(out), "--view", "first-run"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 1000
    assert not (tmp_path / "data").exists()  # nothing created
