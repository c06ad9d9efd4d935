"""The HTTP surface: FastAPI routes for sign-in, push, pull and blobs."""
# Thin: each route checks the caller and hands over to auth / push / pull / blobs. OpenAPI is published at
# /openapi.json.

# No `from __future__ import annotations` here: FastAPI must see the route annotations, which refer
# to names local to create_app, as real objects.
import asyncio
import json
import logging
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server import auth
from server import pull as pull_mod
from server import push as push_mod
from server.blobs import BlobError, BlobStore, parse_range
from server.config import MIN_SCHEMA_VERSION, SCHEMA_VERSION, Settings
from server.db import Database
from server.horizon import ResyncRequired, prune
from server.limits import BodyLimit
from server.mail.inbound import admin as mail_in_admin
from server.mail.inbound.service import Collectors
from server.mail.sender import MailSender, run_forever
from server.mail.survey.web import register as register_survey
from server.notify import Notifier
from server.protocol import (
    GroupInfo,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    ServerInfo,
    SignInRequest,
    TokenPair,
    UserInfo,
)
from server.scope import Scope

_bearer = HTTPBearer(auto_error=False)


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> HTTPException:
    return HTTPException(status, detail={"code": code, "message": message}, headers=headers)


def _check_version(version: int) -> None:
    if version < MIN_SCHEMA_VERSION:
        raise _error(426, "upgrade_required", "This version of Deskside is too old for the server. Please update "
                     "Deskside; your changes stay saved on this computer until then.")
    if version > SCHEMA_VERSION:
        raise _error(400, "server_too_old", f"The server speaks sync schema {SCHEMA_VERSION}, older than this "
                     "Deskside. Ask your administrator to update the server.")


def _pair(issued: auth.Issued) -> TokenPair:
    s = issued.scope
    return TokenPair(access_token=issued.access_token, refresh_token=issued.refresh_token,
                     expires_in=issued.expires_in,
                     user=UserInfo(name=s.name, role=s.role, person_id=s.person_id, group_ids=sorted(s.group_ids),
                                   person_name=issued.person_name,
                                   groups=[GroupInfo(id=i, name=n) for i, n in issued.groups]))


async def _invalid_request(_request: Request, exc: RequestValidationError) -> Response:
    """422 with where and what, but without echoing the input: the input may be what cannot be
    written as JSON (lone surrogates, NaN), and echoing it back turned a 422 into a 500."""
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
               "type": str(e.get("type", ""))} for e in exc.errors()]
    body = json.dumps({"detail": errors}, ensure_ascii=True)
    return Response(body, status_code=422, media_type="application/json")


def create_app(settings: Settings) -> FastAPI:
    db = Database(settings.url)
    notifier = Notifier(settings.database_url)
    blobs = BlobStore(settings.blob_dir, db, settings.max_blob_bytes)

    async def prune_forever() -> None:
        while settings.tombstone_horizon_days > 0:
            try:
                await run_in_threadpool(prune, db, timedelta(days=settings.tombstone_horizon_days))
            except Exception:  # noqa: BLE001 - a failed prune is retried next hour; serving goes on
                logging.getLogger(__name__).exception("pruning tombstones failed")
            await asyncio.sleep(settings.prune_interval_s)

    @asynccontextmanager
    async def lifespan(_app):
        notifier.start()
        pruner = asyncio.create_task(prune_forever())
        mailer = asyncio.create_task(run_forever(MailSender(db, settings.mail))) if settings.mail else None
        collectors = Collectors(db, settings, notifier)  # mail in: one per [[imap]] mailbox
        collectors.start()
        yield
        await collectors.stop()
        pruner.cancel()
        if mailer is not None:
            mailer.cancel()
        notifier.stop()
        db.dispose()

    app = FastAPI(title="Deskside sync server", version=str(SCHEMA_VERSION), lifespan=lifespan)
    app.exception_handler(RequestValidationError)(_invalid_request)
    app.state.db, app.state.notifier, app.state.settings = db, notifier, settings

    def current(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Scope:
        if credentials is None:
            raise _error(401, "unauthorized", "Sign in first.", {"WWW-Authenticate": "Bearer"})
        try:
            return auth.authenticate(db, credentials.credentials)
        except auth.AuthError as exc:
            raise _error(exc.status, "unauthorized", exc.message, {"WWW-Authenticate": "Bearer"}) from None

    User = Annotated[Scope, Depends(current)]

    @app.get("/v1/info", response_model=ServerInfo)
    def info() -> ServerInfo:
        return ServerInfo(name="deskside", schema_version=SCHEMA_VERSION, min_schema_version=MIN_SCHEMA_VERSION,
                          mail=settings.mail is not None and "reply" in settings.mail.events)

    @app.post("/v1/auth/sign-in", response_model=TokenPair, responses={401: {}, 429: {}})
    def sign_in(body: SignInRequest, request: Request) -> TokenPair:
        address = request.client.host if request.client else "unknown"
        try:
            return _pair(auth.sign_in(db, settings, name=body.name, password=body.password, address=address))
        except auth.AuthError as exc:
            headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
            raise _error(exc.status, "rate_limited" if exc.status == 429 else "bad_credentials", exc.message,
                         headers) from None

    @app.post("/v1/auth/refresh", response_model=TokenPair, responses={401: {}})
    def refresh(body: RefreshRequest) -> TokenPair:
        try:
            return _pair(auth.refresh(db, settings, refresh_token=body.refresh_token))
        except auth.AuthError as exc:
            raise _error(exc.status, "unauthorized", exc.message) from None

    @app.post("/v1/auth/sign-out", status_code=204, responses={401: {}})
    def sign_out(user: User, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Response:
        assert credentials is not None  # `user` (current) has refused a request without them
        auth.sign_out(db, access_token=credentials.credentials)
        return Response(status_code=204)

    @app.post("/v1/sync/push", response_model=PushResponse, responses={401: {}, 403: {}, 426: {}})
    def push(body: PushRequest, user: User) -> PushResponse:
        _check_version(body.schema_version)
        try:
            return push_mod.push(db, notifier, settings, user, body)
        except push_mod.PushRefused as exc:
            raise _error(exc.status, "refused", exc.message) from None

    @app.get("/v1/sync/pull", response_model=PullResponse, responses={401: {}, 409: {}, 410: {}, 426: {}})
    async def pull(user: User,
                   schema_version: Annotated[int, Query(ge=0, le=1_000_000)],
                   cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 200,
                   wait: Annotated[float, Query(ge=0, le=30)] = 0,
                   priority_first: bool = False) -> Response:
        _check_version(schema_version)
        try:
            page = await pull_mod.pull(db, notifier, settings, user, cursor=cursor, limit=limit, wait=wait,
                                       priority_first=priority_first)
            # Written by orjson from plain data in PullResponse's shape (the model documents it).
            return Response(content=page.json(), media_type="application/json")
        except ResyncRequired:
            raise _error(410, "resync_required", "This computer was offline longer than the server keeps "
                         "deleted tickets. Deskside syncs again from the start; pending changes stay queued.") \
                from None
        except pull_mod.CursorAhead:
            raise _error(409, "cursor_ahead", "The server holds fewer changes than this client has seen (it was "
                         "restored or replaced). Pull again from cursor 0; pending changes stay queued.") from None

    def _blob_error(exc: BlobError) -> HTTPException:
        headers = {"X-Received-Size": str(exc.received)} if exc.received is not None else None
        return _error(exc.status, "blob", exc.message, headers)

    # One answer for "no such file" and "not yours", headers included, so existence does not leak.
    not_found_headers = {"X-Received-Size": "0", "X-Blob-Complete": "false"}

    @app.head("/v1/blobs/{sha256}", responses={404: {}})
    def blob_head(sha256: str, user: User) -> Response:
        try:
            progress = blobs.progress(user, sha256)
        except BlobError as exc:
            raise _blob_error(exc) from None
        if progress is None:
            return Response(status_code=404, headers=not_found_headers)
        headers = {"X-Received-Size": str(progress.received), "X-Blob-Complete": str(progress.complete).lower()}
        if progress.total is not None:
            headers["X-Total-Size"] = str(progress.total)
        return Response(status_code=200, headers=headers)

    @app.put("/v1/blobs/{sha256}", responses={200: {}, 201: {}, 202: {}, 400: {}, 409: {}, 413: {}, 422: {}})
    async def blob_put(sha256: str, request: Request, user: User) -> Response:
        data = await request.body()
        try:
            start, total = parse_range(request.headers.get("content-range"), len(data))
            progress = await run_in_threadpool(blobs.put, user, sha256, start, total, data)
        except BlobError as exc:
            raise _blob_error(exc) from None
        return Response(status_code=201 if progress.complete else 202,
                        headers={"X-Received-Size": str(progress.received),
                                 "X-Blob-Complete": str(progress.complete).lower()})

    @app.get("/v1/blobs/{sha256}", response_class=FileResponse, responses={404: {}})
    def blob_get(sha256: str, user: User):
        try:
            path = blobs.readable_path(user, sha256)
        except BlobError as exc:
            raise _blob_error(exc) from None
        if path is None:
            raise _error(404, "not_found", "No file with this hash that you may read.", not_found_headers)
        return FileResponse(path, media_type="application/octet-stream")

    if settings.mail is not None and settings.mail.survey is not None:
        register_survey(app, db, notifier, settings.mail)  # /survey/<token>: the requester's answer pages
    app.include_router(mail_in_admin.router(db, settings, notifier, current))
    app.add_middleware(BodyLimit, settings=settings)
    return app
