"""The sync controller: when to sync, as task runner jobs, with capped backoff, cancellation and a status state."""
# When to sync: at start, on a timer, after edits, on demand, when the server has news. The state is for the status
# bar.
#
# Threads: the GUI thread owns this object and decides. Sign-in, resume, sign-out and sync rounds are
# runner jobs (blocking HTTP on the job's thread); their transactions go through the runner's single
# writer (JobControl.write), so the sync is never a second writer and the writer is never held by the
# network. One round per store runs at a time (`_round_running`). The long-poll (client.pull with `wait`,
# never touching the store) is a daemon job that only says "something is new", which starts a round.

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.credentials import TokenStore
from app.outbox.journal import OUTBOX
from app.people.account import adopt_account
from app.people.reference import ReferenceData, reference_data
from app.sync import SCHEMA_VERSION
from app.sync.attachments import fetch_attachment
from app.sync.backends.base import capabilities_of
from app.sync.backends.reference import make_backend
from app.sync.backoff import Backoff
from app.sync.client import Account, SyncClient
from app.sync.engine import sync_once
from app.sync.errors import (
    AuthExpired,
    CursorAhead,
    Offline,
    RateLimited,
    ResyncRequired,
    ServerError,
    SyncError,
    UpgradeRequired,
)
from app.sync.writer import SyncDb
from app.ui.sync.messages import NOT_DESKSIDE, SERVER_TOO_OLD, describe_sign_in_error, describe_sync_error
from app.ui.task_pool import JobControl, Task
from app.ui.tasks import TaskRunner
from core.feed import LOCAL, ChangeRecord

log = logging.getLogger(__name__)

WATCH_WAIT_S = 25.0  # the server holds a long-poll at most 30 s
EDIT_DEBOUNCE_MS = 1500

# States, as the status bar names them.
SIGNED_OUT, WORK_OFFLINE, CONNECTING, SYNCING, ONLINE, OFFLINE, ERROR, AUTH_EXPIRED = (
    "signed_out", "work_offline", "connecting", "syncing", "online", "offline", "error", "auth_expired")


@dataclass(frozen=True)
class SyncStatus:
    state: str
    message: str = ""  # why, for a tooltip or the banner
    account: str = ""  # "ann on https://desk.example.com"
    retry_in: float | None = None


class SyncController(QObject):
    """One per window. `start()` resumes the saved sign-in; `shutdown()` before the store closes."""

    status_changed = Signal(object)  # SyncStatus
    progressed = Signal(str, int, int)  # phase "push" | "pull", done, total (0: unknown)
    round_finished = Signal(object)  # SyncReport
    signed_in = Signal(object, object)  # Account, ReferenceData as "me" now (None: the store refused; adopt again)
    sign_in_finished = Signal(str)  # "" on success, else a message for the sign-in dialog
    auth_expired = Signal(str)
    local_edits_settled = Signal()  # the debounce after a local edit ran out: time to count them
    attachment_fetched = Signal(str, str)  # attachment id, "" or why it could not be downloaded

    _resumed = Signal(int, object, object)  # generation, account, ReferenceData or None

    def __init__(self, runner: TaskRunner, settings, tokens: TokenStore, parent: QObject | None = None, *,
                 client_factory: Callable[..., SyncClient] = SyncClient) -> None:
        super().__init__(parent)
        self.runner, self.settings, self.tokens = runner, settings, tokens
        self.store = runner.db
        self._client_factory = client_factory
        self.client: SyncClient | None = None
        self.user = ""  # the signed-in (or remembered) user name
        self._ca_bundle: str | None = None
        self.status = SyncStatus(SIGNED_OUT)
        self._jobs: list[Task] = []  # this controller's jobs, waited for at shutdown
        self._generation = 0
        self._round_running = self._again = self._watching = self._closed = False
        self._expired = False  # the sign-in was refused: nothing runs until the next sign-in
        self._cancel = threading.Event()
        self._cursor: int | None = None
        self._backoff = Backoff()
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self.sync_now)
        self._interval = QTimer(self)
        self._interval.timeout.connect(self._on_interval_timeout)
        self._edits = QTimer(self, singleShot=True, interval=EDIT_DEBOUNCE_MS)
        self._edits.timeout.connect(self.local_edits_settled)
        # A quick round (another agent's edit) should not make the status bar flicker "Syncing…".
        self._show_busy = QTimer(self, singleShot=True, interval=400)
        self._show_busy.timeout.connect(lambda: self._set(SYNCING))
        self._resumed.connect(self._on_resumed)

    # ---- public API (GUI thread) -----------------------------------------------------------------
    @property
    def work_offline(self) -> bool:
        return bool(self.settings.get("work_offline"))

    @property
    def busy(self) -> bool:
        return self._round_running

    def can_sync(self) -> bool:
        return self.client is not None and not self.work_offline and not self._expired

    def server_key(self) -> str | None:
        """The key of this server and user's pull cursor (as SyncClient.server_key), None when signed out."""
        return f"{self.client.url}|{self.user}" if self.client is not None and self.user else None

    def start(self) -> None:
        """At window start: resume the remembered sign-in silently (no password), unless offline."""
        url, user = self.settings.get("server_url"), self.settings.get("sync_user")
        if not url or not user:
            self._set(SIGNED_OUT)
            return
        self.client, self.user = self._make_client(url), user  # resumed on the sync thread by the first round
        if self.work_offline:
            self._set(WORK_OFFLINE)
        else:
            self.sync_now()

    def sign_in(self, url: str, user: str, password: str, kind: str = "") -> None:
        """Sign in on a runner job; `sign_in_finished` answers. The password is not kept. `kind`: the
        backend ("deskside", or "rt" where the password is an RT auth token); "" keeps the profile's."""
        client = self._make_client(url, kind)

        def work(ctl: JobControl) -> tuple:
            try:
                self._check_ca_bundle()
                info = client.info()
                if not isinstance(info, dict) or not isinstance(info.get("schema_version"), int):
                    raise ServerError("This address does not answer as a Deskside server.", 200, NOT_DESKSIDE)
                if int(info.get("min_schema_version", 0)) > SCHEMA_VERSION:
                    raise UpgradeRequired("The server needs a newer Deskside.")
                if info["schema_version"] < SCHEMA_VERSION:
                    raise ServerError("The server is older than this Deskside.", 400, SERVER_TOO_OLD)
                account = client.sign_in(user, password)
            except Exception as exc:  # shown in the dialog
                client.close()
                exc.sync_url = client.url
                return None, None, None, exc, False
            return client, account, self._adopt(ctl, account), None, info.get("mail") is True

        self._submit(work, lambda result: self._on_sign_in_done(*result), "sign in")

    def sign_out(self) -> None:
        """Revoke the sign-in (best effort) and forget the refresh token; pending edits stay queued."""
        client, user, self.client, self.user = self.client, self.user, None, ""
        self._expired = False
        self._stop_network()
        self.settings.set("sync_user", "")
        self._save_settings()
        if client is not None:
            offline = self.work_offline

            def work(_ctl: JobControl) -> None:
                if not offline:  # working offline means no request at all, not even this one
                    client.sign_out()
                self.tokens.delete(client.url, user)  # also when this run never resumed the sign-in
                client.close()

            self._submit(work, None, "sign out")
        self._set(SIGNED_OUT)

    def set_work_offline(self, offline: bool) -> None:
        """Stop (or allow again) every network request; remembered in the settings."""
        if offline == self.work_offline:
            return
        self.settings.set("work_offline", offline)
        self._save_settings()
        if offline:
            self._stop_network()
            self._set(WORK_OFFLINE if self.client is not None else SIGNED_OUT)
        elif self.client is not None:
            self._backoff.succeeded()
            self.sync_now()
        else:
            self._set(SIGNED_OUT)

    def sync_now(self) -> None:
        """Start a round now, or right after the running one."""
        if self._closed or not self.can_sync():
            return
        if self._round_running:
            self._again = True
            return
        self._retry.stop()
        self._round_running, self._again = True, False
        self._cancel = threading.Event()
        client, cancel, generation = self.client, self._cancel, self._generation
        user = self.user if client.account is None else ""
        if user:
            self._set(CONNECTING)
        elif self.status.state == ONLINE:
            self._show_busy.start()
        else:
            self._set(SYNCING)
        self._submit(lambda ctl: self._round_work(ctl, generation, client, cancel, user),
                     lambda result: self._on_round_done(generation, *result), "sync round",
                     on_progress=self._on_round_progress)

    def cancel(self) -> None:
        """Stop the running round between two batches; what was applied stays applied."""
        if self._round_running:
            self._cancel.set()

    def note_local_edit(self, record: ChangeRecord | None = None) -> None:
        """A local edit was saved: push it soon (a burst of edits makes one round). Given a change
        record (the change feed), only one made on this desk that queued an outbox row counts."""
        if record is None or (record.initiator == LOCAL and record.touches(OUTBOX)):
            self._edits.start()

    def shutdown(self) -> None:
        """Cancel the round, wait for this controller's jobs, drop the long-poll. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._stop_network()
        for task in self._jobs:  # their transactions still go through the writer, which runs on
            task.cancel()
            task.done.wait()
        self._jobs.clear()
        if self.client is not None:
            self.client.close()

    # ---- work on a job's thread ----------------------------------------------------------------------
    def _round_work(self, ctl: JobControl, generation: int, client: SyncClient, cancel: threading.Event,
                    resume_as: str) -> tuple:
        """`resume_as`: the user to resume (refresh token from the keyring) first; "" when signed in.
        Returns (account or None, report or None, error or None): a failed round is an answer too."""
        account = report = error = None
        try:
            self._check_ca_bundle()
            if resume_as:
                account = client.resume(resume_as)
                # Say who "me" is now, not after the round: a first sync may take minutes.
                self._emit(self._resumed, generation, account, self._adopt(ctl, account))
            report = sync_once(SyncDb(self.store, ctl), client, priority_first=True,
                               progress=lambda phase, done, total: ctl.progress(done, total, phase),
                               cancelled=lambda: cancel.is_set() or ctl.cancelled)
        except Exception as exc:  # classified on the GUI thread; nothing is dropped
            if not isinstance(exc, SyncError):
                log.exception("sync round failed")
            error = exc
        return account, report, error

    def _adopt(self, ctl: JobControl, account: Account) -> ReferenceData | None:
        """On a job's thread: make the account's person the store's "me" (with stand-in rows from the
        sign-in reply until the first pull) and read the pickers' data in the same transaction (on the
        writer), so the window acts as the user before the sign-in dialog closes. None when the store
        refused it."""
        try:
            return ctl.write(_adopt_and_read, account=account)
        except Exception:  # the window adopts it again through the runner, which reports a failure
            log.exception("could not adopt the signed-in account")
            return None

    def _on_round_progress(self, done: int, total: int, phase: str) -> None:
        self.progressed.emit(phase, done, total)

    @staticmethod
    def _watch_work(_ctl: JobControl, client: SyncClient, cursor: int) -> tuple:
        try:
            page = client.pull(cursor, 1, wait=WATCH_WAIT_S)
            return page["next_cursor"] != cursor or bool(page.get("changes")), None
        except (CursorAhead, ResyncRequired):  # the round starts over from zero
            return True, None
        except Exception as exc:  # the round that follows says what is wrong
            return False, exc

    def fetch_attachment(self, attachment_id: str) -> None:
        """Download one attachment's file now (the user opened it); `attachment_fetched` says how it went."""
        client = self.client
        if client is None or self.work_offline or self._expired:
            why = (self.tr("Deskside is working offline.") if self.work_offline and client is not None
                   else self.tr("Sign in to sync to download it."))
            self.attachment_fetched.emit(attachment_id, self.tr("This file has not been downloaded yet. {0}")
                                         .format(why))
            return
        store = self.store

        def work(ctl: JobControl) -> str:
            try:
                fetch_attachment(SyncDb(store, ctl), client, attachment_id)
                return ""
            except Exception as exc:  # said to the user in the attachments list
                return describe_sync_error(exc, getattr(exc, "sync_url", ""))

        self._submit(work, lambda message: self.attachment_fetched.emit(attachment_id, message), "attachment")

    def _emit(self, signal, *args: Any) -> None:
        if self._closed:
            return
        with contextlib.suppress(RuntimeError):  # the window (and this object) went away meanwhile
            signal.emit(*args)

    # ---- results (GUI thread) ----------------------------------------------------------------------
    def _on_sign_in_done(self, client: SyncClient | None, account: Account | None, reference, error,
                         mail: bool = False) -> None:
        if error is not None or client is None:
            self.sign_in_finished.emit(describe_sign_in_error(error, getattr(error, "sync_url", "")) if error else "")
            return
        old, self.client, self.user = self.client, client, account.name
        self._expired = False
        self._stop_network()
        if old is not None and old is not client:
            self._submit(lambda _ctl: old.close(), None, "close client")
        self.settings.set("server_url", client.url)
        self.settings.set("sync_user", account.name)
        self.settings.set("sync_backend", capabilities_of(client).kind)
        self.settings.set("server_mail", mail)  # the composer says whether replies are mailed (/v1/info)
        self._save_settings()
        self._backoff.succeeded()
        self.signed_in.emit(account, reference)  # before the dialog closes: Ctrl+N right after acts as the user
        self.sign_in_finished.emit("")
        if self.work_offline:
            self._set(WORK_OFFLINE)
        else:
            self.sync_now()

    def _on_round_done(self, generation: int, account: Account | None, report, error) -> None:
        self._round_running = False
        self._show_busy.stop()
        if report is not None:
            self._cursor = report.cursor
            self.round_finished.emit(report)
        if self._closed:
            return
        if generation != self._generation or not self.can_sync():
            if self._again:  # a newer sign-in (or going online) asked for a round while this one ran
                self.sync_now()
            return
        if error is not None:
            self._failed(error)
            return
        if self._cancel.is_set():
            self._set(ONLINE, self.tr("Sync cancelled; it runs again at the next change or in a while."))
        else:
            self._backoff.succeeded()
            self._set(ONLINE)
        self._interval.start(max(10, int(self.settings.get("sync_interval_seconds"))) * 1000)
        if self._again:
            self.sync_now()
        else:
            self._start_watch()

    def _on_resumed(self, generation: int, account: Account, reference) -> None:
        if generation == self._generation and not self._closed:
            self.signed_in.emit(account, reference)

    def _failed(self, error: BaseException) -> None:
        url = self.client.url if self.client else ""
        message = describe_sync_error(error, url)
        if isinstance(error, AuthExpired):
            self._expired = True
            self._stop_network()
            self._set(AUTH_EXPIRED, message)
            self.auth_expired.emit(message)
            return
        if isinstance(error, UpgradeRequired):
            self._interval.stop()  # only an update heals this; "Sync now" still tries
            self._set(ERROR, message)
            return
        delay = self._backoff.failed(error.retry_after if isinstance(error, RateLimited) else None)
        self._retry.start(int(delay * 1000))
        self._set(OFFLINE if isinstance(error, Offline) else ERROR, message, retry_in=delay)

    def _start_watch(self) -> None:
        if self._watching or self._cursor is None or not self.can_sync() or self._closed:
            return
        self._watching = True
        generation = self._generation
        # A daemon job: its network wait cannot be interrupted, never touches the store, and shutdown
        # does not wait for it (its answer is dropped).
        self.runner.job(self._watch_work, client=self.client, cursor=self._cursor, owner=self, daemon=True,
                        label="sync-watch", on_done=lambda result: self._on_watch_done(generation, *result))

    def _on_watch_done(self, generation: int, news: bool, error) -> None:
        self._watching = False
        if generation != self._generation or not self.can_sync():
            return
        if news or error is not None:
            self.sync_now()  # a failed long-poll: the round finds out what is wrong and backs off
        elif not self._round_running:
            self._start_watch()

    def _on_interval_timeout(self) -> None:
        if not self._round_running and not self._retry.isActive():
            self.sync_now()

    # ---- plumbing ----------------------------------------------------------------------------------
    def _check_ca_bundle(self) -> None:
        """A CA bundle setting naming no readable file is said as such (requests would say OSError)."""
        path = self._ca_bundle
        if path and not os.access(path, os.R_OK):
            raise ServerError(f"The CA bundle {path} (Settings, Sync) does not exist or cannot be read, so nothing "
                              "was sent.")

    def _make_client(self, url: str, kind: str = "") -> SyncClient:
        ca_bundle = self._ca_bundle = self.settings.get("ca_bundle") or None
        if (kind or self.settings.get("sync_backend")) == "rt":  # app.sync.backends: Request Tracker 5
            return make_backend("rt", url, tokens=self.tokens, ca_bundle=ca_bundle,
                                custom_fields=self.settings.get("rt_custom_fields"))
        return self._client_factory(url, tokens=self.tokens, ca_bundle=ca_bundle)

    def _submit(self, fn: Callable[[JobControl], Any], on_done: Callable[[Any], None] | None, label: str, *,
                on_progress: Callable[[int, int, str], None] | None = None) -> None:
        if self._closed:
            return
        self._jobs = [task for task in self._jobs if not task.done.is_set()]
        self._jobs.append(self.runner.job(fn, on_done=on_done, on_progress=on_progress, owner=self,
                                          label="sync-" + label.replace(" ", "-")))

    def _stop_network(self) -> None:
        """Forget the running round's outcome and the long-poll; stop the timers."""
        self._generation += 1
        self._cancel.set()
        self._again = False
        self._watching = False
        for timer in (self._retry, self._interval, self._edits, self._show_busy):
            timer.stop()

    def _set(self, state: str, message: str = "", *, retry_in: float | None = None) -> None:
        account = ""
        if self.client is not None and self.user:
            account = self.tr("{0} on {1}").format(self.user, self.client.url)
            if capabilities_of(self.client).kind == "rt":  # what RT lacks stays on this desk: say so
                account += "\n" + self.tr("Request Tracker: change records and SLA policies stay on this desk; "
                                          "attachment files are not sent to RT yet.")
        self.status = SyncStatus(state, message, account, retry_in)
        self.status_changed.emit(self.status)

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("settings could not be saved: %s", exc)


def _adopt_and_read(session, *, account: Account) -> ReferenceData:
    adopt_account(session, person_id=account.person_id, name=account.person_name or account.name,
                  groups=account.groups, group_ids=account.group_ids, role=account.role)
    return reference_data(session)
