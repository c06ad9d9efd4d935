"""Named operations on the people directory: create a person (the New caller form too) and edit or deactivate one."""
# Each is one transaction on the runner's writer: the row, its audit entries and its outbox mutation together,
# so a created caller reaches the team server like any other edit. The server decides whether the user may
# make it (server.reference); a refusal comes back through the outbox's refusal inbox.

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Person
from app.outbox.journal import queue_mutation, record_changes, record_event, row_payload
from app.people.directory import PersonRecord, person_record
from app.people.reference import current_user
from app.people.reference_ops import ensure_sites
from core.errors import NotFoundError
from core.people.rules import EDITABLE, PersonInvalid, clean_person

ENTITY = "person"
WIRE_COLUMNS = ["id", *EDITABLE]  # what a create carries to the server


def _check_email_free(session: Session, email: str | None, person_id: str | None) -> None:
    """Two people with one address would make mail in (issue 15) and this lookup ambiguous."""
    if not email:
        return
    other = session.scalar(select(Person.name).where(func.lower(Person.email) == email, Person.id != person_id)
                           .limit(1))
    if other is not None:
        raise PersonInvalid(f"{other} already has this e-mail address.", "email")


def create_person(session: Session, *, values: dict[str, Any], actor_id: str | None) -> PersonRecord:
    """Add a person (a requester unless `is_agent`), audited and queued for the server; returns the record."""
    clean = clean_person(values)
    clean.setdefault("is_agent", False)
    clean.setdefault("active", True)
    clean.setdefault("vip", False)
    _check_email_free(session, clean.get("email"), None)
    if clean.get("site"):
        clean["site"] = ensure_sites(session, [clean["site"]], actor_id)[clean["site"].lower()]
    person = Person(**clean)
    session.add(person)
    session.flush()
    record_event(session, entity=ENTITY, entity_id=person.id, field="created", new=person.name, actor_id=actor_id)
    queue_mutation(session, entity=ENTITY, entity_id=person.id, op="create",
                   payload={"row": row_payload(person, WIRE_COLUMNS)})
    record = person_record(session, person_id=person.id)
    assert record is not None
    return record


def update_person(session: Session, *, person_id: str, changes: dict[str, Any], actor_id: str | None) -> PersonRecord:
    """Change a person's fields (deactivating is `active=False`: a person is never deleted, tickets keep naming
    them); each changed field is audited and sent with its base value. Returns the record as now stored."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError("This person is not in this desk's data.")
    clean = clean_person(changes, partial=True)
    if clean.get("active") is False and person_id == current_user(session):
        raise PersonInvalid("You cannot deactivate yourself.", "active")
    if "email" in clean:
        _check_email_free(session, clean["email"], person_id)
    if clean.get("site"):
        clean["site"] = ensure_sites(session, [clean["site"]], actor_id)[clean["site"].lower()]
    diffs = {f: (getattr(person, f), v) for f, v in clean.items() if getattr(person, f) != v}
    for f, (_, new) in diffs.items():
        setattr(person, f, new)
    session.flush()
    record_changes(session, entity=ENTITY, entity_id=person_id, changes=diffs, actor_id=actor_id, batch_id=None)
    record = person_record(session, person_id=person_id)
    assert record is not None
    return record


def set_active(session: Session, *, person_id: str, active: bool, actor_id: str | None) -> PersonRecord:
    """Deactivate (or reactivate) a person: gone from the lookup and the pickers, kept on their tickets."""
    return update_person(session, person_id=person_id, changes={"active": active}, actor_id=actor_id)
