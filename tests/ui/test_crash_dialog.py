"""Crashes: an exception in a slot or a thread shows one non-modal dialog and leaves a scrubbed report;
no secret and no ticket text ever reaches a log, a report or a settings file."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from app.logs import setup_logging, teardown_logging
from app.main import build_window
from app.tickets import writes as tickets
from app.ui.crash_guard import CrashGuard
from app.ui.dialogs.crash_dialog import CrashDialog
from tests.ui.conftest import wait_idle

TITLE = "Kumquat-Zeppelin overheats in vault 7731"
PASSWORD = "Hunter2-Sw0rdfish"
TOKEN = "tok9f8e7d6c5b4a39281706"


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("DESKSIDE_LOG_DIR", str(folder))
    setup_logging()
    yield folder
    teardown_logging()


@pytest.fixture
def window(qtbot, ctx):
    win = build_window(ctx)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, ctx.runner)
    yield win
    wait_idle(qtbot, ctx.runner)
    win.close()


@pytest.fixture
def guard(window, log_folder):
    g = CrashGuard()
    g.install()
    g.crashed.connect(window.show_crash)
    yield g
    g.uninstall()


def crash_button(window, message: str) -> QPushButton:
    button = QPushButton("boom", window)

    def on_clicked() -> None:
        raise ValueError(message)

    button.clicked.connect(on_clicked)
    button.show()
    return button


def test_an_exception_in_a_slot_shows_the_dialog_and_writes_a_report(qtbot, window, guard, log_folder):
    button = crash_button(window, "no such thing")
    with qtbot.waitSignal(guard.crashed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(CrashDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()  # the window stays usable
    reports = list(log_folder.glob("crash-*.txt"))
    assert len(reports) == 1
    assert str(reports[0]) in dialog.path_label.text()
    text = reports[0].read_text(encoding="utf-8")
    assert "ValueError" in text and "on_clicked" in text and "no such thing" not in text
    assert dialog.details.toPlainText() in text
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert str(reports[0]) in QGuiApplication.clipboard().text()
    assert "ValueError" in QGuiApplication.clipboard().text()

    # The app keeps running: the window still works, and a second error joins the open dialog.
    assert window.isVisible()
    with qtbot.waitSignal(guard.crashed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.findChildren(CrashDialog) == [dialog] and dialog.count == 2
    dialog.reject()
    qtbot.waitUntil(lambda: not window.findChildren(CrashDialog))


def test_an_exception_in_a_thread_is_reported_on_the_gui_thread(qtbot, window, guard, log_folder):
    def work() -> None:
        raise RuntimeError("worker fell over")

    thread = threading.Thread(target=work, name="deskside-test-worker")
    with qtbot.waitSignal(guard.crashed) as crashed:
        thread.start()
        thread.join()
    assert "deskside-test-worker" in crashed.args[0] and "RuntimeError" in crashed.args[0]
    assert window.findChild(CrashDialog).isVisible()


def test_uninstall_puts_the_previous_hooks_back():
    import sys

    before, before_thread = sys.excepthook, threading.excepthook
    g = CrashGuard()
    g.install()
    assert sys.excepthook != before
    g.uninstall()
    assert sys.excepthook is before and threading.excepthook is before_thread


def test_no_secret_or_ticket_text_in_logs_reports_or_settings(qtbot, ctx, store, seeded, window, guard,
                                                              log_folder, tmp_path):
    # A ticket with a distinctive title, through the services.
    with store.session() as s:
        number = tickets.create_ticket(s, ticket_type="incident", title=TITLE, actor_id=seeded["me"],
                                       description=f"password={PASSWORD}").number
    errors: list[Exception] = []

    # A failing task whose SQL carries the title (a duplicate number), and one whose message quotes it:
    # neither is a service error, so the runner logs both with their tracebacks.
    def duplicate(session):
        tickets.create_ticket(session, ticket_type="incident", title=TITLE, actor_id=seeded["me"], number=number)

    def quoting(session):
        raise RuntimeError(f"could not save {TITLE!r} with password={PASSWORD} token {TOKEN}")

    ctx.runner.op(duplicate, on_error=errors.append, label="duplicate")
    ctx.runner.op(quoting, on_error=errors.append, label="quoting")
    wait_idle(qtbot, ctx.runner)
    assert len(errors) == 2 and TITLE in str(errors[1])

    # Credentials in log calls.
    log = logging.getLogger("deskside.sync")
    log.warning("login: Authorization: Bearer %s", TOKEN)
    log.info("retrying as bob with password=%s", PASSWORD)
    log.info("headers %s", {"Authorization": "Bearer " + TOKEN})

    # A crash whose message holds both.
    button = crash_button(window, f"{TITLE} {PASSWORD}")
    with qtbot.waitSignal(guard.crashed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    ctx.settings.save()
    for handler in logging.getLogger().handlers:
        handler.flush()

    texts = {}
    for path in tmp_path.rglob("*"):
        if path.is_file() and ".sqlite3" not in path.name:  # the store itself rightly holds the ticket
            texts[path] = path.read_text(encoding="utf-8", errors="replace")
    logs = [p for p in texts if p.parent == log_folder]
    assert any(p.name == "deskside.log" for p in logs) and any(p.name.startswith("crash-") for p in logs)
    assert (tmp_path / "settings.json") in texts
    log_text = texts[log_folder / "deskside.log"]
    assert "task duplicate failed" in log_text and "IntegrityError" in log_text
    assert "task quoting failed" in log_text and "RuntimeError" in log_text
    assert "Authorization: [redacted]" in log_text and "password=[redacted]" in log_text
    for path, text in texts.items():
        for secret in (TITLE, "Kumquat", PASSWORD, TOKEN):
            assert secret not in text, f"{path} holds {secret!r}"
