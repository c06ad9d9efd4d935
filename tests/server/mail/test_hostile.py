"""Hostile titles, names and addresses cannot add headers or recipients; the SMTP password never shows."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest

from server.config import MailConfigError, load_mail_settings
from server.mail.compose import compose, header_text, new_message_id, valid_address
from server.mail.sender import open_smtp
from tests.mailservers import DOMAIN
from tests.server.mail.conftest import add_requesters, mail_config, outbox
from tests.server.mail.test_delivery import reply, wait_sent
from tests.server.wire import new_id

HOSTILE = "Printer\r\nBcc: victim@evil.test\r\n\r\n<script>x</script>\u2028X-Injected: yes\x00\x1b[31m"


def build(**over) -> bytes:
    values = dict(event="reply", language="en", number="INC0000001", title="t", text="body",
                  recipient_name="Carol", recipient="carol@example.test", agent="Alice", group="Desk",
                  sender_name="Desk", sender="help@example.test", message_id=new_message_id("example.test"),
                  in_reply_to=None, references=[], now=datetime(2026, 12, 2, tzinfo=UTC))
    values.update(over)
    return compose(**values)


@pytest.mark.parametrize("field", ["title", "recipient_name", "sender_name", "agent", "group", "number"])
def test_no_header_comes_out_of_a_value(field):
    raw = build(**{field: HOSTILE})
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["Bcc"] is None and msg["X-Injected"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == ["carol@example.test"]
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in head and b"\r\nX-Injected:" not in head
    assert b"\n" not in head.replace(b"\r\n", b"")  # no bare line ends either


@pytest.mark.parametrize("address", ["carol@example.test\r\nBcc: x@evil.test", "carol@example.test, x@evil.test",
                                     "Carol <carol@example.test>", "carol@example.test>", "@example.test",
                                     "carol@", "a" * 250 + "@example.test", "carol@exa mple.test", ""])
def test_only_plain_addresses_are_used(address):
    assert valid_address(address) is None


def test_header_text_is_one_bounded_line():
    assert header_text(HOSTILE, 500) == "Printer Bcc: victim@evil.test <script>x</script> X-Injected: yes [31m"
    assert len(header_text("x" * 1000, 150)) == 150


def test_hostile_title_and_name_through_the_api(mail_desk, mail_servers, tmp_path):
    mail_servers.clear("carol")
    desk = mail_desk
    hostile = add_requesters(desk, {"hostile": "Eve\r\nBcc: victim@evil.test"}, {"hostile": f"carol@{DOMAIN}"})
    broken = add_requesters(desk, {"broken": "Mallory"}, {"broken": f"carol@{DOMAIN}\r\nBcc: victim@{DOMAIN}"})
    desk.start("--mail-config", str(mail_config(tmp_path, mail_servers)))
    alice = desk.sign_in("alice")
    tid, bad = new_id(), new_id()
    alice.push(alice.create(tid, title="Help\u2028Bcc: dave@example.test", requester_id=hostile["hostile"]))
    alice.push(reply(alice, tid, "Line one\r\nBcc: dave@example.test\r\n"))
    alice.push(alice.create(bad, requester_id=broken["broken"]))
    rows = wait_sent(desk, tid, 2)
    assert [(r["state"], r["recipients"]) for r in rows] == [("sent", [f"carol@{DOMAIN}"])] * 2
    (failed,) = outbox(desk, bad)
    assert failed["state"] == "failed" and "address is not usable" in failed["last_error"]
    got = mail_servers.wait_for("carol", 2)
    assert len(got) == 2
    for msg in got:
        assert msg["Bcc"] is None
        assert "\n" not in msg["Subject"] and "\n" not in str(msg["To"])
        assert msg["To"].addresses[0].display_name == "Eve Bcc: victim@evil.test"
    ours = {r["message_id"] for r in rows}
    assert not [m for m in mail_servers.messages("dave") if m["Message-ID"] in ours]  # no Bcc took


def test_the_password_is_never_in_the_file_nor_in_the_logs(mail_servers, tmp_path, caplog):
    path = tmp_path / "mail.toml"
    path.write_text('[smtp]\nhost = "127.0.0.1"\npassword = "hunter2"\n')
    with pytest.raises(MailConfigError, match="no password in the file"):
        load_mail_settings(path)
    settings = load_mail_settings(mail_config(tmp_path, mail_servers))
    assert mail_servers.SENDER_PASSWORD not in repr(settings)
    assert settings.password() == mail_servers.SENDER_PASSWORD
    caplog.set_level(logging.DEBUG)
    with open_smtp(settings) as smtp:
        smtp.noop()
    assert mail_servers.SENDER_PASSWORD not in caplog.text


def test_a_bad_configuration_stops_the_start(tmp_path):
    for body, message in (('[smtp]\nhost = "h"\ntls = "ssl"\n', "tls is one of"),
                          ('[smtp]\nhost = "h"\nsmtp_port = 25\n', "unknown key"),
                          ('[smtp]\nhost = "h"\nevents = ["spam"]\n', "events are among"),
                          ('[smtp]\nhost = "h"\ntimeout_s = 30\nlease_s = 60\n', "three times"),
                          ("[smtp]\n", "at least host")):
        path = tmp_path / "bad.toml"
        path.write_text(body)
        with pytest.raises(MailConfigError, match=message):
            load_mail_settings(path)
