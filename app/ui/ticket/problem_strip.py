"""The incident editor's problem strip: the known errors its CI, service or words match (with their
workaround), the problem it is linked to, and its major incident; Link to problem… and Major incident."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.problems import ops as problem_ops
from app.problems import queries as problem_queries
from app.problems.records import IncidentProblem, KnownErrorMatch
from app.tickets.records import TicketDetail
from app.ui.context import UiContext
from app.ui.widgets.banner import Banner
from app.ui.widgets.problem_picker import ProblemPickerDialog
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.stale_refresher import StaleRefresher

# Why a problem is suggested; translated by the strip (self.tr), the markers let lupdate collect the words.
REASONS = {"ci": QT_TRANSLATE_NOOP("ProblemStrip", "same CI"),
           "service": QT_TRANSLATE_NOOP("ProblemStrip", "same service"),
           "text": QT_TRANSLATE_NOOP("ProblemStrip", "similar words"),
           "linked": QT_TRANSLATE_NOOP("ProblemStrip", "its problem")}


def has_strip(ticket_type: str) -> bool:
    """Every ticket but a service request has the strip (problem links, the major-incident flag)."""
    return ticket_type != "service_request"


class ProblemStrip(QWidget):
    """Hidden for service requests. For a problem it points to the Problems page, where its analysis lives."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProblemStrip")
        self.ctx = ctx
        self.ticket_id: str | None = None
        self.detail: TicketDetail | None = None
        self.state: IncidentProblem | None = None
        self.before_change: Callable[[], object] | None = None  # as CiIncidentHint's
        self.known_error = Banner("warning", self)
        self.known_error.setObjectName("KnownErrorBanner")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(self.tr("Open problem"), self)
        self.link_button = QPushButton(self.tr("Link to problem…"), self)
        self.unlink_button = QPushButton(self.tr("Unlink"), self)
        self.major = QCheckBox(self.tr("Major incident"), self)
        self.major.setToolTip(self.tr("A major incident gets its own view, child incidents and a communication log"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        for widget in (self.open_button, self.unlink_button, self.link_button, self.major):
            row.addWidget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.known_error)
        column.addLayout(row)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.link_button.clicked.connect(self.choose_problem)
        self.unlink_button.clicked.connect(self._on_unlink_clicked)
        self.major.clicked.connect(self._on_major_clicked)
        self.refresher = StaleRefresher(self, ctx.events, ("ticket",), self.refresh)
        self.hide()

    def set_ticket(self, ticket_id: str) -> None:
        """Forget the ticket shown. A strip already shown stays, with a neutral line and its buttons disabled,
        until the next ticket's answer (or a service request hides it): the editor's column does not jump when
        the answer comes, which cost a layout and a repaint of the whole editor after every ticket opened."""
        self.ticket_id, self.detail, self.state = ticket_id, None, None
        self.known_error.hide()
        self.label.setText(self.tr("Looking for a linked problem…"))
        self.open_button.hide()
        self.unlink_button.hide()
        self.link_button.setText(self.tr("Link to problem…"))
        self.link_button.setEnabled(False)
        self.link_button.show()
        self.major.setChecked(False)
        self.major.setEnabled(False)
        self.major.show()

    def settle_for(self, ticket_type: str) -> None:
        """The place the strip will have once its answer comes, taken with the fill: every ticket but a service
        request shows it (the neutral line of `set_ticket` until then)."""
        self.setVisible(has_strip(ticket_type))

    def set_detail(self, detail: TicketDetail) -> None:
        self.detail = detail
        if not has_strip(detail.type):
            self.hide()
            return
        self.refresh()

    def refresh(self) -> None:
        if self.ticket_id is None or self.detail is None or not has_strip(self.detail.type):
            return
        self.ctx.runner.query(problem_queries.incident_problem, ticket_id=self.ticket_id,
                              slot=("problem strip", id(self)), on_done=self._on_loaded, owner=self,
                              label="incident problem", background=True)  # not awaited: read after the rest

    def _on_loaded(self, state: IncidentProblem) -> None:
        detail = self.detail
        if detail is None:
            return
        if self.before_change is not None:
            self.before_change()
        self.state = state
        problem = detail.type == "problem"
        final = detail.is_final
        if problem:
            self.label.setText(self.tr("This is a problem: its root cause, workaround, known-error flag and linked "
                                       "incidents are edited on the Problems page."))
        elif state.problem_number:
            self.label.setText(self.tr("Problem: {0}  {1} ({2})").format(
                state.problem_number, one_line(state.problem_title or "", 80), self.tr(state.problem_state or "")))
        elif state.problem_id:
            self.label.setText(self.tr("Linked to a problem this desk cannot see."))
        else:
            self.label.setText(self.tr("No problem linked."))
        if state.major_number and not problem:
            self.label.setText(self.label.text() + "  ·  " + self.tr("Part of major incident {0}").format(
                state.major_number))
        self.open_button.setText(self.tr("Open on the Problems page") if problem else self.tr("Open problem"))
        self.open_button.setVisible(problem or state.problem_number is not None)
        self.unlink_button.setVisible(not problem and state.problem_id is not None and not final)
        self.link_button.setVisible(not problem and not final)
        self.link_button.setEnabled(True)
        self.link_button.setText(self.tr("Change problem…") if state.problem_id else self.tr("Link to problem…"))
        self.major.setVisible(not problem)
        self.major.setEnabled(not final and state.major_id is None)
        self.major.setChecked(state.is_major)
        self._show_known_errors(state.known_errors, linked_to=state.problem_id)
        self.show()

    def _show_known_errors(self, matches: tuple[KnownErrorMatch, ...], linked_to: str | None) -> None:
        if not matches:
            self.known_error.hide()
            return
        best = matches[0]
        text = self.tr("Known error {0} ({1}): {2}\nWorkaround: {3}").format(
            best.number, self.tr(str(REASONS[best.reason])), one_line(best.title, 100), one_line(best.workaround, 400))
        if len(matches) > 1:
            text += "\n" + self.tr("Also: {0}").format(", ".join(m.number for m in matches[1:]))
        actions = []  # for the incident's own problem, the line below the banner has the buttons
        if best.id != linked_to:
            actions.append((self.tr("Open {0}").format(best.number), lambda: self._open(best.id)))
            if self.detail is not None and not self.detail.is_final:
                actions.insert(0, (self.tr("Link to {0}").format(best.number), lambda: self._link(best.id)))
        self.known_error.show_message(text, actions)

    # ---- actions ------------------------------------------------------------------------------------
    def _open(self, ticket_id: str) -> None:
        self.ctx.events.open_problem_requested.emit(ticket_id)

    def _on_open_clicked(self) -> None:
        if self.detail is not None and self.detail.type == "problem":
            self._open(self.detail.id)
        elif self.state is not None and self.state.problem_id:
            self._open(self.state.problem_id)

    def choose_problem(self) -> None:
        dialog = ProblemPickerDialog(self.ctx, self.tr("Link to problem"),
                                     self.tr("Link this incident to the problem that causes it."), self)
        dialog.accepted.connect(lambda: self._on_picker_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.picker = dialog

    def _on_picker_accepted(self, dialog: ProblemPickerDialog) -> None:
        chosen = dialog.chosen()
        if chosen is not None:
            self._link(chosen[0])

    def _link(self, problem_id: str) -> None:
        if self.ticket_id is None:
            return
        self.ctx.runner.op(problem_ops.link_incidents, problem_id=problem_id, incident_ids=[self.ticket_id],
                           actor_id=self.ctx.me, on_done=self._on_batch_done, on_error=self._on_failed, owner=self,
                           label="link to problem")

    def _on_unlink_clicked(self) -> None:
        if self.ticket_id is not None:
            self.ctx.runner.op(problem_ops.unlink_incidents, incident_ids=[self.ticket_id], actor_id=self.ctx.me,
                               on_done=self._on_batch_done, on_error=self._on_failed, owner=self, label="unlink")

    def _on_batch_done(self, result) -> None:
        if result.skipped:
            self._on_failed(Exception(result.skipped[0][1]))

    def _on_major_clicked(self, checked: bool) -> None:
        if self.ticket_id is not None:
            self.ctx.runner.op(problem_ops.set_major, ticket_id=self.ticket_id, is_major=checked, actor_id=self.ctx.me,
                               on_error=self._on_failed, owner=self, label="major incident")

    def _on_failed(self, exc: Exception) -> None:
        self.ctx.events.status_message.emit(str(exc))
        self.refresh()
