"""The mail errors list for admins: HTTP routes (admin role only) and the `mail-errors` CLI command."""

# No `from __future__ import annotations`: FastAPI must see the route annotations as real objects.
import argparse
import sys
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from fastapi.concurrency import run_in_threadpool

from server.config import Settings
from server.db import Database
from server.mail.inbound import errors
from server.notify import Notifier
from server.scope import Scope


def router(db: Database, settings: Settings, notifier: Notifier, current: Any) -> APIRouter:
    """/v1/admin/mail-errors: list, raw bytes, retry, discard. `current` is the app's signed-in-user
    dependency; every route refuses a role other than admin."""
    api = APIRouter(prefix="/v1/admin/mail-errors")

    def admin(user: Annotated[Scope, Depends(current)]) -> Scope:
        if user.role != "admin":
            raise HTTPException(403, detail={"code": "forbidden", "message": "Only admins see the mail errors."})
        return user

    Admin = Annotated[Scope, Depends(admin)]

    def fail(exc: errors.ErrorsListError) -> HTTPException:
        return HTTPException(exc.status, detail={"code": "mail_error", "message": exc.message})

    @api.get("")
    def list_errors(_user: Admin, state: Annotated[str | None, Query(max_length=20)] = "open",
                    limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[dict]:
        try:
            return [e.as_dict() for e in errors.list_errors(db, None if state == "all" else state, limit)]
        except errors.ErrorsListError as exc:
            raise fail(exc) from None

    @api.get("/{error_id}")
    def show(error_id: int, _user: Admin) -> dict:
        try:
            return errors.show(db, error_id)[0].as_dict()
        except errors.ErrorsListError as exc:
            raise fail(exc) from None

    @api.get("/{error_id}/raw", response_class=Response)
    def raw(error_id: int, _user: Admin) -> Response:
        try:
            data = errors.show(db, error_id)[1]
        except errors.ErrorsListError as exc:
            raise fail(exc) from None
        return Response(data, media_type="message/rfc822",
                        headers={"Content-Disposition": f'attachment; filename="mail-error-{error_id}.eml"',
                                 "X-Content-Type-Options": "nosniff"})

    @api.post("/{error_id}/retry")
    async def retry(error_id: int, _user: Admin) -> dict:
        try:
            outcome = await run_in_threadpool(errors.retry, db, settings, error_id, notifier)
        except errors.ErrorsListError as exc:
            raise fail(exc) from None
        return {"outcome": outcome.kind, "ticket_id": outcome.ticket_id, "number": outcome.number,
                "error_id": outcome.error_id, "note": outcome.note}

    @api.post("/{error_id}/discard")
    def discard(error_id: int, _user: Admin, note: Annotated[str | None, Query(max_length=2000)] = None) -> dict:
        try:
            return errors.discard(db, error_id, note).as_dict()
        except errors.ErrorsListError as exc:
            raise fail(exc) from None

    return api


def add_parser(sub) -> None:
    """`deskside-server mail-errors list|show|retry|discard` (registered in server/main.py)."""
    cmd = sub.add_parser("mail-errors", help="mail that could not become a ticket (docs/MAIL.md)")
    actions = cmd.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="the open ones (or --state retried|discarded|all)")
    listing.add_argument("--state", default="open", choices=(*errors.STATES, "all"))
    show = actions.add_parser("show", help="the record; --raw writes the mail's bytes to stdout")
    show.add_argument("id", type=int)
    show.add_argument("--raw", action="store_true")
    retry = actions.add_parser("retry", help="apply the mail again (uses --mail-config for its mailbox)")
    retry.add_argument("id", type=int)
    discard = actions.add_parser("discard", help="give up on the mail (the record and bytes stay)")
    discard.add_argument("id", type=int)
    discard.add_argument("--note")


def run_cli(db: Database, args: argparse.Namespace) -> int:
    try:
        if args.action == "list":
            for e in errors.list_errors(db, None if args.state == "all" else args.state):
                print(f"{e.id}\t{e.state}\t{e.created_at:%Y-%m-%d %H:%M}\t{e.mailbox}\t{e.sender or '-'}\t"
                      f"{e.subject or ''}\t{e.reason}")
        elif args.action == "show":
            info, raw = errors.show(db, args.id)
            if args.raw:
                sys.stdout.buffer.write(raw)
            else:
                for key, value in info.as_dict().items():
                    print(f"{key}: {value}")
        elif args.action == "retry":
            from server.main import settings_from

            outcome = errors.retry(db, settings_from(args), args.id)
            print(f"{outcome.kind}\t{outcome.number or ''}\t{outcome.note or ''}".rstrip())
            return 0 if outcome.kind != "error" else 1
        elif args.action == "discard":
            print(f"discarded {errors.discard(db, args.id, args.note).id}")
    except errors.ErrorsListError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    return 0
