"""A few changes over real reference rows, for the change UI tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QPushButton

from app.changes import writes as changes
from app.models import ConfigurationItem, Service
from app.people import reference
from app.ui.changes.editor import ChangeEditor
from tests.ui.conftest import wait_idle

T0 = datetime(2031, 5, 6, 20, 0, tzinfo=UTC)  # far ahead: lead time never moves the risk


@pytest.fixture
def world(store, seeded):
    """Two overlapping normal changes on one CI (a conflict), an emergency one, and a closed one."""
    with store.session() as s:
        svc = Service(name="Mail")
        s.add(svc)
        s.flush()
        mx = ConfigurationItem(name="mx-01", service_id=svc.id, criticality=3)
        db = ConfigurationItem(name="db-01", service_id=svc.id, criticality=1)
        s.add_all([mx, db])
        s.flush()
        me = seeded["me"]
        a = changes.create_change(s, change_type="normal", title="Patch mail relay", actor_id=me, ci_ids=[mx.id],
                                  planned_start=T0, planned_end=T0 + timedelta(hours=2), group_id=seeded["group"],
                                  assignee_id=me)
        b = changes.create_change(s, change_type="normal", title="Renew relay certificate", actor_id=me,
                                  ci_ids=[mx.id], planned_start=T0 + timedelta(hours=1),
                                  planned_end=T0 + timedelta(hours=3), assignee_id=seeded["bob"])
        e = changes.create_change(s, change_type="emergency", title="Hotfix database", actor_id=me, ci_ids=[db.id])
        c = changes.create_change(s, change_type="normal", title="Old work", actor_id=me)
        changes.transition_change(s, change_id=c.id, target="canceled", actor_id=me)
        # The context's reference data must know the CIs, as the app's would after a reload.
        return {"a": a.id, "b": b.id, "e": e.id, "c": c.id, "mx": mx.id, "db": db.id, "svc": svc.id,
                "a_number": a.number, "b_number": b.number, "e_number": e.number}


@pytest.fixture
def cctx(ctx, store, world):
    """The UI context with reference data reloaded after `world` added CIs and a service; the seeded
    Service Desk (me and Bob) is the approving (CAB) group."""
    with store.session() as s:
        ctx.reference = reference.reference_data(s)
    ctx.settings.set("cab_group", "Service Desk")
    return ctx


@pytest.fixture
def open_editor(qtbot, cctx):
    """A function that opens a change in a shown editor and waits until it is loaded and idle."""
    def make(change_id: str) -> ChangeEditor:
        editor = ChangeEditor(cctx, change_id)
        qtbot.addWidget(editor)
        with qtbot.waitSignal(editor.loaded, timeout=10_000):
            editor.show()
        wait_idle(qtbot, cctx.runner)
        return editor
    return make


def move_button(editor: ChangeEditor, key: str) -> QPushButton:
    return editor.findChild(QPushButton, "move_" + key)


def to_review(store, change_id: str, actor_id: str) -> None:
    """Walk a new change through authorize (planned at T0 for an hour), scheduled and implement to review."""
    with store.session() as s:
        changes.transition_change(s, change_id=change_id, target="authorize", actor_id=actor_id)
        changes.update_change(s, change_id=change_id, actor_id=actor_id,
                              changes={"planned_start": T0, "planned_end": T0 + timedelta(hours=1)})
        for step in ("scheduled", "implement", "review"):
            changes.transition_change(s, change_id=change_id, target=step, actor_id=actor_id)
