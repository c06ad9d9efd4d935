"""Attachment bytes stored by SHA-256, uploaded in resumable chunks and verified before acceptance."""
# A partial upload lives in blobs/.partial/<account id>/<sha256>; its length is the resume offset. When
# the last byte arrives the whole file is hashed; only a matching file moves (atomically) to
# blobs/ab/<sha256>, and the account's upload (BlobUpload) becomes complete.
#
# A hash is public (anyone may have seen it in a row), so it grants nothing. An account may attach a
# hash it uploaded itself or already reads on a ticket; it may read bytes that a ticket it can read
# holds, or its own upload until that is attached. Everyone else gets the same 404 as for a hash the
# server never saw, so HEAD and GET do not tell whether a file exists.

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db import Database
from server.models import Attachment, Blob, BlobUpload, Ticket
from server.scope import Scope

SHA256 = re.compile(r"^[0-9a-f]{64}$")
_RANGE = re.compile(r"^bytes (\d{1,15})-(\d{1,15})/(\d{1,15})$")
_ACCOUNT = re.compile(r"^[A-Za-z0-9-]{1,64}$")
NOT_UPLOADED = "No such file uploaded by you: the file must be uploaded from this computer before it is attached."


def uploaded(session: Session, scope: Scope, sha: str) -> BlobUpload | None:
    """The account's own complete (verified) upload of `sha`, if any."""
    upload = session.get(BlobUpload, (sha, scope.account_id))
    return upload if upload is not None and upload.complete else None


def on_readable_ticket(session: Session, scope: Scope, sha: str) -> bool:
    """Whether a ticket the account can read now holds an attachment with this hash."""
    return session.execute(select(Attachment.id).join(Ticket, Ticket.id == Attachment.ticket_id)
                           .where(Attachment.content_hash == sha, scope.ticket_filter()).limit(1)).first() is not None


def may_attach(session: Session, scope: Scope, sha: str) -> bool:
    return uploaded(session, scope, sha) is not None or on_readable_ticket(session, scope, sha)


def may_read(session: Session, scope: Scope, sha: str) -> bool:
    """A ticket the account reads holds it, or it is the account's own upload not attached anywhere yet
    (once attached, the tickets decide: an uploader who leaves the group loses it like everyone)."""
    if on_readable_ticket(session, scope, sha):
        return True
    return uploaded(session, scope, sha) is not None and session.execute(
        select(Attachment.id).where(Attachment.content_hash == sha).limit(1)).first() is None


class BlobError(Exception):
    def __init__(self, status: int, message: str, received: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.received = received


@dataclass(frozen=True)
class Progress:
    received: int
    total: int | None
    complete: bool


def parse_range(header: str | None, body_len: int) -> tuple[int, int]:
    """(start, total) from `Content-Range: bytes start-end/total`; no header means the whole file."""
    if header is None:
        return 0, body_len
    match = _RANGE.match(header.strip())
    if not match:
        raise BlobError(400, "Content-Range must look like 'bytes START-END/TOTAL'.")
    start, end, total = map(int, match.groups())
    if end < start or end >= total or end - start + 1 != body_len:
        raise BlobError(400, "Content-Range does not match the body length.")
    return start, total


class BlobStore:
    def __init__(self, root: Path, db: Database, max_bytes: int) -> None:
        self.root = root
        self.partial_dir = root / ".partial"
        self.partial_dir.mkdir(parents=True, exist_ok=True)
        self.db = db
        self.max_bytes = max_bytes
        self._lock = threading.Lock()  # one writer per process; chunks of one upload arrive in order anyway

    def path(self, sha: str) -> Path:
        return self.root / sha[:2] / sha

    def _partial(self, scope: Scope, sha: str) -> Path:
        # Per account: one user's chunks never extend another's upload, nor reveal that it exists.
        if not _ACCOUNT.match(scope.account_id):
            raise BlobError(400, "This account cannot upload files.")
        return self.partial_dir / scope.account_id / sha

    def progress(self, scope: Scope, sha: str) -> Progress | None:
        """What this account may know of `sha`: the whole file when it may read it, else its own
        unfinished upload; None (answered 404) when neither, whether or not the file exists."""
        self._check(sha)
        with self.db.read() as session:
            readable = may_read(session, scope, sha)
            upload = session.get(BlobUpload, (sha, scope.account_id))
            total = upload.size if upload is not None and not upload.complete else None
        if readable and self.path(sha).is_file():
            size = self.path(sha).stat().st_size
            return Progress(size, size, True)
        if total is None:  # no upload of this account's, or a finished one
            return None
        partial = self._partial(scope, sha)
        return Progress(partial.stat().st_size if partial.is_file() else 0, total, False)

    def readable_path(self, scope: Scope, sha: str) -> Path | None:
        progress = self.progress(scope, sha)
        return self.path(sha) if progress is not None and progress.complete else None

    def put(self, scope: Scope, sha: str, start: int, total: int, data: bytes) -> Progress:
        self._check(sha)
        if total > self.max_bytes:
            raise BlobError(413, f"Attachments are limited to {self.max_bytes // (1024 * 1024)} MiB.")
        with self._lock:
            with self.db.read() as session:
                own = uploaded(session, scope, sha)
            if own is not None and self.path(sha).is_file():
                return Progress(own.size, own.size, True)  # this account's own, already verified
            # Bytes another account uploaded are not "already here" for this one: it proves it holds
            # them by sending them, so a hash learnt from a row cannot be turned into the file.
            partial = self._partial(scope, sha)
            self._remember(scope, sha, total, partial)
            have = partial.stat().st_size if partial.is_file() else 0
            if start != have:
                raise BlobError(409, f"The server has {have} bytes of this file; continue from there.", have)
            partial.parent.mkdir(parents=True, exist_ok=True)
            with open(partial, "ab") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            have += len(data)
            if have < total:
                return Progress(have, total, False)
            return self._finish(scope, sha, partial, total)

    def _remember(self, scope: Scope, sha: str, total: int, partial: Path) -> None:
        with self.db.write() as session:
            upload = session.get(BlobUpload, (sha, scope.account_id))
            if upload is None:
                session.add(BlobUpload(sha256=sha, account_id=scope.account_id, size=total, complete=False))
            elif upload.size != total or upload.complete:  # complete but the file is gone: upload again
                if upload.size != total and partial.is_file() and partial.stat().st_size:
                    raise BlobError(409, "An upload of this file with another total size is in progress.")
                upload.size, upload.complete = total, False

    def _finish(self, scope: Scope, sha: str, partial: Path, total: int) -> Progress:
        digest = hashlib.sha256()
        with open(partial, "rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != sha:
            partial.unlink()
            raise BlobError(422, "The uploaded bytes do not match the SHA-256 in the address; upload again.", 0)
        target = self.path(sha)
        target.parent.mkdir(exist_ok=True)
        os.replace(partial, target)  # the same bytes as any copy already there: replacing is harmless
        with self.db.write() as session:
            upload = session.get(BlobUpload, (sha, scope.account_id))
            if upload is not None:
                upload.complete, upload.size = True, total
            blob = session.get(Blob, sha)
            if blob is None:
                session.add(Blob(sha256=sha, size=total, uploaded_by=scope.account_id, complete=True))
            else:
                blob.complete, blob.size = True, total
        return Progress(total, total, True)

    @staticmethod
    def _check(sha: str) -> None:
        if not SHA256.match(sha):
            raise BlobError(400, "A blob is addressed by its lowercase hex SHA-256.")
