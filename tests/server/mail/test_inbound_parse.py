"""The mail-in reader on its own (no servers): HTML to safe text, quoted history, loop signs, DSNs,
malformed MIME, and the configuration's refusals."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from server.config import MailConfigError, load_mail_settings
from server.mail.inbound.html_text import html_to_text
from server.mail.inbound.ingest import clean_title
from server.mail.inbound.parse import parse
from server.mail.inbound.quotes import HISTORY_NOTE, collapse


def message(body: str = "Hello.", **headers: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Zoe <zoe@example.test>", "help@example.test", "Subject"
    msg["Message-ID"] = "<one@example.test>"
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg


def test_html_becomes_text_with_nothing_active():
    text = html_to_text("<html><head><title>T</title><style>b{}</style><script>evil()</script></head><body>"
                        "<h1>Hi</h1><p>Click <a href='https://example.test/x'>here</a> or "
                        "<a href='javascript:evil()'>there</a>.</p><img src='http://tracker/p.gif'>"
                        "<ul><li>one</li><li>two</li></ul><blockquote>old text</blockquote>"
                        "<p>&lt;script&gt; stays text</p><svg><text>drawn</text></svg></body></html>")
    assert [line for line in text.splitlines() if line] == [
        "Hi", "Click here <https://example.test/x> or there.", "[image]", "- one", "- two", "> old text",
        "<script> stays text"]


def test_quoted_history_is_collapsed():
    assert collapse("New words.\n\nOn Mon, 1 Dec 2026, Bob <b@x> wrote:\n> old\n> older") == \
        f"New words.\n\n{HISTORY_NOTE}"
    assert collapse("Top.\n\n-----Original Message-----\nFrom: Bob\nSent: Monday") == f"Top.\n\n{HISTORY_NOTE}"
    assert collapse("Top.\n\nFrom: Bob <b@x>\nSent: Monday\nTo: desk\n\nOld") == f"Top.\n\n{HISTORY_NOTE}"
    assert collapse("Top.\n\nAm 1. Dez. 2026 um 10:00 schrieb Bob <b@x>:\n> alt") == f"Top.\n\n{HISTORY_NOTE}"
    assert collapse("Only words, nothing quoted.") == "Only words, nothing quoted."
    assert collapse("> all of it quoted\n> still") == "> all of it quoted\n> still"  # nothing left otherwise


@pytest.mark.parametrize(("headers", "why"), [
    ({"Auto_Submitted": "auto-replied"}, "Auto-Submitted: auto-replied"),
    ({"X_Autoreply": "yes"}, "X-Autoreply header"),
    ({"Precedence": "bulk"}, "Precedence: bulk"),
    ({"List_Unsubscribe": "<mailto:off@list.test>"}, "mailing list mail (List-Unsubscribe)"),
    ({"Return_Path": "<>"}, "empty Return-Path (a delivery report or automatic mail)"),
    ({"Auto_Submitted": "no"}, None),
    ({}, None),
])
def test_automatic_mail_is_recognised(headers, why):
    assert parse(message(**headers).as_bytes()).automatic == why


def test_a_delivery_report_names_our_message_and_the_reason():
    raw = (b"From: MAILER-DAEMON@example.test\r\nTo: help@example.test\r\nSubject: Undelivered\r\n"
           b"Message-ID: <dsn@example.test>\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
           b"--B\r\nContent-Type: text/plain\r\n\r\nIt bounced.\r\n"
           b"--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example.test\r\n\r\n"
           b"Final-Recipient: rfc822; ghost@example.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
           b"Diagnostic-Code: smtp; 550 5.1.1 User doesn't exist\r\n\r\n"
           b"--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <deskside.abc@example.test>\r\n"
           b"Subject: Re: [INC0000001] x\r\n\r\n--B--\r\n")
    parsed = parse(raw)
    assert parsed.report is not None and parsed.report.failed
    assert parsed.report.original_ids == ("<deskside.abc@example.test>",)
    assert parsed.report.reason == "ghost@example.test 5.1.1 smtp; 550 5.1.1 User doesn't exist"
    assert parsed.automatic == "a delivery report"


def test_malformed_mail_is_read_as_far_as_it_goes():
    raw = (b"From: zoe@example.test\r\nSubject: =?x-bad?q?caf=E9?= and =?utf-8?b?!!!?=\r\n"
           b"Content-Type: multipart/mixed; boundary=Q\r\n\r\n--Q\r\nContent-Type: text/plain; charset=nope\r\n"
           b"\r\nCaf\xe9\r\n--Q\r\nContent-Type: image/png; name=\"a/../../b.png\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n@@@@\r\n")
    parsed = parse(raw)
    assert parsed.sender == "zoe@example.test" and parsed.message_id is None
    assert parsed.key.startswith("sha256:") and "Caf" in parsed.text
    assert [p.mime_type for p in parsed.attachments] == ["image/png"]
    with pytest.raises(ValueError, match="empty"):
        parse(b"   \r\n")


def test_titles_lose_reply_prefixes_and_our_number():
    assert clean_title("Re: AW: [INC0000042] Printer jams") == "Printer jams"
    assert clean_title("Fwd: RE[2]: VPN") == "VPN"
    assert clean_title("") == "(no subject)"


def test_bad_mailbox_configuration_stops_the_start(tmp_path: Path):
    def config(imap: str) -> Path:
        path = tmp_path / "mail.toml"
        path.write_text('[smtp]\nhost = "smtp.test"\n' + imap)
        return path

    good = load_mail_settings(config('[[imap]]\nhost = "imap.test"\nuser = "u"\ngroup = "A"\n'
                                     'password_env = "X"\n'))
    (box,) = good.inbound
    assert (box.port, box.tls, box.folder, box.move_to) == (993, "tls", "INBOX", "Processed")
    for bad, reason in [('password = "secret"\n', "no password in the file"),
                        ('password_env = "X"\ntls = "ssl"\n', "tls is one of"),
                        ('password_env = "X"\nticket_type = "problem"\n', "ticket_type is one of"),
                        ('password_env = "X"\nfolder = "INBOX"\nmove_to = "INBOX"\n', "move_to must differ"),
                        ('password_env = "X"\npoll = 3\n', "unknown key"),
                        ("", "name password_env or password_file")]:
        with pytest.raises(MailConfigError, match=reason):
            load_mail_settings(config(f'[[imap]]\nhost = "imap.test"\nuser = "u"\ngroup = "A"\n{bad}'))
    with pytest.raises(MailConfigError, match="group is required"):
        load_mail_settings(config('[[imap]]\nhost = "imap.test"\nuser = "u"\npassword_env = "X"\n'))
