"""Composition root and command line: builds settings, store, runner, context and window, and wires them."""

from __future__ import annotations

import argparse
import gc
import getpass
import html
import logging
import os
import sqlite3
import sys
from pathlib import Path

from app import __version__
from app.config import THEMES, Settings
from app.logs import setup_logging, teardown_logging
from app.people.reference import ReferenceData, ensure_local_user
from app.profiles import DEFAULT_PROFILE, ProfileError, profile
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
    parser.add_argument("--view", default="queue",
                        help="what to show: queue, ticket:NUMBER, first-run, or a page: changes, "
                             "calendar[:month|week|day|timeline], timeline, dashboard, people, problems, "
                             "problem:NUMBER, known_errors, major_incidents")
    parser.add_argument("--size", default="1400x900", help="window size for --screenshot (WxH)")
    parser.add_argument("--no-demo", action="store_true",
                        help="on a new store, start an empty desk without asking (no demo data)")
    parser.add_argument("--profile", default=DEFAULT_PROFILE, metavar="NAME",
                        help="the profile to use: its own store and settings (default: %(default)s)")
    parser.add_argument("--theme", choices=THEMES, help="light or dark look for this run (default: the setting)")
    parser.add_argument("--version", action="version", version=f"deskside {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "demo":
        from app.demo.cli import main as demo_main

        return demo_main(argv[1:])
    args = parse_args(argv)
    try:
        prof = profile(args.profile)
    except ProfileError as exc:
        print(f"deskside: {exc}", file=sys.stderr)
        return 2
    try:
        log_file = setup_logging()
    except OSError as exc:  # a read-only home still lets the app run; warnings go to stderr
        logging.basicConfig(level=logging.WARNING)
        log_file = None
        log.warning("could not open the log folder: %s", exc)
    try:
        return _start(args, prof, log_file)
    finally:
        teardown_logging()


def _start(args: argparse.Namespace, prof, log_file: Path | None) -> int:
    log.info("Deskside %s starting: profile %s, log %s", __version__, prof.name, log_file)
    settings = Settings(prof.settings_path)
    path = Path(args.store or settings.get("store_path") or prof.store_path).expanduser()
    if args.screenshot and args.view == "first-run":
        return screenshot_first_run(args, path)
    first_start = not path.exists()
    ask = asks_first_run(args, path)
    if not first_start:
        from app.demo.generator import repair_interrupted

        try:
            repair_interrupted(Path(path))  # a demo load killed halfway left its triggers aside
        except (StoreError, OSError, sqlite3.Error) as exc:
            # open_store below explains a bad store to the user; this check only logs.
            log.warning("could not check the store for an interrupted demo load: %s", exc)
    elif not args.no_demo and not ask:
        from app.demo.cli import seed_if_new

        print(f"First start: making a demo desk at {path} …", file=sys.stderr)
        try:
            seed_if_new(Path(path), tickets=FIRST_START_TICKETS, seed=1)
        except (StoreError, OSError) as exc:
            print(f"deskside: could not create the demo desk: {exc}", file=sys.stderr)
    return run_gui(args, settings, path, profile=prof.name, first_run=ask)


def asks_first_run(args: argparse.Namespace, path: Path) -> bool:
    """A missing store is offered by the first-run dialog, unless the command line says what to do
    (--store, --no-demo, --screenshot: those seed or create as before, without asking)."""
    return not path.exists() and args.store is None and not args.no_demo and not args.screenshot


def plain_imports() -> None:
    """Give Python its own `__import__` back once PySide6 has replaced it (no-op before PySide6 is imported).

    PySide6 routes every import statement through a hook for its `from __feature__ import ...` switches, and
    reads the source of each module imported after it (inspect.getsource, kept in linecache) to decide
    whether a switch applies: ~0.1 s of the GUI thread at start-up and the source text of ~700 modules kept
    in memory. Deskside uses no __feature__ switch."""
    import builtins

    original = getattr(builtins, "__orig_import__", None)
    if original is not None and builtins.__import__ is not original:
        builtins.__import__ = original


# Qt's raster engine hands a fill over ~96 pixel rows tall that is not a plain rectangle (a gradient, a clip that is
# a region: Fusion's scroll bars, a tab widget's pane, a list's rows) to its GUI thread pool in slices and waits for
# them. Each such fill woke the pool's threads and put the GUI thread to sleep until they ran: on two cores beside
# the read threads, an editor's paint took 6-16 ms of the GUI thread where it takes 5-9 done in place.
NO_GUI_THREAD_POOL = "QT_NO_GUI_THREADPOOL"


def make_qapplication():
    """The QApplication (made once) with names and icon."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    os.environ.setdefault(NO_GUI_THREAD_POOL, "1")  # before Qt makes the pool (see NO_GUI_THREAD_POOL)
    plain_imports()  # before the UI modules load
    from app.ui.i18n import install_translators
    from app.ui.theme import APP_ICON

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Deskside")
    app.setOrganizationName("Deskside")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.deskside.Deskside")  # matches the desktop entry (Wayland)
    if APP_ICON.exists():
        app.setWindowIcon(QIcon(str(APP_ICON)))
    install_translators(app)  # the user's locale, or DESKSIDE_LANG; before any window is built
    from app.ui import gui_gc

    gui_gc.install(app)  # garbage cycles are collected on this thread only (app.ui.gui_gc)
    return app


def show_upgrade_notice(path: Path):
    """A small window saying why nothing else shows yet: the store is being brought to this version's schema
    (on a large desk a minute or more; open_store_showing_upgrade keeps it painted meanwhile)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel

    label = QLabel(QApplication.translate(
        "StoreUpgrade", "<b>Updating the local store for this version of Deskside…</b><br>{0}<br><br>On a large "
        "desk this takes a minute or more. If it is interrupted, nothing is lost: it starts again next time.")
        .format(html.escape(str(path))))
    label.setWindowTitle(QApplication.translate("StoreUpgrade", "Deskside"))
    label.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.WindowStaysOnTopHint)
    label.setContentsMargins(24, 20, 24, 20)
    label.setObjectName("storeUpgradeNotice")
    label.setStyleSheet("#storeUpgradeNotice { border: 1px solid palette(mid); }")
    label.setWordWrap(True)
    label.setFixedWidth(560)
    label.adjustSize()
    label.show()
    return label


def open_store_showing_upgrade(path: Path):
    """open_store on a thread of its own while the GUI thread runs an event loop: an older store's upgrade
    (a minute or more on a million tickets) shows the notice above, painted and movable, instead of a blank
    wait. Raises what open_store raises."""
    import threading

    from PySide6.QtCore import QEventLoop, QObject, Signal

    class Opening(QObject):  # lives on the GUI thread: the worker's signals reach it queued
        upgrading = Signal()
        finished = Signal()

        def __init__(self) -> None:
            super().__init__()
            self.notices: list = []
            self.loop = QEventLoop()
            self.upgrading.connect(self.show_notice)
            self.finished.connect(self.loop.quit)

        def show_notice(self) -> None:
            self.notices.append(show_upgrade_notice(path))

    opening = Opening()
    outcome: dict = {}

    def work() -> None:
        try:
            outcome["store"] = open_store(path, before_upgrade=lambda _old, _new: opening.upgrading.emit())
        except BaseException as exc:  # handed to the GUI thread, raised there
            outcome["error"] = exc
        finally:
            opening.finished.emit()

    worker = threading.Thread(target=work, name="store-open")
    worker.start()
    opening.loop.exec()  # quits on `finished`, queued: also when the worker was done before the loop ran
    worker.join()
    for notice in opening.notices:
        notice.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["store"]


def build_app(settings: Settings, path: Path, *, profile: str = DEFAULT_PROFILE, theme: str | None = None,
              sync_after_first_page: bool = False):
    """Make the QApplication, open the store and build the window. Returns (app, window, runner, store).

    `theme` (system, light, dark) overrides the theme setting for this run. `sync_after_first_page`: see
    build_window (the app's start passes True). Raises StoreError when the store cannot be opened. Used by
    main, the tests and the benchmarks.
    """
    app = make_qapplication()  # first: it gives Python its own import back (plain_imports) before the UI modules
    from app.ui.context import UiContext
    from app.ui.events import AppEvents
    from app.ui.tasks import TaskRunner
    from app.ui.theme import ThemeController

    theme_controller = ThemeController(app, theme or settings.get("theme"))
    store = open_store_showing_upgrade(path)
    runner = TaskRunner(store)
    user = getpass.getuser() or "Local agent"
    runner.op(ensure_local_user, name=user.title(), label="local user")
    ctx = UiContext(runner=runner, events=AppEvents(), settings=settings, reference=empty_reference())
    window = build_window(ctx, theme=theme_controller, profile=profile, sync_after_first_page=sync_after_first_page)
    theme_controller.setParent(window)
    if settings.load_error:
        window.show_message(settings.load_error)
    return app, window, runner, store


def build_window(ctx, *, theme=None, profile: str = DEFAULT_PROFILE, sync_after_first_page: bool = False):
    """The main window for `ctx` with the features wired around it: sync (menu, status, sign-in banner,
    resuming a remembered sign-in) and arrival notices. The window itself only lays out and navigates.

    `sync_after_first_page`: the sync features (and `window.sync`) come once the queue's first rows are
    painted, not before: their modules (requests, keyring, the engine) and widgets were a fifth of the
    GUI thread's work before the first page. Nothing syncs earlier anyway (the sync starts on the event
    loop). So do the reference data's long lists (requesters, CIs: MainWindow's `long_lists_later`).
    Callers that use `window.sync` or those lists at once leave it False."""
    # The first reference read (who "me" is: the queue's first page waits for it) starts before the window's modules
    # are imported and its widgets built, on a read thread beside them; the window takes the answer.
    from app.people.reference import reference_data
    from app.ui.task_pool import Handoff

    reference = Handoff()
    ctx.runner.query(reference_data, long_lists=not sync_after_first_page, on_done=reference, label="reference data")
    from app.ui.main_window import MainWindow

    window = MainWindow(ctx, theme=theme, profile=profile, long_lists_later=sync_after_first_page, reference=reference)
    if sync_after_first_page:
        from app.ui.after_first_page import AfterFirstPage

        AfterFirstPage(window.queue, lambda: install_window_features_ahead(window), window)
    else:
        install_window_features(window)
    return window


# What install_window_features imports: requests, keyring, the sync engine and its widgets.
WINDOW_FEATURE_MODULES = ("app.ui.sync.install", "app.ui.notifications.arrival_notifier")


def install_window_features_ahead(window) -> None:
    """install_window_features, its modules imported on a thread first (app.ui.imports_ahead): only the widgets
    are built on the GUI thread. Then what start-up made is kept out of the collector's full passes."""
    from app.ui.imports_ahead import ImportsAhead

    def install() -> None:
        install_window_features(window)
        gc.freeze()  # as _run_window does before the event loop: these modules and widgets live as long

    ImportsAhead(WINDOW_FEATURE_MODULES, install, window)


def install_window_features(window) -> None:
    """Sync and arrival notices for `window` (once; GUI thread)."""
    if getattr(window, "sync", None) is not None:
        return
    from app.ui.sync.install import install_sync

    install_sync(window)
    from app.ui.notifications.arrival_notifier import ArrivalNotifier

    notifier = ArrivalNotifier(window.ctx, window)  # tells of new mail and tickets after each pull
    window.destroyed.connect(notifier.deleteLater)  # (the connection also keeps its Python side alive)


def run_gui(args: argparse.Namespace, settings: Settings, path: Path, *, profile: str = DEFAULT_PROFILE,
            first_run: bool = False) -> int:
    from PySide6.QtWidgets import QMessageBox

    plain_imports()

    from app.ui.crash_guard import CrashGuard
    from app.ui.theme import apply_theme

    app = make_qapplication()
    guard = CrashGuard()
    guard.install()
    choice = ""
    try:
        if first_run:
            apply_theme(app, args.theme or settings.get("theme"))
            choice = ask_first_run(path)
            if not choice:
                return 0
        try:
            # Sync comes after the first page, unless it is wanted at once (sign in now) or in a picture.
            later = choice != "server" and not args.screenshot
            app, window, runner, store = build_app(settings, path, profile=profile, theme=args.theme,
                                                   sync_after_first_page=later)
        except StoreError as exc:
            if args.screenshot:
                print(f"deskside: {exc}", file=sys.stderr)
            else:
                QMessageBox.critical(None, "Deskside", str(exc))
            return 2
        guard.crashed.connect(window.show_crash)
        if choice == "server":  # "Connect to a server" on the first-run dialog: sign in once the window is up
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, window.sync.show_sign_in)
        return _run_window(app, window, runner, store, args)
    finally:
        guard.uninstall()


def ask_first_run(path: Path) -> str:
    """Show the first-run dialog; the choice ("demo", "empty", "server") once the chosen desk exists,
    "" when the user closed it."""
    from app.ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog(path, (getpass.getuser() or "Local agent").title(), demo_tickets=FIRST_START_TICKETS)
    chosen = dialog.exec() == FirstRunDialog.DialogCode.Accepted
    log.info("first run: %s", dialog.choice if chosen else "closed")
    dialog.deleteLater()
    return dialog.choice if chosen else ""


def screenshot_first_run(args: argparse.Namespace, path: Path) -> int:
    """Save a PNG of the first-run dialog (nothing is created) and return the exit code."""
    from PySide6.QtCore import QTimer

    from app.ui.dialogs.first_run import FirstRunDialog
    from app.ui.theme import apply_theme

    app = make_qapplication()
    apply_theme(app, args.theme or "system")
    dialog = FirstRunDialog(path, (getpass.getuser() or "Local agent").title(), demo_tickets=FIRST_START_TICKETS)
    dialog.show()
    ok = {"saved": False}

    def grab() -> None:
        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok["saved"] = dialog.grab().save(str(args.screenshot))
        dialog.close()
        app.quit()

    QTimer.singleShot(300, grab)
    app.exec()
    dialog.deleteLater()
    if not ok["saved"]:
        print(f"deskside: could not write {args.screenshot}", file=sys.stderr)
    return 0 if ok["saved"] else 1


def _run_window(app, window, runner, store, args: argparse.Namespace) -> int:
    exit_code = 0
    if args.screenshot:
        exit_code = _arrange_screenshot(app, window, args)
        if exit_code:
            runner.shutdown()
            store.close()
            return exit_code
    window.show()
    # Everything made so far lives as long as the window: keep it out of the collector's full passes,
    # whose pauses otherwise show as GUI stalls during a long first sync.
    gc.freeze()
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


# View names that open a page at one of its parts: NAME[:ARG] -> (page key, argument for the page's
# activate()). A prefix ending in ":" gets the view's own argument appended ("problem:PRB1" -> "problem:PRB1").
VIEW_ALIASES: dict[str, tuple[str, str]] = {
    "timeline": ("calendar", "timeline"),
    "templates": ("macros", "templates"),
    "macros": ("macros", "macros"),
    "problem": ("problems", "problem:"),
    "known_errors": ("problems", "known_errors"),
    "major_incidents": ("problems", "majors"),
    "services": ("reference", "services"),
    "groups": ("reference", "groups"),
    "categories": ("reference", "categories"),
    "sites": ("reference", "sites"),
    "ci": ("cmdb", "ci:"),
    "ci-map": ("cmdb", "map:"),
    "article": ("knowledge", "article:"),
}


def _with_dialogs(window, pixmap):
    """The window's picture with its open dialogs (a picker) drawn where they stand over it."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QDialog

    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    if dialogs:
        painter = QPainter(pixmap)
        for dialog in dialogs:
            painter.drawPixmap(dialog.pos() - window.mapToGlobal(window.rect().topLeft()), dialog.grab())
        painter.end()
    return pixmap


def _open_template_picker(window, ready) -> None:
    """Open the current ticket's composer's template picker, centred on the window; `ready` once it lists."""
    ui = window.current_editor().ui
    ui.tabs.setCurrentWidget(ui.worklog)
    ui.worklog.reply.setChecked(True)
    ui.worklog.body.setFocus()
    composer = ui.worklog.templates
    composer.open_picker()
    picker = composer.picker
    picker.move(window.mapToGlobal(window.rect().center()) - picker.rect().center())
    picker.search.setText("")
    picker.listed.connect(lambda _n: ready())


def _when_settled(window, ready) -> None:
    """Call ready() once the ticket's editor shows what a user sees a moment after opening it: its late parts (CI
    hint, knowledge suggestions, problem strip) asked and answered, not still loading."""
    from PySide6.QtCore import QTimer

    editor = window.current_editor()
    if editor is not None and editor.settled() and window.ctx.runner.is_idle():
        ready()
    else:
        QTimer.singleShot(50, lambda: _when_settled(window, ready))


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
        if not _with_dialogs(window, window.grab()).save(str(out)):
            print(f"deskside: could not write {out}", file=sys.stderr)
            window.setProperty("screenshot_failed", True)
        app.quit()

    def ready(*_args) -> None:
        if not window.property("screenshot_armed"):
            window.setProperty("screenshot_armed", True)
            QTimer.singleShot(400, grab)

    def give_up() -> None:
        print(f"deskside: the view {args.view!r} did not show its data in time", file=sys.stderr)
        window.setProperty("screenshot_failed", True)
        app.quit()

    view = args.view
    if view.startswith("ticket:"):
        number, _, part = view.split(":", 1)[1].partition(":")
        window.reference_loaded.connect(lambda: window.open_ticket_number(number))
        if part == "templates":  # ticket:NUMBER:templates, the composer's template picker open (issue 13)
            window.ticket_shown.connect(lambda _id: _open_template_picker(window, ready))
        else:
            window.ticket_shown.connect(lambda _id: _when_settled(window, ready))
    elif view == "queue":
        shown = {"done": False}

        def on_rows() -> None:
            if not shown["done"]:
                shown["done"] = True
                ready()

        window.queue.first_page_shown.connect(lambda _n: on_rows())
    else:
        key, _, arg = view.partition(":")
        if key in VIEW_ALIASES:  # a short name for a part of a page: timeline, problem:NUMBER, ...
            key, prefix = VIEW_ALIASES[key]
            arg = prefix + arg if prefix.endswith(":") else prefix
        if key not in window.pages:
            names = ", ".join(["queue", "ticket:NUMBER", *window.pages])
            print(f"deskside: unknown view {view!r} (use {names})", file=sys.stderr)
            return 2

        def show_page() -> None:
            if key in window.pages and window.pages[key].page is not None:
                return  # reference data reloaded; the page is already up
            try:
                page = window.show_page(key)
                if arg and hasattr(page, "activate"):
                    page.activate(arg)
            except Exception as exc:  # a page that cannot even be built fails the screenshot, loudly
                print(f"deskside: the view {view!r} could not be shown: {exc!r}", file=sys.stderr)
                window.setProperty("screenshot_failed", True)
                app.quit()
                return
            if hasattr(page, "data_shown"):
                page.data_shown.connect(ready)
            else:
                ready()

        # Pages load after the reference data, as they would when the user opens them.
        window.reference_loaded.connect(show_page)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    return 0
