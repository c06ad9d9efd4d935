"""Write a mail's files (the original .eml, its attachments) into the blob store, before the transaction.

The bytes land under blobs/ab/<sha256> like an uploaded file (server/blobs.py); a file without a row is
harmless (the transaction that would have attached it rolled back), and a second write of the same
bytes changes nothing. The Blob row is written in the mail's transaction (`blob_row`)."""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from server.models import Blob


def put(root: Path, data: bytes) -> str:
    """Store the bytes by their SHA-256 (atomically, synced) and return the hash."""
    sha = hashlib.sha256(data).hexdigest()
    target = root / sha[:2] / sha
    if target.is_file() and target.stat().st_size == len(data):
        return sha
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = root / ".partial" / f"mail-{uuid.uuid4().hex}"
    partial.parent.mkdir(parents=True, exist_ok=True)
    with open(partial, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    return sha


def blob_row(session: Session, sha: str, size: int) -> None:
    """The Blob row of stored bytes (no uploader: the server wrote them)."""
    blob = session.get(Blob, sha)
    if blob is None:
        session.add(Blob(sha256=sha, size=size, uploaded_by=None, complete=True))
    elif not blob.complete:
        blob.complete, blob.size = True, size
