"""Survey links: signing, verifying, expiry and tampering; the [survey] settings; the survey mail's parts."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from html.parser import HTMLParser

import pytest

from server.config import MailConfigError, load_mail_settings
from server.mail.compose import compose
from server.mail.survey.links import rating_links
from server.mail.survey.settings import SurveySettings
from server.mail.survey.tokens import TokenError, sign, verify

SECRET = b"0123456789abcdef-test-secret"
NOW = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
TICKET, REQUESTER = "0193a1b2-0000-7000-8000-000000000001", "5e1f7c1a-4b8e-4f0c-9d1e-2a3b4c5d6e7f"


def token(score: int = 4, expires: datetime = NOW + timedelta(days=14), secret: bytes = SECRET) -> str:
    return sign(secret, ticket_id=TICKET, requester_id=REQUESTER, score=score, expires=expires)


def test_a_signed_link_verifies_to_its_ticket_requester_and_score_without_the_database():
    t = token(5)
    assert set(t) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")  # URL-safe
    answer = verify(SECRET, t, now=NOW)
    assert (answer.ticket_id, answer.requester_id, answer.score) == (TICKET, REQUESTER, 5)
    assert answer.expires == NOW + timedelta(days=14)


def test_a_link_expires_at_its_expiry_and_says_so():
    t = token(expires=NOW + timedelta(hours=1))
    assert verify(SECRET, t, now=NOW + timedelta(minutes=59)).score == 4
    with pytest.raises(TokenError) as exc:
        verify(SECRET, t, now=NOW + timedelta(hours=1))
    assert exc.value.expired and "expired" in str(exc.value)


def _flip(text: str, index: int) -> str:
    return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1:]


def test_tampered_forged_or_damaged_links_are_not_valid():
    good = token(1)
    body, mac = good.split(".")
    payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    raised_score = base64.urlsafe_b64encode(payload.replace(b"\n1\n", b"\n5\n")).rstrip(b"=").decode()
    later = base64.urlsafe_b64encode(payload[:-3] + b"999").rstrip(b"=").decode()
    other_ticket = base64.urlsafe_b64encode(payload.replace(TICKET.encode(), TICKET[:-1].encode() + b"2")) \
        .rstrip(b"=").decode()
    bad = [f"{raised_score}.{mac}", f"{later}.{mac}", f"{other_ticket}.{mac}",   # payload changed, old MAC
           _flip(good, len(good) - 5), _flip(good, 3),                        # a character changed
           good[:-10], good + "A", body, f"{body}.", f".{mac}", "", "a.b.c", "%%%.%%%", "x" * 5000,
           token(1, secret=b"another-secret-of-16-bytes"),                       # signed with another key
           token(1, expires=NOW - timedelta(days=1), secret=b"another-secret-of-16-bytes")]
    for t in bad:
        with pytest.raises(TokenError) as exc:
            verify(SECRET, t, now=NOW)
        assert not exc.value.expired, t   # a forged "expired" link is just not valid
    # An expired link with a valid MAC is told apart from a forged one.
    with pytest.raises(TokenError) as exc:
        verify(SECRET, token(expires=NOW - timedelta(seconds=1)), now=NOW)
    assert exc.value.expired


def test_signing_refuses_what_could_not_be_read_back():
    with pytest.raises(ValueError):
        sign(SECRET, ticket_id=TICKET, requester_id=REQUESTER, score=6, expires=NOW)
    with pytest.raises(ValueError):
        sign(SECRET, ticket_id="a\nb", requester_id=REQUESTER, score=3, expires=NOW)


def _config(tmp_path, survey: str, events: str = "") -> str:
    path = tmp_path / "mail.toml"
    path.write_text(f'[smtp]\nhost = "127.0.0.1"\n{events}\n[survey]\n{survey}\n')
    return str(path)


def test_survey_settings_read_the_secret_at_start_and_never_from_the_file(tmp_path, monkeypatch):
    secret_file = tmp_path / "secret"
    secret_file.write_text("s3cret-s3cret-s3cret-1234\n")
    settings = load_mail_settings(_config(tmp_path, f'enabled = true\npublic_url = "https://desk.example.org/"\n'
                                                    f'secret_file = "{secret_file}"\nvalid_days = 3'))
    assert settings.survey is not None
    assert settings.survey.secret == b"s3cret-s3cret-s3cret-1234"
    assert settings.survey.public_url == "https://desk.example.org" and settings.survey.valid_days == 3
    assert "s3cret" not in repr(settings)   # never logged with the settings
    assert load_mail_settings(_config(tmp_path, "enabled = false")).survey is None

    monkeypatch.delenv("DESKSIDE_SURVEY_SECRET", raising=False)
    refused = {
        'enabled = true\npublic_url = "https://d.example.org"\nsecret_env = "DESKSIDE_SURVEY_SECRET"':
            "DESKSIDE_SURVEY_SECRET is not set",
        'enabled = true\npublic_url = "https://d.example.org"': "need a signing secret",
        f'enabled = true\npublic_url = "https://d.example.org"\nsecret_file = "{tmp_path / "none"}"': "Cannot read",
        'enabled = true\npublic_url = "https://d.example.org"\nsecret = "in-the-file-1234567"': "no secret in the file",
        'enabled = true\npublic_url = "javascript:alert(1)"\nsecret_env = "X"': "public_url",
        f'enabled = true\npublic_url = "https://d.example.org"\nsecret_file = "{secret_file}"\nvalid_days = 0':
            "valid_days",
        'enabled = true\npublic_url = "https://d.example.org"\ncolour = "red"': "unknown",
    }
    for survey, reason in refused.items():
        with pytest.raises(MailConfigError, match=reason):
            load_mail_settings(_config(tmp_path, survey))
    monkeypatch.setenv("DESKSIDE_SURVEY_SECRET", "short")
    with pytest.raises(MailConfigError, match="shorter than 16 bytes"):
        load_mail_settings(_config(tmp_path, 'enabled = true\npublic_url = "https://d.example.org"\n'
                                             'secret_env = "DESKSIDE_SURVEY_SECRET"'))
    monkeypatch.setenv("DESKSIDE_SURVEY_SECRET", "long-enough-secret-here")
    with pytest.raises(MailConfigError, match='leaves out "survey"'):
        load_mail_settings(_config(tmp_path, 'enabled = true\npublic_url = "https://d.example.org"\n'
                                             'secret_env = "DESKSIDE_SURVEY_SECRET"', 'events = ["resolved"]'))


def test_a_missing_secret_stops_the_server_start_with_the_reason(tmp_path, monkeypatch, capsys):
    from server.main import main

    monkeypatch.delenv("DESKSIDE_SURVEY_SECRET", raising=False)
    config = _config(tmp_path, 'enabled = true\npublic_url = "https://d.example.org"\n'
                               'secret_env = "DESKSIDE_SURVEY_SECRET"')
    assert main(["--data", str(tmp_path / "data"), "--mail-config", config]) == 2
    assert "The survey secret is missing: the environment variable DESKSIDE_SURVEY_SECRET is not set" in \
        capsys.readouterr().err


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        self.hrefs += [v for name, v in attrs if name == "href"]


def test_the_survey_mail_has_five_signed_links_as_its_only_active_content():
    survey = SurveySettings(public_url="https://desk.example.org", secret=SECRET, valid_days=14)
    links = rating_links(survey, ticket_id=TICKET, requester_id=REQUESTER, language="de", now=NOW)
    raw = compose(event="survey", language="de", number="INC0000042", title='<img src="http://evil/x.png">',
                  text="", recipient_name="Carol <script>", recipient="carol@example.org", agent="",
                  group="Service desk", sender_name="Service desk", sender="help@example.org",
                  message_id="<m@example.org>", in_reply_to=None, references=[], now=NOW, links=links)
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"].startswith("[INC0000042] Wie zufrieden sind Sie?")
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    parser = _Html()
    parser.feed(html)
    assert len(parser.hrefs) == 5 and parser.tags.count("a") == 5
    assert {t for t in parser.tags} <= {"html", "head", "meta", "body", "p", "br", "ul", "li", "a"}
    assert set(parser.attrs) <= {"charset", "style", "href"}   # the body's font: no src, no event handlers
    assert "&lt;img src=" in html and "&lt;script&gt;" in html
    scores = []
    for href in parser.hrefs:
        assert href.startswith("https://desk.example.org/survey/") and href in plain
        answer = verify(SECRET, href.rsplit("/", 1)[1], now=NOW)
        assert (answer.ticket_id, answer.requester_id) == (TICKET, REQUESTER)
        assert answer.expires == NOW + timedelta(days=14)
        scores.append(answer.score)
    assert scores == [5, 4, 3, 2, 1]
    assert "5 - Sehr zufrieden: https://desk.example.org/survey/" in plain
