"""Puts sync into a main window, all driven by one SyncController."""
# The Sync menu and its actions, the status bar part, the "sign in" banner above the tabs, the sign-in dialog and
# the conflict inbox.

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from app.credentials import TokenStore
from app.people.account import SyncSummary, adopt_account, reference_fingerprint, sync_summary
from app.ui.sync import controller as states
from app.ui.sync.conflict_inbox import ConflictInbox
from app.ui.sync.controller import SyncController, SyncStatus
from app.ui.sync.sign_in_dialog import SignInDialog
from app.ui.sync.status_widget import SyncStatusWidget
from app.ui.widgets.banner import Banner
from core.feed import LOCAL

# (id, text, shortcut, checkable); F9 and Ctrl+Shift+Y are free in app/ui/actions.py.
_ACTIONS = (
    ("sync.now", "&Sync now", ("F9", "Ctrl+Shift+Y"), False),
    ("sync.cancel", "&Cancel sync", (), False),
    ("sync.offline", "&Work offline", (), True),
    ("sync.conflicts", "C&onflicts…", (), False),
    ("sync.sign_in", "Sign &in…", (), False),
    ("sync.sign_out", "Sign &out", (), False),
)


class SyncUi(QObject):
    """The window's sync features; `window.sync` after install_sync(window). GUI thread only."""

    def __init__(self, window: QMainWindow, tokens: TokenStore | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx = window.ctx
        self.controller = SyncController(ctx.runner, ctx.settings, tokens or TokenStore(), self)
        self.actions = self._build_actions()
        self.status_widget = SyncStatusWidget(self.actions, window)
        window.statusBar().insertPermanentWidget(0, self.status_widget)
        self.banner = Banner("warning", window)
        self.keyring_banner = Banner("info", window)
        self._wrap_central(window)
        self.inbox: ConflictInbox | None = None
        self.summary = SyncSummary(0, 0, None)
        self._reference_due = False
        self._reference_seen: tuple = ()
        c = self.controller
        c.status_changed.connect(self._on_controller_status_changed)
        c.progressed.connect(self.status_widget.show_progress)
        c.round_finished.connect(self._on_controller_round_finished)
        c.signed_in.connect(self._on_controller_signed_in)
        c.auth_expired.connect(self._on_controller_auth_expired)
        c.local_edits_settled.connect(self._on_controller_local_edits_settled)
        if hasattr(window, "reference_loaded"):
            window.reference_loaded.connect(self._show_account)
            if ctx.reference.me_name:  # installed after the first page: the reference came before
                QTimer.singleShot(0, self, self._show_account)
        # The round's committed pages and batches reach the views through the change feed (the runner
        # publishes every transaction of the writer, the sync's included); push-after-edit listens there
        # for a local edit that queued an outbox row (tickets, notes, attachments, changes, approvals alike).
        ctx.events.changed.connect(self._on_events_changed)
        ctx.events.conflict_inbox_requested.connect(self.show_inbox)
        ctx.events.attachment_fetch_requested.connect(c.fetch_attachment)
        c.attachment_fetched.connect(ctx.events.attachment_fetched)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._on_controller_status_changed(c.status)
        self.refresh_summary()
        self._start = QTimer(self, singleShot=True)  # once the event loop runs; dies with the window
        self._start.timeout.connect(c.start)
        self._start.start(0)

    def _build_actions(self) -> dict[str, QAction]:
        menu = self.window.menuBar().addMenu(self.tr("S&ync"))
        about = getattr(self.window, "actions_by_id", {}).get("app.about")
        help_menu = next((a for a in self.window.menuBar().actions()
                          if a.menu() is not None and about in a.menu().actions()), None)
        if help_menu is not None:  # keep Help last
            self.window.menuBar().insertMenu(help_menu, menu)
        handlers = {"sync.now": self.sync_now, "sync.cancel": self.controller.cancel,
                    "sync.offline": self.controller.set_work_offline, "sync.conflicts": lambda: self.show_inbox(""),
                    "sync.sign_in": lambda: self.show_sign_in(), "sync.sign_out": self.controller.sign_out}
        out = {}
        for key, text, keys, checkable in _ACTIONS:
            action = QAction(QCoreApplication.translate("SyncActions", text), self.window)
            action.setObjectName(key)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setCheckable(checkable)
            action.triggered.connect(handlers[key] if checkable else (lambda _c=False, h=handlers[key]: h()))
            self.window.addAction(action)
            menu.addAction(action)
            if key in ("sync.offline", "sync.conflicts"):
                menu.addSeparator()
            out[key] = action
            if hasattr(self.window, "actions_by_id"):
                self.window.actions_by_id[key] = action
        out["sync.offline"].setChecked(bool(self.ctx.settings.get("work_offline")))
        out["sync.now"].setToolTip(self.tr("Sync now (F9)"))
        out["sync.offline"].setToolTip(self.tr("Work offline: no network at all until switched off"))
        return out

    def _wrap_central(self, window: QMainWindow) -> None:
        tabs = window.takeCentralWidget()
        holder = QWidget(window)
        column = QVBoxLayout(holder)
        column.setContentsMargins(6, 4, 6, 0)
        column.setSpacing(4)
        column.addWidget(self.banner)
        column.addWidget(self.keyring_banner)
        column.addWidget(tabs, 1)
        window.setCentralWidget(holder)

    # ---- commands ----------------------------------------------------------------------------------
    def sync_now(self) -> None:
        c = self.controller
        if c.client is None:
            self.show_sign_in()
        elif c.work_offline:
            self.ctx.events.status_message.emit(self.tr("Working offline: switch it off in the Sync menu to sync."))
        elif c.status.state == states.AUTH_EXPIRED:
            self.show_sign_in(self.banner.message())
        else:
            c.sync_now()

    def show_sign_in(self, reason: str = "") -> SignInDialog:
        settings = self.ctx.settings
        dialog = SignInDialog(self.controller, self.window, url=settings.get("server_url"),
                              user=settings.get("sync_user") or self.controller.user, reason=reason,
                              kind=settings.get("sync_backend"))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_inbox(self, ticket_id: str = "") -> ConflictInbox:
        if self.inbox is None:
            self.inbox = ConflictInbox(self.ctx, self.window)
        self.inbox.show_ticket(ticket_id)
        self.inbox.show()
        self.inbox.raise_()
        self.inbox.activateWindow()
        return self.inbox

    def use_token_store(self, tokens: TokenStore) -> None:
        """Before start: keep refresh tokens there instead of the OS keyring (tests, portable use)."""
        self.controller.tokens = tokens

    def shutdown(self) -> None:
        self.controller.shutdown()

    # ---- reactions ---------------------------------------------------------------------------------
    def _on_controller_status_changed(self, status: SyncStatus) -> None:
        c = self.controller
        self.status_widget.show_status(status)
        self.actions["sync.now"].setEnabled(c.client is None or not c.work_offline)
        self.actions["sync.cancel"].setEnabled(status.state in (states.SYNCING, states.CONNECTING))
        self.actions["sync.sign_out"].setEnabled(c.client is not None)
        if status.state == states.SIGNED_OUT:
            self._show_account()
        self.actions["sync.offline"].setChecked(c.work_offline)
        if status.state not in (states.AUTH_EXPIRED, states.SIGNED_OUT) or status.state == states.SIGNED_OUT:
            self.banner.hide()
        if status.state in (states.ONLINE, states.WORK_OFFLINE, states.SIGNED_OUT):
            self.refresh_summary()

    def _on_events_changed(self, record) -> None:
        self.controller.note_local_edit(record)
        if record.initiator == LOCAL and record.touches("conflict"):  # a settlement: the count moved
            self.refresh_summary()

    def _on_controller_round_finished(self, report) -> None:
        troubled = report.statuses.get("conflict", 0) + report.statuses.get("rejected", 0)
        if troubled:
            self.ctx.events.status_message.emit(self.tr(
                "{0} of your changes need a decision: see Sync → Conflicts.").format(troubled))
        if report.pulled_changes or self._reference_due:
            self._reload_reference_if_changed()
        self.refresh_summary()

    def _reload_reference_if_changed(self) -> None:
        """Pulls bring people, groups and categories too: reload the pickers when those changed."""
        def done(fingerprint: tuple) -> None:
            if fingerprint != self._reference_seen or self._reference_due:
                self._reference_seen, self._reference_due = fingerprint, False
                self.window.load_reference()

        self.ctx.runner.query(reference_fingerprint, on_done=done, owner=self, label="reference fingerprint")

    def _on_controller_signed_in(self, account, reference) -> None:
        """The desk acts as the signed-in user from now on: the controller made the account's person "me"
        in the store and read the reference data, which the window takes before the dialog closes."""
        self.banner.hide()
        self._reference_due = True
        if reference is not None and hasattr(self.window, "set_reference"):
            self.window.set_reference(reference)
        else:  # the store refused it on the sync thread: once more through the runner, which reports a failure
            self.ctx.runner.op(adopt_account, person_id=account.person_id, name=account.person_name or account.name,
                               groups=account.groups, group_ids=account.group_ids, role=account.role,
                               on_done=lambda _r: self.window.load_reference(), owner=self, label="adopt account")
        state = self.controller.tokens.state
        if not state.persistent and state.problem and type(self.controller.tokens) is TokenStore:
            self.keyring_banner.show_message(state.problem, [(self.tr("OK"), lambda: None)])

    def _show_account(self) -> None:
        """The status bar says who the desk acts as: a signed-in desk names the server; a desk signed
        out (or never signed in) acts locally as the store's user."""
        label, c = getattr(self.window, "user_label", None), self.controller
        name = self.ctx.reference.me_name
        if label is None or not name:
            return
        if c.client is not None:
            account = getattr(c.client, "account", None)
            role = getattr(account, "role", "") or self.ctx.reference.me_role
            if role:
                label.setText(self.tr("{0} ({1}) on {2}").format(name, role, c.client.url))
            else:
                label.setText(self.tr("{0} on {1}").format(name, c.client.url))
            label.setToolTip(self.tr("Edits are made as {0} and synced with {1}; the server decides what your "
                                     "role may change.").format(name, c.client.url))
        elif self.ctx.settings.get("server_url"):
            label.setText(self.tr("Not signed in: working locally as {0}").format(name))
            label.setToolTip(self.tr("Edits are saved on this computer as {0} and sent when you sign in again.")
                             .format(name))

    def _on_controller_auth_expired(self, message: str) -> None:
        self.banner.show_message(message, [(self.tr("Sign in…"), lambda: self.show_sign_in(message))])

    def _on_controller_local_edits_settled(self) -> None:
        self.refresh_summary(then_sync=True)

    def refresh_summary(self, then_sync: bool = False) -> None:
        key = self.controller.server_key()

        def done(summary: SyncSummary) -> None:
            if not self.ctx.settings.get("server_url"):  # a desk of its own: nothing is waiting for a server
                summary = SyncSummary(pending=0, conflicts=summary.conflicts, last_synced=None)
            self.summary = summary
            self.status_widget.show_summary(summary)
            conflicts = summary.conflicts
            self.actions["sync.conflicts"].setText(
                self.tr("C&onflicts ({0})…").format(conflicts) if conflicts else self.tr("C&onflicts…"))
            if then_sync and summary.pending:
                self.controller.sync_now()

        self.ctx.runner.query(sync_summary, server_key=key, on_done=done, owner=self, label="sync summary")


def install_sync(window: QMainWindow, tokens: TokenStore | None = None) -> SyncUi:
    """Add sync to `window` (a MainWindow with ctx, statusBar, load_reference); also `window.sync`."""
    window.sync = SyncUi(window, tokens)
    return window.sync
