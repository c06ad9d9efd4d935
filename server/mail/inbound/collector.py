"""The collector of one IMAP mailbox: a background task of the server process (like the mail sender).

Each round, in a worker thread: connect when needed, fetch the mail not yet collected, apply each one
(ingest.py: its own committed transaction), and only after that commit flag it \\Seen and move it to the
processed folder. Then wait for news: IMAP IDLE where the server offers it, else sleep poll_s. A kill -9
between a commit and the flag leaves the mail in the folder: the next round collects it again and the
Message-ID dedupe makes that a no-op (it is then flagged and moved)."""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import io
import logging
import os
import re
import select
import ssl
import threading
import time
from typing import TYPE_CHECKING

from fastapi.concurrency import run_in_threadpool
from sqlalchemy.exc import SQLAlchemyError

from server.config import MailConfigError
from server.mail.inbound.ingest import Ingest

if TYPE_CHECKING:
    from server.mail.inbound.settings import Mailbox

log = logging.getLogger(__name__)
BATCH = 100                 # mails applied per round before looking for news again
# Test hook: seconds to wait between a mail's commit and its \Seen flag, so a test can kill -9 there.
HOLD_ENV = "DESKSIDE_TEST_MAIL_IN_HOLD_S"


class Collector:
    """Collects one mailbox. `round()` blocks (run it in a worker thread); `stop()` ends a wait at once."""

    def __init__(self, box: Mailbox, ingest: Ingest) -> None:
        self.box = box
        self.ingest = ingest
        self.imap: imaplib.IMAP4 | None = None
        self.capabilities: set[str] = set()
        self.stopping = threading.Event()
        self._busy = threading.Lock()  # held by a round under way
        self.failures = 0
        self._hold = float(os.environ.get(HOLD_ENV, "0") or 0)

    # --- connection --------------------------------------------------------------------------------

    def connect(self) -> imaplib.IMAP4:
        box = self.box
        context = ssl.create_default_context(cafile=str(box.ca_file) if box.ca_file else None)
        imap: imaplib.IMAP4
        if box.tls == "tls":
            imap = imaplib.IMAP4_SSL(box.host, box.port, ssl_context=context, timeout=box.timeout_s)
        else:
            imap = imaplib.IMAP4(box.host, box.port, timeout=box.timeout_s)
            if box.tls == "starttls":
                imap.starttls(ssl_context=context)
        try:
            imap.login(box.user, box.password())
            self.capabilities = {c.upper() for c in imap.capabilities}
            typ, _ = imap.select(_quote(box.folder))
            if typ != "OK":
                raise imaplib.IMAP4.error(f"cannot open the folder {box.folder}")
            _announced(imap)  # the folder's counts as opened: the first round looks at what is there anyway
            if box.move_to:
                imap.create(_quote(box.move_to))  # NO when it exists already: fine
        except BaseException:
            _close(imap)
            raise
        self.imap = imap
        return imap

    def close(self) -> None:
        if self.imap is not None:
            _close(self.imap)
            self.imap = None

    # --- one round ---------------------------------------------------------------------------------

    def round(self) -> int:
        """Collect what is there, then wait for news (IDLE or poll_s). The number of mails applied.
        Connection problems are logged and retried with a growing pause, never raised. After stop()
        the round logs out."""
        with self._busy:
            try:
                return self._round()
            finally:
                if self.stopping.is_set():
                    self.close()

    def finish(self, timeout: float) -> None:
        """After stop(): wait for the round under way to end (it logs out), else close here."""
        if self._busy.acquire(timeout=timeout):
            try:
                self.close()
            finally:
                self._busy.release()

    def _round(self) -> int:
        try:
            imap = self.imap or self.connect()
            done = self.collect(imap)
            self.failures = 0
            if done < BATCH:
                self.wait(imap)
            return done
        except (imaplib.IMAP4.error, OSError, ssl.SSLError, MailConfigError, SQLAlchemyError) as exc:
            self.failures += 1
            pause = min(self.box.poll_s, 2.0 ** min(self.failures, 6))
            log.warning("mailbox %s: %s; trying again in %.0f s", self.box.label, exc, pause)
            self.close()
            self.stopping.wait(pause)
            return 0

    def pending(self, imap: imaplib.IMAP4) -> list[str]:
        criteria = "UNDELETED" if self.box.move_to else "UNSEEN UNDELETED"
        typ, data = imap.uid("SEARCH", criteria)
        if typ != "OK":
            raise imaplib.IMAP4.error(f"SEARCH failed: {data!r}")
        return [u.decode() for u in (data[0] or b"").split()[:BATCH]]

    def collect(self, imap: imaplib.IMAP4) -> int:
        done = 0
        for uid in self.pending(imap):
            if self.stopping.is_set():
                break
            typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in data if isinstance(item, tuple) and len(item) > 1), None) \
                if typ == "OK" and data else None
            if raw is None:  # expunged meanwhile by another client
                continue
            outcome = self.ingest.collect(self.box, raw)  # committed (or kept in the errors list) ...
            log.info("mailbox %s: mail %s -> %s %s", self.box.label, uid, outcome.kind,
                     outcome.number or outcome.note or "")
            if self._hold:
                time.sleep(self._hold)
            self.done(imap, uid)  # ... and only then flagged and moved
            done += 1
        return done

    def done(self, imap: imaplib.IMAP4, uid: str) -> None:
        imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
        target = self.box.move_to
        if not target:
            return
        if "MOVE" in self.capabilities:
            typ, data = imap.uid("MOVE", uid, _quote(target))
            if typ == "OK":
                return
            log.warning("mailbox %s: MOVE failed (%r); copying", self.box.label, data)
        typ, data = imap.uid("COPY", uid, _quote(target))
        if typ != "OK":
            raise imaplib.IMAP4.error(f"cannot copy to {target}: {data!r}")
        imap.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
        if "UIDPLUS" in self.capabilities:
            imap.uid("EXPUNGE", uid)
        else:
            imap.expunge()

    # --- waiting for news --------------------------------------------------------------------------

    def wait(self, imap: imaplib.IMAP4) -> None:
        # A mail that arrived while the last command ran is announced once, in that command's answer, and
        # imaplib keeps such untagged EXISTS/RECENT lines aside: IDLE would never hear of it. Look again now.
        if _announced(imap):
            return
        if self.box.idle and "IDLE" in self.capabilities:
            self.idle(imap, self.box.poll_s)
        else:
            self.stopping.wait(self.box.poll_s)
            imap.noop()

    def idle(self, imap: imaplib.IMAP4, seconds: float) -> bool:
        """RFC 2177 IDLE until the server reports new mail, `seconds` pass or stop(); True on news.
        imaplib (Python 3.11) has no IDLE: the command is spoken here over its connection."""
        tag = imap._new_tag()
        imap.send(tag + b" IDLE\r\n")
        news = False
        while True:  # untagged news may come before the continuation
            line = imap.readline()
            if line.startswith(b"+"):
                break
            if not line.startswith(b"*"):
                raise imaplib.IMAP4.error(f"IDLE refused: {line[:200]!r}")
            news = news or bool(re.match(rb"^\* \d+ (EXISTS|RECENT)", line))
        # The continuation and a news line may come in one packet: what imaplib's reader read past the
        # continuation is in its buffer, where waiting on the socket would never see it (mail delivered just as
        # IDLE began then waited for poll_s).
        buffer = _buffered(imap)[-4096:]  # (and a line cut in two is whole again with what the socket brings)
        news = news or bool(re.search(rb"^\* \d+ (EXISTS|RECENT)", buffer, re.MULTILINE))
        sock = imap.sock
        deadline = time.monotonic() + seconds
        try:
            while not news and not self.stopping.is_set() and time.monotonic() < deadline:
                pending = isinstance(sock, ssl.SSLSocket) and sock.pending()
                slice_s = min(0.5, max(0.0, deadline - time.monotonic()))
                if not pending and not select.select([sock], [], [], slice_s)[0]:
                    continue
                chunk = sock.recv(65536)
                if not chunk:
                    raise OSError("the IMAP server closed the connection")
                buffer = (buffer + chunk)[-4096:]
                news = bool(re.search(rb"^\* \d+ (EXISTS|RECENT)", buffer, re.MULTILINE))
        finally:
            imap.send(b"DONE\r\n")
            while True:
                line = imap.readline()
                if not line:
                    raise OSError("the IMAP server closed the connection")
                if line.startswith(tag):
                    break
        return news

    def stop(self) -> None:
        self.stopping.set()


def _buffered(imap: imaplib.IMAP4) -> bytes:
    """What imaplib's reader holds already read from the connection (nothing is read from the socket here)."""
    sock = imap.sock
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        reader = imap.file
        assert isinstance(reader, io.BufferedReader)  # imaplib reads through sock.makefile("rb")
        return reader.peek(65536) or b""  # the buffer when it holds any; else one read that finds nothing
    except (BlockingIOError, ssl.SSLWantReadError, TimeoutError):
        return b""
    finally:
        sock.settimeout(timeout)


def _announced(imap: imaplib.IMAP4) -> bool:
    """Whether an answer since the last look announced new mail (EXISTS/RECENT); forgets those lines."""
    found = [imap.untagged_responses.pop(name, None) for name in ("EXISTS", "RECENT")]
    return any(found)


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _close(imap: imaplib.IMAP4) -> None:
    try:
        imap.logout()
    except (imaplib.IMAP4.error, OSError, ssl.SSLError):
        with contextlib.suppress(OSError):
            imap.shutdown()


async def run_forever(collector: Collector) -> None:
    """The server's background task for one mailbox: rounds in a worker thread until cancelled (the
    wait inside a round ends within half a second of stop())."""
    try:
        while not collector.stopping.is_set():
            try:
                await run_in_threadpool(collector.round)
            except Exception:  # noqa: BLE001 - the mail stays on the IMAP server; the next round tries again
                log.exception("mailbox %s: the collector failed; trying again", collector.box.label)
                collector.close()
                await asyncio.sleep(min(collector.box.poll_s, 5.0))
    finally:
        collector.stop()
