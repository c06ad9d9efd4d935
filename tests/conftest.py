"""Shared fixtures: offscreen Qt, a private data/config folder per test, fresh stores, leak checks."""

import copy
import gc
import os
import shutil
import sqlite3
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DESKSIDE_LANG", "en")  # tests read English text whatever the machine's locale

import pytest  # noqa: E402

from app.people import reference  # noqa: E402
from app.store import (
    Store,  # noqa: E402
    open_store,  # noqa: E402
)

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason: str) -> None:
    """Skip locally when a component is missing; in CI that is a failure (CONTRIBUTING.md)."""
    if IN_CI:
        pytest.fail(f"required component missing in CI: {reason}")
    pytest.skip(reason)


def pytest_configure(config):
    """No cyclic collection while the modules are imported and the tests collected (nothing there is garbage
    yet); pytest_collection_finish collects once and freezes what is left."""
    gc.disable()


def pytest_collection_finish(session):
    """Everything alive after collection (the imported app, Qt, SQLAlchemy and test modules: some 350,000
    objects a worker) lives until the run ends; gc.freeze moves it out of the collector's reach. A full
    collection then looks only at what the tests made: the one every UI test's teardown runs on the GUI
    thread (app.ui.gui_gc) took 0.3 s alone and 3-6 s at a load of 7, over half of the UI tests' time."""
    gc.collect()
    gc.freeze()
    gc.enable()


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKSIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESKSIDE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DESKSIDE_LOG_DIR", str(tmp_path / "logs"))
    yield


@pytest.fixture(autouse=True)
def gui_thread_gc(request):
    """In tests with Qt, garbage cycles are collected on the GUI thread only, as in the app (app.ui.gui_gc):
    a collection on a read thread destroyed an earlier test's window there and deadlocked the GUI thread."""
    if not {"qapp", "qtbot"} & set(request.fixturenames):
        yield
        return
    from app.ui import gui_gc

    gui_gc.install(request.getfixturevalue("qapp"))
    yield
    gui_gc.uninstall()


def _keep_signal_blockers_alive() -> None:
    """pytest-qt disconnects a waitSignal blocker when its signal arrives, but a second emission from a worker
    thread may already be queued; PySide then called the dead blocker's slot on whatever object reused its
    memory ("'Series' object has no attribute 'check_params_callback'", a CI failure). Blockers are kept
    for the whole run, so a late queued call reaches a live, disconnected blocker and does nothing harmful."""
    try:
        from pytestqt import wait_signal
    except ImportError:  # the server's tests alone (packaging/server_alone_test.sh): no Qt, no blockers
        return

    kept: list = []
    for cls in (wait_signal.SignalBlocker, wait_signal.MultiSignalBlocker, wait_signal.CallbackBlocker):
        original = cls.__init__

        def init(self, *args, _original=original, **kwargs):
            _original(self, *args, **kwargs)
            kept.append(self)

        cls.__init__ = init


_keep_signal_blockers_alive()


@pytest.fixture(autouse=True)
def no_leftover_threads():
    before = {t.ident for t in threading.enumerate()}
    yield
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive() and not t.daemon]
    for t in leftover:
        t.join(timeout=5)
    leftover = [t.name for t in leftover if t.is_alive()]
    assert not leftover, f"threads left running after the test: {leftover}"


def forget_client_id(path: Path) -> None:
    """Drop the store's client id, so that each copy gets its own at open as a new store would."""
    con = sqlite3.connect(path)
    try:
        con.execute("DELETE FROM store_meta WHERE key = 'client_id'")
        con.commit()
    finally:
        con.close()
    assert not path.with_name(path.name + "-wal").exists(), "a template must be one self-contained file"


@pytest.fixture(scope="session")
def store_template(tmp_path_factory) -> Path:
    """An empty store migrated to head, made once per run (per xdist worker). Copying it and opening the
    copy gives what open_store gives on a new path, in a fraction of the time the migrations take."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite3"
    open_store(path).close()
    forget_client_id(path)
    return path


def store_from(template: Path, path: Path) -> Store:
    """Open a copy of `template` at `path` (which must not exist yet)."""
    assert not path.exists(), path
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return open_store(path)


class StoreCopies:
    """Filled stores built once per run and copied to each test that asks: a fixture that fills a store
    with hundreds of tickets through the services pays that once, and every test still gets its own file.
    `build(store)` returns plain values (ids) that every copy shares; timestamps it wrote are those of
    the first build, and it must write no attachment files (only the database file is copied)."""

    def __init__(self, folder: Path, template: Path) -> None:
        self._folder = folder
        self._template = template
        self._built: dict[str, tuple[Path, object]] = {}

    def open(self, path: Path, build) -> tuple[Store, object]:
        key = f"{build.__module__}.{build.__qualname__}"
        if key not in self._built:
            source = self._folder / f"{key}.sqlite3"
            st = store_from(self._template, source)
            try:
                value = build(st)
            finally:
                st.close()
            assert not st.blob_dir.exists(), f"{key} wrote attachment files, which copies would not have"
            forget_client_id(source)
            self._built[key] = (source, value)
        source, value = self._built[key]
        return store_from(source, path), copy.deepcopy(value)


@pytest.fixture(scope="session")
def store_copies(tmp_path_factory, store_template) -> StoreCopies:
    return StoreCopies(tmp_path_factory.mktemp("filled"), store_template)


@pytest.fixture
def store(tmp_path, store_template):
    st = store_from(store_template, tmp_path / "store.sqlite3")
    yield st
    st.close()


@pytest.fixture
def me(store):
    with store.session() as s:
        return reference.ensure_local_user(s, name="Test Agent")
