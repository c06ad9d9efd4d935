"""Sign-in, refresh rotation with reuse detection, revocation, expiry and failed-attempt rate limits."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
import requests
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from server.auth import token_hash
from server.models import AuthToken
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


def _rotated_long_ago(desk, refresh_token: str) -> None:
    """Move a refresh token's rotation a minute back: past the grace, without a test that sleeps."""
    engine = create_engine(desk.database_url)
    try:
        with Session(engine) as session, session.begin():
            row = session.get(AuthToken, token_hash(refresh_token))
            row.used_at -= timedelta(seconds=60)
    finally:
        engine.dispose()


def test_a_lost_refresh_reply_is_retried_within_the_grace_without_a_new_password(desk):
    first = _sign_in(desk.url, "alice").json()
    lost = _refresh(desk.url, first["refresh_token"])  # rotated on the server, but the reply never arrived
    assert lost.status_code == 200
    retry = _refresh(desk.url, first["refresh_token"])
    assert retry.status_code == 200, retry.text
    pair = retry.json()
    assert _pull_status(desk.url, pair["access_token"]) == 200
    # The undelivered pair gave way to the new one: one live chain per sign-in.
    assert _pull_status(desk.url, lost.json()["access_token"]) == 401
    nxt = _refresh(desk.url, pair["refresh_token"])
    assert nxt.status_code == 200 and _pull_status(desk.url, nxt.json()["access_token"]) == 200


def test_a_second_retry_within_the_grace_revokes_the_family(desk):
    first = _sign_in(desk.url, "alice").json()
    assert _refresh(desk.url, first["refresh_token"]).status_code == 200
    pair = _refresh(desk.url, first["refresh_token"]).json()
    again = _refresh(desk.url, first["refresh_token"])
    assert again.status_code == 401 and "already used" in again.json()["detail"]["message"]
    assert _pull_status(desk.url, pair["access_token"]) == 401
    assert _refresh(desk.url, pair["refresh_token"]).status_code == 401


def test_reuse_after_the_grace_revokes_the_family(desk):
    first = _sign_in(desk.url, "alice").json()
    lost = _refresh(desk.url, first["refresh_token"]).json()
    _rotated_long_ago(desk, first["refresh_token"])
    late = _refresh(desk.url, first["refresh_token"])
    assert late.status_code == 401 and "already used" in late.json()["detail"]["message"]
    assert _refresh(desk.url, lost["refresh_token"]).status_code == 401
    assert _pull_status(desk.url, lost["access_token"]) == 401


def test_reuse_after_the_legitimate_client_rotated_again_revokes_the_family(desk):
    first = _sign_in(desk.url, "alice").json()
    second = _refresh(desk.url, first["refresh_token"]).json()
    third = _refresh(desk.url, second["refresh_token"]).json()  # the rightful desk moved on
    stolen = _refresh(desk.url, first["refresh_token"])  # an attacker's copy, within seconds
    assert stolen.status_code == 401
    assert _pull_status(desk.url, third["access_token"]) == 401
    assert _refresh(desk.url, third["refresh_token"]).status_code == 401


def test_a_superseded_pair_used_later_revokes_the_family(desk):
    first = _sign_in(desk.url, "alice").json()
    held_by_someone = _refresh(desk.url, first["refresh_token"]).json()
    retried = _refresh(desk.url, first["refresh_token"]).json()  # looked like a lost reply ...
    # ... but the first pair was delivered after all, to someone: two holders of one chain.
    assert _refresh(desk.url, held_by_someone["refresh_token"]).status_code == 401
    assert _pull_status(desk.url, retried["access_token"]) == 401


def test_two_concurrent_presentations_of_one_token_leave_exactly_one_live_chain(desk):
    first = _sign_in(desk.url, "alice").json()
    barrier, answers = threading.Barrier(2), []

    def present() -> None:
        barrier.wait()
        answers.append(_refresh(desk.url, first["refresh_token"]))

    threads = [threading.Thread(target=present, name=f"refresh-{i}") for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    # One rotates, the other is taken for the retry of a lost reply and supersedes it: never two chains.
    assert [a.status_code for a in answers] == [200, 200]
    live = [a for a in answers if _pull_status(desk.url, a.json()["access_token"]) == 200]
    assert len(live) == 1
    assert _refresh(desk.url, live[0].json()["refresh_token"]).status_code == 200


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
