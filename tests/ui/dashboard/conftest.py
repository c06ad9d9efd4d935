"""A desk with two months of tickets (created, resolved, open) for the dashboard's UI tests."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.models import Group, Ticket


@pytest.fixture
def history(store, seeded):
    rng = random.Random(5)
    now = datetime.now(UTC).replace(microsecond=0)
    with store.session() as s:
        other = Group(name="Network")
        s.add(other)
        s.flush()
        for i in range(60):
            created = now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
            resolved = created + timedelta(hours=rng.randint(2, 100)) if i % 4 else None
            if resolved is not None and resolved >= now:
                resolved = None
            s.add(Ticket(type=rng.choice(["incident", "service_request"]), number=f"INC{i + 1:07d}",
                         title=f"Ticket {i}", state="closed" if resolved else "in_progress",
                         is_open=resolved is None, priority=rng.randint(1, 5),
                         group_id=rng.choice([seeded["group"], other.id]), channel=rng.choice(["email", "phone"]),
                         assignee_id=rng.choice([seeded["me"], None]), created_at=created, updated_at=created,
                         first_response_at=created + timedelta(minutes=rng.randint(5, 300)),
                         resolved_at=resolved, closed_at=resolved,
                         csat_score=rng.choice([None, 4, 5]) if resolved else None))
    return seeded
