"""Attachment files between RT5 and the desk's content-addressed attachment store.

From RT: the parts of a Create / Correspond / Comment transaction that carry a file name are files. Each is read
alone (`GET /attachment/N`, whose Content is base64 and so exact for binary files; the JSON search of
attachments hands bytes out as text), checked against a size limit, stored under its SHA-256 in the blob
folder (app.tickets.attachments.store_bytes) and sent to the desk as an `attachment` row whose id is derived
from RT's attachment id (a ref keeps it, so a re-pull neither fetches nor adds it again). Names are sanitised
like a dropped file's, a content type that is not a plain `type/subtype` becomes application/octet-stream:
the desk never runs or renders a file, it opens a read-only copy in the user's own application.

To RT: a desk attachment goes as an internal note (RT's `comment`) with the file attached — REST2's
`Attachments: [{FileName, FileType, FileContent (base64)}]` — through the push's ledger, so a retry after an
unknown outcome never attaches it twice. RT's attachment id is then recorded for the desk's row.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from app.sync.backends.rt import mapping
from app.sync.backends.rt.http import RtHttp, decode_content
from app.sync.errors import ServerError
from app.tickets.attachments import blob_path, store_bytes
from core.tickets.children import sanitize_file_name

log = logging.getLogger(__name__)
MAX_PULL_BYTES = 64 * 1024 * 1024  # a file larger than this stays in RT (a note in the log; RT shows it)
MAX_PUSH_BYTES = 10 * 1024 * 1024  # RT's default $MaxAttachmentSize; larger files are refused with a message
_MIME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]{0,60}/[A-Za-z0-9][A-Za-z0-9.+-]{0,60}")


def file_parts(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parts of a transaction that are files (they have a file name)."""
    return [p for p in parts if str(p.get("Filename") or "").strip() and str(p.get("id", "")).isdigit()]


def safe_mime(value: Any) -> str:
    text = str(value or "").split(";")[0].strip().lower()
    return text if _MIME.fullmatch(text) else "application/octet-stream"


def fetch_again(rt: RtHttp, remote_ids: list[str], sha256: str) -> bytes:
    """The bytes of a file the desk once pulled (or pushed) and has lost since, read again from RT by the
    attachment ids it is known under there; checked against the hash the desk recorded."""
    for remote in remote_ids:
        try:
            content = decode_content(rt.get(f"/attachment/{remote}").get("Content"))
        except ServerError as exc:
            if exc.status in (403, 404):
                continue  # gone from RT, or no longer readable by this user: another copy may be
            raise
        if hashlib.sha256(content).hexdigest() == sha256:
            return content
        log.warning("RT attachment %s no longer matches the file the desk recorded", remote)
    raise ServerError("This file is not on this computer, and Request Tracker no longer hands it out.", 404)


def as_response(content: bytes) -> requests.Response:
    """`content` as a whole-file (200) download, the shape a blob download reads."""
    response = requests.Response()
    response.status_code = 200
    response._content = content
    response._content_consumed = True
    return response


def pulled_rows(rt: RtHttp, base: str, blob_dir: Path | None, files: list[tuple[dict, dict, str]],
                held: dict[str, str]) -> tuple[list[dict], list[tuple]]:
    """Attachment rows for `files` — (RT part, its transaction, the desk's ticket id) — whose RT attachment id
    the desk does not hold yet (`held`: RT id -> local id); with the page refs that remember them."""
    rows: list[dict] = []
    page_refs: list[tuple] = []
    if blob_dir is None:
        return rows, page_refs
    for part, txn, ticket_id in files:
        remote = str(part["id"])
        if remote in held:
            continue
        try:
            record = rt.get(f"/attachment/{remote}")
        except ServerError as exc:
            if exc.status in (403, 404):
                continue  # the user may not read it (or it is gone): the transaction's text still shows
            raise
        content = decode_content(record.get("Content"))
        if len(content) > MAX_PULL_BYTES:
            log.info("RT attachment %s is larger than %d bytes; left in RT", remote, MAX_PULL_BYTES)
            continue
        sha, size = store_bytes(blob_dir, content)
        creator = mapping.ref_id(txn.get("Creator"))
        local = mapping.local_id(base, "attachment", remote)
        rows.append({"id": local, "ticket_id": ticket_id, "file_name": sanitize_file_name(str(part["Filename"])),
                     "content_hash": sha, "size": size, "mime_type": safe_mime(part.get("ContentType")),
                     "author_id": None if creator in (None, "RT_System") else mapping.local_id(base, "user", creator),
                     "created_at": mapping.wire_time(mapping.rt_time(txn.get("Created")))})
        page_refs.append(("attachment", remote, local, None))
    return rows, page_refs


def upload_of(blob_dir: Path, row: dict[str, Any]) -> dict[str, Any]:
    """REST2's Attachments entry for a desk attachment row; raises ValueError with a message for the user
    when the file cannot go (missing here, damaged, larger than RT takes)."""
    sha = str(row.get("content_hash") or "")
    name = sanitize_file_name(str(row.get("file_name") or "attachment"))
    try:
        path = blob_path(blob_dir, sha)
    except Exception as exc:  # noqa: BLE001 - a malformed reference in the mutation
        raise ValueError(f"{name}: bad file reference.") from exc
    if not path.is_file():
        raise ValueError(f"The file of {name} is not on this computer; it cannot be sent to Request Tracker.")
    if path.stat().st_size > MAX_PUSH_BYTES:
        raise ValueError(f"{name} is larger than Request Tracker takes ({MAX_PUSH_BYTES // (1024 * 1024)} MiB); "
                         "it stays on this desk.")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha:
        raise ValueError(f"The local copy of {name} is damaged; it was not sent.")
    return {"FileName": name, "FileType": safe_mime(row.get("mime_type")),
            "FileContent": base64.b64encode(data).decode("ascii")}


def note_text(row: dict[str, Any]) -> str:
    return f"Attached file: {sanitize_file_name(str(row.get('file_name') or 'attachment'))}"


def remember_sent(rt: RtHttp, write: Callable[..., Any], put_ref: Callable[..., Any], server_key: str,
                  txn_id: str | None, local_id: str | None) -> None:
    """After RT took the note: its file part's id now names the desk's row (a pull does not add it again)."""
    if not txn_id or not local_id:
        return
    answer = rt.get(f"/transaction/{txn_id}/attachments", fields="Filename", per_page=100)
    for part in file_parts(list(answer.get("items") or [])):
        write(put_ref, server_key=server_key, kind="attachment", remote_id=str(part["id"]), local_id=local_id)
        return
