"""The first-run dialog: try Deskside with demo data, start an empty local desk, or connect to a team's server."""
# Nothing is created until the user chooses; the store is made by a runner job.

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.demo.first_start import make_demo_desk, make_empty_desk
from app.ui.tasks import TaskRunner
from app.ui.widgets.inline_error import InlineError

# The jobs write to a store that is not open yet (the app opens it once the dialog is accepted), so
# their own connection is the only writer there is: the demo generator keeps its bulk connection.


class FirstRunDialog(QDialog):
    """Accepted once the chosen desk exists at `path`; `choice` is then "demo", "empty" or "server" (an
    empty desk; whoever showed the dialog then asks for a sign-in). Rejected
    (closed) leaves nothing behind. Whoever shows it must let it finish: closing is refused while the
    desk is being made. No store is open yet, so it runs its job on a runner of its own."""

    desk_created = Signal(str)  # "demo", "empty" or "server"

    def __init__(self, path: Path, user_name: str, parent: QWidget | None = None, *,
                 demo_tickets: int = 5000) -> None:
        super().__init__(parent)
        self._demo_tickets = demo_tickets
        self.setObjectName("FirstRunDialog")
        self.setWindowTitle(self.tr("Welcome to Deskside"))
        self.path = Path(path)
        self.choice = ""
        self._runner = TaskRunner(None, self)
        self._working = False
        intro = QLabel(self.tr("<h2>Welcome to Deskside</h2><p>How would you like to start? Your desk will be "
                               "kept on this computer in<br><code>{0}</code></p>").format(
            str(self.path).replace("&", "&amp;").replace("<", "&lt;")), self)
        intro.setWordWrap(True)
        self.demo_button = QCommandLinkButton(
            self.tr("Try it with demo data"),
            self.tr("A sample desk with %Ln ticket(s), agents and groups, to explore freely.", "", demo_tickets), self)
        self.empty_button = QCommandLinkButton(
            self.tr("Start an empty local desk"), self.tr("No tickets yet; you are its first agent."), self)
        name_row = QHBoxLayout()
        name_row.setContentsMargins(40, 0, 0, 0)
        name_label = QLabel(self.tr("Your &name:"), self)
        self.name_edit = QLineEdit(user_name, self)
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setMaxLength(200)
        name_label.setBuddy(self.name_edit)
        name_row.addWidget(name_label)
        name_row.addWidget(self.name_edit, 1)
        self.server_button = QCommandLinkButton(
            self.tr("Connect to a server"),
            self.tr("Work on your team's shared desk: sign in next, and it syncs onto this computer."), self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.error = InlineError(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.empty_button)
        layout.addLayout(name_row)
        layout.addWidget(self.server_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
        self.demo_button.setDefault(True)
        self.demo_button.setFocus()
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.empty_button.clicked.connect(self._on_empty_button_clicked)
        self.server_button.clicked.connect(self._on_server_button_clicked)
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        for button in (self.demo_button, self.empty_button, self.server_button):
            button.setMinimumWidth(520)

    def _on_name_edit_text_changed(self, text: str) -> None:
        self.empty_button.setEnabled(bool(text.strip()) and not self._working)

    def _on_demo_button_clicked(self) -> None:
        self._start("demo", make_demo_desk, path=self.path, tickets=self._demo_tickets)
        self.progress.setFormat(self.tr("Making the demo desk… %p%"))

    def _on_empty_button_clicked(self) -> None:
        name = self.name_edit.text().strip()
        if name:
            self._start("empty", make_empty_desk, path=self.path, name=name)
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Creating the desk…"))

    def _on_server_button_clicked(self) -> None:
        # An empty desk first; the sign-in that follows (app.main) makes the account its user.
        name = self.name_edit.text().strip() or self.tr("Local agent")
        self._start("server", make_empty_desk, path=self.path, name=name)
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Creating the desk…"))

    def _start(self, choice: str, fn, **kwargs) -> None:
        self.choice = choice
        self.error.clear_message()
        for w in (self.demo_button, self.empty_button, self.name_edit, self.server_button):
            w.setEnabled(False)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.show()
        self._working = True
        self._runner.job(fn, on_progress=self._on_job_progress, on_done=lambda _r: self._on_job_finished(""),
                         on_error=self._on_job_failed, owner=self, label="first-run", **kwargs)

    def _on_job_progress(self, done: int, total: int, _phase: str) -> None:
        if total > 0:
            self.progress.setValue(min(100, 100 * done // total))

    def _on_job_failed(self, exc: Exception) -> None:
        self._on_job_finished(str(exc) or type(exc).__name__)  # StoreError and OSError speak for themselves

    def _on_job_finished(self, error: str) -> None:
        self._working = False
        self.progress.hide()
        if error:
            self.error.show_message(self.tr("The desk could not be created: {0}").format(error))
            for w in (self.demo_button, self.name_edit, self.server_button):
                w.setEnabled(True)
            self._on_name_edit_text_changed(self.name_edit.text())
            return
        self.desk_created.emit(self.choice)
        self.accept()

    def is_working(self) -> bool:
        return self._working

    def reject(self) -> None:
        if not self._working:  # while the desk is being made, closing would leave half a store
            super().reject()

    def done(self, result: int) -> None:
        if not self._working:
            self._runner.shutdown()
        super().done(result)
