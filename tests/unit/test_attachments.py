"""Attachments: safe file names, a content-addressed blob folder, export, open copies, missing files."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.tickets import attachments
from app.tickets import writes as tickets
from app.tickets.detail import ticket_detail
from core.errors import NotFoundError, ValidationError
from core.tickets import children
from tests.unit.factories import audit, outbox

UNSAFE = set('<>:"|?*/\\')
BIDI = {chr(c) for c in (0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def _assert_safe(name: str) -> None:
    assert name and name not in (".", "..")
    assert not (UNSAFE & set(name)), name
    assert all(ord(ch) >= 32 and ord(ch) != 127 for ch in name), name
    assert not (BIDI & set(name)), name
    assert len(name.encode("utf-8")) <= 200
    assert name == name.strip() and not name.endswith(".")
    assert name.partition(".")[0].upper() not in children._RESERVED


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\boot.ini", "boot.ini"),
    ("C:\\Windows\\evil.exe", "evil.exe"),
    ("/absolute/path/report.pdf", "report.pdf"),
    ("CON.txt", "_CON.txt"),
    ("con", "_con"),
    ("LPT1.tar.gz", "_LPT1.tar.gz"),
    ("nul", "_nul"),
    ("a\x00b\x01c\x1f.txt", "a_b_c_.txt"),
    ('what?<is>:"this"|*.txt', "what__is___this___.txt"),
    ("", "attachment"),
    ("...", "attachment"),
    ("/", "attachment"),
    ("   ", "attachment"),
    ("Résumé 履歴書 🎫.pdf", "Résumé 履歴書 🎫.pdf"),
    ("notes.txt. . ", "notes.txt"),
    ("latin1-\udce9t\udce9.txt", "latin1-_t_.txt"),  # os.listdir's surrogateescape of a non-UTF-8 name
])
def test_sanitize_file_name_table(raw, expected):
    assert children.sanitize_file_name(raw) == expected
    _assert_safe(children.sanitize_file_name(raw))


def test_sanitize_normalizes_to_nfc():
    decomposed = unicodedata.normalize("NFD", "José.txt")
    assert children.sanitize_file_name(decomposed) == unicodedata.normalize("NFC", "José.txt")


def test_sanitize_removes_bidi_overrides_that_disguise_the_extension():
    name = children.sanitize_file_name("invoice\u202egpj.exe")
    _assert_safe(name)
    assert name.endswith(".exe")


@pytest.mark.parametrize("raw", ["x" * 500 + ".pdf", "é" * 500 + ".pdf", "a." + "é" * 500, "🎫" * 300,
                                 "x" * 500, "report." + "b" * 300])
def test_long_names_are_cut_to_200_bytes_keeping_the_extension(raw):
    name = children.sanitize_file_name(raw)
    _assert_safe(name)
    name.encode("utf-8").decode("utf-8")
    if raw.endswith(".pdf"):
        assert name.endswith(".pdf")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=600))
def test_sanitize_any_text_gives_a_safe_stable_name(raw):
    name = children.sanitize_file_name(raw)
    _assert_safe(name)
    assert children.sanitize_file_name(name) == name


@pytest.fixture
def ticket_id(store, me):
    with store.session() as s:
        return tickets.create_ticket(s, ticket_type="incident", title="with files", actor_id=me).id


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """open_copy makes temp folders: keep them inside this test's folder."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.chmod(os.path.join(root, name), 0o700)


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_files_are_stored_by_hash_inside_blob_dir_and_deduplicated(store, me, ticket_id, tmp_path):
    outside_before = _files_under(tmp_path) - _files_under(store.blob_dir) if store.blob_dir.exists() else \
        _files_under(tmp_path)
    src = tmp_path / "in"
    src.mkdir()
    content = os.urandom(100_000)
    (src / "CON.txt").write_bytes(content)
    (src / "..evil\x01\u202etxt.exe").write_bytes(content)
    (src / "other.bin").write_bytes(b"other")
    with store.session() as s:
        a = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=src / "CON.txt",
                                       actor_id=me)
        b = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id,
                                       source=src / "..evil\x01\u202etxt.exe", actor_id=me)
        c = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=src / "other.bin",
                                       actor_id=me)
        ids = (a.id, b.id, c.id)
        assert a.file_name == "_CON.txt" and a.mime_type == "text/plain"
        _assert_safe(b.file_name)
        digest = hashlib.sha256(content).hexdigest()
        assert a.content_hash == b.content_hash == digest and a.size == b.size == len(content)
    blobs = _files_under(store.blob_dir)
    assert blobs == {store.blob_dir / digest[:2] / digest,
                     store.blob_dir / c.content_hash[:2] / c.content_hash}
    assert (store.blob_dir / digest[:2] / digest).read_bytes() == content
    for p in blobs:
        assert p.resolve().is_relative_to(store.blob_dir.resolve())
    # Nothing was written anywhere else (the sources and the store files aside).
    store_files = {p for p in tmp_path.glob("store.sqlite3*")}
    assert _files_under(tmp_path) - blobs - _files_under(src) - store_files == outside_before - store_files
    with store.session() as s:
        detail = ticket_detail(s, ticket_id=ticket_id)
        assert [x.id for x in detail.attachments] == list(ids)
        assert [m[2] for m in outbox(s, a.id)] == ["append"]
        assert [e.new_value for e in audit(s, ticket_id) if e.field == "attachment"] == \
            ["_CON.txt", b.file_name, "other.bin"]


def test_export_and_open_copy(store, me, ticket_id, tmp_path, private_tmp):
    src = tmp_path / "report final.pdf"
    src.write_bytes(b"%PDF-1.4 pretend")
    with store.session() as s:
        att_id = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=src,
                                            actor_id=me).id
    with store.session() as s:
        out = attachments.export_attachment(s, blob_dir=store.blob_dir, attachment_id=att_id,
                                            target=tmp_path / "saved.pdf")
        assert out.read_bytes() == b"%PDF-1.4 pretend"
        copy = attachments.open_copy(s, blob_dir=store.blob_dir, attachment_id=att_id)
        assert copy.name == "report final.pdf"
        assert copy.read_bytes() == b"%PDF-1.4 pretend"
        assert copy.resolve().is_relative_to(private_tmp.resolve())
        assert not copy.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        # A second open gets its own folder, not a clash with the first copy.
        assert attachments.open_copy(s, blob_dir=store.blob_dir, attachment_id=att_id) != copy


def test_a_missing_blob_is_a_clear_not_found(store, me, ticket_id, tmp_path):
    src = tmp_path / "gone.txt"
    src.write_text("soon gone")
    with store.session() as s:
        att = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=src, actor_id=me)
        att_id, digest = att.id, att.content_hash
    attachments.blob_path(store.blob_dir, digest).unlink()
    with store.session() as s:
        for call in (lambda: attachments.attachment_file(s, blob_dir=store.blob_dir, attachment_id=att_id),
                     lambda: attachments.export_attachment(s, blob_dir=store.blob_dir, attachment_id=att_id,
                                                           target=tmp_path / "x.txt"),
                     lambda: attachments.open_copy(s, blob_dir=store.blob_dir, attachment_id=att_id)):
            with pytest.raises(attachments.BlobMissing, match="gone.txt is not on this computer") as caught:
                call()
            assert caught.value.attachment_id == att_id and isinstance(caught.value, NotFoundError)
        assert not (tmp_path / "x.txt").exists()
        with pytest.raises(NotFoundError, match="no longer exists"):
            attachments.attachment_file(s, blob_dir=store.blob_dir, attachment_id="nope")


@pytest.mark.parametrize("bad_hash", ["../../../etc/passwd", "", "A" * 64, "0" * 63, "0" * 64 + "/..", "zz" * 32])
def test_a_hash_from_elsewhere_cannot_point_outside_blob_dir(store, me, ticket_id, tmp_path, bad_hash):
    src = tmp_path / "f.txt"
    src.write_text("x")
    with store.session() as s:
        att_id = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=src,
                                            actor_id=me).id
    with store.session() as s:
        s.execute(text("UPDATE attachment SET content_hash = :h WHERE id = :id"), {"h": bad_hash, "id": att_id})
    with store.session() as s, pytest.raises(ValidationError):
        attachments.attachment_file(s, blob_dir=store.blob_dir, attachment_id=att_id)


def test_a_source_that_is_not_a_file_is_refused(store, me, ticket_id, tmp_path):
    with store.session() as s:
        for source in (tmp_path / "missing.txt", tmp_path):
            with pytest.raises(ValidationError):
                attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=source,
                                           actor_id=me)
        assert s.execute(text("SELECT count(*) FROM attachment")).scalar_one() == 0


def test_attaching_to_a_missing_ticket(store, me, tmp_path):
    src = tmp_path / "f.txt"
    src.write_text("x")
    with store.session() as s, pytest.raises(NotFoundError):
        attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id="nope", source=src, actor_id=me)


def test_an_empty_file_is_stored(store, me, ticket_id, tmp_path):
    src = tmp_path / "empty.log"
    src.write_bytes(b"")
    with store.session() as s:
        att = attachments.add_attachment(s, blob_dir=store.blob_dir, ticket_id=ticket_id, source=src, actor_id=me)
        assert (att.size, att.content_hash) == (0, hashlib.sha256(b"").hexdigest())
        assert attachments.attachment_file(s, blob_dir=store.blob_dir, attachment_id=att.id)[0].read_bytes() == b""
