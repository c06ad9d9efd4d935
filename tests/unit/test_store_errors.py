"""Opening a store that cannot be used gives a StoreError written for the user, and harms nothing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.store import StoreError, integrity_ok, open_store

SQLITE_HEADER = b"SQLite format 3\x00"


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    store = open_store(path)
    with store.session() as s:
        s.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    store.close()
    with pytest.raises(StoreError, match="newer version") as err:
        open_store(path)
    assert "9999_from_the_future" in str(err.value) and "update" in str(err.value)


@pytest.mark.parametrize("content", [
    os.urandom(8192),
    b"hello, this is a text file\n" * 10,
    SQLITE_HEADER + os.urandom(4096 - len(SQLITE_HEADER)),
    b"\x00" * 4096,
], ids=["random", "text", "damaged-header", "zeros"])
def test_a_file_that_is_not_a_store_is_refused_and_left_byte_identical(tmp_path, content):
    path = tmp_path / "not-a-store.sqlite3"
    path.write_bytes(content)
    before = _files(tmp_path)
    with pytest.raises(StoreError) as err:
        open_store(path)
    message = str(err.value)
    assert "not a Deskside store" in message and "left untouched" in message and str(path) in message
    assert path.read_bytes() == content
    assert _files(tmp_path) == before


def test_another_programs_sqlite_file_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "browser-history.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE visits (url TEXT, at INTEGER)")
    con.execute("INSERT INTO visits VALUES ('https://example.org', 1)")
    con.commit()
    con.close()
    content = path.read_bytes()
    with pytest.raises(StoreError, match="not a Deskside store"):
        open_store(path)
    assert path.read_bytes() == content
    assert _files(tmp_path) == ["browser-history.sqlite"]


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "touched.sqlite3"
    path.touch()
    store = open_store(path)
    try:
        assert integrity_ok(store.engine)
    finally:
        store.close()


def test_a_folder_in_the_way_gives_a_clear_error(tmp_path):
    path = tmp_path / "store.sqlite3"
    path.mkdir()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert str(path) in str(err.value)


def test_a_path_below_a_file_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    with pytest.raises(StoreError, match="cannot be created") as err:
        open_store(blocker / "sub" / "store.sqlite3")
    assert str(blocker / "sub") in str(err.value)
    assert blocker.read_text() == "in the way"


OPEN_AND_REPORT = """
import sys
from app.store import StoreError, open_store
try:
    open_store(sys.argv[1]).close()
    print("OPENED")
except StoreError as exc:
    print("STORE ERROR: " + str(exc))
"""


def _open_without_root_powers(path) -> str:
    """open_store in a child process for which file permissions apply.

    Root ignores permissions through CAP_DAC_OVERRIDE; the child runs without it (setpriv), so the
    test still means something when the suite runs as root, as CI containers do.
    """
    prefix = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions do not apply")
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([*prefix, sys.executable, "-c", OPEN_AND_REPORT, str(path)], cwd=root, text=True,
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_read_only_folder_gives_a_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        out = _open_without_root_powers(folder / "store.sqlite3")
        assert out.startswith("STORE ERROR:") and "cannot be opened for writing" in out, out
        assert str(folder / "store.sqlite3") in out
        assert _files(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_read_only_store_file_gives_a_clear_error(tmp_path):
    path = tmp_path / "real.sqlite3"
    open_store(path).close()
    path.chmod(0o400)
    content = path.read_bytes()
    try:
        out = _open_without_root_powers(path)
        assert out.startswith("STORE ERROR:") and "cannot be opened for writing" in out, out
        assert path.read_bytes() == content
    finally:
        path.chmod(0o600)


def test_a_tilde_path_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    store = open_store("~/desk/store.sqlite3")
    try:
        assert store.path == (tmp_path / "desk" / "store.sqlite3").resolve()
        assert store.blob_dir == (tmp_path / "desk" / "store-files").resolve()
    finally:
        store.close()


def test_a_store_with_damaged_pages_is_refused_on_open_and_left_byte_identical(tmp_path):
    """A valid header but garbage in the middle: refused when opened (not at the first write, with
    SQLite's words), with the same message as the other damaged stores; the file is not touched."""
    import hashlib

    from app.tickets import writes as tickets

    path = tmp_path / "damaged.sqlite3"
    store = open_store(path)
    with store.session() as s:
        for i in range(300):
            tickets.create_ticket(s, ticket_type="incident", title=f"Ticket {i}", actor_id=None,
                                  description=f"The printer on floor {i} jams. " * 60)
    with store.engine.connect() as conn:
        page_size = conn.exec_driver_sql("PRAGMA page_size").scalar()
    store.close()
    assert not (tmp_path / "damaged.sqlite3-wal").exists()  # closed cleanly
    data = bytearray(path.read_bytes())
    pages = len(data) // page_size
    assert pages > 100
    for page in range(pages // 2, pages // 2 + 20):  # header and schema pages stay valid
        data[page * page_size:(page + 1) * page_size] = os.urandom(page_size)
    path.write_bytes(bytes(data))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    before = _files(tmp_path)
    with pytest.raises(StoreError) as err:
        open_store(path)
    message = str(err.value)
    assert "is damaged" in message and "left untouched" in message and str(path) in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert _files(tmp_path) == before
