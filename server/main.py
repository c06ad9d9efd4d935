"""`deskside-server`: serve the sync API, or run an admin command (user / group) on the same database."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from platformdirs import user_data_dir

from server.config import MailConfigError, Settings, load_mail_settings
from server.scope import ROLES


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="deskside-server", description="Deskside reference sync server")
    p.add_argument("--data", type=Path, help="data folder: embedded SQLite database and attachment blobs")
    p.add_argument("--database-url", help="e.g. postgresql+psycopg://user@host:5432/deskside (for teams)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--access-ttl", type=int, default=15 * 60, help="access token lifetime, seconds")
    p.add_argument("--refresh-ttl", type=int, default=30 * 24 * 3600, help="refresh token lifetime, seconds")
    p.add_argument("--refresh-grace", type=int, default=30,
                   help="seconds a rotated refresh token still answers once (a lost reply); 0: never")
    p.add_argument("--signin-window", type=int, default=300, help="failed sign-in window, seconds")
    p.add_argument("--signin-max-per-user", type=int, default=5)
    p.add_argument("--signin-max-per-addr", type=int, default=20)
    p.add_argument("--max-body", type=int, default=8 * 1024 * 1024, help="largest JSON request, bytes")
    p.add_argument("--max-chunk", type=int, default=8 * 1024 * 1024, help="largest blob chunk, bytes")
    p.add_argument("--max-blob", type=int, default=512 * 1024 * 1024, help="largest attachment, bytes")
    p.add_argument("--max-wait", type=int, default=30, help="longest long-poll, seconds (at most 30)")
    p.add_argument("--cab-group", default="Change Advisory Board",
                   help="the approving group (name or id): only its members record CAB decisions")
    p.add_argument("--tombstone-horizon-days", type=float, default=90.0,
                   help="prune deletes older than this (hourly); clients offline longer resync; 0: keep all")
    p.add_argument("--mail-config", type=Path,
                   help="a TOML file with an [smtp] table: send replies and events by mail (docs/MAIL.md)")
    sub = p.add_subparsers(dest="command")
    prune = sub.add_parser("prune", help="prune tombstones now")
    prune.add_argument("--older-than-days", type=float, help="default: --tombstone-horizon-days")
    group = sub.add_parser("group", help="manage groups").add_subparsers(dest="action", required=True)
    g_add = group.add_parser("add")
    g_add.add_argument("name")
    g_add.add_argument("--description")
    for action, text in (("add-member", "put a user in a group"), ("remove-member", "take a user out of a group "
                         "(their desk drops the group's tickets at its next sync)")):
        member = group.add_parser(action, help=text)
        member.add_argument("group")
        member.add_argument("user")
    user = sub.add_parser("user", help="manage users").add_subparsers(dest="action", required=True)
    u_add = user.add_parser("add")
    u_add.add_argument("name")
    u_add.add_argument("--role", required=True, choices=ROLES)
    u_add.add_argument("--group", action="append", help="group name; repeat for several")
    u_add.add_argument("--email")
    u_add.add_argument("--password-stdin", action="store_true", help="read the password from one stdin line")
    user.add_parser("list")
    u_groups = user.add_parser("set-groups", help="make the user a member of exactly these groups")
    u_groups.add_argument("name")
    u_groups.add_argument("--group", action="append", help="group name; repeat for several; none: no group")
    u_revoke = user.add_parser("revoke", help="revoke every token of the user")
    u_revoke.add_argument("name")
    ref = sub.add_parser("reference", help="reference data").add_subparsers(dest="action", required=True)
    r_import = ref.add_parser("import", help='upsert {"category": [...], "service": [...], '
                                            '"configuration_item": [...]} from a JSON file')
    r_import.add_argument("file", type=Path)
    from server.mail.inbound.admin import add_parser as add_mail_errors

    add_mail_errors(sub)
    return p


def settings_from(args) -> Settings:
    data = args.data or Path(user_data_dir("deskside-server"))
    data.mkdir(parents=True, exist_ok=True)
    return Settings(data_dir=data, database_url=args.database_url, host=args.host, port=args.port,
                    access_ttl_s=args.access_ttl, refresh_ttl_s=args.refresh_ttl,
                    refresh_grace_s=max(0, args.refresh_grace), signin_window_s=args.signin_window,
                    signin_max_per_user=args.signin_max_per_user, signin_max_per_addr=args.signin_max_per_addr,
                    max_body_bytes=args.max_body, max_chunk_bytes=args.max_chunk, max_blob_bytes=args.max_blob,
                    max_wait_s=max(0, min(args.max_wait, 30)),
                    tombstone_horizon_days=max(0.0, args.tombstone_horizon_days), cab_group=args.cab_group,
                    mail=load_mail_settings(args.mail_config) if args.mail_config else None)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = settings_from(args)
    except MailConfigError as exc:
        print(f"deskside-server: {exc}", file=sys.stderr)
        return 2
    from server.db import Database

    db = Database(settings.url)
    try:
        db.upgrade()
        if args.command:
            from server.admin_cli import run

            return run(db, args)
    finally:
        db.dispose()
    import uvicorn

    from server.api import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning",
                timeout_graceful_shutdown=3)
    return 0


if __name__ == "__main__":
    sys.exit(main())
