"""Shared fixtures: offscreen Qt, a private data/config folder per test, fresh stores, leak checks."""

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DESKSIDE_LANG", "en")  # tests read English text whatever the machine's locale

import pytest  # noqa: E402

from app.people import reference  # noqa: E402
from app.store import open_store  # noqa: E402

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason: str) -> None:
    """Skip locally when a component is missing; in CI that is a failure (CONTRIBUTING.md)."""
    if IN_CI:
        pytest.fail(f"required component missing in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKSIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESKSIDE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DESKSIDE_LOG_DIR", str(tmp_path / "logs"))
    yield


@pytest.fixture(autouse=True)
def no_leftover_threads():
    before = {t.ident for t in threading.enumerate()}
    yield
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive() and not t.daemon]
    for t in leftover:
        t.join(timeout=5)
    leftover = [t.name for t in leftover if t.is_alive()]
    assert not leftover, f"threads left running after the test: {leftover}"


@pytest.fixture
def store(tmp_path):
    st = open_store(tmp_path / "store.sqlite3")
    yield st
    st.close()


@pytest.fixture
def me(store):
    with store.session() as s:
        return reference.ensure_local_user(s, name="Test Agent")
