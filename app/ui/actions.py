"""One table of the window's actions: id, text, shortcut, handler, when enabled, and menu."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

SK = QKeySequence.StandardKey
# Qt's key codes after F35 are dedicated buttons (Help, Back, Refresh, Close, media keys).
_LAST_TYPED_KEY = Qt.Key.Key_F35


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    shortcut: str | QKeySequence.StandardKey | None
    handler: str  # method name on the window
    enabled_when: str | None  # None (always), "selection", "editor", "tab" (a closable one), "undo"
    menu: str  # file | edit | view | tickets | help
    fallback: str | None = None  # when the platform binds no key to the standard shortcut


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("ticket.new", "&New ticket…", "Ctrl+N", "new_ticket", None, "file"),
    ActionSpec("ticket.save", "&Save ticket", SK.Save, "save_current_ticket", "editor", "file"),
    ActionSpec("tab.close", "&Close tab", SK.Close, "close_current_tab", "tab", "file"),
    ActionSpec("app.settings", "Se&ttings…", SK.Preferences, "show_settings", None, "file", "Ctrl+,"),
    ActionSpec("app.sla_policies", "SLA &policies…", None, "show_sla_policies", None, "file"),
    ActionSpec("app.quit", "&Quit", SK.Quit, "close", None, "file"),
    ActionSpec("edit.undo", "&Undo last bulk action", SK.Undo, "undo", "undo", "edit"),
    ActionSpec("queue.search", "&Find tickets…", SK.Find, "focus_search", None, "edit"),
    ActionSpec("app.palette", "&Command palette…", "Ctrl+K", "show_palette", None, "view"),
    ActionSpec("queue.refresh", "&Refresh", SK.Refresh, "refresh", None, "view"),
    ActionSpec("view.queue", "Go to &queue", "Ctrl+1", "show_queue", None, "view"),
    ActionSpec("view.save", "Save current &view as…", "Ctrl+Shift+V", "save_view", None, "view"),
    ActionSpec("view.clear_filters", "C&lear filters", "Ctrl+Shift+L", "clear_filters", None, "view"),
    ActionSpec("queue.open", "&Open selected ticket", "Return", "open_selected", "selection", "tickets"),
    ActionSpec("bulk.assign", "&Assign selected…", "Ctrl+Shift+A", "bulk_assign", "selection", "tickets"),
    ActionSpec("bulk.state", "Change &state of selected…", "Ctrl+Shift+S", "bulk_state", "selection", "tickets"),
    ActionSpec("bulk.priority", "Set &priority of selected…", "Ctrl+Shift+P", "bulk_priority", "selection",
               "tickets"),
    ActionSpec("app.shortcuts", "&Keyboard shortcuts", SK.HelpContents, "show_shortcuts", None, "help"),
    ActionSpec("app.about", "&About Deskside", None, "about", None, "help"),
)

MENUS = (("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("tickets", "&Tickets"), ("help", "&Help"))


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


def build_actions(window) -> dict[str, QAction]:
    """Make a QAction per spec on `window`, connected to its handler method. A key already taken by an
    earlier action in the table is left to that one, so no shortcut is ambiguous."""
    out: dict[str, QAction] = {}
    taken: set[str] = set()
    for spec in ACTIONS:
        act = QAction(tr(spec.text), window)
        act.setObjectName(spec.id)
        if spec.shortcut is not None and spec.id != "queue.open":
            keys = [k for k in key_sequences(spec) if k.toString() not in taken]
            taken.update(k.toString() for k in keys)
            act.setShortcuts(keys)
        act.triggered.connect(getattr(window, spec.handler))
        window.addAction(act)
        out[spec.id] = act
    return out


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """The keys of an action: every platform binding of a standard key (Close is Ctrl+F4 and Ctrl+W on
    Linux and Windows: both work), else its fallback."""
    if spec.shortcut is None:
        return []
    if isinstance(spec.shortcut, QKeySequence.StandardKey):
        bound = QKeySequence.keyBindings(spec.shortcut)
        if bound:
            return list(bound)
        return [QKeySequence(spec.fallback)] if spec.fallback else []
    return [QKeySequence(spec.shortcut)]


def _typed(key: QKeySequence) -> bool:
    """Whether a key is one a user types (Ctrl+W, F5), not a dedicated keyboard button (Close, Refresh)."""
    combo = key[0]
    return combo.keyboardModifiers() != Qt.KeyboardModifier.NoModifier or combo.key() <= _LAST_TYPED_KEY


def shortcut_text(spec: ActionSpec) -> str:
    """The keys a user types for the action, in the platform's words ("Ctrl+F4, Ctrl+W")."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(k.toString(native) for k in key_sequences(spec) if not k.isEmpty() and _typed(k))
