"""The queue's filter bar: a search field (debounced) with a notice of what it ignored, and quick filters."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout, QWidget

from app.people.reference import ReferenceData
from app.tickets import search_syntax
from app.tickets.queue import ME, UNASSIGNED, QueueFilter
from app.ui import labels
from core.tickets.priority import PRIORITY_LABELS
from core.tickets.workflow import TYPE_LABELS, all_state_keys

SEARCH_DELAY_MS = 150


class QuickFilterButton(QToolButton):
    """A button with a menu of checkable values; its text shows how many are chosen."""

    changed = Signal()

    def __init__(self, title: str, dimension: str, parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.dimension = dimension
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.setAccessibleName(title)
        self._actions: list[QAction] = []
        self._update_text()

    def set_choices(self, choices: list[tuple[object, str]]) -> None:
        chosen = set(self.values())
        menu = self.menu()
        menu.clear()
        self._actions = []
        for value, label in choices:
            act = menu.addAction(label)
            act.setCheckable(True)
            act.setData(value)
            act.setChecked(value in chosen)
            act.toggled.connect(self._on_action_toggled)
            self._actions.append(act)
        menu.addSeparator()
        menu.addAction(self.tr("Clear"), self.clear)
        self._update_text()

    def values(self) -> tuple:
        return tuple(a.data() for a in self._actions if a.isChecked())

    def clear(self) -> None:
        changed = False
        for a in self._actions:
            if a.isChecked():
                a.blockSignals(True)
                a.setChecked(False)
                a.blockSignals(False)
                changed = True
        self._update_text()
        if changed:
            self.changed.emit()

    def _on_action_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [a.text() for a in self._actions if a.isChecked()]
        if not chosen:
            self.setText(self.title)
        elif len(chosen) == 1:
            self.setText(f"{self.title}: {chosen[0]}")
        else:
            self.setText(self.tr("{0}: {1} chosen").format(self.title, len(chosen)))
        font = self.font()
        font.setBold(bool(chosen))
        self.setFont(font)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search number, title, description, worklog  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search tickets"))
        self.search.setMinimumWidth(320)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)

        self.type_button = QuickFilterButton(self.tr("Type"), "types", self)
        self.state_button = QuickFilterButton(self.tr("State"), "states", self)
        self.priority_button = QuickFilterButton(self.tr("Priority"), "priorities", self)
        self.group_button = QuickFilterButton(self.tr("Group"), "group_ids", self)
        self.assignee_button = QuickFilterButton(self.tr("Assignee"), "assignee_ids", self)
        self.buttons = (self.type_button, self.state_button, self.priority_button, self.group_button,
                        self.assignee_button)
        self.type_button.set_choices([(k, labels.ticket_type(k)) for k in TYPE_LABELS])
        self.state_button.set_choices([(k, labels.label_text(v)) for k, v in all_state_keys()])
        self.priority_button.set_choices([(p, labels.priority(p)) for p in PRIORITY_LABELS])
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        # What the search left out, in words, so a search that could not filter never looks as if it had.
        self.search_notice = QLabel(self)
        self.search_notice.setObjectName("search-notice")
        self.search_notice.setAccessibleName(self.tr("Search notice"))
        self.search_notice.setWordWrap(True)
        self.search_notice.hide()

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(2)
        layout = QHBoxLayout()
        layout.setSpacing(6)
        column.addLayout(layout)
        column.addWidget(self.search_notice)
        layout.addWidget(self.search, 1)
        layout.addWidget(QLabel(self.tr("Filter:"), self))
        for b in self.buttons:
            b.changed.connect(self.changed)
            layout.addWidget(b)
        layout.addWidget(self.clear_button)

    def set_reference(self, ref: ReferenceData) -> None:
        self.group_button.set_choices([(g.id, g.name) for g in ref.groups])
        people = [(ME, self.tr("Me")), (UNASSIGNED, self.tr("Unassigned"))]
        self.assignee_button.set_choices(people + [(a.id, a.name) for a in ref.agents])

    def apply_to(self, base: QueueFilter) -> QueueFilter:
        """The view's filter narrowed by the quick filters; a chosen dimension replaces the view's."""
        flt = replace(base, text=self.search.text())
        for b in self.buttons:
            values = b.values()
            if values:
                flt = replace(flt, **{b.dimension: values})
        return flt

    def is_active(self) -> bool:
        """Whether anything narrows the view: a search with nothing searchable in it does not."""
        return not search_syntax.parse(self.search.text()).is_empty or any(b.values() for b in self.buttons)

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._show_search_notice()
        for b in self.buttons:
            b.blockSignals(True)
            b.clear()
            b.blockSignals(False)
        self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search_text_changed(self, _text: str) -> None:
        self._show_search_notice()
        self._debounce.start()

    def _show_search_notice(self) -> None:
        text = search_notice(self.search.text())
        self.search_notice.setText(text)
        self.search_notice.setVisible(bool(text))

    def _on_search_return_pressed(self) -> None:
        self._debounce.stop()
        self.changed.emit()


def _shown(piece: str) -> str:
    """A piece of the search as the notice shows it: control characters and lone surrogates replaced,
    long pieces cut."""
    clean = "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else "\ufffd" for c in piece)
    return clean if len(clean) <= 24 else clean[:23] + "…"


# The notice's texts, in the filter bar's context: a one-line wrapper, which packaging/update_translations.py finds.
def _notice_tr(text: str) -> str:
    return QCoreApplication.translate("FilterBar", text)


def search_notice(user_text: str) -> str:
    """One line on what the search ignored and why; empty when it used everything typed."""
    parsed = search_syntax.parse(user_text)
    whole = [_shown(t.words[0]) for g in (*parsed.groups, parsed.excluded) for t in g if search_syntax.is_whole_word(t)]
    short = _notice_tr("Whole words only: {0} (the start of longer words needs {1} letters)").format(
        " ".join(whole[:6]), search_syntax.PREFIX_MIN) if whole else ""
    if not parsed.ignored:
        return short
    reasons = {
        search_syntax.NOTHING_SEARCHABLE: _notice_tr("nothing searchable"),
        search_syntax.LONE_OPERATOR: _notice_tr("OR goes between two terms, NOT before one"),
        search_syntax.UNSUPPORTED: _notice_tr("not supported"),
        search_syntax.TOO_MANY: _notice_tr("only the first {0} words are searched").format(
            search_syntax.MAX_TERMS),
    }
    pieces: dict[str, list[str]] = {}
    for reason, piece in parsed.ignored:
        pieces.setdefault(reason, []).append(_shown(piece))
    text = "; ".join(_notice_tr("Ignored: {0} ({1})").format(" ".join(p[:6]) + (" …" if len(p) > 6 else ""),
                                                                  reasons[r]) for r, p in pieces.items())
    if short:
        text += "; " + short
    if parsed.is_empty:
        # Showing the view unfiltered, said plainly, rather than zero rows: nothing was searched, so
        # "no tickets match" would be as untrue as a list that looks filtered.
        text += ". " + _notice_tr("Nothing was searched: the queue shows every ticket of the view.")
    return text
