"""The HTTP client against a real server: typed errors, token hand-over to the credential store."""

from __future__ import annotations

import contextlib

import pytest
from keyring.backend import KeyringBackend

from app.credentials import TokenStore
from app.sync import client as client_mod
from app.sync.client import SyncClient
from app.sync.errors import AuthExpired, BadCredentials, Offline, RateLimited, UpgradeRequired
from tests.server.conftest import PASSWORD, free_port


class DictKeyring(KeyringBackend):
    """A working keyring in memory, standing in for the OS one across two "app starts"."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.data.get((service, username))

    def set_password(self, service, username, password):
        self.data[(service, username)] = password

    def delete_password(self, service, username):
        self.data.pop((service, username), None)


def test_a_restarted_app_resumes_from_the_saved_refresh_token_and_sign_out_forgets_it(desk):
    ring = DictKeyring()
    first = SyncClient(desk.url, tokens=TokenStore(ring))
    try:
        account = first.sign_in("ann", PASSWORD)
        assert account.name == "ann" and account.group_ids and first.tokens.state.persistent
        assert len(ring.data) == 1 and PASSWORD not in ring.data.values()
    finally:
        first.close()
    second = SyncClient(desk.url, tokens=TokenStore(ring))  # a new process: only the keyring is left
    try:
        assert second.resume("ann").person_id == account.person_id
        assert second.pull(0, limit=1)["next_cursor"] >= 1
        second.sign_out()
        assert ring.data == {}
        with pytest.raises(AuthExpired):
            second.resume("ann")
    finally:
        second.close()


def test_wrong_password_rate_limit_and_offline_are_typed(desk):
    desk.add_user("dora", "agent", ("A",))
    client = SyncClient(desk.url)
    try:
        with pytest.raises(BadCredentials):
            client.sign_in("dora", "wrong")
        with pytest.raises(RateLimited) as limited:
            for _ in range(10):
                with contextlib.suppress(BadCredentials):
                    client.sign_in("dora", "wrong")
        assert limited.value.retry_after > 0
    finally:
        client.close()
    gone = SyncClient(f"http://127.0.0.1:{free_port()}", timeout=(1, 1))
    try:
        with pytest.raises(Offline):
            gone.sign_in("ann", PASSWORD)
    finally:
        gone.close()


def test_an_old_schema_gets_upgrade_required(desk, monkeypatch):
    client = SyncClient(desk.url)
    try:
        client.sign_in("ben", PASSWORD)
        monkeypatch.setattr(client_mod, "SCHEMA_VERSION", 0)
        with pytest.raises(UpgradeRequired):
            client.pull(0)
    finally:
        client.close()


def test_tls_is_always_verified(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    assert SyncClient("https://desk.example")._http.verify is True
    assert SyncClient("https://desk.example", ca_bundle=str(bundle))._http.verify == str(bundle)
