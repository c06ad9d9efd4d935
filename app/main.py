"""Composition root and command line: builds settings, store, runner, context and window, and wires them."""

from __future__ import annotations

import argparse
import getpass
import logging
import sqlite3
import sys
from pathlib import Path

from app import __version__
from app.config import Settings, default_store_path
from app.services.reference import ReferenceData, ensure_local_user
from app.store import StoreError, open_store

log = logging.getLogger("deskside")
SCREENSHOT_TIMEOUT_MS = 60_000
FIRST_START_TICKETS = 5000


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="deskside", description="Deskside, the offline service desk.",
                                     epilog="Demo data: deskside demo --tickets N --seed S --store PATH")
    parser.add_argument("--store", type=Path, help="the local store to open (default: in the data folder)")
    parser.add_argument("--screenshot", type=Path, metavar="OUT.png",
                        help="start, wait until the view shows its data, save a PNG of the window and exit")
    parser.add_argument("--view", default="queue", help="what to show: queue or ticket:NUMBER")
    parser.add_argument("--size", default="1400x900", help="window size for --screenshot (WxH)")
    parser.add_argument("--no-demo", action="store_true", help="start an empty desk instead of demo data")
    parser.add_argument("--version", action="version", version=f"deskside {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "demo":
        from app.demo.cli import main as demo_main

        return demo_main(argv[1:])
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    path = args.store or Path(settings.get("store_path") or default_store_path())
    first_start = not Path(path).exists()
    if not first_start:
        from app.demo.generator import repair_interrupted

        try:
            repair_interrupted(Path(path))  # a demo load killed halfway left its triggers aside
        except (StoreError, OSError, sqlite3.Error) as exc:
            # open_store below explains a bad store to the user; this check only logs.
            log.warning("could not check the store for an interrupted demo load: %s", exc)
    elif not args.no_demo:
        from app.demo.cli import seed_if_new

        print(f"First start: making a demo desk at {path} …", file=sys.stderr)
        try:
            seed_if_new(Path(path), tickets=FIRST_START_TICKETS, seed=1)
        except (StoreError, OSError) as exc:
            print(f"deskside: could not create the demo desk: {exc}", file=sys.stderr)
    return run_gui(args, settings, Path(path))


def build_app(settings: Settings, path: Path):
    """Make the QApplication, open the store and build the window. Returns (app, window, runner, store).

    Raises StoreError when the store cannot be opened. Used by main and by the benchmarks.
    """
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from app.ui.context import UiContext
    from app.ui.events import AppEvents
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskRunner
    from app.ui.theme import APP_ICON, apply_theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Deskside")
    app.setOrganizationName("Deskside")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("deskside")
    if APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    apply_theme(app)
    store = open_store(path)
    runner = TaskRunner(store)
    user = getpass.getuser() or "Local agent"
    runner.run(lambda s: ensure_local_user(s, name=user.title()), label="local user")
    ctx = UiContext(runner=runner, events=AppEvents(), settings=settings, reference=empty_reference())
    window = MainWindow(ctx)
    if settings.load_error:
        window.show_message(settings.load_error)
    return app, window, runner, store


def run_gui(args: argparse.Namespace, settings: Settings, path: Path) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    try:
        app, window, runner, store = build_app(settings, path)
    except StoreError as exc:
        if args.screenshot:
            print(f"deskside: {exc}", file=sys.stderr)
        else:
            QApplication.instance() or QApplication([sys.argv[0]])
            QMessageBox.critical(None, "Deskside", str(exc))
        return 2
    exit_code = 0
    if args.screenshot:
        exit_code = _arrange_screenshot(app, window, args)
        if exit_code:
            runner.shutdown()
            store.close()
            return exit_code
    window.show()
    try:
        code = app.exec()
    finally:
        runner.shutdown()
        store.close()
    if args.screenshot:
        return 1 if window.property("screenshot_failed") else 0
    return code


def empty_reference() -> ReferenceData:
    return ReferenceData(me=None, me_name="", agents=(), requesters=(), groups=(), categories=(), services=(),
                         cis=(), members={})


def _arrange_screenshot(app, window, args) -> int:
    """Wait for the asked view to show its data, save the window as PNG, quit."""
    from PySide6.QtCore import QTimer

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        width, height = 1400, 900
    window.resize(width, height)
    out = args.screenshot

    def grab() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"deskside: could not write {out}", file=sys.stderr)
            window.setProperty("screenshot_failed", True)
        app.quit()

    def ready() -> None:
        QTimer.singleShot(400, grab)

    def give_up() -> None:
        print(f"deskside: the view {args.view!r} did not show its data in time", file=sys.stderr)
        window.setProperty("screenshot_failed", True)
        app.quit()

    view = args.view
    if view.startswith("ticket:"):
        number = view.split(":", 1)[1]
        window.reference_loaded.connect(lambda: window.open_ticket_number(number))
        window.ticket_shown.connect(lambda _id: ready())
    elif view == "queue":
        shown = {"done": False}

        def on_rows() -> None:
            if not shown["done"]:
                shown["done"] = True
                ready()

        window.queue.first_page_shown.connect(lambda _n: on_rows())
    else:
        print(f"deskside: unknown view {view!r} (use queue or ticket:NUMBER)", file=sys.stderr)
        return 2
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    return 0
