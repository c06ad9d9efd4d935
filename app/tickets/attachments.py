"""Attachments: bytes stored once by SHA-256 inside the store's data folder, metadata in the store."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Attachment
from app.outbox.journal import append_row, record_event
from app.tickets.writes import get_ticket
from core.errors import NotFoundError, ValidationError
from core.tickets.children import ATTACHMENT_COLUMNS, MAX_BYTES, sanitize_file_name


def blob_path(blob_dir: Path, content_hash: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", content_hash):
        raise ValidationError("Bad attachment reference.")
    return blob_dir / content_hash[:2] / content_hash


def store_blob(blob_dir: Path, source: Path) -> tuple[str, int]:
    """Copy a file into the blob folder under its hash; atomic, fsynced, deduplicated."""
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"{source.name} is not a readable file.")
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise ValidationError(f"{source.name} is larger than {MAX_BYTES // (1024 * 1024)} MiB.")
    blob_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=blob_dir, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        target = blob_path(blob_dir, digest.hexdigest())
        target.parent.mkdir(exist_ok=True)
        if target.exists():
            os.unlink(tmp_name)
        else:
            os.replace(tmp_name, target)
    except OSError:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
    return digest.hexdigest(), size


def store_bytes(blob_dir: Path, data: bytes) -> tuple[str, int]:
    """Store `data` in the blob folder under its hash (a file pulled from another server); atomic,
    fsynced, deduplicated. (sha256, size)."""
    if len(data) > MAX_BYTES:
        raise ValidationError(f"A file is larger than {MAX_BYTES // (1024 * 1024)} MiB.")
    content_hash = hashlib.sha256(data).hexdigest()
    target = blob_path(blob_dir, content_hash)
    if target.is_file():
        return content_hash, len(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=blob_dir, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, target)
    except OSError:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
    return content_hash, len(data)


def add_attachment(session: Session, *, blob_dir: Path, ticket_id: str, source: Path,
                   actor_id: str | None) -> Attachment:
    ticket = get_ticket(session, ticket_id)
    content_hash, size = store_blob(blob_dir, source)
    name = sanitize_file_name(Path(source).name)
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    att = Attachment(ticket_id=ticket.id, file_name=name, content_hash=content_hash, size=size,
                     mime_type=mime, author_id=actor_id)
    append_row(session, att, entity="attachment", columns=ATTACHMENT_COLUMNS)
    record_event(session, entity="ticket", entity_id=ticket.id, field="attachment", new=name, actor_id=actor_id)
    ticket.updated_at = att.created_at
    return att


class BlobMissing(NotFoundError):
    """The attachment is known but its file is not on this desk (yet): synced metadata whose bytes have
    not been downloaded, or a file lost from the data folder. The sync can fetch it."""

    def __init__(self, message: str, *, attachment_id: str) -> None:
        super().__init__(message)
        self.attachment_id = attachment_id


def attachment_file(session: Session, *, blob_dir: Path, attachment_id: str) -> tuple[Path, str]:
    """The stored file and the name to show for it. The path is always inside blob_dir."""
    att = session.scalar(select(Attachment).where(Attachment.id == attachment_id))
    if att is None:
        raise NotFoundError("The attachment no longer exists.")
    path = blob_path(blob_dir, att.content_hash)
    if not path.is_file():
        raise BlobMissing(f"The file of {att.file_name} is not on this computer.", attachment_id=attachment_id)
    return path, att.file_name


def export_attachment(session: Session, *, blob_dir: Path, attachment_id: str, target: Path) -> Path:
    """Save a copy where the user chose (Save as...)."""
    path, _ = attachment_file(session, blob_dir=blob_dir, attachment_id=attachment_id)
    shutil.copyfile(path, target)
    return Path(target)


def open_copy(session: Session, *, blob_dir: Path, attachment_id: str) -> Path:
    """A read-only copy with its real name in a private temp folder, for opening in another app."""
    path, name = attachment_file(session, blob_dir=blob_dir, attachment_id=attachment_id)
    folder = Path(tempfile.mkdtemp(prefix="deskside-open-"))
    target = folder / sanitize_file_name(name)
    shutil.copyfile(path, target)
    target.chmod(0o400)
    return target
