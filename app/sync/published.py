"""A sync round's write transactions: what each one noted (core.feed) is handed on once it committed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.store import Store
from core.feed import SYNC, ChangeRecord, collected

Published = Callable[[ChangeRecord], None]  # called on the sync's thread, after the commit


@contextmanager
def sync_transaction(store: Store, published: Published | None, operation: str) -> Iterator[Session]:
    """An IMMEDIATE transaction of the sync; its change record (initiator "sync") goes to `published`
    after it committed, never when it rolled back."""
    with store.session(immediate=True) as session:
        yield session
        record = collected(session, initiator=SYNC, operation=operation)
    if published is not None and record is not None:
        published(record)
