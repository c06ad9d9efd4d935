"""The sign-in dialog: the kind of server, its address, and a user name and password (a Deskside server)
or an auth token (Request Tracker 5); signs in off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.ui.sync.controller import SyncController
from app.ui.sync.messages import check_server_url
from app.ui.theme import is_dark
from app.ui.widgets.inline_error import InlineError


class SignInDialog(QDialog):
    """Accepted once the controller has signed in. The password lives only in its field, which is
    cleared when the dialog closes; the refresh token goes to the keyring through the controller."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None, *, url: str = "",
                 user: str = "", reason: str = "", kind: str = "deskside") -> None:
        super().__init__(parent)
        self.setObjectName("SignInDialog")
        self.setWindowTitle(self.tr("Sign in to a Deskside server"))
        self._controller = controller
        intro = QLabel(reason or self.tr("Sign in to share your team's desk. Your edits made offline are "
                                         "kept and sent once you are signed in."), self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName(self.tr("Server type"))
        self.kind_combo.addItem(self.tr("Deskside server"), "deskside")
        self.kind_combo.addItem(self.tr("Request Tracker 5"), "rt")
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.url_edit = QLineEdit(url, self)
        self.url_edit.setPlaceholderText("https://desk.example.com")
        self.url_edit.setAccessibleName(self.tr("Server address"))
        self.user_edit = QLineEdit(user, self)
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.user_edit.setMaxLength(200)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.rt_note = QLabel(self.tr(
            "Paste an auth token made in RT (Logged in as → Settings → Auth Tokens); it is kept in the system "
            "keyring. Request Tracker has no change records and no SLA policies: with RT they stay on this desk, "
            "and so do attachment files for now."), self)
        self.rt_note.setObjectName("RtNote")
        self.rt_note.setWordWrap(True)
        self.rt_note.setTextFormat(Qt.TextFormat.PlainText)
        self.form = form = QFormLayout()
        form.addRow(self.tr("Server &type:"), self.kind_combo)
        form.addRow(self.tr("&Server:"), self.url_edit)
        form.addRow(self.tr("&User name:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.keyring_note = QLabel(self)
        self.keyring_note.setObjectName("KeyringNote")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setTextFormat(Qt.TextFormat.PlainText)
        self.keyring_note.setStyleSheet(f"color: {'#fdd663' if is_dark() else '#7a4f01'};")
        state = controller.tokens.check()  # say it before the password is typed, not after
        problem = state.problem if not state.persistent else None
        self.keyring_note.setText(problem or "")
        self.keyring_note.setVisible(bool(problem))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(10)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.error = InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_in_button = self.buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.rt_note)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        controller.sign_in_finished.connect(self._on_controller_sign_in_finished)
        for edit in (self.url_edit, self.user_edit, self.password_edit):
            edit.textChanged.connect(self._on_edit_text_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        (self.password_edit if url and user else self.user_edit if url else self.url_edit).setFocus()
        self._busy = False
        self._on_kind_combo_current_index_changed()

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _on_kind_combo_current_index_changed(self, _index: int = 0) -> None:
        rt = self.kind == "rt"
        self.setWindowTitle(self.tr("Sign in to Request Tracker") if rt else self.tr("Sign in to a Deskside server"))
        self.url_edit.setPlaceholderText("https://rt.example.com/rt" if rt else "https://desk.example.com")
        self.form.setRowVisible(self.user_edit, not rt)  # the token says whose it is
        label = self.form.labelForField(self.password_edit)
        if isinstance(label, QLabel):
            label.setText(self.tr("Auth &token:") if rt else self.tr("&Password:"))
        self.password_edit.setAccessibleName(self.tr("Auth token") if rt else self.tr("Password"))
        self.rt_note.setVisible(rt)
        self._on_edit_text_changed()

    def _on_edit_text_changed(self, _text: str = "") -> None:
        user_ok = self.kind == "rt" or bool(self.user_edit.text().strip())
        self.sign_in_button.setEnabled(not self._busy and bool(self.url_edit.text().strip()) and user_ok
                                       and bool(self.password_edit.text()))

    def _on_buttons_accepted(self) -> None:
        if self._busy:
            return
        url, problem = check_server_url(self.url_edit.text())
        if problem:
            self.error.show_message(problem)
            self.url_edit.setFocus()
            return
        self.url_edit.setText(url)
        self.error.clear_message()
        self._set_busy(True)
        user = "" if self.kind == "rt" else self.user_edit.text().strip()
        self._controller.sign_in(url, user, self.password_edit.text(), self.kind)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for w in (self.kind_combo, self.url_edit, self.user_edit, self.password_edit):
            w.setEnabled(not busy)
        self._on_edit_text_changed()

    def _on_controller_sign_in_finished(self, error: str) -> None:
        if not self._busy:
            return  # another dialog's (or the start-up's) sign-in
        self._set_busy(False)
        if error:
            self.error.show_message(error)
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        self.password_edit.clear()
        self.accept()

    def reject(self) -> None:
        if not self._busy:  # the answer is on its way; the sign-in cannot be taken back halfway
            self.password_edit.clear()
            super().reject()
