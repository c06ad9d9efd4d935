"""The attachments tab: the list, adding files (dialog or drag and drop), opening a copy, saving as."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.tickets import ops as ticket_ops
from app.tickets.attachments import BlobMissing, export_attachment, open_copy
from app.tickets.records import TicketDetail
from app.ui.context import UiContext
from app.ui.tasks import describe_error
from app.ui.ticket.labels import size_text
from app.ui.ticket.ticket_tasks import TicketTasks
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.record_list import RecordList
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.time_text import local_time_text

# Files that run code when opened; a requester's attachment of this kind deserves a second thought.
RISKY_SUFFIXES = {".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".msp", ".js", ".jse", ".vbs",
                  ".vbe", ".wsf", ".ps1", ".hta", ".jar", ".lnk", ".reg", ".sh", ".desktop", ".app",
                  ".docm", ".xlsm", ".pptm", ".iso", ".dmg", ".pkg", ".deb", ".rpm"}


def local_files(mime: QMimeData) -> list[Path]:
    """The local files a drag carries (none for text or remote URLs)."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.is_file()]


class AttachmentsView(QWidget):
    """Lists a ticket's files and runs every file operation through the task runner."""

    attachment_added = Signal()

    def __init__(self, ctx: UiContext, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ticket_id = ticket_id
        self._adding = 0
        self._added = 0
        self._problems: list[str] = []
        self._waiting: dict[str, Callable[[], None]] = {}  # attachment id -> what to do once it is here
        self._tasks = TicketTasks(self)
        self.list = RecordList([self.tr("Name"), self.tr("Size"), self.tr("Added by"), self.tr("Added")], 0,
                               self.tr("Attachments"), self)
        self.add_button = QPushButton(self.tr("&Add files…"), self)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.save_button = QPushButton(self.tr("Save a&s…"), self)
        self.error = InlineError(self)
        hint = QLabel(self.tr("Drop files on the ticket to attach them."), self)
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        self.setAcceptDrops(True)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected_as)
        self.list.itemActivated.connect(self.open_selected)
        ctx.events.attachment_fetched.connect(self._on_events_attachment_fetched)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_ticket(self, ticket_id: str) -> None:
        """Make this view (reused) one of `ticket_id`: no file, error or pending answer of the last one stays."""
        self._tasks.renew()
        self._ticket_id = ticket_id
        self._adding = self._added = 0
        self._problems = []
        self._waiting = {}
        self.list.clear()
        self.error.clear_message()
        self._update_buttons()

    def set_detail(self, detail: TicketDetail) -> None:
        selected = self.selected_id()
        self.list.clear()
        for att in detail.attachments:
            item = QTreeWidgetItem([one_line(att.file_name, 200), size_text(att.size), one_line(att.author),
                                    local_time_text(att.created_at)])
            item.setData(0, Qt.ItemDataRole.UserRole, att.id)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, att.file_name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
            if att.id == selected:
                self.list.setCurrentItem(item)
        self.list.fit_columns()
        self._update_buttons()

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None

    def _selected_name(self) -> str:
        return self.list.currentItem().data(0, Qt.ItemDataRole.UserRole + 1)

    # ----- adding

    def add_files(self, paths: list[Path]) -> None:
        """Attach these files (the file dialog and drag and drop both end here); one task per file."""
        self.error.clear_message()
        self._problems = []
        for path in paths:
            self._adding += 1
            self._ctx.runner.op(ticket_ops.attach_file, blob_dir=self._ctx.blob_dir, ticket_id=self._ticket_id,
                                source=Path(path), actor_id=self._ctx.me, on_done=self._on_file_added,
                                on_error=lambda exc, name=Path(path).name: self._on_file_failed(name, exc),
                                owner=self._tasks.owner, label="add attachment")

    def _on_add_clicked(self) -> None:
        paths = self._choose_files()
        if paths:
            self.add_files(paths)

    def _choose_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        return [Path(n) for n in names]

    def _on_file_added(self, _result) -> None:
        self._added += 1
        self._file_done()

    def _on_file_failed(self, name: str, exc: Exception) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else describe_error(exc)
        self._problems.append(self.tr("{} was not attached: {}").format(one_line(name), reason))
        self._file_done()

    def _file_done(self) -> None:
        self._adding -= 1
        self.error.show_message("\n".join(self._problems))
        if self._adding == 0 and self._added:
            self._added = 0
            self.attachment_added.emit()  # once per batch, so the editor reloads once

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = local_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # ----- opening and saving

    def open_selected(self, *_args) -> None:
        """Open a read-only copy in the desktop's default app (asks first for files that run code)."""
        attachment_id = self.selected_id()
        if attachment_id is None:
            return
        name = self._selected_name()
        if Path(one_line(name, 300)).suffix.lower() in RISKY_SUFFIXES and not self._confirm_risky(name):
            return
        self._open(attachment_id)

    def open_attachment(self, attachment_id: str) -> None:
        """Open one attachment by id (a received mail's original .eml from the worklog); a file not on
        this desk yet is downloaded first, as for the list's own Open."""
        self._open(attachment_id)

    def save_attachment_as(self, attachment_id: str, name: str) -> None:
        target = self._choose_save_target(name)
        if target is not None:
            self._save(attachment_id, target)

    def _open(self, attachment_id: str) -> None:
        self._ctx.runner.query(open_copy, blob_dir=self._ctx.blob_dir, attachment_id=attachment_id,
                               on_done=self._on_copy_ready, owner=self._tasks.owner, label="open attachment",
                               on_error=lambda exc: self._on_file_error(exc, lambda: self._open(attachment_id)))

    def _on_copy_ready(self, path: Path) -> None:
        self._open_url(QUrl.fromLocalFile(str(path)))

    def _open_url(self, url: QUrl) -> None:
        if not QDesktopServices.openUrl(url):
            self.error.show_message(self.tr("No application is set up to open this kind of file."))

    def _confirm_risky(self, name: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Open attachment"),
                          self.tr("{} can run programs on this computer. Open it only if you trust "
                                  "where it came from.").format(one_line(name, 120)),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Open

    def save_selected_as(self) -> None:
        attachment_id = self.selected_id()
        if attachment_id is None:
            return
        target = self._choose_save_target(self._selected_name())
        if target is None:
            return
        self._save(attachment_id, target)

    def _save(self, attachment_id: str, target: Path) -> None:
        self._ctx.runner.query(export_attachment, blob_dir=self._ctx.blob_dir, attachment_id=attachment_id,
                               target=target, on_done=self._on_saved_as, owner=self._tasks.owner,
                               label="save attachment as",
                               on_error=lambda exc: self._on_file_error(exc, lambda: self._save(attachment_id, target)))

    def _choose_save_target(self, name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save attachment as"), one_line(name, 200))
        return Path(chosen) if chosen else None

    def _on_saved_as(self, target: Path) -> None:
        self.error.clear_message()
        self._ctx.events.status_message.emit(self.tr("Saved {}").format(target))

    def _on_file_error(self, exc: Exception, retry: Callable[[], None] | None = None) -> None:
        if isinstance(exc, BlobMissing) and retry is not None and exc.attachment_id not in self._waiting:
            # Synced metadata whose bytes are not here yet: the sync downloads them, then we carry on.
            self._waiting[exc.attachment_id] = retry
            self.error.clear_message()
            self._ctx.events.status_message.emit(self.tr("Downloading the file from the server…"))
            self._ctx.events.attachment_fetch_requested.emit(exc.attachment_id)
            return
        self.error.show_message(exc.strerror if isinstance(exc, OSError) and exc.strerror else describe_error(exc))

    def _on_events_attachment_fetched(self, attachment_id: str, problem: str) -> None:
        retry = self._waiting.pop(attachment_id, None)
        if retry is None:
            return
        if problem:
            self.error.show_message(problem)
        else:
            self.error.clear_message()
            retry()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.open_button.setEnabled(has)
        self.save_button.setEnabled(has)
