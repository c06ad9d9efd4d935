"""Attachment bytes on their own queue: resumable, hash-checked uploads and downloads of content-addressed blobs."""
# The state lives where it already is, so nothing extra must be kept in step and a restart loses nothing:
# - to upload: the blobs named by `attachment` appends still in the outbox. The engine uploads them
#   before it pushes the metadata (again for each pushed batch, read with it), so the server never hands
#   out a row whose bytes it lacks; a blob whose metadata went without them (a local file damaged, an
#   upload refused) is kept in store_meta and sent on later rounds. How much the server already holds
#   comes from `HEAD /v1/blobs/{sha}`, so an interrupted upload resumes there.
# - to download: attachment rows whose file is missing from the store's blob folder. A partial download
#   waits in `<blob dir>/.partial/<sha>` and resumes with a Range request; only bytes whose SHA-256
#   matches their address are moved (atomically) into the blob folder, anything else is refused.
#
# Runs on the sync worker (blocking HTTP, short read-only sessions); never on the GUI thread.

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import requests
from sqlalchemy import select

from app.models import Attachment, OutboxMutation, StoreMeta
from app.store import Store
from app.sync.backends.base import bind_store
from app.sync.client import SyncClient
from app.sync.errors import Offline, ServerError, SyncError
from app.sync.writer import SyncDb, sync_db
from app.tickets.attachments import blob_path

CHUNK_BYTES = 4 * 1024 * 1024      # below the server's 8 MiB chunk limit
DOWNLOAD_BUDGET = 64 * 1024 * 1024  # bytes fetched in the background per sync round; the rest next round
UNCONFIRMED = "uploads_unconfirmed"  # store_meta: JSON list of blobs pushed as metadata, bytes not confirmed yet

Cancelled = Callable[[], bool]
Progress = Callable[[str, int, int], None]


class CorruptBlob(SyncError):
    """Bytes that do not hash to their address (a damaged download or a damaged local file): refused."""


@dataclass
class TransferTally:
    uploaded: int = 0
    downloaded: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # sha256 -> why it did not move this round


def _sha_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as src:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _blob_of(row: dict) -> tuple[str, int] | None:
    sha = row.get("content_hash")
    return (sha, int(row.get("size") or 0)) if isinstance(sha, str) and len(sha) == 64 else None


def _unconfirmed(session) -> list[str]:
    row = session.get(StoreMeta, UNCONFIRMED)
    return json.loads(row.value) if row is not None else []


def _set_unconfirmed(session, shas: list[str]) -> None:
    row = session.get(StoreMeta, UNCONFIRMED)
    if row is None:
        session.add(StoreMeta(key=UNCONFIRMED, value=json.dumps(shas)))
    else:
        row.value = json.dumps(shas)


def pending_uploads(store: Store | SyncDb) -> list[tuple[str, int]]:
    """(sha256, size) of the blobs named by attachment appends still waiting in the outbox, oldest first,
    then those whose metadata went out before the server confirmed their bytes (sent again until it does)."""
    return sync_db(store).read(_read_pending_uploads)


def _read_pending_uploads(s) -> list[tuple[str, int]]:
    out: dict[str, int] = {}
    for payload in s.scalars(select(OutboxMutation.payload).where(
            OutboxMutation.entity == "attachment", OutboxMutation.op == "append").order_by(OutboxMutation.seq)):
        blob = _blob_of(json.loads(payload).get("row") or {})
        if blob is not None:
            out.setdefault(*blob)
    for sha in _unconfirmed(s):
        size = s.scalar(select(Attachment.size).where(Attachment.content_hash == sha).limit(1))
        out.setdefault(sha, int(size or 0))
    return list(out.items())


def upload_for_push(store: Store | SyncDb, client: SyncClient | None, batch: list[dict], *,
                    chunk_size: int = CHUNK_BYTES, cancelled: Cancelled | None = None,
                    tally: TransferTally | None = None) -> None:
    """Before a batch of mutations is pushed: send the files its attachment appends name (read with the
    batch, so a file attached during the round is not missed), and note those the server has not
    confirmed whole, so later rounds send them until it does. `client=None`: no file is sent now."""
    tally = tally if tally is not None else TransferTally()
    shas = list(dict.fromkeys(blob[0] for m in batch if m["entity"] == "attachment" and m["op"] == "append"
                              and (blob := _blob_of(m["payload"].get("row") or {})) is not None))
    if not shas:
        return
    missing = []
    for sha in shas:
        done = False
        if client is not None and not (cancelled and cancelled()):
            done = _try_upload(store, client, sha, chunk_size=chunk_size, cancelled=cancelled, tally=tally)
        if not done:
            missing.append(sha)
    if missing:  # committed before the metadata goes, so a crash in between cannot forget them
        sync_db(store).write(_note_unconfirmed, missing=missing)


def _note_unconfirmed(s, *, missing: list[str]) -> None:
    _set_unconfirmed(s, list(dict.fromkeys(_unconfirmed(s) + missing)))


def _confirm(store: Store | SyncDb, sha: str) -> None:
    sync_db(store).write(_drop_unconfirmed, sha=sha)


def _drop_unconfirmed(s, *, sha: str) -> None:
    held = _unconfirmed(s)
    if sha in held:
        _set_unconfirmed(s, [h for h in held if h != sha])


def upload_blob(store: Store | SyncDb, client: SyncClient, sha: str, *, chunk_size: int = CHUNK_BYTES,
                cancelled: Cancelled | None = None, tally: TransferTally | None = None) -> bool:
    """Send one local blob, resuming from what the server holds. True when the server has all of it;
    False when cancelled between chunks. Raises CorruptBlob when the local file does not match its hash
    (it is not sent), and the client's errors (Offline ...) otherwise."""
    tally = tally if tally is not None else TransferTally()
    path = blob_path(store.blob_dir, sha)
    if not path.is_file():
        raise CorruptBlob(f"The file {sha[:12]}... is missing from this computer's data folder.")
    total = path.stat().st_size
    received, complete = client.blob_status(sha)
    if complete:
        return True
    if received == 0 and _sha_of(path) != sha:  # checked once per upload, not per resumed chunk
        raise CorruptBlob(f"The local copy of {sha[:12]}... is damaged; it was not sent.")
    with open(path, "rb") as src:
        while received < total or total == 0:
            if cancelled and cancelled():
                return False
            src.seek(received)
            chunk = src.read(chunk_size)
            try:
                held, complete = client.blob_put(sha, chunk, received, total)
            except ServerError as exc:
                if exc.status == 422:  # the server's partial copy was damaged and discarded: start over
                    raise CorruptBlob(f"The upload of {sha[:12]}... arrived damaged; it will be sent again.") from exc
                raise
            tally.bytes_sent += max(0, held - received)
            received = held
            if complete:
                break
    tally.uploaded += 1
    return True


def upload_pending(store: Store | SyncDb, client: SyncClient, *, chunk_size: int = CHUNK_BYTES,
                   cancelled: Cancelled | None = None, progress: Progress | None = None,
                   tally: TransferTally | None = None) -> TransferTally:
    """Upload every blob the outbox still names. A blob that cannot be sent (missing or damaged locally,
    refused as too large) is noted in `failed` and does not stop the others; being offline does."""
    tally = tally if tally is not None else TransferTally()
    todo = pending_uploads(store)
    for done, (sha, _size) in enumerate(todo):
        if cancelled and cancelled():
            break
        if _try_upload(store, client, sha, chunk_size=chunk_size, cancelled=cancelled, tally=tally):
            _confirm(store, sha)
        if progress:
            progress("upload", done + 1, len(todo))
    return tally


def _try_upload(store: Store | SyncDb, client: SyncClient, sha: str, *, chunk_size: int, cancelled: Cancelled | None,
                tally: TransferTally) -> bool:
    """upload_blob, with a file that cannot go (corrupt here, refused by the server) noted in `failed`
    instead of stopping the others; being offline or a server fault still raises."""
    return _noting_failure(tally, sha, lambda: upload_blob(store, client, sha, chunk_size=chunk_size,
                                                           cancelled=cancelled, tally=tally))


def _noting_failure(tally: TransferTally, sha: str, transfer: Callable[[], object]) -> bool:
    """Whether `transfer` of one file answered something true; a file that cannot go (corrupt, refused by
    the server) is noted in `tally.failed` instead of stopping the others; offline or a server fault raises."""
    try:
        return bool(transfer())
    except CorruptBlob as exc:
        tally.failed[sha] = str(exc)
    except ServerError as exc:
        if exc.status is None or exc.status >= 500:
            raise
        tally.failed[sha] = str(exc)
    return False


def missing_downloads(store: Store | SyncDb) -> list[tuple[str, int]]:
    """(sha256, size) of attachments held here whose bytes are not in the blob folder, newest first.
    Blobs still waiting for upload are local by definition and never listed."""
    seen: dict[str, int] = sync_db(store).read(_read_held_blobs)
    return [(sha, size) for sha, size in seen.items() if not blob_path(store.blob_dir, sha).is_file()]


def download_blob(store: Store | SyncDb, client: SyncClient, sha: str, *, size: int | None = None,
                  cancelled: Cancelled | None = None, tally: TransferTally | None = None) -> Path | None:
    """Fetch one blob into the blob folder, resuming a partial download; returns its path, or None when
    cancelled. Raises CorruptBlob (and keeps nothing) when the bytes do not hash to `sha`."""
    tally = tally if tally is not None else TransferTally()
    target = blob_path(store.blob_dir, sha)
    if target.is_file():
        return target
    partial_dir = store.blob_dir / ".partial"
    partial_dir.mkdir(parents=True, exist_ok=True)
    partial = partial_dir / sha
    have = partial.stat().st_size if partial.is_file() else 0
    if size is not None and have > size:
        partial.unlink()
        have = 0
    response = client.blob_get(sha, have)
    try:
        mode = "ab" if response.status_code == 206 else "wb"  # 200: the server sent the whole file again
        with open(partial, mode) as out:
            for chunk in response.iter_content(1 << 20):
                if cancelled and cancelled():
                    out.flush()
                    os.fsync(out.fileno())
                    return None
                out.write(chunk)
                tally.bytes_received += len(chunk)
            out.flush()
            os.fsync(out.fileno())
    except requests.RequestException as exc:  # a cut mid-body: the partial file stays for the resume
        raise Offline("The download stopped before the end; it resumes at the next sync.") from exc
    finally:
        response.close()
    if _sha_of(partial) != sha:
        partial.unlink()
        raise CorruptBlob(f"The downloaded file {sha[:12]}... is damaged (its SHA-256 differs); it was refused.")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(partial, target)
    tally.downloaded += 1
    return target


def download_missing(store: Store | SyncDb, client: SyncClient, *, budget: int = DOWNLOAD_BUDGET,
                     cancelled: Cancelled | None = None, progress: Progress | None = None,
                     tally: TransferTally | None = None) -> TransferTally:
    """Background fill: download missing blobs until about `budget` bytes moved. A blob the server does
    not have (yet), may not hand out, or sends damaged is noted in `failed` and tried again next round."""
    tally = tally if tally is not None else TransferTally()
    todo = missing_downloads(store)
    start = tally.bytes_received
    for done, (sha, size) in enumerate(todo):
        if (cancelled and cancelled()) or tally.bytes_received - start >= budget:
            break
        _noting_failure(tally, sha, partial(download_blob, store, client, sha, size=size, cancelled=cancelled,
                                            tally=tally))
        if progress:
            progress("download", done + 1, len(todo))
    return tally


def _read_held_blobs(s) -> dict[str, int]:
    seen: dict[str, int] = {}
    for sha, size in s.execute(select(Attachment.content_hash, Attachment.size).order_by(Attachment.created_at.desc())):
        if sha not in seen and len(sha) == 64:
            seen[sha] = size
    return seen


def fetch_attachment(store: Store | SyncDb, client: SyncClient, attachment_id: str) -> Path:
    """The local file of one attachment, downloaded now if needed (when the user opens it)."""
    db = sync_db(store)
    bind_store(client, db)  # a backend that keeps its ids in the store (RT) finds the file's record there
    sha, size = db.read(_read_attachment_blob, attachment_id=attachment_id)
    path = download_blob(store, client, sha, size=size)
    assert path is not None  # not cancellable here
    return path


def _read_attachment_blob(s, *, attachment_id: str) -> tuple[str, int]:
    att = s.scalar(select(Attachment).where(Attachment.id == attachment_id))
    if att is None:
        raise SyncError("The attachment no longer exists.")
    return att.content_hash, att.size
