"""Sign-in, refresh rotation with reuse detection, revocation, expiry and failed-attempt rate limits."""

from __future__ import annotations

import time

import pytest
import requests

from tests.server.conftest import BACKENDS, PASSWORD, make_desk


def _sign_in(url: str, name: str, password: str = PASSWORD) -> requests.Response:
    return requests.post(url + "/v1/auth/sign-in", json={"name": name, "password": password}, timeout=30)


def _refresh(url: str, token: str) -> requests.Response:
    return requests.post(url + "/v1/auth/refresh", json={"refresh_token": token}, timeout=30)


def _pull_status(url: str, access: str) -> int:
    return requests.get(url + "/v1/sync/pull", params={"schema_version": 1, "cursor": 0, "limit": 1},
                        headers={"Authorization": f"Bearer {access}"}, timeout=30).status_code


def test_sign_in_gives_tokens_and_user(desk):
    response = _sign_in(desk.url, "alice")
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0
    assert body["user"]["role"] == "agent" and len(body["user"]["group_ids"]) == 1
    assert _pull_status(desk.url, body["access_token"]) == 200


def test_wrong_password_and_missing_token_are_401(desk):
    assert _sign_in(desk.url, "tina", "not the password").status_code == 401
    assert _sign_in(desk.url, "nobody-here").status_code == 401
    assert requests.get(desk.url + "/v1/sync/pull", params={"schema_version": 1}, timeout=30).status_code == 401
    assert _pull_status(desk.url, "made-up-token") == 401


def test_refresh_rotates_and_reuse_revokes_the_family(desk):
    first = _sign_in(desk.url, "alice").json()
    second = _refresh(desk.url, first["refresh_token"])
    assert second.status_code == 200
    second = second.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert _pull_status(desk.url, second["access_token"]) == 200
    # The first refresh token was rotated: presenting it again is treated as theft.
    reuse = _refresh(desk.url, first["refresh_token"])
    assert reuse.status_code == 401 and "already used" in reuse.json()["detail"]["message"]
    # ... and every token of that sign-in dies with it, the legitimate newest one included.
    assert _refresh(desk.url, second["refresh_token"]).status_code == 401
    assert _pull_status(desk.url, second["access_token"]) == 401
    # Another sign-in of the same user is a different family and unaffected.
    assert _pull_status(desk.url, _sign_in(desk.url, "alice").json()["access_token"]) == 200


def test_sign_out_and_admin_revoke(desk):
    desk.add_user("rita", "agent", ("A",))
    one, two = _sign_in(desk.url, "rita").json(), _sign_in(desk.url, "rita").json()
    out = requests.post(desk.url + "/v1/auth/sign-out", headers={"Authorization": f"Bearer {one['access_token']}"},
                        timeout=30)
    assert out.status_code == 204
    assert _pull_status(desk.url, one["access_token"]) == 401
    assert _refresh(desk.url, one["refresh_token"]).status_code == 401
    assert _pull_status(desk.url, two["access_token"]) == 200
    assert "revoked" in desk.admin("user", "revoke", "rita")
    assert _pull_status(desk.url, two["access_token"]) == 401
    assert _refresh(desk.url, two["refresh_token"]).status_code == 401
    assert "rita\tagent\tA\tactive" in desk.admin("user", "list").splitlines()


@pytest.mark.parametrize("backend", BACKENDS)
def test_rate_limit_expiry_and_refresh(backend, tmp_path):
    for desk in make_desk(backend, tmp_path):
        desk.admin("group", "add", "A")
        desk.add_user("alice", "agent", ("A",))
        desk.add_user("bob", "agent", ("A",))
        url = desk.start("--signin-max-per-user", "3", "--signin-max-per-addr", "6", "--access-ttl", "1")

        # Short-lived access token: expires, and the refresh token gets a new one.
        tokens = _sign_in(url, "bob").json()
        time.sleep(1.5)
        assert _pull_status(url, tokens["access_token"]) == 401
        renewed = _refresh(url, tokens["refresh_token"])
        assert renewed.status_code == 200

        # Per user: after 3 failures even the right password waits, with a Retry-After.
        for _ in range(3):
            assert _sign_in(url, "alice", "wrong password").status_code == 401
        limited = _sign_in(url, "alice")
        assert limited.status_code == 429
        assert 1 <= int(limited.headers["Retry-After"]) <= 300

        # Per address: failures on other names add up until this address is refused for anyone.
        for name in ("x1", "x2", "x3"):
            assert _sign_in(url, name, "guess").status_code == 401
        blocked = _sign_in(url, "bob")
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
