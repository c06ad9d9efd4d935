"""Themes: a forced dark theme gives a dark palette and the queue's dark sheet; "system" follows the
desktop; nothing sets a fixed pixel font; `--theme dark --screenshot` draws a dark window."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QApplication

from app.config import Settings
from app.main import build_app, build_window
from app.tickets import writes as tickets
from app.ui import theme
from app.ui.theme import ThemeController, apply_theme, is_dark, queue_stylesheet
from tests.ui.conftest import wait_idle

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def light_again(qapp):
    yield
    apply_theme(qapp, "light")


@pytest.fixture
def desk(store, seeded):
    with store.session() as s:
        for title in ("Mail bounce", "Laptop fan loud"):
            tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=seeded["me"],
                                  group_id=seeded["group"], assignee_id=seeded["me"])
    path = store.path
    store.close()
    return path


def test_forcing_dark_gives_a_dark_window_palette(qtbot, desk, tmp_path):
    app, window, runner, st = build_app(Settings(tmp_path / "s.json"), desk, theme="dark")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue.first_page_shown, timeout=15_000):
        window.show()
    palette = window.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 80
    assert palette.color(QPalette.ColorRole.WindowText).lightness() > 180
    assert palette.color(QPalette.ColorRole.Base).lightness() < 80
    assert window.queue.view.palette().color(QPalette.ColorRole.Base).lightness() < 80
    assert "#3a3d41" in window.queue.styleSheet()  # dark gridlines
    assert app.style().name().lower() == "fusion"
    wait_idle(qtbot, runner)
    window.close()
    runner.shutdown()
    st.close()


def test_light_is_light_and_the_sheet_has_no_dark_rules(qapp):
    assert not apply_theme(qapp, "light")
    assert not is_dark() and "#3a3d41" not in queue_stylesheet()
    assert apply_theme(qapp, "dark") and is_dark() and "#3a3d41" in queue_stylesheet()
    assert "#3a3d41" not in queue_stylesheet(dark=False)


def test_system_choice_follows_the_desktop_scheme(qtbot, qapp, monkeypatch):
    controller = ThemeController(qapp, "system")
    assert not controller.dark  # the offscreen platform reports no dark scheme
    monkeypatch.setattr(theme, "system_is_dark", lambda _app: True)
    with qtbot.waitSignal(controller.theme_changed) as changed:
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert changed.args == [True] and is_dark()
    controller.set_choice("light")  # a manual choice wins over the desktop
    assert not is_dark()
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark()
    controller.deleteLater()


def test_the_window_restyles_the_queue_when_the_theme_changes(qtbot, ctx):
    controller = ThemeController(QApplication.instance(), "light")
    window = build_window(ctx, theme=controller)
    qtbot.addWidget(window)
    assert "#3a3d41" not in window.queue.styleSheet()
    controller.set_choice("dark")
    assert "#3a3d41" in window.queue.styleSheet()
    wait_idle(qtbot, ctx.runner)
    window.close()


def test_nothing_sets_a_fixed_pixel_font():
    sources = list((ROOT / "app").rglob("*.py")) + list((ROOT / "resources").rglob("*.qss"))
    pixel_font = re.compile(r"setPixelSize|font-size\s*:\s*\d+px|font\s*:[^;]*\d+px")
    offenders = [str(p.relative_to(ROOT)) for p in sources if pixel_font.search(p.read_text(encoding="utf-8"))]
    assert not offenders


def run_app(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """The real command line in its own process (an in-process app.exec()/quit() upsets later tests)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen",
               DESKSIDE_LOG_DIR=str(tmp_path / "logs"), DESKSIDE_CONFIG_DIR=str(tmp_path / "config"),
               DESKSIDE_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_dark_screenshot_from_the_command_line(desk, tmp_path):
    out = tmp_path / "dark.png"
    done = run_app(["--store", str(desk), "--screenshot", str(out), "--theme", "dark", "--size", "1000x600"], tmp_path)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() == 1000
    # The table's background and the window's chrome are dark.
    assert image.pixelColor(600, 450).lightness() < 80
    assert image.pixelColor(5, 590).lightness() < 80
    assert (tmp_path / "logs" / "deskside.log").exists()
