"""Satisfaction surveys end to end: resolve -> survey mail in Dovecot -> a real HTTP client follows a link to
the real server -> the answer is recorded and pulled; hostile comments, expired and forged links, reopened
tickets, the rate limit. Every test runs on SQLite and PostgreSQL (the mail_desk fixture)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import requests
from sqlalchemy import func, select

from app.credentials import MemoryTokenStore
from app.kpi import daily as kpi_daily
from app.models import KpiDaily
from app.sync.client import SyncClient as DeskClient
from app.sync.engine import sync_once
from app.tickets.detail import ticket_detail
from server import changelog
from server.db import Database
from server.mail.survey.tokens import sign
from tests.conftest import store_from
from tests.server.conftest import PASSWORD, free_port
from tests.server.mail.conftest import mail_config, outbox
from tests.server.mail.test_delivery import wait_sent
from tests.server.wire import new_id

SECRET = "survey-secret-for-the-tests-0123"
RESOLVE = {"state": ("new", "resolved"), "resolution_code": (None, "solved_permanently"),
           "resolution_notes": (None, "Replaced the toner.")}


def start(desk, mail_servers, tmp_path, **survey: object) -> str:
    """Start the desk's server with surveys on; its public address is where the test's client goes."""
    port = free_port()
    (tmp_path / "survey-secret").write_text(SECRET + "\n")
    config = mail_config(tmp_path, mail_servers)
    values = {"enabled": True, "public_url": f"http://127.0.0.1:{port}", "secret_file": str(tmp_path / "survey-secret"),
              **survey}
    with config.open("a") as f:
        f.write("[survey]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in values.items()))
    return desk.start("--mail-config", str(config), port=port)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, int | float) else f'"{value}"'


def resolved_ticket(desk, client, requester: str = "carol", title: str = "Toner empty") -> str:
    tid = new_id()
    receipts = client.push(client.create(tid, title=title, requester_id=desk.requesters[requester]),
                           client.update(tid, **RESOLVE))
    assert [r["status"] for r in receipts] == ["applied", "applied"], receipts
    return tid


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for name, v in attrs if name == "href"]


def survey_links(desk, mail_servers, tid: str, user: str = "carol") -> list[str]:
    """The survey mail's five links (5 down to 1), read from the requester's Dovecot mailbox."""
    rows = wait_sent(desk, tid, 3)
    assert [(r["event"], r["state"]) for r in rows] == [("received", "sent"), ("resolved", "sent"),
                                                        ("survey", "sent")], rows
    (msg,) = mail_servers.wait_for_id(user, rows[2]["message_id"])
    assert "How did we do?" in msg["Subject"] and msg["Auto-Submitted"] == "auto-generated"
    assert msg["In-Reply-To"] == rows[1]["message_id"]   # threaded with the resolved mail
    parser = Links()
    parser.feed(msg.get_body(("html",)).get_content())
    assert "img" not in parser.tags and "script" not in parser.tags and len(parser.hrefs) == 5
    plain = msg.get_body(("plain",)).get_content()
    assert re.findall(r"https?://\S+", plain) == parser.hrefs
    return parser.hrefs


def form_of(page: str) -> dict[str, str]:
    checked = re.search(r'value="(\d)" checked', page)
    comment = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S)
    return {"score": checked.group(1) if checked else "", "comment": comment.group(1) if comment else ""}


def test_a_requester_answers_by_link_and_the_desk_pulls_it(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    url = start(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = resolved_ticket(desk, alice)
    links = survey_links(desk, mail_servers, tid)
    assert all(link.startswith(url + "/survey/") for link in links)

    # A scanner (or the requester's first click) fetches the link: a page, nothing recorded.
    browser = requests.Session()
    page = browser.get(links[1], timeout=30)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "form-action 'self'" in csp and "script-src" not in csp
    assert page.headers["referrer-policy"] == "no-referrer" and page.headers["cache-control"] == "no-store"
    assert form_of(page.text)["score"] == "4" and "<script" not in page.text and "http" not in page.text.lower()
    assert '<html lang="en">' in page.text and "<legend>" in page.text and '<label for="comment">' in page.text
    _, cursor = alice.pull_all()
    assert alice.ticket(tid)["csat_score"] is None

    # Send: recorded on the ticket, and pulled by a desk like any change.
    sent = browser.post(links[1], data={"score": "4", "comment": "Quick and friendly."}, timeout=30)
    assert sent.status_code == 200 and "4 of 5" in sent.text and "Quick and friendly." in sent.text
    pages, _ = alice.pull_all(cursor)
    (row,) = [r for p in pages for r in p["rows"].get("ticket", []) if r["id"] == tid]
    assert (row["csat_score"], row["csat_source"], row["csat_comment"]) == (4, "survey", "Quick and friendly.")
    first_at = row["csat_at"]
    assert first_at is not None

    # The requester changes their mind with another link of the same mail: the page shows the earlier
    # answer and keeps the comment; the new answer replaces it.
    page = browser.get(links[4], timeout=30)
    assert form_of(page.text) == {"score": "1", "comment": "Quick and friendly."}
    assert "Your answer so far: 4 of 5" in page.text
    assert browser.post(links[4], data={"score": "2", "comment": ""}, timeout=30).status_code == 200
    row = alice.ticket(tid)
    assert (row["csat_score"], row["csat_source"], row["csat_comment"]) == (2, "survey", None)
    assert row["csat_at"] >= first_at

    # A desk cannot put an agent's answer over the requester's own.
    over = alice.push(alice.mutation("ticket", tid, "update", {"fields": {"csat_score": {"base": 2, "new": 5}},
                                                               "csat": {"source": "phone", "comment": None}}))[0]
    assert over["status"] == "rejected" and "their answer stands" in over["reason"]
    assert alice.ticket(tid)["csat_score"] == 2


def test_hostile_comments_are_cleaned_escaped_and_kept(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = resolved_ticket(desk, alice, title='<img src=x onerror=alert(1)> "quoted"')
    link = survey_links(desk, mail_servers, tid)[0]
    page = requests.get(link, timeout=30).text
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    hostile = '</textarea><script>alert("x")</script>\x00\x1b[31m\u202eevil\r\n' + "' OR 1=1 --; DROP TABLE ticket;"
    sent = requests.post(link, data={"score": "5", "comment": hostile}, timeout=30)
    assert sent.status_code == 200
    assert "<script" not in sent.text and "&lt;/textarea&gt;&lt;script&gt;" in sent.text
    stored = alice.ticket(tid)["csat_comment"]
    assert "\x00" not in stored and "\x1b" not in stored
    assert stored.startswith('</textarea><script>alert("x")</script>[31m') and "DROP TABLE ticket;" in stored

    # Too long: refused with a clear message, the text stays in the box, nothing recorded.
    long = requests.post(link, data={"score": "3", "comment": "x" * 10_001}, timeout=30)
    assert long.status_code == 422 and "longer than 10,000 characters" in long.text
    assert form_of(long.text) == {"score": "3", "comment": "x" * 10_001}
    no_score = requests.post(link, data={"score": "9", "comment": "keep me"}, timeout=30)
    assert no_score.status_code == 422 and "choose a rating" in no_score.text
    assert form_of(no_score.text)["comment"] == "keep me"
    not_a_form = requests.post(link, json={"score": 1}, timeout=30)
    too_many_fields = requests.post(link, data={f"f{i}": "x" for i in range(20)} | {"score": "1"}, timeout=30)
    too_big = requests.post(link, data={"score": "1", "comment": "x" * 70_000}, timeout=30)
    for response in (not_a_form, too_many_fields, too_big):
        assert response.status_code == 400 and "could not be read" in response.text
    assert alice.ticket(tid)["csat_score"] == 5


def test_expired_forged_and_foreign_links_record_nothing(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    url = start(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = resolved_ticket(desk, alice, requester="dave")
    link = survey_links(desk, mail_servers, tid, "dave")[0]
    carol, dave = desk.requesters["carol"], desk.requesters["dave"]
    past = datetime.now(UTC) - timedelta(minutes=1)
    expired = sign(SECRET.encode(), ticket_id=tid, requester_id=dave, score=5, expires=past)
    forged = sign(b"not-the-server-secret-at-all", ticket_id=tid, requester_id=dave, score=5,
                  expires=past + timedelta(days=10))
    token = link.rsplit("/", 1)[1]
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    someone_else = sign(SECRET.encode(), ticket_id=tid, requester_id=carol, score=5,
                        expires=past + timedelta(days=10))
    unknown_ticket = sign(SECRET.encode(), ticket_id=new_id(), requester_id=dave, score=5,
                          expires=past + timedelta(days=10))
    cases = {expired: (410, "has expired"), forged: (404, "not valid"), tampered: (404, "not valid"),
             "not-a-token": (404, "not valid"), someone_else: (403, "another requester"),
             unknown_ticket: (410, "no longer exists")}
    for bad, (status, text) in cases.items():
        for response in (requests.get(f"{url}/survey/{bad}", timeout=30),
                         requests.post(f"{url}/survey/{bad}", data={"score": "1", "comment": "x"}, timeout=30)):
            assert response.status_code == status, (bad, response.text)
            assert text in response.text
            assert "default-src 'none'" in response.headers["content-security-policy"]
    assert alice.ticket(tid)["csat_score"] is None
    assert [r["event"] for r in outbox(desk, tid)] == ["received", "resolved", "survey"]


def test_a_reopened_ticket_refuses_the_old_survey_until_resolved_again(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = resolved_ticket(desk, alice)
    link = survey_links(desk, mail_servers, tid)[0]
    assert alice.push(alice.update(tid, state=("resolved", "in_progress")))[0]["status"] == "applied"
    refused = requests.post(link, data={"score": "5", "comment": ""}, timeout=30)
    assert refused.status_code == 409 and "reopened" in refused.text
    assert alice.ticket(tid)["csat_score"] is None
    # Resolved again: a new survey goes out, and the answer is taken.
    assert alice.push(alice.update(tid, state=("in_progress", "resolved")))[0]["status"] == "applied"
    assert [r["event"] for r in wait_sent(desk, tid, 5)] == ["received", "resolved", "survey", "resolved", "survey"]
    assert requests.post(link, data={"score": "5", "comment": ""}, timeout=30).status_code == 200
    assert alice.ticket(tid)["csat_score"] == 5


def test_answers_per_link_are_rate_limited(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path, rate_per_token=3)
    alice = desk.sign_in("alice")
    tid = resolved_ticket(desk, alice)
    links = survey_links(desk, mail_servers, tid)
    statuses = [requests.post(links[i % 5], data={"score": str(5 - i % 5)}, timeout=30).status_code
                for i in range(4)]
    assert statuses == [200, 200, 200, 429]   # the five links of one survey share the budget
    limited = requests.post(links[0], data={"score": "5"}, timeout=30)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert "Too many tries" in limited.text
    assert alice.ticket(tid)["csat_score"] == 3   # the third answer stands


def test_a_desk_cannot_push_a_survey_answer(mail_desk, mail_servers, tmp_path):
    desk = mail_desk
    start(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = resolved_ticket(desk, alice)

    def csat(score, source, comment=None):
        return alice.mutation("ticket", tid, "update", {"fields": {"csat_score": {"base": None, "new": score}},
                                                        "csat": {"source": source, "comment": comment}})

    refused = alice.push(csat(5, "survey"))[0]
    assert refused["status"] == "rejected" and "survey link only" in refused["reason"]
    assert alice.ticket(tid)["csat_score"] is None
    # An agent's answer by phone keeps its source and comment, and reaches desks like the survey's.
    assert alice.push(csat(3, "phone", "  Said it was OK.\x07 "))[0]["status"] == "applied"
    row = alice.ticket(tid)
    assert (row["csat_score"], row["csat_source"], row["csat_comment"]) == (3, "phone", "Said it was OK.")
    assert row["csat_at"] is not None


def test_a_desk_store_pulls_the_answer_and_its_kpi_counts_it(mail_desk, mail_servers, tmp_path, store_template):
    """The real desk sync (app.sync) brings the requester's answer into a desk's store, where the ticket
    detail and the satisfaction KPI read it."""
    desk = mail_desk
    db = Database(desk.database_url)
    try:  # the fixture wrote the requesters with plain SQL: log them, as the server does its people
        with db.write() as session:
            for person_id in desk.requesters.values():
                changelog.record(session, entity="person", entity_id=person_id)
    finally:
        db.dispose()
    start(desk, mail_servers, tmp_path)
    alice = desk.sign_in("alice")
    tid = resolved_ticket(desk, alice)
    link = survey_links(desk, mail_servers, tid)[0]
    client = DeskClient(desk.url, tokens=MemoryTokenStore())
    client.sign_in("alice", PASSWORD)
    store = store_from(store_template, tmp_path / "alice.sqlite3")
    try:
        sync_once(store, client)
        with store.session() as s:
            kpi_daily.rebuild(s)   # the dashboard was shown on this desk: pulls keep its figures current
        assert requests.post(link, data={"score": "5", "comment": "Spot on <3"}, timeout=30).status_code == 200
        sync_once(store, client)
        with store.session() as s:
            detail = ticket_detail(s, ticket_id=tid)
            assert (detail.csat_score, detail.csat_source, detail.csat_comment) == (5, "survey", "Spot on <3")
            assert detail.csat_at is not None
            assert s.scalar(select(func.sum(KpiDaily.csat_n))) == 1
            assert s.scalar(select(func.sum(KpiDaily.csat_sum))) == 5
    finally:
        client.close()
        store.close()
