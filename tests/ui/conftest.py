"""UI fixtures: a real task runner over a real store, with reference data, torn down after each test."""

import pytest
from PySide6.QtCore import QLocale

from app.config import Settings
from app.models import Group, Person
from app.services import reference
from app.ui.context import UiContext
from app.ui.events import AppEvents
from app.ui.i18n import install_translators, remove_translators
from app.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def english_catalogue(qapp):
    """The app installs its catalogues at start (English plural forms: "1 ticket", "2 tickets"); widgets
    built by a test see the same texts."""
    installed = install_translators(qapp, QLocale(QLocale.Language.English))
    yield
    remove_translators(qapp, installed)


@pytest.fixture
def seeded(store):
    """A small desk: one group with two agents (me first), one requester."""
    return seed(store)


def seed(store) -> dict[str, str]:
    """What `seeded` writes, for fixtures that fill a store of their own (StoreCopies)."""
    with store.session() as s:
        me_id = reference.ensure_local_user(s, name="Ada Agent")
        me = s.get(Person, me_id)
        bob = Person(name="Bob Builder", is_agent=True)
        req = Person(name="Rita Requester", is_agent=False, email="rita@example.com")
        grp = Group(name="Service Desk")
        grp.members.extend([me, bob])
        s.add_all([bob, req, grp])
        s.flush()
        return {"me": me_id, "bob": bob.id, "requester": req.id, "group": grp.id}


@pytest.fixture
def ctx(qapp, store, seeded, tmp_path):
    runner = TaskRunner(store)
    with store.session() as s:
        ref = reference.reference_data(s)
    context = UiContext(runner=runner, events=AppEvents(), settings=Settings(tmp_path / "settings.json"),
                        reference=ref)
    yield context
    runner.shutdown()


def wait_idle(qtbot, runner, timeout=10_000):
    qtbot.waitUntil(runner.is_idle, timeout=timeout)
