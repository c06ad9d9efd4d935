"""Logging: a rotating file in the user log folder, crash reports beside it, secrets and ticket text kept out."""
# Policy for everything that logs: say what happened with ids, counts and exception types, never with
# ticket text (titles, descriptions, worklog bodies) or credentials. The filter below enforces what it can:
# it masks anything that looks like a secret, and it never writes an exception's message (SQL errors carry
# parameters, validation errors quote input) - only the exception's type and the code frames it passed.
# Qt-free: used by the composition root before any window exists.

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import re
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from app import __version__
from app.config import log_dir

LOG_FILE = "deskside.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
CRASH_PREFIX = "crash-"
CRASH_REPORTS_KEPT = 20
REDACTED = "[redacted]"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

_SECRET_KEYS = r"(?:password|passwd|pwd|secret|token|refresh_token|access_token|id_token|api_key|apikey|" \
               r"client_secret|session_key|cookie)"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Bearer abc / Basic abc (header lines, dict reprs)
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+(?:\s+[^\s'\",}]+)?"), r"\1" + REDACTED),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), r"\1 " + REDACTED),
    # password=..., "refresh_token": "...", token: ...
    (re.compile(r"(?i)([\w-]*" + _SECRET_KEYS + r"['\"]?\s*[:=]\s*)(['\"]?)[^\s'\"&,;}]+\2"),
     r"\1\2" + REDACTED + r"\2"),
    # https://user:password@host
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@"), r"\1" + REDACTED + "@"),
    # JSON Web Tokens
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), REDACTED),
)
_LONG_WORD = re.compile(r"[A-Za-z0-9_-]{32,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def redact(text: str) -> str:
    """Mask credentials and anything that looks like a token (a long word mixing letters and digits)."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return _LONG_WORD.sub(_mask_token, text)


def _mask_token(match: re.Match[str]) -> str:
    word = match.group(0)
    if _UUID.fullmatch(word) or not (re.search(r"[A-Za-z]", word) and re.search(r"\d", word)):
        return word  # ids and plain long words are useful and not secret
    return REDACTED


def describe_exception(exc: BaseException) -> str:
    """The exception without its message: the type, plus the errno for OS errors."""
    name = f"{type(exc).__module__}.{type(exc).__qualname__}".removeprefix("builtins.")
    if isinstance(exc, OSError) and exc.errno is not None:
        return "{} [Errno {}] {}".format(name, exc.errno, exc.strerror or "")
    return name


def scrubbed_traceback(exc: BaseException | None, tb: TracebackType | None = None) -> str:
    """A traceback of code frames and exception types only (chained exceptions included), no messages."""
    parts: list[str] = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        frames = traceback.extract_tb(tb if tb is not None and not parts else exc.__traceback__)
        parts.append("Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
                     + describe_exception(exc) + " (message not logged)\n")
        cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
        if cause is not None:
            parts.append("\nwhich was raised while handling or because of:\n\n")
        exc = cause
    return redact("".join(reversed(parts)))


class RedactingFilter(logging.Filter):
    """Rewrites each record before any handler formats it: secrets masked, exception messages dropped.

    Attach it to handlers (a logger's filter misses records from child loggers).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(describe_exception(a) if isinstance(a, BaseException) else a for a in args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = scrubbed_traceback(record.exc_info[1], record.exc_info[2])
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(directory: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Send the app's logs to a rotating file (1 MB x 5) in `directory` (default: log_dir()) and
    warnings to stderr, both through RedactingFilter. Idempotent. Returns the log file's path.
    """
    directory = Path(directory or log_dir())
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "deskside", False)]:
        root.removeHandler(handler)
        handler.close()
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                        encoding="utf-8", delay=True)
    file_handler.setLevel(level)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    for handler in (file_handler, console):
        handler.deskside = True  # type: ignore[attr-defined]
        handler.addFilter(RedactingFilter())
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    root.setLevel(min(level, logging.WARNING))
    logging.captureWarnings(True)
    return path


def teardown_logging() -> None:
    """Remove and close the handlers setup_logging added (tests, and a clean exit)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "deskside", False)]:
        root.removeHandler(handler)
        handler.close()


def write_crash_report(exc: BaseException, tb: TracebackType | None = None, *, directory: Path | None = None,
                       thread: str = "") -> tuple[Path, str]:
    """Write a scrubbed report of an unexpected exception into the log folder; return (path, text).

    Keeps the newest CRASH_REPORTS_KEPT reports. Raises OSError when the folder cannot be written.
    """
    directory = Path(directory or log_dir())
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    text = "Deskside {} on Python {} ({}){}\n{}\n\n{}".format(
        __version__, platform.python_version(), platform.platform(),
        f" in thread {thread}" if thread else "", now.isoformat(timespec="seconds"),
        scrubbed_traceback(exc, tb))
    path = directory / "{}{}-{}.txt".format(CRASH_PREFIX, now.strftime("%Y%m%d-%H%M%S-%f"), os.getpid())
    path.write_text(text, encoding="utf-8")
    for old in sorted(directory.glob(CRASH_PREFIX + "*.txt"))[:-CRASH_REPORTS_KEPT]:
        old.unlink(missing_ok=True)
    return path, text
