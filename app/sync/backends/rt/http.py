"""HTTP to one RT5 server's REST2 API: sign-in with an auth token, then a session cookie, typed errors."""
# Measured on RT 5.0.3 (Debian's package): a request authenticated by an auth token costs ~440 ms (RT
# hashes the token on every request), one with a session cookie ~9 ms. So the token is sent once, to the
# web UI's root (RT::Interface::Web::AttemptTokenAuthentication opens a session for it), and later requests
# carry the cookie; when RT does not give one, every request carries the token. Writes with a cookie are
# refused (403, RT's CSRF check) unless a Referer on RT's own address is sent: every request sends one.
# One RtHttp belongs to one thread at a time, like app.sync.client.SyncClient.

from __future__ import annotations

import base64
import contextlib
from typing import Any

import orjson
import requests

from app.sync.errors import AuthExpired, BadCredentials, Offline, ProtocolError, ServerError

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0
PAGE_MAX = 100  # RT's REST2 answers at most 100 rows a page
NO_REST2 = "not_rt"


class BadToken(BadCredentials):
    """RT refused the auth token (or it is not one)."""


class RtHttp:
    def __init__(self, url: str, *, ca_bundle: str | None = None,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._token: str | None = None
        self._cookie = False
        self._http = requests.Session()
        self._http.verify = ca_bundle if ca_bundle else True
        self._http.headers["Referer"] = self.url + "/"

    def close(self) -> None:
        self._http.close()

    # --- sign-in --------------------------------------------------------------------------------------

    def probe(self) -> None:
        """Check that the address is an RT with REST2, before any token is sent. Raises Offline for an
        address that does not answer, ServerError(code NO_REST2) for one that is not RT's REST2."""
        response = self._raw("GET", "/REST/2.0/", auth=False)
        if response.status_code == 401 and "application/json" in response.headers.get("Content-Type", ""):
            return  # REST2 is there and wants a sign-in
        if response.status_code == 200 and b"RT" in response.content[:4000]:
            return
        raise ServerError(f"{self.url} does not answer as Request Tracker's REST2 API (HTTP "
                          f"{response.status_code} at /REST/2.0/). Check the address (with RT's web path, e.g. "
                          "https://rt.example.com/rt) and that RT is version 4.4 or newer.",
                          response.status_code, NO_REST2)

    def sign_in(self, token: str) -> dict[str, Any]:
        """Check the token once and open a session for it; returns RT's user record of its owner.
        Raises BadCredentials for a token RT refuses."""
        parts = token.split("-", 2)  # RT's auth string: <version>-<user id>-<secret>
        owner = parts[1] if len(parts) == 3 and parts[0].isdigit() else ""
        if not owner.isdigit():
            raise BadToken("This is not an RT auth token (it looks like 1-23-0123abcd…): create one in RT "
                                 "under Logged in as → Settings → Auth Tokens.")
        self._token, self._cookie = token, False
        self._http.cookies.clear()
        user = self.get(f"/user/{owner}")  # token auth; a refused token answers 401
        # One request to the web UI with the token opens a session; its cookie replaces the token from here.
        response = self._raw("GET", "/", auth=True)
        self._cookie = response.ok and any(c.name.startswith("RT_SID") for c in self._http.cookies)
        return user

    def fork(self) -> RtHttp:
        """Another connection with this one's sign-in (token and session cookie), for a helper thread."""
        other = RtHttp(self.url, ca_bundle=self._http.verify if isinstance(self._http.verify, str) else None,
                       timeout=self.timeout)
        other._token, other._cookie = self._token, self._cookie
        other._http.cookies.update(self._http.cookies)
        return other

    @property
    def uses_cookie(self) -> bool:
        return self._cookie

    # --- requests ---------------------------------------------------------------------------------

    def _raw(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if auth and not self._cookie:
            if self._token is None:
                raise AuthExpired("Sign in to Request Tracker first.")
            headers["Authorization"] = f"token {self._token}"
        full = self.url + path
        try:
            return self._http.request(method, full, headers=headers, timeout=self.timeout, allow_redirects=False,
                                      **kwargs)
        except requests.exceptions.SSLError as exc:
            raise ServerError(f"The certificate of {self.url} could not be verified: {exc}") from exc
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"Request Tracker at {self.url} cannot be reached right now.") from exc
        except requests.RequestException as exc:
            raise ServerError(f"The request to {self.url} failed: {exc}") from exc

    def web_page(self, path: str) -> str | None:
        """The HTML of a page of RT's own web UI (signed in as for REST2), or None when RT does not hand it out
        (no right, the session gone: a redirect to the login page, an error)."""
        response = self._raw("GET", path)
        if response.status_code != 200 or "html" not in response.headers.get("Content-Type", ""):
            return None
        return response.text

    def call(self, method: str, path: str, *, retry_auth: bool = True, **kwargs: Any) -> requests.Response:
        """A REST2 request; a session that RT expired is opened again once with the token."""
        response = self._raw(method, "/REST/2.0" + path, **kwargs)
        if response.status_code == 401 and self._cookie and retry_auth and self._token:
            self.sign_in(self._token)
            response = self._raw(method, "/REST/2.0" + path, **kwargs)
        if response.status_code == 401:
            raise BadToken("Request Tracker refused the auth token (revoked, expired or mistyped).")
        return response

    def get(self, path: str, **params: Any) -> Any:
        return self.body(self.call("GET", path, params=params or None))

    def body(self, response: requests.Response) -> Any:
        if 200 <= response.status_code < 300:
            try:
                return orjson.loads(response.content) if response.content else None
            except ValueError as exc:
                raise ProtocolError(f"Request Tracker's answer could not be read (not JSON, HTTP "
                                    f"{response.status_code}).", response.status_code) from exc
        message = ""
        with contextlib.suppress(ValueError, AttributeError):
            message = str(orjson.loads(response.content).get("message") or "")
        raise ServerError(f"Request Tracker answered {response.status_code}{': ' + message if message else '.'}",
                          response.status_code)

    def search(self, path: str, query: str, *, order_by: str = "id", order: str = "ASC", fields: str = "",
               per_page: int = PAGE_MAX, page: int = 1) -> dict[str, Any]:
        """One page of a TicketSQL / TransactionSQL search."""
        params = {"query": query, "orderby": order_by, "order": order, "per_page": per_page, "page": page}
        if fields:
            params["fields"] = fields
        return self.body(self.call("GET", path, params=params))

    def post_json(self, path: str, payload: Any, *, if_match: str | None = None) -> requests.Response:
        headers = {"Content-Type": "application/json"}
        if if_match is not None:
            headers["If-Match"] = if_match
        return self.call("POST", path, data=orjson.dumps(payload), headers=headers)

    def put_json(self, path: str, payload: Any, *, if_match: str | None = None) -> requests.Response:
        headers = {"Content-Type": "application/json"}
        if if_match is not None:
            headers["If-Match"] = if_match
        return self.call("PUT", path, data=orjson.dumps(payload), headers=headers)


def etag_of(response: requests.Response) -> str | None:
    """The ticket's version: RT's ETag (the id of its newest transaction), without quotes."""
    tag = response.headers.get("ETag")
    return tag.strip('"') if tag else None


def decode_content(value: str | None) -> bytes:
    """RT's attachment Content is base64."""
    return base64.b64decode(value or "")
