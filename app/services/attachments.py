"""Attachments: bytes stored once by SHA-256 inside the store's data folder, metadata in the store."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Attachment
from app.services.errors import NotFoundError, ValidationError
from app.services.journal import queue_mutation, record_event, row_payload
from app.services.tickets import get_ticket

MAX_BYTES = 512 * 1024 * 1024
ATTACHMENT_COLUMNS = ["id", "ticket_id", "file_name", "content_hash", "size", "mime_type", "author_id",
                      "created_at"]
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


# Bidirectional controls let "invoice\u202egpj.exe" show as "invoiceexe.jpg".
_UNSAFE = re.compile('[\x00-\x1f\x7f<>:"|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]')
_EDGES = re.compile(r"^[\s.]+|[\s.]+$")  # Windows drops trailing dots and spaces; leading ones hide files
NAME_MAX_BYTES = 200


def sanitize_file_name(name: str) -> str:
    """A name safe on every desktop OS: no folders, no control or reserved characters, not empty,
    at most 200 bytes of UTF-8 (keeping a short extension). Sanitizing a sanitized name changes nothing."""
    # A name read from a disk in another encoding arrives with lone surrogates that UTF-8 cannot hold.
    name = str(name).encode("utf-8", "replace").decode("utf-8")
    name = unicodedata.normalize("NFC", name)
    name = name.replace("\\", "/").split("/")[-1]
    name = _EDGES.sub("", _UNSAFE.sub("_", name))
    if name.partition(".")[0].upper() in _RESERVED:
        name = "_" + name
    if len(name.encode("utf-8")) > NAME_MAX_BYTES:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem or len(ext) > 20:
            stem, ext = name, ""
        budget = NAME_MAX_BYTES - (len(ext.encode("utf-8")) + 1 if ext else 0)
        stem = _EDGES.sub("", stem.encode("utf-8")[:budget].decode("utf-8", "ignore"))
        name = stem + ("." + ext if ext else "")
    return name or "attachment"


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


def add_attachment(session: Session, *, blob_dir: Path, ticket_id: str, source: Path,
                   actor_id: str | None) -> Attachment:
    ticket = get_ticket(session, ticket_id)
    content_hash, size = store_blob(blob_dir, source)
    name = sanitize_file_name(Path(source).name)
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    att = Attachment(ticket_id=ticket.id, file_name=name, content_hash=content_hash, size=size,
                     mime_type=mime, author_id=actor_id)
    session.add(att)
    session.flush()
    queue_mutation(session, entity="attachment", entity_id=att.id, op="append",
                   payload={"row": row_payload(att, ATTACHMENT_COLUMNS)})
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
