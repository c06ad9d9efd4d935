"""Change records: what one committed transaction touched, collected while it runs (no Qt here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

LOCAL, SYNC = "local", "sync"  # initiators: an edit made on this desk, rows applied from a sync
_KEY = "deskside_change_feed"  # session.info key: {entity: [ids, fields, every row]}
_INITIATOR = "deskside_change_initiator"  # session.info key: who started the transaction (started_by)


@dataclass(frozen=True)
class Change:
    """Rows of one entity that changed. Empty `ids` means "any row" (refresh all); empty `fields`
    means "any field"."""

    entity: str
    ids: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return not self.ids


@dataclass(frozen=True)
class ChangeRecord:
    """One committed transaction's changes, one Change per entity; plain data, safe across threads."""

    changes: tuple[Change, ...]
    initiator: str = LOCAL
    operation: str = ""
    actor_id: str | None = None

    def touches(self, *entities: str) -> bool:
        return any(c.entity in entities for c in self.changes)

    def change_of(self, entity: str) -> Change | None:
        return next((c for c in self.changes if c.entity == entity), None)

    def ids_of(self, entity: str) -> frozenset[str]:
        """The ids of `entity` this record names; empty when it names none, or "any row" (see `names`)."""
        change = self.change_of(entity)
        return change.ids if change is not None else frozenset()

    def names(self, entity: str, entity_id: str | None) -> bool:
        """True when this record may have changed that row: it names its id, or any row of `entity`."""
        change = self.change_of(entity)
        return change is not None and (change.everything or entity_id in change.ids)

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(c.entity for c in self.changes)


def merged(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Several notes on the same entity made one: ids and fields joined ("any" wins), sorted by entity."""
    by_entity: dict[str, list[Any]] = {}
    for c in changes:
        _add(by_entity, c.entity, c.ids, c.fields, everything=c.everything)
    return _changes(by_entity)


def note(session: Any, entity: str, ids: Iterable[str | None] = (), fields: Iterable[str] = (), *,
         everything: bool = False) -> None:
    """Say, inside a transaction, that it changes these rows of `entity` (no ids, or `everything`:
    any row). Whoever commits the session publishes what was noted (`collected`); a rollback drops
    it with the session. `session` is anything with an `info` dict (a SQLAlchemy Session)."""
    named = frozenset(i for i in ids if i is not None)
    _add(session.info.setdefault(_KEY, {}), entity, named, frozenset(fields), everything=everything or not named)


def started_by(session: Any, initiator: str) -> None:
    """Say who started this transaction (SYNC for the sync's writes); `collected` records it."""
    session.info[_INITIATOR] = initiator


def collected(session: Any, *, initiator: str = LOCAL, operation: str = "",
              actor_id: str | None = None) -> ChangeRecord | None:
    """The record of what this session's transaction noted, None when it noted nothing. Takes the
    notes out of the session, so a session reused for another transaction starts empty. The
    initiator is the one `started_by` set in the transaction, else `initiator`."""
    notes = session.info.pop(_KEY, None)
    initiator = session.info.pop(_INITIATOR, initiator)
    if not notes:
        return None
    return ChangeRecord(_changes(notes), initiator=initiator, operation=operation, actor_id=actor_id)


def _add(notes: dict[str, list[Any]], entity: str, ids: frozenset[str], fields: frozenset[str], *,
         everything: bool) -> None:
    entry = notes.setdefault(entity, [set(), set(), False, False])  # ids, fields, any row, any field
    entry[0] |= ids
    entry[1] |= fields
    entry[2] = entry[2] or everything
    entry[3] = entry[3] or not fields


def _changes(notes: dict[str, list[Any]]) -> tuple[Change, ...]:
    return tuple(Change(entity, frozenset() if any_row else frozenset(ids), frozenset() if any_field else
                        frozenset(fields))
                 for entity, (ids, fields, any_row, any_field) in sorted(notes.items()))
