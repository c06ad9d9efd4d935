"""The main window's dialogs: settings, SLA policies, crashes, shortcuts and About (a mixin of MainWindow)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMainWindow, QMessageBox

from app import __version__
from app.ui.queue.columns import DEFAULT_VISIBLE, all_columns
from app.ui.theme import queue_stylesheet

if TYPE_CHECKING:
    from app.ui.context import UiContext
    from app.ui.queue.queue_page import QueuePage
    from app.ui.theme import ThemeController
    from app.ui.ticket.editor import TicketEditor


class WindowDialogs(QMainWindow):
    """The main window's base: opens the window's own dialogs and answers them. Kept apart so main_window.py
    holds layout and navigation; MainWindow sets what is declared here."""

    ctx: UiContext
    theme: ThemeController | None
    queue: QueuePage
    _crash_dialog: Any
    show_message: Callable[[str], None]
    editors: Callable[[], list[TicketEditor]]
    _all_actions: Callable[[], list]

    def show_settings(self) -> None:
        from app.ui.dialogs.columns_editor import ColumnChoice
        from app.ui.dialogs.settings_dialog import SettingsDialog

        columns = [ColumnChoice(c.key, c.header, c.width, c.key in DEFAULT_VISIBLE) for c in all_columns()]
        dialog = SettingsDialog(self.ctx.settings, self, columns=columns)
        dialog.settings_changed.connect(self._on_settings_dialog_settings_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_sla_policies(self) -> None:
        from app.ui.dialogs.sla_policy_dialog import SlaPolicyDialog

        dialog = SlaPolicyDialog(self.ctx, self)  # it refreshes the queue and says what it did
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_settings_dialog_settings_changed(self, keys: list) -> None:
        if "queue_columns" in keys:
            self.queue.columns_changed()
        if "theme" in keys and self.theme is not None:
            self.theme.set_choice(self.ctx.settings.get("theme"))
        if "priority_matrix" in keys:
            self.show_message(self.tr("Settings saved. The new priority matrix applies to the next priority "
                                      "change."))
        elif "store_path" in keys:
            self.show_message(self.tr("Settings saved. The new store location is used from the next start."))
        else:
            self.show_message(self.tr("Settings saved."))

    def _on_theme_theme_changed(self, dark: bool) -> None:
        # The queue page carries its own sheet; give it the variant for the new palette.
        self.queue.setStyleSheet(queue_stylesheet(dark))

    # ---- crashes ----------------------------------------------------------------------------------
    def show_crash(self, details: str, report_path: str) -> None:
        """After an unexpected error: keep every editor's input as a draft now, and say what happened
        in one non-modal dialog (later errors are added to it while it is open)."""
        for editor in self.editors():
            editor.save_draft_now()
        if self._crash_dialog is not None and self._crash_dialog.isVisible():
            self._crash_dialog.add_error(details, report_path)
            return
        from app.ui.dialogs.crash_dialog import CrashDialog

        self._crash_dialog = CrashDialog(details, report_path, self)
        self._crash_dialog.finished.connect(self._on_crash_dialog_finished)
        self._crash_dialog.show()  # not modal: whatever still works stays usable

    def _on_crash_dialog_finished(self, _result: int) -> None:
        if self._crash_dialog is not None:
            self._crash_dialog.deleteLater()
            self._crash_dialog = None

    def show_shortcuts(self) -> None:
        rows = "".join("<tr><td>{}</td><td><b>{}</b></td></tr>".format(act.text().replace("&", ""), keys)
                       for act, keys in self._all_actions() if keys)
        extra = self.tr("<tr><td>Move in the queue</td><td><b>↑ ↓ / j k</b></td></tr>")
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), f"<table>{rows}{extra}</table>")

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About Deskside"), self.tr(
            "<b>Deskside {0}</b><br>A native service desk that works offline.<br>Store: {1}").format(
            __version__, escape(str(self.ctx.runner.db.path))))

