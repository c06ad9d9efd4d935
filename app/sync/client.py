"""HTTP client of the sync protocol over requests.Session: sign-in, token refresh, push, pull."""
# Network only: it never touches the store. One SyncClient belongs to one thread at a time (a
# requests.Session is not meant to be shared); the task runner's worker that runs the sync owns it.
# Every request has a timeout; TLS is always verified (against `ca_bundle` when given).

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import orjson
import requests

from app.credentials import MemoryTokenStore, TokenStore
from app.sync import SCHEMA_VERSION, replies
from app.sync.errors import (
    AuthExpired,
    BadCredentials,
    CursorAhead,
    Offline,
    ProtocolError,
    RateLimited,
    ResyncRequired,
    ServerError,
    SyncError,
    UpgradeRequired,
)

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0
WAIT_MARGIN = 15.0  # a long-poll's read timeout is its wait plus this


@dataclass(frozen=True)
class Account:
    """Who is signed in, as the server said at sign-in or refresh."""

    name: str
    role: str
    person_id: str
    group_ids: tuple[str, ...]
    person_name: str = ""  # the person's display name; "" from a server that does not say it
    groups: tuple[tuple[str, str], ...] = ()  # (id, name) of the user's groups, when the server says them


class SyncClient:
    """A session with one server. The access token lives only in this object; the refresh token goes
    to `tokens` (app.credentials.TokenStore), so a restarted app can `resume` without a password.
    """

    def __init__(self, url: str, *, tokens: TokenStore | None = None, ca_bundle: str | None = None,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)) -> None:
        self.url = url.rstrip("/")
        self.tokens = tokens if tokens is not None else MemoryTokenStore()
        self.timeout = timeout
        self.account: Account | None = None
        self._user: str | None = None
        self._access: str | None = None
        self._http = requests.Session()
        # verify is never False: True uses the system's CA store, a path a private CA bundle.
        self._http.verify = ca_bundle if ca_bundle else True
        self._refresh_lock = threading.Lock()

    # --- plumbing -----------------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    @property
    def server_key(self) -> str:
        """The key the store's cursor is saved under: this server and the signed-in user."""
        if self._user is None:
            raise AuthExpired("Sign in first.")
        return f"{self.url}|{self._user}"

    def _send(self, method: str, path: str, *, read_timeout: float | None = None, auth: bool = True,
              **kwargs: Any) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if auth:
            if self._access is None:
                raise AuthExpired("Sign in first.")
            headers["Authorization"] = f"Bearer {self._access}"
        timeout = (self.timeout[0], read_timeout or self.timeout[1])
        try:
            return self._http.request(method, self.url + path, headers=headers, timeout=timeout, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise ServerError(f"The server's certificate could not be verified: {exc}") from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"The server {self.url} cannot be reached right now.") from exc
        except requests.RequestException as exc:
            raise ServerError(f"The request to {self.url} failed: {exc}") from exc

    @staticmethod
    def _detail(response: requests.Response) -> tuple[str | None, str]:
        try:
            detail = response.json().get("detail")
        except (ValueError, AttributeError):
            detail = None
        if isinstance(detail, dict):
            return detail.get("code"), str(detail.get("message") or "")
        return None, f"The server answered {response.status_code}."

    def _check(self, response: requests.Response) -> Any:
        """The JSON body of a 2xx answer, or the typed error for the others."""
        if 200 <= response.status_code < 300:
            try:
                # orjson: a pull page of 1,000 tickets decodes in a third of the time, and the decode
                # (on the prefetch thread) holds the interpreter lock while a page is applied.
                return orjson.loads(response.content) if response.content else None
            except ValueError as exc:
                raise ProtocolError("The server's answer could not be read (it is not JSON). Nothing was "
                                    "changed; your edits are kept.", response.status_code) from exc
        code, message = self._detail(response)
        status = response.status_code
        if status == 401:
            raise (BadCredentials if code == "bad_credentials" else AuthExpired)(message or "Sign in again.")
        if status == 429:
            try:
                retry_after = float(response.headers.get("Retry-After", "60"))
            except ValueError:
                retry_after = 60.0
            raise RateLimited(message or "Too many attempts; wait a moment.", retry_after)
        if status == 426:
            raise UpgradeRequired(message or "Please update Deskside.")
        if status == 409 and code == "cursor_ahead":
            raise CursorAhead(message, status, code)
        if status == 410 and code == "resync_required":
            raise ResyncRequired(message, status, code)
        raise ServerError(message, status, code)

    def _authed(self, method: str, path: str, **kwargs: Any) -> Any:
        """A call that refreshes the access token once on 401 and tries again. Safe for push too: a
        repeated push answers with the stored receipts."""
        try:
            return self._check(self._send(method, path, **kwargs))
        except BadCredentials:
            raise
        except AuthExpired:
            self.refresh()
            return self._check(self._send(method, path, **kwargs))

    def _take(self, pair: Any) -> Account:
        user = replies.token_pair(pair)["user"]
        groups = tuple((str(g["id"]), str(g["name"])) for g in user.get("groups") or ())
        self.account = Account(name=user["name"], role=user["role"], person_id=user["person_id"],
                               group_ids=tuple(user["group_ids"]), person_name=str(user.get("person_name") or ""),
                               groups=groups)
        self._user = user["name"]
        self._access = pair["access_token"]
        self.tokens.save(self.url, self._user, pair["refresh_token"])
        return self.account

    # --- the protocol ---------------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """GET /v1/info: {name, schema_version, min_schema_version}; needs no sign-in."""
        return replies.server_info(self._check(self._send("GET", "/v1/info", auth=False)))

    def sign_in(self, name: str, password: str) -> Account:
        """Sign in with a password. Raises BadCredentials, RateLimited, Offline, ServerError.
        The password is not kept."""
        self._user = name
        response = self._send("POST", "/v1/auth/sign-in", auth=False, json={"name": name, "password": password})
        return self._take(self._check(response))

    def resume(self, name: str) -> Account:
        """Sign in again as `name` with the refresh token saved at the last sign-in (no password)."""
        self._user = name
        return self.refresh()

    def refresh(self) -> Account:
        """Trade the saved refresh token for a new pair. Raises AuthExpired when there is none or the
        server refuses it (expired, revoked, already used): the user must sign in again."""
        with self._refresh_lock:
            if self._user is None:
                raise AuthExpired("Sign in first.")
            token = self.tokens.load(self.url, self._user)
            if token is None:
                self._access = None
                raise AuthExpired("Your sign-in is not remembered on this computer; please sign in again.")
            response = self._send("POST", "/v1/auth/refresh", auth=False, json={"refresh_token": token})
            try:
                pair = self._check(response)
            except AuthExpired:
                self._access = None
                self.tokens.delete(self.url, self._user)
                raise AuthExpired("Your sign-in has expired; please sign in again.") from None
            return self._take(pair)

    def sign_out(self) -> None:
        """Revoke this sign-in on the server (best effort: offline still forgets it here)."""
        try:
            if self._access is not None:
                self._check(self._send("POST", "/v1/auth/sign-out"))
        except SyncError:
            pass
        finally:
            if self._user is not None:
                self.tokens.delete(self.url, self._user)
            self._access = None
            self.account = None

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        """POST /v1/sync/push; returns {"receipts": [...], "cursor": N}. At most 500 mutations."""
        body = {"client_id": client_id, "schema_version": SCHEMA_VERSION, "mutations": mutations}
        return replies.push_answer(self._authed("POST", "/v1/sync/push", json=body))

    def pull(self, cursor: int, limit: int = 200, wait: float = 0, priority_first: bool = False) -> dict[str, Any]:
        """GET /v1/sync/pull; returns the page as the protocol describes it. Raises CursorAhead on 409 and
        ResyncRequired on 410 (the cursor is older than the tombstone horizon)."""
        params: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "cursor": cursor, "limit": limit}
        if wait:
            params["wait"] = wait
        if priority_first:
            params["priority_first"] = "true"
        read_timeout = max(self.timeout[1], wait + WAIT_MARGIN)
        page = self._authed("GET", "/v1/sync/pull", params=params, read_timeout=read_timeout)
        return replies.pull_page(page, cursor=cursor, priority_first=priority_first)

    # --- attachment bytes (see app.sync.attachments) ------------------------------------------------

    def _raw(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """A request whose status the caller reads itself; refreshes the access token once on 401."""
        response = self._send(method, path, **kwargs)
        if response.status_code == 401:
            response.close()
            self.refresh()
            response = self._send(method, path, **kwargs)
        return response

    def blob_status(self, sha256: str) -> tuple[int, bool]:
        """HEAD /v1/blobs/{sha}: (bytes the server holds, complete); (0, False) when it knows nothing."""
        response = self._raw("HEAD", f"/v1/blobs/{sha256}")
        if response.status_code == 404:
            return 0, False
        self._check(response)
        return _held(response, "0"), response.headers.get("X-Blob-Complete") == "true"

    def blob_put(self, sha256: str, chunk: bytes, start: int, total: int) -> tuple[int, bool]:
        """PUT one chunk at `start`; returns (bytes the server now holds, complete). A wrong offset
        (409) answers the server's offset instead of raising, so the caller resumes from there; bytes
        that do not hash to the address raise ServerError with status 422."""
        headers = {"Content-Type": "application/octet-stream"}
        if total:  # an empty file has no range to name: the body is the whole file
            headers["Content-Range"] = f"bytes {start}-{start + len(chunk) - 1}/{total}"
        response = self._raw("PUT", f"/v1/blobs/{sha256}", data=chunk, headers=headers)
        if response.status_code == 409 and response.headers.get("X-Received-Size", "").isdigit():
            return _held(response, "0", total), False
        self._check(response)
        return _held(response, str(start + len(chunk)), total), response.headers.get("X-Blob-Complete") == "true"

    def blob_get(self, sha256: str, offset: int = 0) -> requests.Response:
        """GET /v1/blobs/{sha} from `offset` (a Range request), streamed: the caller reads and closes
        it. Status 200 means the server sent the whole file (it ignored the range), 206 the rest.
        Raises the typed errors (404 / 403 as ServerError)."""
        headers = {"Range": f"bytes={offset}-"} if offset else {}
        response = self._raw("GET", f"/v1/blobs/{sha256}", headers=headers, stream=True)
        if response.status_code not in (200, 206):
            try:
                self._check(response)
            finally:
                response.close()
        return response


def _held(response: requests.Response, default: str, total: int | None = None) -> int:
    """The server's X-Received-Size: a byte count within the file (when its size is known)."""
    raw = response.headers.get("X-Received-Size", default)
    if not raw.isdigit() or (total is not None and int(raw) > total) or int(raw) > replies.MAX_INT:
        raise ProtocolError(f"The server named an impossible upload position ({raw[:20]}). Nothing was changed; the "
                            "upload resumes later.")
    return int(raw)
