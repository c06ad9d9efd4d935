"""Attachment files between two desks and a real server: resumable upload, background and on-demand
download, hash checks on both sides, and nothing lost across a restart."""

from __future__ import annotations

import hashlib
import os

import pytest
from sqlalchemy import func, select

from app.models import Attachment, OutboxMutation, SyncConflict
from app.sync import refused_work as refusals
from app.sync.attachments import CorruptBlob, fetch_attachment, missing_downloads, pending_uploads, upload_pending
from app.sync.engine import sync_once
from app.tickets import attachments
from app.tickets import writes as tickets
from app.tickets.attachments import blob_path


def _ticket_with_file(node, tmp_path, size: int, name: str = "trace.bin"):
    data = os.urandom(size)
    source = tmp_path / name
    source.write_bytes(data)
    with node.store.session() as s:
        tid = tickets.create_ticket(s, ticket_type="incident", title="Crash dump attached", actor_id=node.me,
                                    group_id=node.group).id
        att = attachments.add_attachment(s, blob_dir=node.store.blob_dir, ticket_id=tid, source=source,
                                         actor_id=node.me)
        return tid, att.id, data, hashlib.sha256(data).hexdigest()


def _server_file(desk, sha: str):
    return desk.data_dir / "blobs" / sha[:2] / sha


def test_an_interrupted_upload_resumes_after_a_restart_and_the_other_desk_gets_the_same_bytes(desk, nodes, tmp_path):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, aid, data, sha = _ticket_with_file(ann, tmp_path, 300_000)

    def cut_after_first_chunk() -> bool:  # the transfer stops once one chunk went through
        return ann.client.blob_status(sha)[0] >= 100_000

    tally = upload_pending(ann.store, ann.client, chunk_size=100_000, cancelled=cut_after_first_chunk)
    assert tally.uploaded == 0 and ann.client.blob_status(sha) == (100_000, False)
    ann.reopen()  # the app restarts: what is left to send is read from the outbox again
    assert pending_uploads(ann.store) == [(sha, 300_000)]
    report = ann.sync()
    assert report.uploaded == 1 and report.statuses == {"applied": 2} and report.transfer_failed == {}
    assert ann.client.blob_status(sha) == (300_000, True)
    assert _server_file(desk, sha).read_bytes() == data
    assert pending_uploads(ann.store) == []
    report = ben.sync()
    assert report.downloaded == 1
    got = blob_path(ben.store.blob_dir, sha).read_bytes()
    assert got == data and hashlib.sha256(got).hexdigest() == sha
    assert missing_downloads(ben.store) == []


def test_a_corrupt_download_is_refused_and_fetched_again_once_the_server_is_repaired(desk, nodes, tmp_path):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, aid, data, sha = _ticket_with_file(ann, tmp_path, 50_000, "photo.jpg")
    ann.sync()
    stored = _server_file(desk, sha)
    stored.write_bytes(b"X" * len(data))  # bit rot on the server's disk
    report = ben.sync()
    assert report.downloaded == 0 and sha in report.transfer_failed
    assert not blob_path(ben.store.blob_dir, sha).exists()
    assert not (ben.store.blob_dir / ".partial" / sha).exists()
    with pytest.raises(CorruptBlob):
        fetch_attachment(ben.store, ben.client, aid)
    assert not blob_path(ben.store.blob_dir, sha).exists()
    stored.write_bytes(data)
    report = ben.sync()
    assert report.downloaded == 1 and report.transfer_failed == {}
    assert blob_path(ben.store.blob_dir, sha).read_bytes() == data


def test_a_partial_download_resumes_with_a_range_request_and_opening_fetches_on_demand(desk, nodes, tmp_path):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, aid, data, sha = _ticket_with_file(ann, tmp_path, 200_000, "log.txt")
    ann.sync()
    from app.sync.engine import sync_once

    sync_once(ben.store, ben.client, attachments=False)  # metadata only: the file is fetched on opening
    assert missing_downloads(ben.store) == [(sha, 200_000)]
    partial = ben.store.blob_dir / ".partial" / sha
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(data[:70_000])  # an earlier download was cut here
    path = fetch_attachment(ben.store, ben.client, aid)
    assert path.read_bytes() == data and not partial.exists()


def test_a_damaged_local_file_is_not_sent_and_its_attachment_waits_in_the_inbox(desk, nodes, tmp_path):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, aid, data, sha = _ticket_with_file(ann, tmp_path, 10_000, "notes.txt")
    blob_path(ann.store.blob_dir, sha).write_bytes(b"garbage")
    report = ann.sync()
    assert sha in report.transfer_failed and ann.client.blob_status(sha) == (0, False)
    # The server lists no file it does not hold: the metadata is refused, and kept in ann's inbox.
    assert report.statuses == {"applied": 1, "rejected": 1}
    with ann.store.session() as s:
        assert s.scalar(select(func.count()).select_from(OutboxMutation)) == 0
        refused = s.scalars(select(SyncConflict).where(SyncConflict.kind == "rejected")).one()
        assert refused.entity_id == aid and "No such file uploaded by you" in refused.reason
        assert sha in refused.mine
    ben.sync()  # no row for ben whose file nobody can fetch
    with ben.store.session() as s:
        assert s.get(Attachment, aid) is None


def test_an_empty_file_travels_too(desk, nodes, tmp_path):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, aid, data, sha = _ticket_with_file(ann, tmp_path, 0, "empty.txt")
    assert ann.sync().uploaded == 1
    assert ben.sync().downloaded == 1 and blob_path(ben.store.blob_dir, sha).read_bytes() == b""


def _attach(node, tmp_path, ticket_id: str, size: int, name: str):
    data = os.urandom(size)
    source = tmp_path / name
    source.write_bytes(data)
    with node.store.session() as s:  # its own connection and transaction, as the editor's save
        att = attachments.add_attachment(s, blob_dir=node.store.blob_dir, ticket_id=ticket_id, source=source,
                                         actor_id=node.me)
        return att.id, data


def test_a_file_attached_while_a_round_uploads_reaches_the_colleague(desk, nodes, tmp_path):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, first_id, first, _sha = _ticket_with_file(ann, tmp_path, 20_000, "first.bin")
    late: list[tuple[str, bytes]] = []

    def attach_between_upload_and_push(phase: str, _done: int, _total: int) -> None:
        # The round has listed and sent its files and not pushed yet: the user attaches another one.
        if phase == "upload" and not late:
            late.append(_attach(ann, tmp_path, tid, 30_000, "late.bin"))

    sync_once(ann.store, ann.client, progress=attach_between_upload_and_push)
    assert late
    ben.sync()
    for attachment_id, data in ((first_id, first), late[0]):
        assert fetch_attachment(ben.store, ben.client, attachment_id).read_bytes() == data


def test_metadata_sent_without_its_file_is_refused_kept_and_sent_again_once_the_file_is_up(desk, nodes, tmp_path):
    """The server takes an attachment row only with bytes its pusher uploaded (a hash is no capability):
    a row that went ahead of its file is refused, stays on the desk with its file, and goes again."""
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    tid, aid, data, sha = _ticket_with_file(ann, tmp_path, 40_000, "later.bin")
    sync_once(ann.store, ann.client, attachments=False)  # the metadata goes, the bytes do not
    assert ann.client.blob_status(sha) == (0, False)
    with ann.store.session() as s:
        [record] = s.scalars(select(SyncConflict).where(SyncConflict.kind == "rejected",
                                                        SyncConflict.status == "open")).all()
        assert "No such file uploaded by you" in record.reason
        assert s.scalar(select(Attachment.id).where(Attachment.id == aid)) == aid  # kept, file and all
        conflict_id = record.id
    assert pending_uploads(ann.store) == [(sha, 40_000)]
    assert ann.sync().uploaded == 1 and ann.client.blob_status(sha) == (40_000, True)
    assert pending_uploads(ann.store) == []
    with ann.store.session() as s:
        refusals.send_again(s, conflict_id=conflict_id)
    assert ann.sync().statuses == {"applied": 1}
    ben.sync()
    assert fetch_attachment(ben.store, ben.client, aid).read_bytes() == data
