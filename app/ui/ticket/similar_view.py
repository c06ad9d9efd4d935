"""The incident editor's Similar tab: open and recent incidents like this one, read when the tab is
first shown; link them to this incident's problem (or major incident), or make a problem of them all."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QVBoxLayout, QWidget

from app.problems import ops as problem_ops
from app.problems import queries as problem_queries
from app.problems.records import CreatedProblem, IncidentProblem
from app.tickets.records import BulkResult, TicketDetail
from app.ui.context import UiContext
from app.ui.widgets.similar_list import SimilarIncidentsList


class SimilarView(QWidget):
    """Loads lazily (`load()`, when its tab shows): the search costs a few index reads, not worth paying
    for every ticket opened."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SimilarView")
        self.ctx = ctx
        self.ticket_id: str | None = None
        self.detail: TicketDetail | None = None
        self.links: IncidentProblem | None = None
        self._loaded_for: str | None = None
        self.list = SimilarIncidentsList(self.tr("Link selected"), self)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        self.list.open_requested.connect(self.ctx.events.open_ticket_requested)
        self.list.link_requested.connect(self._on_list_link_requested)

    def set_ticket(self, ticket_id: str) -> None:
        self.ticket_id, self.detail, self.links, self._loaded_for = ticket_id, None, None, None
        self.list.set_items((), can_link=False)
        self.list.status.setText("")

    def set_detail(self, detail: TicketDetail) -> None:
        self.detail = detail
        if self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._loaded_for != self.ticket_id:
            self.load()

    def load(self) -> None:
        if self.ticket_id is None:
            return
        self._loaded_for = self.ticket_id
        self.list.set_loading()
        self.ctx.runner.query(problem_queries.incident_problem, ticket_id=self.ticket_id, owner=self,
                              slot=("similar links", id(self)), on_done=self._on_links, label="incident problem")
        self.ctx.runner.query(problem_queries.similar_incidents, ticket_id=self.ticket_id, has_fts=self.ctx.has_fts,
                              slot=("similar", id(self)), on_done=self._on_similar, owner=self,
                              label="similar incidents")

    def _on_links(self, links: IncidentProblem) -> None:
        self.links = links
        if links.is_major:
            self.list.set_link_text(self.tr("Make children of this major incident"))
        elif links.problem_number:
            self.list.set_link_text(self.tr("Link to {0}").format(links.problem_number))
        else:
            self.list.set_link_text(self.tr("Create problem from this and selected…"))

    def _on_similar(self, items) -> None:
        final = self.detail is not None and self.detail.is_final
        self.list.set_items(items, can_link=not final and (self.detail is None or self.detail.type == "incident"))

    def _on_list_link_requested(self, ids: list[str]) -> None:
        links, detail = self.links, self.detail
        if links is None or detail is None or not ids:
            return
        if links.is_major:
            self.ctx.runner.op(problem_ops.link_children, major_id=detail.id, incident_ids=ids, actor_id=self.ctx.me,
                               on_done=self._on_linked, on_error=self._on_failed, owner=self, label="link children")
        elif links.problem_id:
            self.ctx.runner.op(problem_ops.link_incidents, problem_id=links.problem_id, incident_ids=ids,
                               actor_id=self.ctx.me, on_done=self._on_linked, on_error=self._on_failed, owner=self,
                               label="link incidents")
        else:
            title, ok = QInputDialog.getText(self, self.tr("Create problem"),
                                             self.tr("Problem statement (title):"), text=detail.title)
            if ok and title.strip():
                rows = [detail.row_id, *self.list.selected_rows()]
                self.ctx.runner.op(problem_ops.create_from_incidents, row_ids=rows, title=title, actor_id=self.ctx.me,
                                   matrix=self.ctx.matrix, on_done=self._on_created, on_error=self._on_failed,
                                   owner=self, label="create problem")

    def _on_linked(self, result: BulkResult) -> None:
        self.ctx.events.status_message.emit(self.tr("%Ln incident(s) linked.", "", len(result.changed)))
        self.load()

    def _on_created(self, created: CreatedProblem) -> None:
        self.ctx.events.status_message.emit(self.tr("{0} created with %Ln incident(s).", "",
                                                    len(created.linked)).format(created.number))
        self.ctx.events.open_problem_requested.emit(created.id)

    def _on_failed(self, exc: Exception) -> None:
        self.ctx.events.status_message.emit(str(exc))
