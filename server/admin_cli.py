"""Administration from the command line: groups, users, roles, memberships, token revocation."""
# Every change to people, groups and memberships is written to the change log so clients receive it.

from __future__ import annotations

import getpass
import sys
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import SQLAlchemyError

from server import auth, changelog
from server.db import Database
from server.models import Account, Group, Person, group_member
from server.notify import Notifier
from server.passwords import hash_password
from server.scope import ROLES


class AdminError(Exception):
    pass


def add_group(db: Database, name: str, description: str | None = None) -> str:
    with db.write() as session:
        if session.scalar(select(Group).where(Group.name == name)) is not None:
            raise AdminError(f"A group named {name!r} already exists.")
        group = Group(id=str(uuid.uuid4()), name=name, description=description)
        session.add(group)
        session.flush()
        changelog.record(session, entity="group", entity_id=group.id)
        _announce(db, session)
        return group.id


def add_user(db: Database, name: str, *, role: str, groups: list[str], password: str, email: str | None = None) -> str:
    if role not in ROLES:
        raise AdminError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if len(password) < 8:
        raise AdminError("The password must be at least 8 characters long.")
    hashed = hash_password(password)  # before taking the writer lock: hashing is slow on purpose
    with db.write() as session:
        if session.scalar(select(Account).where(Account.name == name)) is not None:
            raise AdminError(f"A user named {name!r} already exists.")
        group_ids = []
        for group_name in groups:
            group = session.scalar(select(Group).where(Group.name == group_name))
            if group is None:
                raise AdminError(f"No group named {group_name!r}; add it first with `group add`.")
            group_ids.append(group.id)
        person = Person(id=str(uuid.uuid4()), name=name, email=email, is_agent=True, active=True)
        session.add(person)
        session.flush()
        changelog.record(session, entity="person", entity_id=person.id)
        for group_id in dict.fromkeys(group_ids):
            session.execute(insert(group_member).values(group_id=group_id, person_id=person.id))
            changelog.record(session, entity="group_member", entity_id=f"{group_id}:{person.id}")
        account = Account(id=str(uuid.uuid4()), name=name, role=role, password_hash=hashed, person_id=person.id)
        session.add(account)
        _announce(db, session)
        return person.id


def _group_ids(session, names: list[str]) -> list[str]:
    ids = []
    for group_name in names:
        group = session.scalar(select(Group).where(Group.name == group_name))
        if group is None:
            raise AdminError(f"No group named {group_name!r}; add it first with `group add`.")
        ids.append(group.id)
    return list(dict.fromkeys(ids))


def _account(session, name: str) -> Account:
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise AdminError(f"No user named {name!r}.")
    return account


def set_groups(db: Database, name: str, *, add: Sequence[str] = (), remove: Sequence[str] = (),
               exactly: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Change a user's group memberships; returns (joined, left) group ids. Each change goes to the
    change log: the user's next pull evicts the tickets of a group left (pending edits to them come
    back refused, into the conflict inbox) and brings every ticket of a group joined."""
    with db.write() as session:
        person_id = _account(session, name).person_id
        current = set(session.scalars(select(group_member.c.group_id).where(group_member.c.person_id == person_id)))
        if exactly is not None:
            wanted = set(_group_ids(session, exactly))
        else:
            removing = set(_group_ids(session, list(remove)))
            missing = removing - current
            if missing:
                raise AdminError(f"{name} is not a member of the group(s) named; nothing changed.")
            wanted = (current | set(_group_ids(session, list(add)))) - removing
        joined, left = sorted(wanted - current), sorted(current - wanted)
        for group_id in left:
            session.execute(delete(group_member).where(group_member.c.group_id == group_id,
                                                       group_member.c.person_id == person_id))
            changelog.record(session, entity="group_member", entity_id=f"{group_id}:{person_id}")
        for group_id in joined:
            session.execute(insert(group_member).values(group_id=group_id, person_id=person_id))
            changelog.record(session, entity="group_member", entity_id=f"{group_id}:{person_id}")
        if joined or left:
            _announce(db, session)
        return joined, left


def _announce(db: Database, session) -> None:
    """Wake waiting pulls of running PostgreSQL servers (SQLite servers notice within their re-check)."""
    Notifier(db.url).send(session, session.info["last_seq"])


def list_users(db: Database) -> list[tuple[str, str, list[str], bool]]:
    with db.read() as session:
        out = []
        for account in session.scalars(select(Account).order_by(Account.name)):
            names = session.scalars(select(Group.name).join(group_member, group_member.c.group_id == Group.id)
                                    .where(group_member.c.person_id == account.person_id).order_by(Group.name))
            out.append((account.name, account.role, list(names), account.active))
        return out


def revoke_user(db: Database, name: str) -> int:
    with db.write() as session:
        account = session.scalar(select(Account).where(Account.name == name))
        if account is None:
            raise AdminError(f"No user named {name!r}.")
        return auth.revoke_account(session, account.id)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise AdminError("The passwords differ.")
    return first


def run(db: Database, args) -> int:
    """Dispatch a parsed admin command (see main.py); prints results, returns the exit code."""
    try:
        if args.command == "group" and args.action == "add":
            print(add_group(db, args.name, args.description))
        elif args.command == "user" and args.action == "add":
            print(add_user(db, args.name, role=args.role, groups=args.group or [],
                           password=read_password(args.password_stdin), email=args.email))
        elif args.command == "group" and args.action in ("add-member", "remove-member"):
            change = {"add" if args.action == "add-member" else "remove": [args.group]}
            joined, left = set_groups(db, args.user, **change)
            print(f"{args.user}: joined {len(joined)}, left {len(left)} group(s)")
        elif args.command == "user" and args.action == "set-groups":
            joined, left = set_groups(db, args.name, exactly=args.group or [])
            print(f"{args.name}: joined {len(joined)}, left {len(left)} group(s)")
        elif args.command == "user" and args.action == "list":
            for name, role, groups, active in list_users(db):
                print(f"{name}\t{role}\t{','.join(groups)}\t{'active' if active else 'disabled'}")
        elif args.command == "user" and args.action == "revoke":
            print(f"revoked {revoke_user(db, args.name)} token(s) of {args.name}")
        elif args.command == "prune":
            from datetime import timedelta

            from server.horizon import prune

            days = args.older_than_days if args.older_than_days is not None else args.tombstone_horizon_days
            if days < 0:
                raise AdminError("--older-than-days must be 0 or more.")
            removed, through = prune(db, timedelta(days=days))
            print(f"pruned {removed} change log entries; clients older than change {through} resync")
        elif args.command == "reference" and args.action == "import":
            from server.reference import import_file

            counts = import_file(db, args.file)
            print(", ".join(f"{n} {kind}" for kind, n in counts.items()))
        elif args.command == "mail-errors":
            from server.mail.inbound.admin import run_cli

            return run_cli(db, args)
        else:
            raise AdminError("Unknown command.")
    except (AdminError, ValueError) as exc:  # ValueError: reference.ReferenceFileError
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # a dangling reference or a wrong type in an imported file
        print(f"error: the database refused the data ({getattr(exc, 'orig', exc)})", file=sys.stderr)
        return 2
    return 0
