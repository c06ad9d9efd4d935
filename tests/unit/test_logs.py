"""Logs: the rotating file lands in DESKSIDE_LOG_DIR, secrets are masked, exception messages never written."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import logs
from app.config import log_dir
from app.logs import RedactingFilter, redact, scrubbed_traceback, setup_logging, teardown_logging, write_crash_report

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Zebra-Quokka printer haunted in room 9"


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("DESKSIDE_LOG_DIR", str(folder))
    yield folder
    teardown_logging()


def read_all(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_the_log_dir_follows_the_environment(log_folder):
    assert log_dir() == log_folder
    path = setup_logging()
    assert path == log_folder / "deskside.log"
    logging.getLogger("deskside.test").info("hello %d", 42)
    assert "hello 42" in read_all(log_folder)


def test_setup_is_idempotent_and_rotates(log_folder, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    setup_logging()
    setup_logging()
    ours = [h for h in logging.getLogger().handlers if getattr(h, "deskside", False)]
    assert len(ours) == 2  # one file, one stderr
    for i in range(200):
        logging.getLogger("deskside.test").info("line %d %s", i, "x" * 40)
    files = sorted(p.name for p in log_folder.iterdir())
    assert "deskside.log" in files and "deskside.log.1" in files
    assert len(files) <= 1 + logs.BACKUP_COUNT


@pytest.mark.parametrize(("text", "secret"), [
    ("Authorization: Bearer abc.def-123", "abc.def-123"),
    ('headers={"Authorization": "Basic dXNlcjpwYXNz"}', "dXNlcjpwYXNz"),
    ("login failed password=hunter2 user=bob", "hunter2"),
    ('{"refresh_token": "r3fresh-me", "x": 1}', "r3fresh-me"),
    ("GET /sync?token=s3cr3t&page=2", "s3cr3t"),
    ("https://bob:pa55word@desk.example.com/api", "pa55word"),
    ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9"),
    ("api key 9f8e7d6c5b4a39281706f5e4d3c2b1a0ZZtop", "9f8e7d6c5b4a39281706f5e4d3c2b1a0ZZtop"),
])
def test_secrets_are_masked(text, secret):
    out = redact(text)
    assert secret not in out and logs.REDACTED in out


def test_ids_paths_and_plain_words_are_kept():
    text = "ticket 0190f5a2-1234-7abc-8def-0123456789ab in /usr/lib/python3.11/site-packages/x.py tokens: 5"
    assert redact(text) == text


def test_exception_messages_are_never_written(log_folder):
    setup_logging()
    try:
        try:
            raise KeyError("password=hunter2")
        except KeyError as inner:
            raise ValueError(f"could not save {TITLE}") from inner
    except ValueError:
        logging.getLogger("deskside.test").exception("task %s failed", "save ticket")
    logging.getLogger("deskside.test").warning("store check failed: %s", OSError(28, "No space left", TITLE))
    text = read_all(log_folder)
    assert "task save ticket failed" in text
    assert "ValueError (message not logged)" in text and "KeyError (message not logged)" in text
    assert "test_logs.py" in text  # frames stay: they are code, not data
    assert "[Errno 28] No space left" in text
    assert TITLE not in text and "hunter2" not in text


def test_a_bad_format_is_kept_not_raised():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d items", ("many",), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "%d items"


def test_the_filter_rewrites_records_for_every_handler():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "token=%s for %s", ("abc123", "bob"), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "token=[redacted] for bob"


def test_crash_reports_are_scrubbed_and_pruned(log_folder, monkeypatch):
    monkeypatch.setattr(logs, "CRASH_REPORTS_KEPT", 3)
    for _ in range(5):
        try:
            raise RuntimeError("Bearer abcdef " + TITLE)
        except RuntimeError as exc:
            path, text = write_crash_report(exc, exc.__traceback__, thread="MainThread")
    assert path.parent == log_folder and path.read_text(encoding="utf-8") == text
    assert "RuntimeError" in text and "test_logs.py" in text and TITLE not in text and "abcdef" not in text
    assert len(list(log_folder.glob("crash-*.txt"))) == 3


def test_scrubbed_traceback_without_traceback():
    assert scrubbed_traceback(ValueError(TITLE)).strip().endswith("ValueError (message not logged)")


def test_logs_and_profiles_import_without_qt():
    code = "import sys, app.logs, app.profiles; assert not any(m.startswith('PySide6') for m in sys.modules)"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
