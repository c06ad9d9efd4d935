"""UI fixtures: a real task runner over a real store, with reference data, torn down after each test."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject
from PySide6.QtWidgets import QWidget

from app.config import Settings
from app.main import build_app
from app.models import Group, Person
from app.people import reference
from app.tickets import writes as tickets
from app.ui.context import UiContext
from app.ui.events import AppEvents
from app.ui.i18n import install_translators, remove_translators
from app.ui.queue.queue_page import QueuePage
from app.ui.tasks import TaskRunner
from app.ui.ticket.editor import TicketEditor
from core.feed import SYNC, Change, ChangeRecord
from tests.ui.dialog_watchdog import DialogWatchdog


@pytest.fixture(autouse=True)
def english_catalogue(qapp):
    """The app installs its catalogues at start (English plural forms: "1 ticket", "2 tickets"); widgets
    built by a test see the same texts."""
    installed = install_translators(qapp, QLocale(QLocale.Language.English))
    yield
    remove_translators(qapp, installed)


@pytest.fixture(autouse=True)
def no_stuck_dialog(qapp):
    """A modal dialog nobody answers would block its test inside Qt's event loop, where no timeout
    reaches it: the watchdog closes it and the test fails, naming the dialog."""
    watchdog = DialogWatchdog()
    yield
    watchdog.stop()
    assert not watchdog.stuck, f"a modal dialog was left open with nobody to answer it: {watchdog.stuck}"


@pytest.fixture
def seeded(store):
    """A small desk: one group with two agents (me first), one requester."""
    return seed(store)


def seed(store) -> dict[str, str]:
    """What `seeded` writes, for fixtures that fill a store of their own (StoreCopies)."""
    with store.session() as s:
        me_id = reference.ensure_local_user(s, name="Ada Agent")
        me = s.get(Person, me_id)
        bob = Person(name="Bob Builder", is_agent=True)
        req = Person(name="Rita Requester", is_agent=False, email="rita@example.com")
        grp = Group(name="Service Desk")
        grp.members.extend([me, bob])
        s.add_all([bob, req, grp])
        s.flush()
        return {"me": me_id, "bob": bob.id, "requester": req.id, "group": grp.id}


@pytest.fixture
def ctx(qapp, store, seeded, tmp_path):
    runner = TaskRunner(store)
    with store.session() as s:
        ref = reference.reference_data(s)
    context = UiContext(runner=runner, events=AppEvents(), settings=Settings(tmp_path / "settings.json"),
                        reference=ref)
    yield context
    runner.shutdown()


def publish_change(ctx, entity, *ids, initiator=SYNC):
    """What the sync controller publishes after it applied a page that touched these rows (no ids: any)."""
    ctx.events.changed.emit(ChangeRecord((Change(entity, frozenset(ids)),), initiator=initiator))


class Paints(QObject):
    """Counts the Paint events of the widget it watches."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def wait_idle(qtbot, runner, timeout=10_000):
    qtbot.waitUntil(runner.is_idle, timeout=timeout)


def shown_queue_page(qtbot, ctx, *, size: tuple[int, int] | None = None) -> QueuePage:
    """A queue page shown (at `size`, when given) on the "all" view, once its first page is in and the
    runner is idle."""
    page = QueuePage(ctx)
    qtbot.addWidget(page)
    if size is not None:
        page.resize(*size)
    page.show()
    with qtbot.waitSignal(page.first_page_shown, timeout=10_000):
        page.load_views("all")
    wait_idle(qtbot, ctx.runner)
    return page


def open_window(qtbot, path, tmp_path, *, size: tuple[int, int] | None = None):
    """The app as it starts over the desk at `path` (settings under tmp_path/config), its main window
    shown (at `size`, when given) once the queue's first page is in and the runner is idle.
    Answers (window, runner, store); close_window ends them."""
    _app, window, runner, st = build_app(Settings(tmp_path / "config" / "settings.json"), path)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    with qtbot.waitSignal(window.queue.first_page_shown, timeout=15_000):
        window.show()
    wait_idle(qtbot, runner)
    return window, runner, st


def close_window(qtbot, window, runner, st):
    # pytest-qt closes the widgets it was given before fixtures tear down; a fixture that waits for the runner
    # first (an event loop) lets that deferred delete happen, so the window may be gone already.
    if shiboken6.isValid(window):
        window.close()
    runner.shutdown()
    st.close()


@pytest.fixture
def desk_path(store, seeded):
    with store.session() as s:
        for i, title in enumerate(["Mail bounce for finance", "Wi-Fi slow in room 4", "Monitor flickers"]):
            tickets.create_ticket(s, ticket_type="incident", title=title, actor_id=seeded["me"],
                                  group_id=seeded["group"], assignee_id=seeded["me"] if i == 0 else None)
    path = store.path
    store.close()
    return path


@pytest.fixture
def open_editor(qtbot, ctx):
    def _open(ticket_id):
        editor = TicketEditor(ctx, ticket_id)
        qtbot.addWidget(editor)  # closed and deleted by pytest-qt after the test
        editor.resize(1400, 900)
        editor.show()
        qtbot.waitUntil(lambda: editor.settled())  # its late parts asked too
        wait_idle(qtbot, ctx.runner)
        return editor

    yield _open
    wait_idle(qtbot, ctx.runner)


ROOT = Path(__file__).resolve().parents[2]


def run_window_probe(script: str, desk_path, tmp_path) -> list[dict]:
    """Run `script` (Python that builds the window as `deskside` does, given the desk's path and a settings
    folder as argv[1] and argv[2]) in a new process, offscreen; the JSON lines it printed, in order."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    # faulthandler: a crash prints every thread's stack (a silent exit left nothing to go on, once, in a full run).
    proc = subprocess.run([sys.executable, "-X", "faulthandler", "-c", script, str(desk_path), str(tmp_path)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    said = [json.loads(ln) for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert said, f"exit code {proc.returncode}; stdout: {proc.stdout[-500:]!r}; stderr: {proc.stderr[-2000:]}"
    return said
