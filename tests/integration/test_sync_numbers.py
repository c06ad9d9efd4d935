"""Human numbers never block a local create: a server number the desk did not propose moves the local
sequence past it in the receipt's transaction, and the allocator skips numbers already held."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from app.changes import writes as changes
from app.models import NumberSequence, Ticket
from app.sync.engine import CRASH_ENV
from app.tickets import writes as tickets
from tests.server.conftest import PASSWORD, ROOT, _env


def _number(node, ticket_id: str) -> str | None:
    with node.store.session() as s:
        return s.scalar(select(Ticket.number).where(Ticket.id == ticket_id))


def test_a_server_number_whose_pull_never_came_does_not_block_the_next_local_creates(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:  # offline: the desk proposes the next number of its own sequence
        mine = tickets.create_ticket(s, ticket_type="incident", title="Printer on fire", actor_id=ann.me,
                                     group_id=ann.group)
        tid, proposed = mine.id, mine.number
    with ben.store.session() as s:  # a colleague gets that very number first
        tickets.create_ticket(s, ticket_type="incident", title="Taken first", actor_id=ben.me,
                              group_id=ben.group, number=proposed)
    ben.sync()
    ann.store.close()
    # The desk pushes, stores the receipts (the server gave another number) and dies before the pull.
    child = subprocess.run([sys.executable, "-m", "tests.integration.crash_client", str(ann.path), desk.url, "ann",
                            PASSWORD, tid, "note before the crash"], cwd=ROOT,
                           env=_env() | {CRASH_ENV: "after_receipts"}, capture_output=True, text=True, timeout=120)
    assert child.returncode == 137, child.stdout + child.stderr
    ann.reopen()
    given = _number(ann, tid)
    assert given is not None and given != proposed
    with ann.store.session() as s:  # the receipt's transaction moved the sequence past the given number
        assert s.get(NumberSequence, "INC").next_value > int(given[3:])
    made = []
    with ann.store.session() as s:  # still offline: every create of that type works
        for i in range(3):
            made.append(tickets.create_ticket(s, ticket_type="incident", title=f"After {i}", actor_id=ann.me,
                                              group_id=ann.group).number)
    assert given not in made and len(set(made)) == 3
    ann.sync()
    ben.sync()
    assert _number(ann, tid) == _number(ben, tid) == given


def test_the_change_allocator_skips_a_number_already_held(store, me):
    with store.session() as s:
        first = changes.create_change(s, change_type="normal", title="First", actor_id=me).number
        prefix, value = first[:3], int(first[3:])
        # A number ahead of the sequence is held already (a server number mapped in a crashed round).
        changes.create_change(s, change_type="normal", title="Held", actor_id=me,
                              number=f"{prefix}{value + 1:06d}")
    with store.session() as s:
        made = changes.create_change(s, change_type="normal", title="Next", actor_id=me).number
    assert made == f"{prefix}{value + 2:06d}"


def test_the_ticket_allocator_skips_a_number_already_held(store, me):
    with store.session() as s:
        tickets.create_ticket(s, ticket_type="incident", title="First", actor_id=me)
        # A number ahead of the sequence is held already (a server number mapped in a crashed round).
        tickets.create_ticket(s, ticket_type="incident", title="Held", actor_id=me, number="INC0000002")
    with store.session() as s:
        assert tickets.create_ticket(s, ticket_type="incident", title="Next", actor_id=me).number == "INC0000003"
