"""Sign-in failures said in words through the dialog, against real endpoints: a closed port, a plain web
server, https:// to a plain-HTTP Deskside server, a wrong password, an unknown host; and no keyring."""

from __future__ import annotations

import subprocess
import sys
import time

import keyring.backends.fail
import pytest
import requests
from PySide6.QtCore import Qt

from app.credentials import TokenStore
from app.ui.sync.sign_in_dialog import SignInDialog
from tests.integration.test_sync_ui import WAIT, new_user, sign_in
from tests.server.conftest import PASSWORD, free_port

RAW = ("Errno", "HTTPConnectionPool", "HTTPSConnectionPool", "Max retries", "SSL", "ssl", "urllib3", "Exception",
       "object at 0x")


@pytest.fixture(scope="module")
def web_server(tmp_path_factory):
    """A real plain HTTP server that is not a Deskside server (it serves a folder)."""
    folder = tmp_path_factory.mktemp("www")
    (folder / "index.html").write_text("<html><body>Intranet</body></html>")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url, timeout=1)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _attempt(qtbot, dialog: SignInDialog, url: str, password: str = PASSWORD) -> str:
    dialog.url_edit.setText(url)
    dialog.password_edit.setText(password)
    dialog.error.clear_message()
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.sign_in_button.isEnabled(), timeout=WAIT)
    text = dialog.error.text()
    for raw in RAW:
        assert raw not in text, (raw, text)
    assert dialog.isVisible() and dialog.password_edit.text() == password  # nothing typed is lost
    return text


def test_each_sign_in_failure_is_said_in_words(qtbot, desk, windows, web_server):
    user = new_user(desk)
    window = windows("messages")
    dialog = sign_in(qtbot, window, desk.url, user, password="wrong password")
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT)
    assert "user name or password is wrong" in dialog.error.text()

    closed = f"http://127.0.0.1:{free_port()}"
    assert "connection was refused" in _attempt(qtbot, dialog, closed)

    said = _attempt(qtbot, dialog, web_server)
    assert "not as a Deskside server" in said

    said = _attempt(qtbot, dialog, desk.url.replace("http://", "https://"))
    assert "does not speak HTTPS" in said and "http://" in said and "certificate" not in said

    said = _attempt(qtbot, dialog, "http://no-such-host.invalid:8765")
    assert "could not be found" in said and "no-such-host.invalid" in said
    assert window.sync.controller.client is None and window.ctx.settings.get("server_url") == ""
    dialog.reject()


def test_without_a_keyring_the_dialog_says_so_before_the_sign_in(qtbot, desk, windows):
    window = windows("nokeyring", TokenStore(keyring.backends.fail.Keyring()))
    dialog = window.sync.show_sign_in()
    assert dialog.keyring_note.isVisible()
    note = dialog.keyring_note.text()
    assert "No system keyring is available" in note
    assert "sign in again after each start" in note and "password is never stored" in note
    assert "NoKeyringError" not in note
    dialog.reject()
