"""The problem editor beside the problem lists: fields and workflow moves, linked incidents, similar
incidents, Publish workaround and Resolve linked incidents, each batch with its undo; for a major
incident its child incidents and communication log."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.problems import ops as problem_ops
from app.problems import queries as problem_queries
from app.problems.cis import ci_choices
from app.problems.incident_search import search_incidents
from app.problems.records import ProblemDetail, PublishResult
from app.tickets.queries import ticket_id_for_number
from app.tickets.records import BulkResult
from app.ui.context import UiContext
from app.ui.labels import label_text
from app.ui.problems.editor_form import ProblemForm
from app.ui.problems.incident_lists import CommsLogView, LinkedIncidentsView
from app.ui.problems.incident_search_view import IncidentSearchView
from app.ui.problems.workaround_dialog import WorkaroundDialog
from app.ui.tasks import describe_error
from app.ui.widgets.after_paint import AfterPaint, paint_on_a_later_turn
from app.ui.widgets.banner import Banner
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.similar_list import SimilarIncidentsList
from app.ui.widgets.stale_refresher import StaleRefresher


class ProblemEditor(QWidget):
    """Shows one problem or major incident (`show_ticket`); every read and write goes through the runner."""

    loaded = Signal()
    open_ticket_requested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, tabs_later: bool = False) -> None:
        """`tabs_later`: the incident tabs are built by `build_tabs`, on a turn of their own (the Problems page
        builds in parts: the editor whole was one ~10 ms turn of its first show); call it before anything is shown."""
        super().__init__(parent)
        self.setObjectName("ProblemEditor")
        self.ctx = ctx
        self.ticket_id: str | None = None
        self._similar_due = False  # similar incidents to ask for once the record is painted (refresh)
        self.detail: ProblemDetail | None = None
        self._dirty = False
        self._first_load = True
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        heading_font = self.heading.font()  # relative to the user's font size, not fixed pixels
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.25)
        heading_font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(heading_font)
        self.badges = QLabel(self)
        self.badges.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = Banner("info", self)
        self.banner.setObjectName("ProblemBanner")
        self.moves = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"), self)
        self.publish_button = QPushButton(self.tr("Publish &workaround…"), self)
        self.resolve_button = QPushButton(self.tr("Resolve linked incidents…"), self)
        self.ticket_button = QPushButton(self.tr("Worklog && history"), self)
        self.ticket_button.setToolTip(self.tr("Open as a ticket: worklog, attachments and history"))
        self.error = InlineError(self)
        self.form = ProblemForm(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(scroll)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        buttons = QHBoxLayout()  # the workflow's moves and Save; the batch actions on a row of their own
        buttons.addWidget(QLabel(self.tr("Move to:"), self))
        buttons.addLayout(self.moves)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        actions = QHBoxLayout()
        for button in (self.publish_button, self.resolve_button, self.ticket_button):
            actions.addWidget(button)
        actions.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 4, 4)
        column.addWidget(self.heading)
        column.addWidget(self.badges)
        column.addWidget(self.banner)
        column.addLayout(buttons)
        column.addLayout(actions)
        column.addWidget(self.error)
        column.addWidget(split, 1)
        self.save_button.clicked.connect(lambda: self.save())
        self.publish_button.clicked.connect(self.publish_workaround)
        self.resolve_button.clicked.connect(self.resolve_linked)
        self.ticket_button.clicked.connect(lambda: self.open_ticket_requested.emit(self.ticket_id or ""))
        self.form.edited.connect(self._on_form_edited)
        self.form.ci_set.lookup_requested.connect(
            lambda text: self.ctx.runner.query(ci_choices, text=text, slot=("ci choices", id(self)),
                                               on_done=self.form.ci_set.set_suggestions, owner=self,
                                               label="CI choices"))
        self.refresher = StaleRefresher(self, ctx.events, ("ticket", "worklog_entry", "change"), self.refresh)
        self._changes: tuple[tuple[str, str], ...] = ()
        ctx.runner.query(problem_queries.change_choices, on_done=self._on_change_choices, owner=self,
                         label="change choices")
        if not tabs_later:
            self.build_tabs()

    def build_tabs(self) -> None:
        """The incident tabs: linked, similar, found, and the communication log."""
        self.linked = LinkedIncidentsView(self)
        self.similar = SimilarIncidentsList(self.tr("&Link selected"), self)
        self.finder = IncidentSearchView(self)
        self.comms = CommsLogView(self)
        self.tabs.addTab(self.linked, "")
        self.tabs.addTab(self.similar, self.tr("Similar incidents"))
        self.tabs.addTab(self.finder, self.tr("Find incidents"))
        self.tabs.addTab(self.comms, self.tr("Communication log"))
        self.linked.open_requested.connect(self.open_ticket_requested)
        self.linked.unlink_requested.connect(self._on_linked_unlink_requested)
        self.linked.link_number_requested.connect(self._on_linked_link_number_requested)
        self.similar.open_requested.connect(self.open_ticket_requested)
        self.similar.link_requested.connect(self._link_ids)
        self.finder.link_requested.connect(self._link_ids)
        self.finder.open_requested.connect(self.open_ticket_requested)
        self.finder.search_requested.connect(self._on_finder_search_requested)
        self.comms.add_requested.connect(self._on_comms_add_requested)

    # ---- loading ---------------------------------------------------------------------------------
    def show_ticket(self, ticket_id: str) -> None:
        if ticket_id != self.ticket_id:
            self._first_load = True
            self._dirty = False
            self.banner.hide()
            self.error.clear_message()
        self.ticket_id = ticket_id
        self.refresh()

    def refresh(self) -> None:
        if self.ticket_id is None:
            return
        self.ctx.runner.query(problem_queries.problem_detail, ticket_id=self.ticket_id, slot=("problem", id(self)),
                              on_done=self._on_detail, on_error=self._on_detail_failed, owner=self, label="problem")
        self.similar.set_loading()
        # Asked for once the record is painted (its tab is not the one shown first): read beside the record and its
        # paint, its scoring took a core and the interpreter from them (the page's first show 14-22 ms).
        self._similar_due = True
        if self.finder.text():
            self.finder.search_now()

    def _on_change_choices(self, choices) -> None:
        self._changes = choices
        self.form.set_choices(self.ctx.reference, choices)
        if self.detail is not None and not self._dirty:
            self.form.set_detail(self.detail)

    def _on_detail(self, d: ProblemDetail) -> None:
        if d.id != self.ticket_id:
            return
        # The form filled and its paint apart, and the incident tabs painted a turn after the rest (whole, the
        # editor's paint was 9-15 ms).
        paint_on_a_later_turn(self, then=[self.tabs])
        AfterPaint(self.tabs, lambda: self._ask_similar(d.id), self)
        self.detail = d
        major = d.is_major
        self.heading.setText(f"{d.number}  {one_line(d.title, 200)}")
        badges = [label_text(d.state_label), f"P{d.priority}"]
        if d.known_error:
            badges.append(self.tr("Known error"))
        if major:
            badges.append(self.tr("Major incident"))
        if d.affected_cis:
            badges.append(self.tr("Affected CIs: {0}").format(", ".join(d.affected_cis[:6])))
        self.badges.setText("  ·  ".join(badges))
        if not self._dirty:
            self.form.set_choices(self.ctx.reference, self._changes)
            self.form.set_detail(d)
        self._set_moves(d)
        self.linked.set_items(d.incidents, read_only=d.is_final)
        label = self.tr("Child incidents ({0})") if major else self.tr("Linked incidents ({0})")
        self.tabs.setTabText(0, label.format(len(d.incidents)))
        self.tabs.setTabVisible(self.tabs.indexOf(self.comms), major)
        if self._first_load:  # a major incident opens on its log, a problem on its incidents
            self._first_load = False
            self.tabs.setCurrentIndex(self.tabs.indexOf(self.comms) if major else 0)
        self.finder.set_can_link(not d.is_final)
        self.comms.set_entries(d.comms, read_only=d.is_final)
        self.publish_button.setVisible(d.type == "problem")
        self.resolve_button.setVisible(d.type == "problem")
        open_linked = sum(1 for i in d.incidents if i.is_open)
        self.publish_button.setEnabled(bool(d.workaround.strip()) and open_linked > 0)
        self.resolve_button.setEnabled(d.state == "resolved" and open_linked > 0)
        self.save_button.setEnabled(self._dirty)
        self.loaded.emit()

    def _ask_similar(self, ticket_id: str | None) -> None:
        """The similar incidents of `ticket_id` when they are due and it is still the one shown."""
        if not self._similar_due or ticket_id is None or ticket_id != self.ticket_id:
            return
        self._similar_due = False
        self.ctx.runner.query(problem_queries.similar_incidents, ticket_id=self.ticket_id, has_fts=self.ctx.has_fts,
                              slot=("similar", id(self)), on_done=self._on_similar, owner=self,
                              label="similar incidents")

    def _on_detail_failed(self, exc: Exception) -> None:
        self._ask_similar(self.ticket_id)
        self._on_failed(exc)

    def _on_similar(self, items) -> None:
        d = self.detail
        self.similar.set_items(items, can_link=d is None or not d.is_final)

    def _on_finder_search_requested(self, text: str) -> None:
        if self.ticket_id is not None:
            self.ctx.runner.query(search_incidents, problem_id=self.ticket_id, text=text, has_fts=self.ctx.has_fts,
                                  slot=("find incidents", id(self)), on_done=self.finder.show_result,
                                  on_error=self._on_failed, owner=self, label="find incidents")

    def _on_failed(self, exc: Exception) -> None:
        self.error.show_message(describe_error(exc))

    def _set_moves(self, d: ProblemDetail) -> None:
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for key, label in d.allowed_states:
            button = QPushButton(label_text(label), self)
            button.setObjectName("move-" + key)
            button.setToolTip(self.tr("Save and move to {0}").format(label_text(label)))
            button.clicked.connect(lambda _c=False, k=key: self.move_to(k))
            self.moves.addWidget(button)

    # ---- editing ----------------------------------------------------------------------------------
    def _on_form_edited(self) -> None:
        self._dirty = True
        self.save_button.setEnabled(True)

    def is_dirty(self) -> bool:
        return self._dirty

    def move_to(self, state: str) -> None:
        d = self.detail
        if d is None:
            return
        if state == "resolved" and d.type == "problem":
            self.form.set_resolving(True)
            values = self.form.values()
            if not values["resolution_code"] or not values["resolution_notes"].strip():
                self.error.show_message(self.tr("Choose a resolution code and write resolution notes, then click "
                                                "Resolved again."))
                self.form.resolution_code.setFocus()
                return
            self.save({"state": state, "resolution_code": values["resolution_code"],
                       "resolution_notes": values["resolution_notes"]})
            return
        if state == "resolved":  # a major incident: resolved through its ticket editor, which asks for a code
            self.open_ticket_requested.emit(d.id)
            return
        self.save({"state": state})

    def save(self, extra: dict | None = None) -> None:
        d = self.detail
        if d is None:
            return
        changes = {**self.form.changes(), **(extra or {})}
        if not changes:
            return
        self.error.clear_message()
        self.save_button.setEnabled(False)
        moved = changes.get("state")
        self.ctx.runner.op(problem_ops.save_problem, ticket_id=d.id, changes=changes, actor_id=self.ctx.me,
                           expected_updated_at=d.updated_at, matrix=self.ctx.matrix,
                           on_done=lambda detail: self._on_saved(detail, moved),
                           on_error=self._on_save_failed, owner=self, label="save problem")

    def _on_saved(self, d: ProblemDetail, moved: str | None) -> None:
        self._dirty = False
        self._on_detail(d)
        self.ctx.events.status_message.emit(self.tr("{0} saved.").format(d.number))
        open_linked = sum(1 for i in d.incidents if i.is_open)
        if moved == "resolved" and d.type == "problem" and open_linked:
            self.banner.show_message(
                self.tr("{0} is resolved. %Ln linked incident(s) are still open.", "", open_linked).format(d.number),
                [(self.tr("Resolve them too…"), self.resolve_linked)])

    def _on_save_failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(describe_error(exc))  # the input stays as typed

    # ---- batches with undo ------------------------------------------------------------------------
    def _offer_undo(self, message: str, undo) -> None:
        self.banner.show_message(message, [(self.tr("Undo"), undo)])

    def _on_batch_done(self, label: str, result: BulkResult) -> None:
        text = self.tr("{0}: %Ln changed.", "", len(result.changed)).format(label)
        if result.skipped:
            text += " " + self.tr("Skipped: {0}").format("; ".join(f"{n} ({r})" for n, r in result.skipped[:5]))
        if result.changed:
            batch_id = result.batch_id
            self._offer_undo(text, lambda: self._undo_batch(label, batch_id))  # no default argument: the
            # banner's button would hand its `checked` to it
        else:
            self.banner.show_message(text, [])
        self.refresh()

    def _undo_batch(self, label: str, batch_id: str) -> None:
        self.ctx.runner.op(problem_ops.undo_batch, batch_id=batch_id, actor_id=self.ctx.me,
                           on_done=lambda r: self.banner.show_message(
                               self.tr("Undone: {0} (%Ln ticket(s)).", "", len(r.changed)).format(label), []),
                           on_error=self._on_failed, owner=self, label="undo")

    def _link_ids(self, ids: list[str]) -> None:
        d = self.detail
        if d is None or not ids:
            return
        if d.is_major:
            self.ctx.runner.op(problem_ops.link_children, major_id=d.id, incident_ids=ids, actor_id=self.ctx.me,
                               on_done=lambda r: self._on_batch_done(self.tr("Linked to {0}").format(d.number), r),
                               on_error=self._on_failed, owner=self, label="link children")
        else:
            self.ctx.runner.op(problem_ops.link_incidents, problem_id=d.id, incident_ids=ids, actor_id=self.ctx.me,
                               on_done=lambda r: self._on_batch_done(self.tr("Linked to {0}").format(d.number), r),
                               on_error=self._on_failed, owner=self, label="link incidents")

    def _on_linked_link_number_requested(self, number: str) -> None:
        self.ctx.runner.query(ticket_id_for_number, number=number, owner=self, label="find incident",
                              on_done=self._on_number_found,
                              on_error=lambda exc: self.linked.error.show_message(describe_error(exc)))

    def _on_number_found(self, ticket_id: str) -> None:
        self.linked.number.clear()
        self._link_ids([ticket_id])

    def _on_linked_unlink_requested(self, ids: list[str]) -> None:
        d = self.detail
        if d is None:
            return
        self.ctx.runner.op(problem_ops.unlink_incidents, incident_ids=ids, from_major=d.is_major, actor_id=self.ctx.me,
                           on_done=lambda r: self._on_batch_done(self.tr("Unlinked from {0}").format(d.number), r),
                           on_error=self._on_failed, owner=self, label="unlink")

    def publish_workaround(self) -> None:
        if self.detail is None:
            return
        if self._dirty:
            self.error.show_message(self.tr("Save the problem first: the replies carry the saved workaround."))
            return
        self.ctx.runner.query(problem_queries.workaround_preview, problem_id=self.detail.id, owner=self,
                              label="workaround preview", on_done=self._on_preview, on_error=self._on_failed)

    def _on_preview(self, preview) -> None:
        dialog = WorkaroundDialog(preview, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(self._send_workaround)
        dialog.open()
        self.workaround_dialog = dialog

    def _send_workaround(self) -> None:
        if self.detail is None:
            return
        self.ctx.runner.op(problem_ops.publish_workaround, problem_id=self.detail.id, actor_id=self.ctx.me,
                           on_done=self._on_published, on_error=self._on_failed, owner=self, label="publish")

    def _on_published(self, result: PublishResult) -> None:
        text = self.tr("Workaround sent to %Ln incident(s).", "", len(result.posted))
        if result.skipped:
            text += " " + self.tr("Skipped: {0}").format("; ".join(f"{n} ({r})" for n, r in result.skipped[:5]))
        if result.posted:
            batch_id = result.batch_id
            self._offer_undo(text, lambda: self._undo_publish(batch_id))
        else:
            self.banner.show_message(text, [])

    def _undo_publish(self, batch_id: str) -> None:
        self.ctx.runner.op(problem_ops.undo_publish, batch_id=batch_id, actor_id=self.ctx.me,
                           on_done=self._on_publish_undone, on_error=self._on_failed, owner=self, label="undo publish")

    def _on_publish_undone(self, result: PublishResult) -> None:
        text = self.tr("Workaround withdrawn from %Ln incident(s).", "", len(result.posted))
        if result.skipped:
            text += " " + self.tr("Not withdrawn: {0}").format("; ".join(f"{n} ({r})" for n, r in result.skipped[:5]))
        self.banner.show_message(text, [])

    def resolve_linked(self) -> None:
        d = self.detail
        if d is None:
            return
        count = sum(1 for i in d.incidents if i.is_open)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resolve linked incidents"),
                          self.tr("Resolve %Ln open linked incident(s) with the resolution of {0}?", "",
                                  count).format(d.number),
                          QMessageBox.StandardButton.Cancel, self)
        box.addButton(self.tr("Resolve"), QMessageBox.ButtonRole.AcceptRole)
        box.finished.connect(box.deleteLater)
        box.accepted.connect(self._resolve_linked_now)
        box.open()
        self.resolve_box = box

    def _resolve_linked_now(self) -> None:
        d = self.detail
        if d is None:
            return
        self.ctx.runner.op(problem_ops.resolve_linked, problem_id=d.id, actor_id=self.ctx.me,
                           on_done=lambda r: self._on_batch_done(self.tr("Resolved with {0}").format(d.number), r),
                           on_error=self._on_failed, owner=self, label="resolve linked")

    def _on_comms_add_requested(self, body: str) -> None:
        d = self.detail
        if d is None:
            return
        self.ctx.runner.op(problem_ops.add_comms, major_id=d.id, body=body, actor_id=self.ctx.me,
                           on_done=lambda _id: self.comms.entry_added(),
                           on_error=lambda exc: self.comms.error.show_message(describe_error(exc)), owner=self,
                           label="communication update")

