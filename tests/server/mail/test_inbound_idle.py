"""IDLE hears of new mail that the server announced in the same packet as IDLE's continuation.

A scripted IMAP peer on loopback (not Dovecot: a real server cannot be made to send both lines in one packet on
purpose) answers IDLE with "+ idling" and "* 1 EXISTS" in one write. imaplib's reader takes both off the socket
with the continuation, so waiting on the socket alone never saw the news: a mail delivered just as IDLE began
waited for poll_s (a make test run timed out on it, with Dovecot)."""

from __future__ import annotations

import imaplib
import socket
import threading

from server.mail.inbound.collector import Collector
from server.mail.inbound.settings import Mailbox


def _peer(listener: socket.socket, idle_answer: bytes) -> None:
    conn, _ = listener.accept()
    with conn:
        conn.sendall(b"* OK scripted peer ready\r\n")
        reader = conn.makefile("rb")
        while line := reader.readline():
            tag, _, command = line.strip().partition(b" ")
            if command == b"CAPABILITY":
                conn.sendall(b"* CAPABILITY IMAP4rev1 IDLE\r\n" + tag + b" OK done\r\n")
            elif command == b"IDLE":
                conn.sendall(idle_answer)  # one write: the continuation and what follows it
                idle_tag = tag
            elif tag == b"DONE":
                conn.sendall(idle_tag + b" OK idle done\r\n")
            elif command == b"LOGOUT":
                conn.sendall(b"* BYE\r\n" + tag + b" OK bye\r\n")
                return


def _idle(idle_answer: bytes, seconds: float) -> bool:
    listener = socket.create_server(("127.0.0.1", 0))
    peer = threading.Thread(target=_peer, args=(listener, idle_answer), daemon=True)
    peer.start()
    imap = imaplib.IMAP4("127.0.0.1", listener.getsockname()[1], timeout=10)
    collector = Collector(Mailbox(host="127.0.0.1", user="help", group="A", tls="none"), ingest=None)
    try:
        return collector.idle(imap, seconds)
    finally:
        imap.logout()
        peer.join(5)
        listener.close()


def test_news_in_the_continuations_packet_ends_the_wait_at_once():
    assert _idle(b"+ idling\r\n* 1 EXISTS\r\n", seconds=30)  # news (a wait that ran out would say False)


def test_without_news_the_wait_runs_its_time_and_says_so():
    assert not _idle(b"+ idling\r\n", seconds=0.6)
