"""The queue's major-incident strip: open major incidents come first, above every view, until resolved."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.problems.queries import problem_list
from app.problems.records import ProblemRow
from app.ui import labels
from app.ui.context import UiContext
from app.ui.widgets.banner import Banner
from app.ui.widgets.safe_text import one_line
from app.ui.widgets.stale_refresher import StaleRefresher

SHOWN = 3


class MajorIncidentStrip(Banner):
    """Hidden while no major incident is open; reads the open majors (a partial index, a handful of rows)
    when a ticket changes."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("warning", parent)
        self.setObjectName("MajorIncidentStrip")
        self.ctx = ctx
        self.rows: tuple[ProblemRow, ...] = ()
        self.refresher = StaleRefresher(self.parentWidget() or self, ctx.events, ("ticket",), self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.runner.query(problem_list, view="majors", open_only=True, limit=SHOWN + 1,
                              slot=("major strip", id(self)), on_done=self._on_rows, owner=self, label="majors")

    def _on_rows(self, rows: tuple[ProblemRow, ...]) -> None:
        self.rows = rows
        if not rows:
            self.hide()
            return
        lines = [self.tr("Major incident {0}: {1} ({2}, {3} child incidents)").format(
            r.number, one_line(r.title, 90), labels.label_text(r.state_label), r.linked) for r in rows[:SHOWN]]
        if len(rows) > SHOWN:
            lines.append(self.tr("More on the Problems page (Major incidents)."))
        first = rows[0]
        self.show_message("\n".join(lines), [
            (self.tr("Open {0}").format(first.number), lambda: self.ctx.events.open_ticket_requested.emit(first.id)),
            (self.tr("Major incidents…"), lambda: self.ctx.events.open_problem_requested.emit(first.id)),
        ])
