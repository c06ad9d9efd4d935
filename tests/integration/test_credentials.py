"""app.credentials: a clear "no keyring" state without one, and a real Secret Service when present."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import keyring.backends.fail

from app.credentials import MemoryTokenStore, TokenStore
from tests.conftest import skip_or_fail
from tests.server.conftest import ROOT

URL, USER = "https://desk.example", "ann"


def test_without_a_keyring_the_token_stays_in_memory_and_the_state_says_why():
    store = TokenStore(keyring.backends.fail.Keyring())
    state = store.save(URL, USER, "refresh-1")
    assert not state.persistent and "keyring" in state.problem.lower()
    assert store.load(URL, USER) == "refresh-1"  # this session keeps working
    store.delete(URL, USER)
    assert store.load(URL, USER) is None
    assert TokenStore(keyring.backends.fail.Keyring()).load(URL, USER) is None  # a restart forgets it
    assert not MemoryTokenStore().state.persistent


SECRET_SERVICE_CHECK = textwrap.dedent("""
    import keyring
    from app.credentials import TokenStore
    assert "SecretService" in type(keyring.get_keyring()).__module__ + type(keyring.get_keyring()).__name__, \\
        keyring.get_keyring()
    state = TokenStore().save("https://desk.example", "ann", "refresh-xyz")
    assert state.persistent, state
    assert TokenStore().load("https://desk.example", "ann") == "refresh-xyz"
    TokenStore().delete("https://desk.example", "ann")
    assert TokenStore().load("https://desk.example", "ann") is None
    print("secret service ok")
""")


def test_the_refresh_token_round_trips_through_a_real_secret_service(tmp_path):
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            skip_or_fail(f"{tool} is not installed")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               XDG_RUNTIME_DIR=str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    script = tmp_path / "check.py"
    script.write_text(SECRET_SERVICE_CHECK)
    inner = ("printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
             f'exec "{sys.executable}" "{script}"')
    done = subprocess.run(["dbus-run-session", "--", "sh", "-c", inner], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "secret service ok" in done.stdout, done.stdout + done.stderr
