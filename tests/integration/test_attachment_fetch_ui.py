"""An attachment whose file is not on this desk yet is downloaded when the user opens or saves it."""

from __future__ import annotations

from app.tickets import attachments
from tests.integration.test_sync_ui import WAIT, create_on, new_user, signed_in_window, store_of, ticket_in


def _missing_here(qtbot, desk, nodes, windows, title, source):
    """Ben attaches `source` to a new ticket and syncs; another user's window gets the ticket and the
    file, whose local copy is then removed, as if it had not come yet (or was lost from the data folder).
    Answers (window, ticket id, path of the removed local copy)."""
    user = new_user(desk)
    ben = nodes(desk, "ben")
    tid = create_on(ben, title)
    with ben.store.session() as s:
        digest = attachments.add_attachment(s, blob_dir=ben.store.blob_dir, ticket_id=tid, source=source,
                                            actor_id=ben.me).content_hash
    ben.sync()
    window = signed_in_window(qtbot, windows, desk, user)
    qtbot.waitUntil(lambda: ticket_in(window, tid) is not None, timeout=WAIT)
    blob = attachments.blob_path(store_of(window).blob_dir, digest)
    qtbot.waitUntil(blob.exists, timeout=WAIT)  # the background download of the round
    blob.unlink()
    return window, tid, blob


def _save_first_attachment_as(qtbot, window, tid, target, monkeypatch):
    """Open the ticket and Save as… its one attachment to `target`; answers the attachments view."""
    window.open_ticket(tid)
    editor = window.current_editor()
    qtbot.waitUntil(lambda: editor.detail() is not None, timeout=WAIT)
    view = editor.ui.attachments
    qtbot.waitUntil(lambda: view.list.topLevelItemCount() == 1, timeout=WAIT)
    view.list.setCurrentItem(view.list.topLevelItem(0))
    monkeypatch.setattr(view, "_choose_save_target", lambda name: target)
    view.save_selected_as()
    return view


def test_saving_an_attachment_missing_here_downloads_it_first(qtbot, desk, nodes, windows, tmp_path, monkeypatch):
    source = tmp_path / "error.png"
    source.write_bytes(b"\x89PNG " + bytes(range(256)) * 40)
    window, tid, blob = _missing_here(qtbot, desk, nodes, windows, "Screenshot of the error", source)

    target = tmp_path / "saved.png"
    view = _save_first_attachment_as(qtbot, window, tid, target, monkeypatch)
    qtbot.waitUntil(target.exists, timeout=WAIT)
    assert target.read_bytes() == source.read_bytes() and blob.exists()
    assert not view.error.isVisible()


def test_offline_the_missing_file_is_explained_not_lost(qtbot, desk, nodes, windows, tmp_path, monkeypatch):
    source = tmp_path / "app.log"
    source.write_text("line\n" * 100)
    window, tid, _blob = _missing_here(qtbot, desk, nodes, windows, "Log file attached", source)
    window.sync.actions["sync.offline"].trigger()

    target = tmp_path / "saved.log"
    view = _save_first_attachment_as(qtbot, window, tid, target, monkeypatch)
    qtbot.waitUntil(lambda: "offline" in view.error.text().lower(), timeout=WAIT)
    assert not target.exists()
