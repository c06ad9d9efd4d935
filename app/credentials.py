"""The refresh token in the OS keyring, per server URL and user; the only module that touches `keyring`."""
# Without a usable keyring (no Secret Service, a locked one, the `fail` backend) nothing is written
# anywhere else: the token stays in this process's memory, the state says so, and the next start of
# the app asks for a sign-in again. Tokens never go to settings files or logs.

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import keyring
import keyring.backends.fail
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "deskside-sync"


@dataclass(frozen=True)
class KeyringState:
    """Where refresh tokens live: `persistent` in the OS keyring, or in memory only with a `problem`
    written for the user."""

    persistent: bool
    problem: str | None = None


NO_KEYRING = ("No system keyring is available (such as GNOME Keyring, KWallet, the macOS Keychain or the "
              "Windows Credential Locker), so your sign-in is kept in memory only: you will have to sign in "
              "again after each start. Your password is never stored.")


def account_name(server_url: str, user: str) -> str:
    """The keyring's user name for one server and user: the URL without a trailing slash, then the user."""
    return f"{server_url.rstrip('/')}|{user}"


class TokenStore:
    """Save, load and delete the refresh token of one server URL + user.

    Thread-safe (a lock around every call); callable from any worker thread, never needs the GUI
    thread. Any KeyringError switches this instance to memory-only and records why in `state`.
    `backend` is a keyring backend object for tests; None uses the one keyring picked for this system.
    """

    def __init__(self, backend=None, *, service: str = SERVICE) -> None:
        self._backend = backend
        self._service = service
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        self._state = KeyringState(persistent=True)

    @property
    def state(self) -> KeyringState:
        return self._state

    def _keyring(self):
        return self._backend if self._backend is not None else keyring.get_keyring()

    def _fail(self, exc: Exception) -> None:
        log.warning("no usable keyring (%s); the sign-in stays in memory", type(exc).__name__)
        self._state = KeyringState(persistent=False, problem=NO_KEYRING)

    def check(self) -> KeyringState:
        """Before a sign-in: whether a keyring is there at all, without reading or writing a secret.
        Only "none was found" is known this early; a keyring that refuses later says so at save."""
        with self._lock:
            if self._state.persistent and isinstance(self._keyring(), keyring.backends.fail.Keyring):
                self._fail(keyring.errors.NoKeyringError())
            return self._state

    def save(self, server_url: str, user: str, token: str) -> KeyringState:
        """Keep `token`; returns where it went (persistent, or memory only and why)."""
        key = account_name(server_url, user)
        with self._lock:
            self._memory[key] = token
            if self._state.persistent:
                try:
                    self._keyring().set_password(self._service, key, token)
                except KeyringError as exc:
                    self._fail(exc)
            return self._state

    def load(self, server_url: str, user: str) -> str | None:
        """The saved token, from memory first, then the keyring; None when there is none."""
        key = account_name(server_url, user)
        with self._lock:
            if key in self._memory:
                return self._memory[key]
            if not self._state.persistent:
                return None
            try:
                return self._keyring().get_password(self._service, key)
            except KeyringError as exc:
                self._fail(exc)
                return None

    def delete(self, server_url: str, user: str) -> None:
        """Forget the token everywhere; a token that was never saved is not an error."""
        key = account_name(server_url, user)
        with self._lock:
            self._memory.pop(key, None)
            if not self._state.persistent:
                return
            try:
                self._keyring().delete_password(self._service, key)
            except PasswordDeleteError:
                pass
            except KeyringError as exc:
                self._fail(exc)


class MemoryTokenStore(TokenStore):
    """Keeps tokens in memory only (headless tools, tests); never touches the keyring."""

    def __init__(self) -> None:
        super().__init__()
        self._state = KeyringState(persistent=False, problem="Tokens are kept in memory only.")
