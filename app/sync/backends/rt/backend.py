"""Request Tracker 5 as a sync backend: sign-in with an RT auth token kept in the OS keyring, pulls and
pushes through app.sync.backends.rt.pull / push, in the reference protocol's shapes."""

from __future__ import annotations

import time
from typing import Any

import requests

from app.credentials import MemoryTokenStore, TokenStore
from app.sync import SCHEMA_VERSION
from app.sync.backends import moves, refs
from app.sync.backends.base import Capabilities
from app.sync.backends.rt import files, mapping
from app.sync.backends.rt.http import CONNECT_TIMEOUT, READ_TIMEOUT, RtHttp
from app.sync.backends.rt.pull import Puller
from app.sync.backends.rt.push import Pusher
from app.sync.client import Account
from app.sync.errors import AuthExpired, ServerError

RT = Capabilities(kind="rt", label="Request Tracker", etags=True, idempotent_push=False, change_records=False,
                  sla_policies=False, attachments=True, long_poll=False, conflict_records=False)
POLL_S = 5.0  # a waiting pull asks RT for news this often


class RtBackend:
    capabilities = RT

    def __init__(self, url: str, *, tokens: TokenStore | None = None, ca_bundle: str | None = None,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT), custom_fields: str = "") -> None:
        self.rt = RtHttp(url, ca_bundle=ca_bundle, timeout=timeout)
        self.names = mapping.field_names(custom_fields)  # the profile's rt_custom_fields setting
        self.url = self.rt.url
        self.tokens = tokens if tokens is not None else MemoryTokenStore()
        self.account: Account | None = None
        self._user: str | None = None
        self._me: dict[str, Any] = {}  # RT's record of the signed-in user
        self._db: Any = None
        self._puller: Puller | None = None
        self._watch_http: RtHttp | None = None

    # --- plumbing -------------------------------------------------------------------------------------

    def close(self) -> None:
        if self._puller is not None:
            self._puller.close()
        if self._watch_http is not None:
            self._watch_http.close()
        self.rt.close()

    @property
    def server_key(self) -> str:
        if self._user is None:
            raise AuthExpired("Sign in to Request Tracker first.")
        return f"{self.url}|{self._user}"

    def bind_store(self, db: Any) -> None:
        """The round's SyncDb: ids, versions and the sent ledger live in the desk's store."""
        self._db = db
        if self._puller is not None:  # its caches and sweep clock live on; it reads this round's store
            self._puller.read = db.read
            self._puller.blob_dir = db.blob_dir

    def _drop_puller(self) -> None:
        if self._puller is not None:
            self._puller.close()
            self._puller = None

    def _pull_side(self) -> Puller:
        if self._db is None:
            raise RuntimeError("RtBackend.bind_store must be called before a pull")
        if self._puller is None:
            self._puller = Puller(self.rt, self.server_key, self._db.read, self.names)
            self._puller.blob_dir = self._db.blob_dir
        return self._puller

    # --- sign-in --------------------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """Checks that the address is RT with REST2 (raises with a message for the user when not)."""
        self.rt.probe()
        return {"name": "Request Tracker", "schema_version": SCHEMA_VERSION, "min_schema_version": SCHEMA_VERSION,
                "mail": True}

    def sign_in(self, name: str, password: str) -> Account:
        """`password` is the RT auth token (`name` may be empty: the token says whose it is). The token goes
        to the keyring under this URL and the token owner's RT user name."""
        user = self.rt.sign_in(password.strip())
        login = str(user.get("Name") or "")
        if not login:
            raise ServerError("Request Tracker did not say whose token this is.", 502)
        if name and name != login:
            raise ServerError(f"This token belongs to RT user {login!r}, not {name!r}.", 400)
        self._user = login
        self._me = user
        self._drop_puller()
        person = mapping.person_row(self.url, user)
        self.account = Account(name=login, role="agent", person_id=person["id"], group_ids=(),
                               person_name=person["name"])
        self.tokens.save(self.url, login, password.strip())
        return self.account

    def resume(self, name: str) -> Account:
        token = self.tokens.load(self.url, name)
        if token is None:
            raise AuthExpired("Your RT auth token is not remembered on this computer; please sign in again.")
        return self.sign_in(name, token)

    def refresh(self) -> Account:
        if self._user is None:
            raise AuthExpired("Sign in to Request Tracker first.")
        return self.resume(self._user)

    def sign_out(self) -> None:
        """Forgets the token on this computer (RT keeps it valid until it is revoked in RT)."""
        if self._user is not None:
            self.tokens.delete(self.url, self._user)
        self.account = None

    # --- sync -------------------------------------------------------------------------------------

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        if self._db is None or self._user is None:
            raise AuthExpired("Sign in to Request Tracker first.")
        return Pusher(self.rt, self.server_key, self._db.read, self._db.write, self._user,
                      blob_dir=self._db.blob_dir, names=self.names).push(mutations)

    def pull(self, cursor: int, limit: int = 200, wait: float = 0, priority_first: bool = False) -> dict[str, Any]:
        if wait:
            return self._watch(cursor, wait)
        puller = self._pull_side()
        if priority_first and cursor == 0:
            return self._with_me(puller.head_start(limit))
        page = puller.page(cursor, limit)
        if cursor == 0:
            page = self._with_me(page)
        if not page["has_more"]:  # the end of a round's walk: tickets that left the user's rights
            swept = puller.sweep(page["next_cursor"])
            page["changes"] = [*page["changes"], *swept["changes"]]
            rows = page.setdefault("rows", {})
            for entity, items in (swept.get("rows") or {}).items():
                rows[entity] = [*rows.get(entity, []), *items]
            for key in (refs.PAGE_KEY, moves.PAGE_KEY):
                page[key] = [*page.get(key, []), *swept.get(key, [])]
        return page

    def _with_me(self, page: dict[str, Any]) -> dict[str, Any]:
        """A first page carries the signed-in user's own person (the desk's current user, who acts in every
        edit), whether or not a ticket names them."""
        if not self._me or self._user is None:
            return page
        me = mapping.person_row(self.url, self._me, mapping.local_id(self.url, "user", self._user))
        people = page.setdefault("rows", {}).setdefault("person", [])
        if all(p.get("id") != me["id"] for p in people):
            people.append(me)
            page[refs.PAGE_KEY] = [*page.get(refs.PAGE_KEY, []), ("user", self._user, me["id"], None)]
        return page

    def _watch(self, cursor: int, wait: float) -> dict[str, Any]:
        """A waiting pull (the app's watch for news between rounds): RT cannot wait for changes, so its newest
        ticket transaction is asked for every POLL_S seconds, on a connection of its own (a round may run
        meanwhile), without touching the store. The answer moves no cursor: news is a page whose only
        change names nothing the desk applies, so the next round pulls it properly."""
        if self._watch_http is None:
            self._watch_http = self.rt.fork()
        deadline = time.monotonic() + wait
        while True:
            answer = self._watch_http.search("/transactions", "ObjectType = 'RT::Ticket'", order="DESC", per_page=1)
            items = answer.get("items") or []
            if items and int(items[0]["id"]) > cursor:
                return {"next_cursor": cursor, "has_more": False, "rows": {}, "tombstones": [], "evictions": [],
                        "conflicts": [], "changes": [{"seq": 0, "entity": "rt_news", "entity_id": "", "op": "upsert"}]}
            if time.monotonic() >= deadline:
                return {"next_cursor": cursor, "has_more": False, "rows": {}, "tombstones": [], "evictions": [],
                        "conflicts": [], "changes": []}
            time.sleep(min(POLL_S, max(0.0, deadline - time.monotonic())))

    # --- attachment files: they move inside pulls and pushes (app.sync.backends.rt.files) -------------------

    def blob_status(self, sha256: str) -> tuple[int, bool]:
        """RT takes a file with the note that carries it (the push): nothing to upload on its own."""
        return 0, True

    def blob_put(self, sha256: str, chunk: bytes, start: int, total: int) -> tuple[int, bool]:
        return total, True

    def blob_get(self, sha256: str, offset: int = 0) -> requests.Response:
        """A file missing from the data folder (deleted there, or the folder restored from an old copy) is read
        again from RT by the attachment ids the desk recorded for it; RT knows no hashes, so always whole."""
        if self._db is None:
            raise RuntimeError("RtBackend.bind_store must be called before a download")
        remote_ids = self._db.read(refs.remotes_of_file, server_key=self.server_key, sha256=sha256)
        return files.as_response(files.fetch_again(self.rt, remote_ids, sha256))
