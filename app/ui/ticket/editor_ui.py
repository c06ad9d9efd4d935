"""The ticket editor's widget tree and how a loaded ticket fills it (Qt Designer's setupUi pattern)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedLayout,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.people.reference import ReferenceData
from app.tickets.records import TicketDetail
from app.ui.context import UiContext
from app.ui.labels import label_text
from app.ui.ticket.attachments_view import AttachmentsView
from app.ui.ticket.fields_form import TicketFieldsForm
from app.ui.ticket.header import TicketHeader
from app.ui.ticket.history_view import HistoryView
from app.ui.ticket.knowledge_suggestions import KnowledgeSuggestions
from app.ui.ticket.links_view import LinksView
from app.ui.ticket.macro_button import MacroButton
from app.ui.ticket.problem_strip import ProblemStrip
from app.ui.ticket.similar_view import SimilarView
from app.ui.ticket.sla_strip import SlaStrip
from app.ui.ticket.state_bar import StateBar
from app.ui.ticket.worklog_view import WorklogView
from app.ui.widgets.after_paint import AfterPaint, paint_on_a_later_turn
from app.ui.widgets.banner import Banner
from app.ui.widgets.built_in_steps import BuiltInSteps
from app.ui.widgets.ci_incident_hint import CiIncidentHint
from app.ui.widgets.form_scroll import FormScrollArea
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.page_scroll import PageScrollArea

_LOADING, _CONTENT, _FAILED = range(3)


def _t(text: str) -> str:
    return QCoreApplication.translate("TicketEditor", text)


class TicketEditorUi(BuiltInSteps):
    """Builds the editor's widgets as attributes (header, banners, state bar, Save and Revert, the form
    in a scroll area beside the tabs) and shows the loading, content or failure page. Built at once, or part
    by part (`later`, then `build_step()`): a whole editor is ~50 ms of the GUI thread, a part at most ~15."""

    def __init__(self, editor: QWidget, ctx: UiContext, ticket_id: str, *, later: bool = False) -> None:
        """`later`: only start; the caller builds the parts with `build_step()` (one per event-loop turn)."""
        self._editor = editor
        self._shown: TicketDetail | None = None  # the detail last shown
        self._late_for: TicketDetail | None = None  # the detail whose late parts last asked
        self._steps: Iterator[None] = self._parts(editor, ctx, ticket_id)
        if not later:
            self.build_rest()

    def _parts(self, editor: QWidget, ctx: UiContext, ticket_id: str) -> Iterator[None]:
        self.header = TicketHeader(editor)
        self.sla_strip = SlaStrip(editor)
        self.draft_banner = Banner("info", editor)
        self.changed_banner = Banner("warning", editor)
        self.final_banner = Banner("info", editor)  # a closed ticket: why its fields are read-only
        self.final_banner.setObjectName("FinalBanner")
        self.ci_hint = CiIncidentHint(ctx, editor)  # other open incidents on the CI or what depends on it
        self.state_bar = StateBar(editor)
        self.macro_button = MacroButton(ctx, editor)
        self.revert_button = QPushButton(_t("Re&vert"), editor)
        self.revert_button.setToolTip(_t("Throw away the unsaved changes"))
        self.save_button = QPushButton(_t("Save"), editor)
        self.save_button.setToolTip(_t("Save the changes (Ctrl+S)"))
        self.error = InlineError(editor)
        yield
        self.form = TicketFieldsForm(ctx, parent=editor, later=True)
        while not self.form.build_step():
            yield
        yield
        self.worklog = WorklogView(ctx, ticket_id, editor)
        yield
        self.attachments = AttachmentsView(ctx, ticket_id, editor)
        self.links = LinksView(ctx, ticket_id, editor)
        self.history = HistoryView(editor)
        self.problem_strip = ProblemStrip(ctx, editor)  # problem management (issue 13)
        # Their answers move the form and the tabs below them: that repaint (~85-95 widgets, 5-7 ms) on a later
        # turn than the answer, and in two halves.
        self.ci_hint.before_change = self.problem_strip.before_change = self.hold_paint
        self.similar = SimilarView(ctx, editor)
        yield
        self.knowledge = KnowledgeSuggestions(ctx, self.form, self.worklog.body, editor)
        self.tabs = QTabWidget(editor)
        for page in (self.worklog, self.attachments, self.links, self.history, self.similar):
            self.tabs.addTab(page, "")
        self.message = QLabel(editor)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.retry_button = QPushButton(_t("Try again"), editor)
        # The content page is never hidden: loading and failure are opaque covers laid over it (the same stack,
        # every page shown at once). Hiding it while a reused editor loads made every ticket opened show the
        # whole widget tree again (~300 show events and a first layout, ~4 ms of the GUI thread) in the turn
        # that fills it; now the tree is shown with the tab, and laid out ahead by the editor pool.
        self.pages = QStackedWidget(editor)
        stack = self.pages.layout()
        assert isinstance(stack, QStackedLayout)
        stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        loading = QLabel(_t("Loading…"), editor)
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # keys typed while loading reach no field beneath
        content, failed = self._content(editor), self._failed(editor)
        self._covers: dict[int, QWidget] = {_LOADING: loading, _FAILED: failed}
        for layer in (loading, content, failed):
            layer.setAutoFillBackground(layer is not content)  # a cover hides the page beneath
            self.pages.addWidget(layer)
        self._show_page(_LOADING)
        outer = QVBoxLayout(editor)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

    def _content(self, editor: QWidget) -> QWidget:
        scroll = self.form_scroll = FormScrollArea(self.form, editor)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, editor)
        self.splitter.addWidget(scroll)
        # The tabs above, the knowledge suggestions below: painted on a turn after the rest when a ticket fills
        # the editor (TicketEditor._on_loaded).
        right = self.side = QSplitter(Qt.Orientation.Vertical, editor)
        right.addWidget(self.tabs)
        right.addWidget(self.knowledge)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        bar = QHBoxLayout()
        bar.addWidget(self.state_bar, 1)
        bar.addWidget(self.macro_button, 0, Qt.AlignmentFlag.AlignTop)  # issue 13: the window applies it
        bar.addWidget(self.revert_button, 0, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        content = self.content = QWidget(editor)  # placed in a scroll area below
        column = QVBoxLayout(content)
        # Room for the worklog's composer at 1280×720 with every strip shown (tests/ui/test_editor_layout.py).
        column.setContentsMargins(12, 6, 12, 4)
        column.setSpacing(5)
        for widget in (self.header, self.sla_strip, self.ci_hint, self.final_banner, self.draft_banner,
                       self.changed_banner, self.problem_strip):
            column.addWidget(widget)
        column.addLayout(bar)
        column.addWidget(self.error)
        column.addWidget(self.splitter, 1)
        # In a window shorter than the editor needs (every strip shown: CI hint, known error, problem row), the
        # editor scrolls as a whole instead of squeezing the worklog's composer and clipping its controls.
        self.content_scroll = PageScrollArea(content, editor)
        return self.content_scroll

    def _failed(self, editor: QWidget) -> QWidget:
        failed = QWidget(editor)
        column = QVBoxLayout(failed)
        column.addStretch(1)
        column.addWidget(self.message)
        column.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        return failed

    def set_ticket(self, ticket_id: str) -> None:
        """Make the widgets (reused) ready for `ticket_id`: the loading page, every banner, error, list and
        input of the ticket shown before cleared, the Worklog tab current."""
        self._shown = None
        for banner in (self.draft_banner, self.changed_banner, self.final_banner):
            banner.hide()
        self.clear_errors()
        self.set_saving(False)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self.sla_strip.clear()  # keeps its place: hidden and shown again, it laid the whole column out anew
        self.ci_hint.keep_place()
        self.state_bar.clear()
        for box in self.form.findChildren(QPlainTextEdit):  # no undo into the previous ticket's text
            box.document().clearUndoRedoStacks()
        self.worklog.set_ticket(ticket_id)
        self.attachments.set_ticket(ticket_id)
        self.links.set_ticket(ticket_id)
        self.knowledge.set_ticket(ticket_id)
        self.history.clear()
        self.problem_strip.set_ticket(ticket_id)
        self.similar.set_ticket(ticket_id)
        self.tabs.setCurrentIndex(0)
        self.form_scroll.verticalScrollBar().setValue(0)
        self.show_loading()

    def show_loading(self) -> None:
        self._show_page(_LOADING)
        focus = QApplication.focusWidget()
        if focus is not None and self.content.isAncestorOf(focus):
            self._covers[_LOADING].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_failed(self, message: str) -> None:
        self.message.setText(message)
        self._show_page(_FAILED)

    def page(self) -> QWidget:
        """The page in front: the content, or the loading or failure cover over it."""
        return next((cover for cover in self._covers.values() if not cover.isHidden()), self.content)

    def _show_page(self, index: int) -> None:
        for key, cover in self._covers.items():
            if key == index:
                cover.raise_()
                cover.show()
            else:
                cover.hide()

    def show_detail(self, detail: TicketDetail, reference: ReferenceData, keep: dict | None) -> None:
        """Fill every part from `detail`; the form keeps `keep` (unsaved values) on top of it."""
        self.form.set_detail(detail, keep)
        self.form.set_read_only(detail.is_final)
        if detail.is_final:
            self.final_banner.show_message(_t("{0} is {1}, and a {1} ticket is final: its fields can no longer be "
                                              "changed. Internal notes can still be added.").format(
                detail.number, label_text(detail.state_label).lower()), [])
        else:
            self.final_banner.hide()
        self.header.set_detail(detail, reference)
        self.sla_strip.set_status(detail.sla)
        self.state_bar.set_moves(detail.allowed_states)
        # The move buttons are made per load, so they would join the end of the focus chain.
        chain = [*self.state_bar.buttons(), self.revert_button, self.save_button, self.form.input_widget("title")]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.worklog.set_detail(detail)
        self.attachments.set_detail(detail)
        self.links.set_detail(detail)
        self.history.set_detail(detail, reference)
        self._count_tabs(detail)
        self.tabs.setTabText(3, _t("Histor&y"))
        self.tabs.setTabText(4, _t("Simi&lar"))
        self.tabs.setTabVisible(4, detail.type != "service_request")
        self.changed_banner.hide()
        # The strips whose answers come later take the place they will have now, where it is known: shown or hidden
        # after the first paint, they moved the form below them and repainted it (~70-100 widgets, ~5 ms).
        self.ci_hint.settle_for(detail.type, detail.ci_id, detail.is_open)
        self.problem_strip.settle_for(detail.type)
        self._show_page(_CONTENT)
        # The parts that ask the store more (CI hint, knowledge suggestions, problem strip, similar tickets) ask
        # once the ticket is painted: their reads ran beside the paint and took the interpreter lock and a core
        # from it (an ordinary ticket painted 20-30 ms later on the 1M store).
        self._shown = detail
        AfterPaint(self.tabs, lambda: self._show_late(detail), self._editor)  # the tabs paint last (hold_paint)

    def hold_paint(self) -> None:
        """The editor's next repaint on a later turn, the form first and the tabs and suggestions beside it after
        (app.ui.widgets.after_paint): whole, it took 7-12 ms, up to 19 with a late part's answer."""
        paint_on_a_later_turn(self._editor, then=[self.side])

    def show_worklog(self, detail: TicketDetail) -> None:
        """The worklog again, the rest of the editor as it is (the older entries of a long worklog, read late)."""
        self.worklog.set_detail(detail)
        self._count_tabs(detail)

    def _count_tabs(self, detail: TicketDetail) -> None:
        counts = (len(detail.worklog) + detail.worklog_earlier[0], len(detail.attachments), len(detail.links))
        for index, (text, count) in enumerate(zip((_t("&Worklog ({})"), _t("Attachment&s ({})"), _t("Lin&ks ({})")),
                                                  counts, strict=True)):
            self.tabs.setTabText(index, text.format(count))

    def late_asked(self) -> bool:
        """Whether the ticket shown has its late parts asked for (they answer on later turns)."""
        return self._shown is not None and self._late_for is self._shown

    def _show_late(self, detail: TicketDetail) -> None:
        if self._shown is not detail:
            return  # another ticket, or a newer read of this one, came meanwhile: it has its own
        self._late_for = detail
        self.ci_hint.show_for(detail.id, detail.type, detail.ci_id, detail.is_open)
        self.knowledge.set_detail(detail)
        self.problem_strip.set_detail(detail)
        self.similar.set_detail(detail)

    def set_saving(self, saving: bool) -> None:
        self.state_bar.set_busy(saving)
        self.save_button.setText(_t("Saving…") if saving else _t("Save"))

    def clear_errors(self) -> None:
        self.error.clear_message()
        self.state_bar.error.clear_message()
        self.form.clear_errors()
