"""Attachment bytes stored by SHA-256, uploaded in resumable chunks and verified before acceptance.

A partial upload lives in blobs/.partial/<sha256>; its length is the resume offset. When the last
byte arrives the whole file is hashed; only a matching file moves (atomically) to blobs/ab/<sha256>.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from server.db import Database
from server.models import Attachment, Blob, Ticket
from server.scope import Scope

SHA256 = re.compile(r"^[0-9a-f]{64}$")
_RANGE = re.compile(r"^bytes (\d{1,15})-(\d{1,15})/(\d{1,15})$")


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

    def progress(self, sha: str) -> Progress:
        self._check(sha)
        if self.path(sha).is_file():
            size = self.path(sha).stat().st_size
            return Progress(size, size, True)
        partial = self.partial_dir / sha
        with self.db.read() as session:
            blob = session.get(Blob, sha)
            total = blob.size if blob is not None else None
        return Progress(partial.stat().st_size if partial.is_file() else 0, total, False)

    def put(self, scope: Scope, sha: str, start: int, total: int, data: bytes) -> Progress:
        self._check(sha)
        if total > self.max_bytes:
            raise BlobError(413, f"Attachments are limited to {self.max_bytes // (1024 * 1024)} MiB.")
        with self._lock:
            if self.path(sha).is_file():
                return Progress(total, total, True)  # already here (another upload, or a retried last chunk)
            self._remember(scope, sha, total)
            partial = self.partial_dir / sha
            have = partial.stat().st_size if partial.is_file() else 0
            if start != have:
                raise BlobError(409, f"The server has {have} bytes of this file; continue from there.", have)
            with open(partial, "ab") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            have += len(data)
            if have < total:
                return Progress(have, total, False)
            return self._finish(sha, partial, total)

    def _remember(self, scope: Scope, sha: str, total: int) -> None:
        with self.db.write() as session:
            blob = session.get(Blob, sha)
            if blob is None:
                session.add(Blob(sha256=sha, size=total, uploaded_by=scope.account_id, complete=False))
            elif blob.size != total:
                partial = self.partial_dir / sha
                if partial.is_file() and partial.stat().st_size:
                    raise BlobError(409, "An upload of this file with another total size is in progress.")
                blob.size, blob.uploaded_by = total, scope.account_id

    def _finish(self, sha: str, partial: Path, total: int) -> Progress:
        digest = hashlib.sha256()
        with open(partial, "rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != sha:
            partial.unlink()
            raise BlobError(422, "The uploaded bytes do not match the SHA-256 in the address; upload again.", 0)
        target = self.path(sha)
        target.parent.mkdir(exist_ok=True)
        os.replace(partial, target)
        with self.db.write() as session:
            blob = session.get(Blob, sha)
            if blob is not None:
                blob.complete = True
        return Progress(total, total, True)

    def may_read(self, scope: Scope, sha: str) -> bool:
        """Managers, the uploader, and anyone who can see a ticket with this attachment."""
        if scope.sees_all:
            return True
        with self.db.read() as session:
            blob = session.get(Blob, sha)
            if blob is not None and blob.uploaded_by == scope.account_id:
                return True
            return session.execute(select(Attachment.id).join(Ticket, Ticket.id == Attachment.ticket_id)
                                   .where(Attachment.content_hash == sha, scope.ticket_filter()).limit(1)).first() \
                is not None

    @staticmethod
    def _check(sha: str) -> None:
        if not SHA256.match(sha):
            raise BlobError(400, "A blob is addressed by its lowercase hex SHA-256.")
