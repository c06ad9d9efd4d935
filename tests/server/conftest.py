"""Fixtures that run real `deskside-server` processes (SQLite in a temp folder, or a throwaway
PostgreSQL database), create users with the admin CLI and sign them in."""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

from tests.conftest import skip_or_fail
from tests.server.wire import SyncClient

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN = os.environ.get("DESKSIDE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "correct horse battery"


def free_port() -> int:
    """A free port that no other process's bind(0) gets for the next minute, so parallel test processes
    (pytest-xdist) never pick the same one: a connection to it is closed from its side, which leaves it in
    TIME_WAIT. A server binding with SO_REUSEADDR (uvicorn and http.server do) may take it at once."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _ = s.accept()
            accepted.close()  # this side closes first: the TIME_WAIT is on `port`
            client.recv(1)  # the close has reached the client
    return port


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


class AdminHost:
    """One warm admin process per test process (tests/server/admin_host.py), started at the first command:
    each command is the CLI's main() on the desk's database, without a new interpreter importing the server
    (about a second of CPU each, and preparing a desk takes half a dozen commands). Tests of the command line
    as a program still start `python -m server.main` themselves."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def run(self, argv: list[str], stdin: str, timeout: float = 180) -> tuple[int, str, str]:
        with self._lock:
            proc = self._proc
            if proc is None or proc.poll() is not None:
                proc = self._proc = subprocess.Popen([sys.executable, "-m", "tests.server.admin_host"], cwd=ROOT,
                                                     env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                                     text=True, encoding="utf-8")
            assert proc.stdin is not None and proc.stdout is not None
            proc.stdin.write(json.dumps({"argv": argv, "stdin": stdin}) + "\n")
            proc.stdin.flush()
            if not select.select([proc.stdout], [], [], timeout)[0]:
                self._end()
                raise TimeoutError(f"the admin command {argv} did not answer in {timeout} s")
            line = proc.stdout.readline()
            if not line:
                self._end()
                raise RuntimeError(f"the admin process ended during {argv}")
            answer = json.loads(line)
            return answer["rc"], answer["stdout"], answer["stderr"]

    def _end(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait(timeout=10)
            self._proc = None

    def close(self) -> None:
        with self._lock:
            if self._proc is not None:
                assert self._proc.stdin is not None
                self._proc.stdin.close()  # its end of input: it returns
                try:
                    self._proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._end()
                self._proc = None


ADMIN = AdminHost()
atexit.register(ADMIN.close)


@dataclass
class Desk:
    """One database, and the server processes serving it."""

    db_args: list[str]
    data_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.urls[0]

    @property
    def database_url(self) -> str:
        """For tests that look at the database directly, to check what the API says."""
        args = dict(zip(self.db_args[::2], self.db_args[1::2], strict=True))
        return args.get("--database-url") or f"sqlite+pysqlite:///{self.data_dir / 'deskside-server.sqlite3'}"

    def admin(self, *args: str, stdin: str | None = None) -> str:
        """Run `deskside-server <db args> <args>` (the CLI's own main) in the run's warm admin process."""
        rc, out, err = ADMIN.run([*self.db_args, *args], stdin or "")
        assert rc == 0, err
        return out.strip()

    def add_user(self, name: str, role: str = "agent", groups: tuple[str, ...] = ()) -> str:
        group_args = [a for g in groups for a in ("--group", g)]
        return self.admin("user", "add", name, "--role", role, *group_args, "--password-stdin",
                          stdin=PASSWORD + "\n")

    def start(self, *extra: str, port: int | None = None) -> str:
        """Start one more server process; `port` to come back on the address clients already use."""
        port = port or free_port()
        with open(self.data_dir / f"server-{port}.log", "w") as log:  # the child holds its own copy
            proc = subprocess.Popen([sys.executable, "-m", "server.main", *self.db_args, "--port", str(port),
                                     *extra], cwd=ROOT, env=_env(), stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        self.processes.append(proc)
        # A start on a quiet machine takes a second or two; with a dozen test runs sharing two cores the imports
        # alone took over 30 s. A server that fails exits (poll() sees it at once); the cap is for one that hangs.
        deadline = time.monotonic() + 180
        while True:
            try:
                if requests.get(url + "/v1/info", timeout=5).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # not listening yet, or too busy to answer
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {(self.data_dir / f'server-{port}.log').read_text()}")
            time.sleep(0.1)
        self.urls.append(url)
        return url

    def kill(self) -> None:
        """kill -9 every server process of this desk, as a power cut would."""
        for proc in self.processes:
            proc.kill()
            proc.wait(timeout=10)
        self.processes.clear()
        self.urls.clear()

    def stop(self) -> None:
        for proc in self.processes:
            proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        self.processes.clear()

    def sign_in(self, name: str, url: str | None = None, client_id: str | None = None) -> SyncClient:
        response = requests.post((url or self.url) + "/v1/auth/sign-in", json={"name": name, "password": PASSWORD},
                                 timeout=30)
        assert response.status_code == 200, response.text
        return SyncClient(url or self.url, response.json(), client_id)


# The stored hash of the prepared test users: argon2id at its cheapest parameters. A sign-in still verifies
# a real argon2id hash, in a millisecond instead of a quarter of a second of CPU (the parameters travel in
# the hash), and the suite signs in hundreds of times. Users a test adds itself keep the admin CLI's hash.
CHEAP_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


def cheap_passwords(desk: Desk) -> None:
    """Give every account of the desk CHEAP_HASH (all test users have PASSWORD); before its server starts."""
    engine = create_engine(desk.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE account SET password_hash = :hash"), {"hash": CHEAP_HASH})
    finally:
        engine.dispose()


def _pg_database(template: str | None = None):
    try:
        import psycopg

        conn = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 - any failure to reach it means "no PostgreSQL here"
        skip_or_fail(f"PostgreSQL unreachable at {PG_ADMIN}: {exc}")
    name = f"deskside_test_{uuid.uuid4().hex[:12]}"
    conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return conn, name


def _pg_url(name: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + "/" + name


@dataclass(frozen=True)
class Prepared:
    """A desk's data made once (DeskTemplates): its data folder, and for PostgreSQL its template database."""

    data_dir: Path
    database: str | None = None


def make_desk(backend: str, tmp: Path, prepared: Prepared | None = None):
    """Yield a Desk for the backend, holding a copy of `prepared` when given; drop the PostgreSQL
    database afterwards."""
    tmp.mkdir(parents=True, exist_ok=True)
    if prepared is not None:
        shutil.copytree(prepared.data_dir, tmp, dirs_exist_ok=True)
    if backend == "sqlite":
        desk = Desk(["--data", str(tmp)], tmp)
        try:
            yield desk
        finally:
            desk.stop()
        return
    conn, name = _pg_database(prepared.database if prepared else None)
    desk = Desk(["--data", str(tmp), "--database-url", _pg_url(name)], tmp)
    try:
        yield desk
    finally:
        desk.stop()
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


class DeskTemplates:
    """Server data (groups, users) made once per run and copied for each desk that asks: every admin
    command checks the schema (a whole migration on a new database), and adding a user hashes a password,
    which adds up over a module-scoped desk per test module. A copy is a new database (a copied data
    folder for SQLite, CREATE DATABASE ... TEMPLATE for PostgreSQL), so each desk is as fresh as one
    prepared by hand."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._made: dict[tuple[str, str], Prepared] = {}
        self._databases: list[tuple[object, str]] = []

    def make_desk(self, backend: str, tmp: Path, prepare):
        """make_desk, with the admin commands of `prepare(desk)` already applied (it starts no server)."""
        key = (backend, f"{prepare.__module__}.{prepare.__qualname__}")
        if key not in self._made:
            self._made[key] = self._prepare(backend, prepare)
        return make_desk(backend, tmp, self._made[key])

    def _prepare(self, backend: str, prepare) -> Prepared:
        folder = self._folder / f"{backend}-{len(self._made)}"
        folder.mkdir(parents=True)
        if backend == "sqlite":
            desk = Desk(["--data", str(folder)], folder)
            prepare(desk)
            assert not desk.processes, "a template is prepared with admin commands only"
            return Prepared(folder)
        conn, name = _pg_database()
        self._databases.append((conn, name))
        desk = Desk(["--data", str(folder), "--database-url", _pg_url(name)], folder)
        prepare(desk)
        assert not desk.processes, "a template is prepared with admin commands only"
        return Prepared(folder, name)

    def close(self) -> None:
        for conn, name in self._databases:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.close()
        self._databases.clear()


BACKENDS = ["sqlite", "postgres"]


def _shared_desk(backend: str, tmp_path_factory):
    for d in make_desk(backend, tmp_path_factory.mktemp(backend)):
        d.admin("group", "add", "A")
        d.admin("group", "add", "B")
        d.add_user("alice", "agent", ("A",))
        d.add_user("bob", "agent", ("B",))
        d.add_user("tina", "technician", ("A",))
        d.add_user("max", "manager")
        d.add_user("pia", "publisher", ("B",))  # validates knowledge articles
        cheap_passwords(d)
        d.start("--cab-group", "A")  # alice and tina record CAB decisions
        yield d


@pytest.fixture(scope="session")
def sqlite_desk(tmp_path_factory):
    yield from _shared_desk("sqlite", tmp_path_factory)


@pytest.fixture(scope="session")
def postgres_desk(tmp_path_factory):
    yield from _shared_desk("postgres", tmp_path_factory)


@pytest.fixture(params=BACKENDS)
def desk(request):
    """A running server with groups A and B and users: alice (agent, A), bob (agent, B),
    tina (technician, A), max (manager), pia (publisher, B); A is the approving (CAB) group. One per backend,
    shared by the whole run. Two session fixtures rather than one parametrized by backend: that one would be torn down
    and made again at every switch of backend, which a pytest-xdist worker makes at every module."""
    return request.getfixturevalue(f"{request.param}_desk")


@pytest.fixture
def clients(desk):
    made: list[SyncClient] = []

    def sign_in(name: str, **kwargs) -> SyncClient:
        client = desk.sign_in(name, **kwargs)
        made.append(client)
        return client

    yield sign_in
    for client in made:
        client.close()
