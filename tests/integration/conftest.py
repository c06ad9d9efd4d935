"""Fixtures for client + real server tests: a server process (the Desk of tests/server), and "nodes":
one local store and one app.sync client each, as one desktop install would have."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from app.credentials import MemoryTokenStore, TokenStore
from app.people import reference
from app.store import Store, open_store
from app.sync.client import SyncClient
from app.sync.engine import SyncReport, sync_once
from tests.conftest import store_from
from tests.server.conftest import PASSWORD, Desk, DeskTemplates, cheap_passwords

USERS = (("ann", "agent", ("A",)), ("ben", "agent", ("A",)), ("carl", "agent", ("B",)), ("mia", "manager", ()))


def add_users(desk: Desk) -> None:
    """Groups A (ann, ben) and B (carl), and mia the manager."""
    desk.admin("group", "add", "A")
    desk.admin("group", "add", "B")
    for name, role, groups in USERS:
        desk.add_user(name, role, groups)
    cheap_passwords(desk)


def start(desk: Desk, *extra: str) -> Desk:
    desk.start("--cab-group", "A", *extra)  # ann and ben record CAB decisions
    return desk


@pytest.fixture(scope="session")
def desk_templates(tmp_path_factory):
    templates = DeskTemplates(tmp_path_factory.mktemp("desk-templates"))
    yield templates
    templates.close()


@pytest.fixture(scope="module")
def desk(tmp_path_factory, desk_templates):
    """A SQLite server with groups A (ann, ben) and B (carl), and mia the manager; a fresh one per module."""
    for d in desk_templates.make_desk("sqlite", tmp_path_factory.mktemp("desk"), add_users):
        yield start(d)


@pytest.fixture(scope="module")
def pg_desk(tmp_path_factory, desk_templates):
    """The same desk on a throwaway PostgreSQL database (skipped locally when there is none)."""
    for d in desk_templates.make_desk("postgres", tmp_path_factory.mktemp("pgdesk"), add_users):
        yield start(d)


@dataclass
class Node:
    """One desktop install: its store, its sync client, its user."""

    path: Path
    store: Store
    client: SyncClient

    @property
    def me(self) -> str:
        return self.client.account.person_id

    @property
    def group(self) -> str:
        return self.client.account.group_ids[0]

    def sync(self) -> SyncReport:
        return sync_once(self.store, self.client)

    def reopen(self) -> None:
        """Close the store as an app exit would, and open it again."""
        self.store.close()
        self.store = open_store(self.path)

    def close(self) -> None:
        self.client.close()
        self.store.close()


def new_node(server: Desk, name: str, path: Path, template: Path, made: list[Node]) -> Node:
    """A Node at `path` signed in as `name`, appended to `made` (to be closed), after its first sync."""
    client = SyncClient(server.url, tokens=MemoryTokenStore())
    client.sign_in(name, PASSWORD)
    node = Node(path, store_from(template, path), client)
    made.append(node)
    node.sync()
    with node.store.session() as s:
        reference.set_current_user(s, person_id=node.me)
    return node


@pytest.fixture
def nodes(tmp_path, store_template):
    """nodes(desk, "ann") -> a signed-in Node after its first sync, with its user as the store's user."""
    made: list[Node] = []

    def make(server: Desk, name: str, tag: str = "") -> Node:
        return new_node(server, name, tmp_path / f"{name}{tag}.sqlite3", store_template, made)

    yield make
    for node in made:
        node.close()


@pytest.fixture
def windows(qtbot, tmp_path, store_template):
    """windows() -> a MainWindow over a new store, its refresh tokens in memory only."""
    # Imported here, not at the top: the headless tests of this folder need no Qt.
    from app.config import Settings
    from app.main import build_window, empty_reference
    from app.ui.context import UiContext
    from app.ui.events import AppEvents
    from app.ui.tasks import TaskRunner

    made = []

    def make(name: str = "desk", tokens: TokenStore | None = None):
        path = tmp_path / f"{name}.sqlite3"  # the same name again opens that desk's store, as a restart would
        store = open_store(path) if path.exists() else store_from(store_template, path)
        runner = TaskRunner(store)
        runner.op(lambda s: reference.ensure_local_user(s, name="Local Agent"))
        settings = Settings(tmp_path / f"{name}-settings.json")
        ctx = UiContext(runner=runner, events=AppEvents(), settings=settings, reference=empty_reference())
        window = build_window(ctx)
        window.sync.use_token_store(tokens or MemoryTokenStore())  # before the start-up resume runs
        qtbot.addWidget(window)
        window.show()
        made.append((window, runner, store))
        return window

    yield make
    for window, runner, store in made:
        window.sync.shutdown()
        runner.shutdown()
        store.close()
