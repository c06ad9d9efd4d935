"""Hostile or malformed server replies: a small HTTP server on 127.0.0.1 speaks the protocol correctly
except for one endpoint's answer. Every case raises ProtocolError with a readable message, and the
store is left as it was (the outbox kept); a server saying "more" forever does not keep the client
pulling."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from app.credentials import MemoryTokenStore
from app.models import OutboxMutation, StoreMeta, SyncCursor, SyncReceipt, Ticket
from app.people import reference
from app.sync.client import SyncClient
from app.sync.engine import pull_changes, saved_cursor, sync_once
from app.sync.errors import ProtocolError
from app.tickets import writes as tickets
from core.schema import utcnow
from tests.conftest import store_from

USER = {"name": "ann", "role": "agent", "person_id": "p-ann", "group_ids": ["g-a"]}
PAIR = {"access_token": "a" * 20, "refresh_token": "r" * 20, "token_type": "bearer", "expires_in": 600, "user": USER}
NOW = "2026-01-05T10:00:00+00:00"
TICKET = {"id": "t-1", "type": "incident", "number": "INC0000100", "title": "From the server", "description": "",
          "state": "new", "is_open": True, "impact": 2, "urgency": 2, "priority": 3, "priority_overridden": False,
          "channel": "phone", "created_at": NOW, "updated_at": NOW, "reopen_count": 0}


def _page(cursor: int = 0, **extra) -> dict:
    page = {"next_cursor": cursor, "has_more": False, "changes": [], "rows": {}, "tombstones": [], "evictions": [],
            "conflicts": []}
    return page | extra


def _ticket_page(**ticket) -> dict:
    row = TICKET | ticket
    return _page(1, changes=[{"seq": 1, "entity": "ticket", "entity_id": row["id"], "op": "upsert"}],
                 rows={"ticket": [{k: v for k, v in row.items() if v is not ...}]})


class HostileServer:
    """Answers like a server, except `override`: (method, path, status, body bytes or a function of the
    query, extra headers) for the one endpoint under test."""

    def __init__(self) -> None:
        self.override: tuple | None = None
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                status, body, headers = server.answer(self.command, parts.path, raw, query)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_HEAD = _answer

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="hostile-server", daemon=True,
                                        kwargs={"poll_interval": 0.05})  # close() waits for one poll
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, method: str, path: str, raw: bytes, query: dict) -> tuple[int, bytes, dict]:
        if self.override and self.override[0] == method and path.startswith(self.override[1]):
            _m, _p, status, body, headers = self.override
            return status, body(query) if callable(body) else body, headers
        if path in ("/v1/auth/sign-in", "/v1/auth/refresh"):
            return 200, json.dumps(PAIR).encode(), {}
        if path == "/v1/info":
            return 200, json.dumps({"name": "hostile", "schema_version": 1, "min_schema_version": 1}).encode(), {}
        if path == "/v1/sync/push":
            mutations = json.loads(raw)["mutations"]
            receipts = [{"seq": m["seq"], "mutation_id": m["mutation_id"], "status": "applied"} for m in mutations]
            return 200, json.dumps({"receipts": receipts, "cursor": 1}).encode(), {}
        if path == "/v1/sync/pull":
            return 200, json.dumps(_page(int(query.get("cursor", 0)))).encode(), {}
        if path.startswith("/v1/blobs"):
            return 200, b"", {"X-Received-Size": "0", "X-Blob-Complete": "false"}
        return 404, b'{"detail": "not here"}', {}

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def hostile():
    server = HostileServer()
    yield server
    server.close()


@pytest.fixture
def desk(tmp_path, hostile, store_template):
    """A signed-in desk with one edit waiting in its outbox."""
    store = store_from(store_template, tmp_path / "desk.sqlite3")
    client = SyncClient(hostile.url, tokens=MemoryTokenStore())
    client.sign_in("ann", "secret")
    with store.session() as s:
        me = reference.ensure_local_user(s, name="Ann")
        tickets.create_ticket(s, ticket_type="incident", title="Typed offline", actor_id=me)
    yield store, client
    client.close()
    store.close()


def _state(store, key: str) -> tuple:
    with store.session() as s:

        def count(model) -> int:
            return s.scalar(select(func.count()).select_from(model))

        return (count(Ticket), list(s.scalars(select(OutboxMutation.mutation_id).order_by(OutboxMutation.seq))),
                count(SyncReceipt), saved_cursor(store, key), sorted(s.scalars(select(StoreMeta.key))),
                sorted(s.scalars(select(Ticket.title))))


def _json(value) -> bytes:
    return json.dumps(value).encode()


SIGN_IN = [
    ("sign-in: a list", b"[]"),
    ("sign-in: an empty object", b"{}"),
    ("sign-in: an empty body", b""),
    ("sign-in: not JSON", b"<html>Gateway</html>"),
    ("sign-in: groups not a list", _json(PAIR | {"user": USER | {"group_ids": "g-a"}})),
    ("sign-in: no refresh token", _json({k: v for k, v in PAIR.items() if k != "refresh_token"})),
]
PUSH = [
    ("push: a list", b"[]"),
    ("push: an empty object", b"{}"),
    ("push: an empty body", b""),
    ("push: receipts not a list", _json({"receipts": "all good", "cursor": 1})),
    ("push: receipt without status", None),  # None: built from the pushed mutations (_flawed_receipts)
    ("push: receipt seq as text", None),
    ("push: number not text", None),
]
PULL = [
    ("pull: a list", b"[]"),
    ("pull: an empty object", b"{}"),
    ("pull: an empty body", b""),
    ("pull: not JSON", b"\xff\xfe garbage"),
    ("pull: has_more as text", _json(_page(1, has_more="yes"))),
    ("pull: negative cursor", _json(_page(-1))),
    ("pull: cursor as text", _json(_page() | {"next_cursor": "12"})),
    ("pull: absurd cursor", _json(_page(2 ** 63))),
    ("pull: cursor going back", _json(_page(5))),
    ("pull: more forever, cursor still", _json(_page(0, has_more=True))),
    ("pull: rows a list", _json(_page(1, rows=[]))),
    ("pull: row not an object", _json(_page(1, rows={"ticket": [1]}))),
    ("pull: change without entity", _json(_page(1, changes=[{"seq": 1, "entity_id": "t-1", "op": "upsert"}]))),
    ("pull: ticket without title", _json(_ticket_page(title=...))),
    ("pull: time not ISO", _json(_ticket_page(created_at="yesterday"))),
    ("pull: number out of range", _json(_ticket_page(impact=2 ** 70))),
    ("pull: wrong type", _json(_ticket_page(is_open="maybe"))),
    ("pull: unknown group", _json(_ticket_page(group_id="g-nowhere"))),
]


def _flawed_receipts(case: str, mutations: list[dict]) -> bytes:
    """Receipts shaped like the real ones for these mutations, but for the case's one flaw."""
    receipts = [{"seq": m["seq"], "mutation_id": m["mutation_id"], "status": "applied"} for m in mutations]
    if case.endswith("without status"):
        del receipts[0]["status"]
    elif case.endswith("seq as text"):
        receipts[0]["seq"] = str(receipts[0]["seq"])
    else:
        receipts[0]["number"] = 12
    return _json({"receipts": receipts, "cursor": 1})


@pytest.mark.parametrize("case,body", SIGN_IN, ids=[c for c, _ in SIGN_IN])
def test_a_malformed_sign_in_answer_is_a_protocol_error(hostile, case, body):
    hostile.override = ("POST", "/v1/auth/sign-in", 200, body, {})
    client = SyncClient(hostile.url, tokens=MemoryTokenStore())
    try:
        with pytest.raises(ProtocolError) as raised:
            client.sign_in("ann", "secret")
        assert "cannot use" in str(raised.value) or "could not be read" in str(raised.value)
        assert client.account is None and client.tokens.load(hostile.url, "ann") is None
    finally:
        client.close()


def test_a_malformed_refresh_answer_is_a_protocol_error_and_keeps_the_session(desk, hostile):
    _store, client = desk
    hostile.override = ("POST", "/v1/auth/refresh", 200, _json({"access_token": "x"}), {})
    with pytest.raises(ProtocolError):
        client.refresh()
    assert client.tokens.load(hostile.url, "ann") == PAIR["refresh_token"]


@pytest.mark.parametrize("case,body", PUSH, ids=[c for c, _ in PUSH])
def test_a_malformed_push_answer_changes_nothing(desk, hostile, case, body):
    store, client = desk
    if body is None:
        original = hostile.answer

        def answer(method, path, raw, query):
            if path == "/v1/sync/push":
                return 200, _flawed_receipts(case, json.loads(raw)["mutations"]), {}
            return original(method, path, raw, query)
        hostile.answer = answer
    else:
        hostile.override = ("POST", "/v1/sync/push", 200, body, {})
    before = _state(store, client.server_key)
    with pytest.raises(ProtocolError) as raised:
        sync_once(store, client)
    assert str(raised.value) and "Traceback" not in str(raised.value)
    assert _state(store, client.server_key) == before and len(before[1]) == 1


@pytest.mark.parametrize("case,body", PULL, ids=[c for c, _ in PULL])
def test_a_malformed_pull_page_changes_nothing(desk, hostile, case, body):
    store, client = desk
    if case.endswith("going back"):
        with store.session() as s:
            s.add(SyncCursor(server_key=client.server_key, cursor=10, updated_at=utcnow()))
    hostile.override = ("GET", "/v1/sync/pull", 200, body, {})
    before = _state(store, client.server_key)
    with pytest.raises(ProtocolError) as raised:
        pull_changes(store, client)
    assert "cannot use" in str(raised.value) or "could not be read" in str(raised.value) \
        or "do not fit" in str(raised.value)
    assert _state(store, client.server_key) == before and len(before[1]) == 1


def test_the_hostile_server_is_otherwise_a_server(desk, hostile):
    """The well-formed page of the cases above applies: each case fails for its one flaw."""
    store, client = desk
    hostile.override = ("GET", "/v1/sync/pull", 200, _json(_ticket_page()), {})
    pull_changes(store, client)
    assert _state(store, client.server_key)[5] == ["From the server", "Typed offline"]
    hostile.override = None
    assert sync_once(store, client).statuses == {"applied": 1}


def test_a_malformed_long_poll_answer_is_a_protocol_error(desk, hostile):
    _store, client = desk
    hostile.override = ("GET", "/v1/sync/pull", 200, b"{}", {})
    with pytest.raises(ProtocolError):
        client.pull(0, 1, wait=1)


@pytest.mark.parametrize("method,headers", [("HEAD", {"X-Received-Size": "lots"}),
                                            ("PUT", {"X-Received-Size": "999999999"})], ids=["head", "put"])
def test_an_impossible_upload_position_is_a_protocol_error(desk, hostile, method, headers):
    _store, client = desk
    hostile.override = (method, "/v1/blobs/", 200, b"", headers)
    with pytest.raises(ProtocolError):
        if method == "HEAD":
            client.blob_status("0" * 64)
        else:
            client.blob_put("0" * 64, b"abc", 0, 3)


def test_a_server_saying_more_forever_does_not_keep_the_client_pulling(desk, hostile):
    store, client = desk
    hostile.override = ("GET", "/v1/sync/pull", 200,
                        lambda q: _json(_page(int(q["cursor"]) + 1, has_more=True)), {})
    with pytest.raises(ProtocolError) as raised:
        pull_changes(store, client, max_pages=25)
    assert "more changes follow" in str(raised.value)
    assert saved_cursor(store, client.server_key) == 25
