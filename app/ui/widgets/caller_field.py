"""The Requester field as a caller lookup: type ahead over the directory, pick by keyboard, add a caller inline."""
# Used by the ticket form (editor and New ticket dialog). The results list sits under the input rather than in a
# popup window: focus never leaves the input, so typing, arrows, Enter and Esc all go to one place.

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.people import directory
from app.people.directory import CallerCard, CallerTicket, PersonRecord, PersonRow
from app.ui.context import UiContext
from app.ui.widgets.after_paint import AfterPaint, paint_on_a_later_turn
from app.ui.widgets.caller_assets import CallerAssets
from app.ui.widgets.caller_list_model import CallerListModel, person_details
from app.ui.widgets.new_caller_dialog import NewCallerDialog
from app.ui.widgets.selectable_label import SelectableLabel
from app.ui.widgets.time_text import local_time_text
from core.people.rules import guess_fields

_VISIBLE_ROWS = 8


class CallerField(QWidget):
    """Reads and sets a person id like the pickers it replaces (`current_id`, `set_current_id`). Typing runs
    `directory.lookup_callers` through the runner (one slot per field: the newest text wins); the chosen
    caller's card (contact details, open and recent tickets) is read the same way. The value changes only
    when the user picks a row, adds a caller or clears the input; then `edited` is emitted. GUI thread only."""

    edited = Signal()
    results_shown = Signal(int)  # a lookup's rows are on screen (how many)
    card_shown = Signal()  # the chosen caller's card is on screen

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._id: str | None = None
        self._name = ""
        self._names: dict[str, str] = {}  # people met in lookups and creations: their names without a query
        self.search = QLineEdit(self)
        self.search.setObjectName("CallerSearch")
        self.search.setPlaceholderText(self.tr("Type a name, e-mail, phone or department"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._on_search_edited)
        self.search.editingFinished.connect(self._on_search_finished)
        self.search.installEventFilter(self)
        self.new_button = QPushButton(self.tr("New caller…"), self)
        self.new_button.setObjectName("NewCallerButton")
        self.new_button.setToolTip(self.tr("Add a caller who is not in the directory yet"))
        self.new_button.clicked.connect(self.add_caller)
        self.model = CallerListModel(self)
        self.results = QListView(self)
        self.results.setObjectName("CallerResults")
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setAccessibleName(self.tr("Matching callers"))
        self.results.clicked.connect(self._on_results_clicked)
        self.results.hide()
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.card = SelectableLabel(self)  # plain text: names and titles are user text
        self.card.setObjectName("CallerCard")
        self.card.setWordWrap(True)
        self.card.setAccessibleName(self.tr("Caller details"))
        self._card_for: str | None = None  # whose card `card` shows
        self.assets = CallerAssets(ctx, self)
        # The card and the assets are shown and hidden together, as one widget: showing a widget lays out every
        # layout above it at once (the whole ticket editor, ~2.5 ms), and the two were shown one after the other.
        self.card_box = QWidget(self)
        box = QVBoxLayout(self.card_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.card)
        box.addWidget(self.assets)
        self.card_box.hide()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.search, 1)
        line.addWidget(self.new_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self.results)
        column.addWidget(self.notice)
        column.addWidget(self.card_box)
        self.setFocusProxy(self.search)

    # ----- the value

    def current_id(self) -> str | None:
        return self._id

    def set_current_id(self, person_id: str | None, missing_label: str = "") -> None:
        """Show `person_id` as the chosen caller (no `edited`): its name at once when known, its card shortly."""
        self._id = person_id
        if person_id is None:
            self._name = ""
        else:
            self._name = self._names.get(person_id) or self._reference_name(person_id) or missing_label
        self._hide_results()
        self.search.setText(self._name)
        self._load_card(after_paint=True)

    def refresh(self) -> None:
        """Reference data reloaded: show the chosen caller's current name (unless the user is typing) and card."""
        if self._id is None:
            return
        self._names.pop(self._id, None)
        typing = self.search.text() != self._name
        self._name = self._reference_name(self._id) or self._name
        if not typing:
            self.search.setText(self._name)
        self._load_card()

    def _reference_name(self, person_id: str) -> str:
        ref = self._ctx.reference
        return ref.name_of("requesters", person_id) or ref.name_of("agents", person_id)

    def _choose(self, person_id: str | None, name: str = "") -> None:
        changed = person_id != self._id
        if person_id is not None:
            self._names[person_id] = name
        self.set_current_id(person_id)
        if changed:
            self.edited.emit()

    # ----- typing ahead

    def _on_search_edited(self, typed: str) -> None:
        if not typed.strip():
            self.model.set_rows(())
            self._hide_results()
            return
        self._ctx.runner.query(directory.lookup_callers, text=typed, slot=("caller-lookup", id(self)),
                               on_done=lambda rows: self._on_lookup_done(typed, rows), owner=self,
                               label="look up callers")

    def _on_lookup_done(self, typed: str, rows: tuple[PersonRow, ...]) -> None:
        if typed != self.search.text():
            return  # an older keystroke's answer that finished before its successor cancelled it
        self.model.set_rows(rows)
        if rows:
            self.notice.hide()
            self.results.setFixedHeight(self.results.sizeHintForRow(0) * min(len(rows), _VISIBLE_ROWS)
                                        + 2 * self.results.frameWidth())
            self.results.setCurrentIndex(self.model.index(0, 0))
            self.results.show()
        else:
            self.results.hide()
            self.notice.setText(self.tr("No caller matches. New caller… adds one."))
            self.notice.show()
        self.results_shown.emit(len(rows))

    def _hide_results(self) -> None:
        self.results.hide()
        self.notice.hide()

    def _move(self, step: int) -> None:
        count = self.model.rowCount()
        if not count or not self.results.isVisible():
            return
        row = min(max(self.results.currentIndex().row() + step, 0), count - 1)
        self.results.setCurrentIndex(self.model.index(row, 0))

    def _pick_current(self) -> bool:
        person = self.model.row_at(self.results.currentIndex().row())
        if person is None:
            return False
        self._choose(person.id, person.name)
        return True

    def _on_results_clicked(self, index: QModelIndex) -> None:
        self.results.setCurrentIndex(index)
        self._pick_current()

    def _on_search_finished(self) -> None:
        """Enter or focus out: an emptied input clears the caller; anything else typed but not picked is
        dropped, and the chosen caller's name comes back."""
        if self.results.isVisible() and self.search.hasFocus():
            return  # Enter in the list is handled by the event filter
        if not self.search.text().strip():
            if self._id is not None:
                self._choose(None)
            self._hide_results()
            return
        if self.search.text() != self._name and not self.search.hasFocus():
            self._hide_results()
            self.search.setText(self._name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Down:
                if not self.results.isVisible() and self.model.rowCount() and self.search.text() != self._name:
                    self.results.show()
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.results.isVisible():
                    return self._pick_current()
                # Typed but not picked (no match, or the lookup still running): Enter must not save the
                # form with the old caller behind the new text. Pick, clear the input or press Esc.
                return bool(self.search.text().strip()) and self.search.text() != self._name
            if key == Qt.Key.Key_Escape and (self.results.isVisible() or self.notice.isVisible()
                                             or self.search.text() != self._name):
                self._hide_results()
                self.search.setText(self._name)
                return True
        return super().eventFilter(watched, event)

    # ----- New caller…

    def add_caller(self) -> None:
        typed = self.search.text() if self.search.text() != self._name else ""
        dialog = NewCallerDialog(self._ctx, guess_fields(typed), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._on_caller_created)
        dialog.open()

    def _on_caller_created(self, record: PersonRecord) -> None:
        self._choose(record.id, record.name)

    # ----- the caller's card

    def _load_card(self, *, after_paint: bool = False) -> None:
        """Ask for the caller's card. `after_paint`: once the field has painted (a ticket filled into its editor:
        the card's answer came in before the editor's paint, and the two held the GUI thread in one stretch)."""
        if self._id is None or self._card_for != self._id:
            # Another caller's card (a reused ticket editor's last one) never stays on show while this one's loads.
            self._card_for = None
            self.card_box.hide()
            self.assets.show_assets(None)
        if self._id is None:
            return
        if after_paint:
            person_id = self._id
            AfterPaint(self.search, lambda: self._load_card() if self._id == person_id else None, self)
            return
        self._ctx.runner.query(directory.caller_card, person_id=self._id, slot=("caller-card", id(self)),
                               on_done=self._on_card_loaded, owner=self, label="read caller")

    def _on_card_loaded(self, card: CallerCard | None) -> None:
        if card is None or card.person.id != self._id:
            self._card_for = None
            self.card_box.hide()
            self.assets.show_assets(None)
            return
        if card.person.name != self._name:  # renamed, or not in the reference data this form was given
            typing = self.search.text() != self._name
            self._name = self._names[card.person.id] = card.person.name
            if not typing:
                self.search.setText(self._name)
        marks = [m for m, on in ((self.tr("VIP"), card.person.vip), (self.tr("Agent"), card.person.is_agent),
                                 (self.tr("Inactive"), not card.person.active)) if on]
        lines = ["  ·  ".join(marks + person_details(card.person)) or self.tr("No contact details.")]
        if card.open_tickets:
            lines.append(self.tr("Open tickets ({0}):").format(card.open_count))
            lines.extend("  " + self._ticket_line(t) for t in card.open_tickets)
        else:
            lines.append(self.tr("No open tickets."))
        if card.recent_tickets:
            lines.append(self.tr("Recently closed:"))
            lines.extend("  " + self._ticket_line(t) for t in card.recent_tickets)
        # The card and its paint (~5 ms each) not in one stretch of the GUI thread; the form around moves with it, and
        # is held with it. Not the window: turning a held widget's updates on again repaints all of it, and holding
        # the window repainted the whole ticket editor, menus and status bar (~220 widgets) for every card shown.
        paint_on_a_later_turn(self.parentWidget() or self)
        self.card.setText("\n".join(lines))
        self._card_for = card.person.id
        self.assets.show_assets(card)
        self.card_box.show()
        self.card_shown.emit()

    def _ticket_line(self, ticket: CallerTicket) -> str:
        number = ticket.number or self.tr("(draft)")
        return self.tr("{0}  {1}  ({2})").format(number, ticket.title, local_time_text(ticket.updated_at))
