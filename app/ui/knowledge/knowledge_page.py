"""The Knowledge page (`--view knowledge`, `--view article:NUMBER`): search and filters over the articles, the
needs-review view, one article rendered safely, and its editor with versions and diffs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.knowledge import ops as knowledge_ops
from app.knowledge import queries
from app.knowledge.records import ArticleDetail, ArticleFilter, ArticlePage
from app.ui.context import UiContext
from app.ui.events import REFERENCE
from app.ui.knowledge.article_editor import ArticleEditor
from app.ui.knowledge.article_table_model import ID_ROLE, ArticleTableModel
from app.ui.knowledge.article_view import ArticleView
from app.ui.knowledge.labels import confidence_label
from app.ui.tasks import describe_error
from app.ui.widgets.after_paint import paint_on_a_later_turn
from app.ui.widgets.built_in_steps import BuiltInSteps
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.prepared_table_view import PreparedTableView
from app.ui.widgets.segments_delegate import SegmentsDelegate
from app.ui.widgets.stale_refresher import StaleRefresher
from core.knowledge.workflow import CONFIDENCE_KEYS

_EMPTY, _VIEW, _EDIT = range(3)


class KnowledgePage(QWidget, BuiltInSteps):
    """Reads through app.knowledge.queries and writes through app.knowledge.ops on the runner; refreshes when
    the change feed names articles (its own saves, a sync pull), keeping the selection. GUI thread only."""

    data_shown = Signal()  # the list (and the article asked for, if any) is on screen
    article_shown = Signal(str)  # an article's detail is on screen (its id)
    saved = Signal(str)  # a create or edit committed (the article's id)

    def __init__(self, ctx: UiContext, window=None, parent: QWidget | None = None, *, later: bool = False) -> None:
        """`later`: the list now; the article's view and editor and the first reads at each `build_step()`."""
        super().__init__(parent)
        self._ctx = ctx
        self._selected: str | None = None
        self._wanted: str | None = None  # an article asked for by activate(), shown once found
        self._announced = False
        self._steps = self._parts()
        next(self._steps)  # the list
        if not later:
            self.build_rest()

    # ----- building

    def _parts(self) -> Iterator[None]:
        yield from self._build()
        self._stale = StaleRefresher(self, self._ctx.events, ("article", "article_version", "article_flag"),
                                     self._on_articles_changed)
        self._stale_reference = StaleRefresher(self, self._ctx.events, (REFERENCE,), self._fill_reference)
        self._fill_reference()
        self.refresh()

    def _build(self) -> Iterator[None]:
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self.refresh)
        self.search = QLineEdit(self)
        self.search.setObjectName("KnowledgeSearch")
        self.search.setPlaceholderText(self.tr('Search articles: words, "a phrase", OR, -word'))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.confidence = QComboBox(self)
        self.confidence.addItem(self.tr("All but archived"), None)
        for key in CONFIDENCE_KEYS:
            self.confidence.addItem(confidence_label(key), key)
        self.category = ChoiceCombo(self.tr("All categories"), self)
        self.service = ChoiceCombo(self.tr("All services"), self)
        for combo in (self.confidence, self.category, self.service):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.review = QPushButton(self.tr("Needs &review"), self)
        self.review.setObjectName("NeedsReview")
        self.review.setCheckable(True)
        self.review.setToolTip(self.tr("Articles whose review date passed, that were flagged, or that nobody "
                                       "used for a year"))
        self.review.toggled.connect(lambda _c: self.refresh())
        self.new_button = QPushButton(self.tr("&New article"), self)
        self.new_button.clicked.connect(self.new_article)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for widget in (self.confidence, self.category, self.service):
            bar.addWidget(widget, 1)
        bar.addWidget(self.review)
        bar.addWidget(self.new_button)

        self.model = ArticleTableModel(self)
        self.model.more_wanted.connect(self._load_more)
        self.table = PreparedTableView(self)  # its titles' column painted by its own delegate (SegmentsDelegate)
        self.table.setObjectName("KnowledgeTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(1, SegmentsDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() * 2 + 10)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 82), (2, 98), (3, 96), (4, 40), (5, 86)):
            # at least as wide as the (translated) header: "Uses" is longer in German
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.table.setColumnHidden(3, True)  # the category is a filter and a fact of the article; room for titles
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.table, 1)
        left_column.addWidget(self.count)
        yield

        self.view = ArticleView(self)
        self.view.edit_requested.connect(self.edit_article)
        self.view.move_requested.connect(self._on_view_move_requested)
        self.view.settle_requested.connect(self._on_view_settle_requested)
        self.view.diff_requested.connect(self._on_view_diff_requested)
        yield
        self.editor = ArticleEditor(self)
        self.editor.save_requested.connect(self._on_editor_save_requested)
        self.editor.cancelled.connect(self._on_editor_cancelled)
        empty = QLabel(self.tr("Choose an article, or search for one."), self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        for page in (empty, self.view, self.editor):
            self.stack.addWidget(page)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([600, 600])
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(splitter, 1)

    def painted_later(self) -> list[QWidget]:
        """The article beside the list, painted a turn after it when the page is shown (app.ui.page_slot)."""
        stack = getattr(self, "stack", None)  # built in parts: absent until its part is built
        return [stack] if stack is not None else []

    def _fill_reference(self) -> None:
        ref = self._ctx.reference
        self.category.set_shared_choices(ref.categories)
        self.service.set_shared_choices(ref.services)
        self.editor.set_reference(ref)

    def _names(self, d: ArticleDetail) -> dict[str, str]:
        """The names of the category, services and CIs `d` names, looked up by id: a dictionary of the whole reference
        data each time (50,000 CIs) was 11 ms of the GUI thread per article shown."""
        ref = self._ctx.reference
        wanted = [("categories", d.category_id), *(("services", i) for i in d.service_ids),
                  *(("cis", i) for i in d.ci_ids)]
        return {i: name for kind, i in wanted if i and (name := ref.name_of(kind, i))}

    # ----- the list

    def current_filter(self) -> ArticleFilter:
        return ArticleFilter(text=self.search.text(), confidence=self.confidence.currentData(),
                             category_id=self.category.current_id(), service_id=self.service.current_id(),
                             needs_review=self.review.isChecked())

    def refresh(self) -> None:
        self._ctx.runner.query(queries.article_page, slot=("knowledge-list", id(self)), owner=self,
                               on_done=self._on_page_loaded, on_error=self._on_list_failed,
                               label="knowledge list", flt=self.current_filter(), offset=0,
                               has_fts=self._ctx.has_fts)

    def _load_more(self, offset: int) -> None:
        self._ctx.runner.query(queries.article_page, slot=("knowledge-more", id(self)), owner=self,
                               on_done=lambda page: self.model.add_page(page, offset), label="knowledge list",
                               flt=self.current_filter(), offset=offset, has_fts=self._ctx.has_fts)

    def _on_page_loaded(self, page: ArticlePage) -> None:
        self.model.set_page(page)
        # "%Ln+" when the count stopped at its cap: the number is a lower bound
        text = (self.tr("%Ln+ article(s)", "", page.total) if page.capped
                else self.tr("%Ln article(s)", "", page.total))
        if page.ignored:
            text += "  " + self.tr("(not searched: {0})").format(" ".join(piece for _why, piece in page.ignored))
        self.count.setText(text)
        row = self.model.row_of(self._selected) if self._selected else -1
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.selectionModel().blockSignals(False)
        if row < 0 and self._selected is None and self._wanted is None and not self._announced and page.rows:
            # The first time the page opens, the first article shows beside the list.
            self._wanted = page.rows[0].id
            self.table.selectRow(0)
        if self._wanted is None:
            self._announce()

    def _on_list_failed(self, exc: Exception) -> None:
        self.count.setText(describe_error(exc))
        self._announce()

    def _announce(self) -> None:
        if not self._announced:
            self._announced = True
            self.data_shown.emit()

    def _on_articles_changed(self) -> None:
        self.refresh()
        if self._selected and self.stack.currentIndex() == _VIEW:
            self.show_article(self._selected)

    # ----- one article

    def _on_table_current_changed(self, current, _previous) -> None:
        article_id = current.data(ID_ROLE) if current.isValid() else None
        if article_id and article_id != self._selected:
            if self.stack.currentIndex() == _EDIT and self.editor.values():
                return  # unsaved edits: the editor stays; the user saves or cancels first
            self.show_article(article_id)

    def show_article(self, article_id: str) -> None:
        self._selected = article_id
        self._ctx.runner.query(queries.article_detail, slot=("knowledge-detail", id(self)), owner=self,
                               on_done=self._on_detail_loaded, on_error=self._on_detail_failed,
                               label="article", article_id=article_id)

    def _on_detail_loaded(self, detail: ArticleDetail) -> None:
        paint_on_a_later_turn(self)  # the article (~10 ms: Markdown, its text laid out) and its paint (~8 ms) apart
        self._selected = detail.id
        self.view.show_detail(detail, self._names(detail))
        if self.stack.currentIndex() != _EDIT:
            self.stack.setCurrentIndex(_VIEW)
        self.article_shown.emit(detail.id)
        if self._wanted is not None:
            self._wanted = None
            self._announce()

    def _on_detail_failed(self, exc: Exception) -> None:
        self.view.error.show_message(describe_error(exc))
        if self._wanted is not None:
            self._wanted = None
            self.stack.setCurrentIndex(_VIEW)
            self._announce()

    def activate(self, arg: str) -> None:
        """`article:KB0000012` (or an article id) opens that article; `review` shows the needs-review view;
        `new` starts a new article."""
        kind, _, value = arg.partition(":")
        if kind == "review":
            self.review.setChecked(True)
        elif kind == "new":
            self.new_article()
        elif kind == "article" and value:
            self._wanted = value
            if value.upper().startswith("KB"):
                self._ctx.runner.query(queries.find_article, owner=self, on_done=self.show_article,
                                       on_error=self._on_detail_failed, label="find article", number=value)
            else:
                self.show_article(value)

    # ----- editing

    def new_article(self, draft=None) -> None:
        self.editor.edit(None, draft=draft, me=self._ctx.me)
        self.stack.setCurrentIndex(_EDIT)

    def edit_article(self) -> None:
        if self.view.detail is not None:
            self.editor.edit(self.view.detail, me=self._ctx.me)
            self.stack.setCurrentIndex(_EDIT)

    def _on_editor_save_requested(self, values: dict[str, Any], note: str) -> None:
        detail = self.editor.detail
        self.editor.save_button.setEnabled(False)
        if detail is None:
            self._ctx.runner.op(knowledge_ops.new_article, values=values, note=note, actor_id=self._ctx.me,
                                owner=self, on_done=self._on_saved, on_error=self._on_save_failed,
                                label="new article")
        elif not values:
            self.editor.save_button.setEnabled(True)
            self.stack.setCurrentIndex(_VIEW)
        else:
            self._ctx.runner.op(knowledge_ops.save_article, article_id=detail.id, changes=values, note=note,
                                actor_id=self._ctx.me, expected_updated_at=detail.updated_at, owner=self,
                                on_done=self._on_saved, on_error=self._on_save_failed, label="save article")

    def _on_saved(self, detail: ArticleDetail) -> None:
        self.editor.save_button.setEnabled(True)
        self._selected = detail.id
        self.view.show_detail(detail, self._names(detail))
        self.stack.setCurrentIndex(_VIEW)
        self.saved.emit(detail.id)
        self.refresh()

    def _on_save_failed(self, exc: Exception) -> None:
        self.editor.show_error(describe_error(exc))  # the editor keeps every character typed

    def _on_editor_cancelled(self) -> None:
        self.stack.setCurrentIndex(_VIEW if self.view.detail is not None else _EMPTY)

    def _on_view_move_requested(self, confidence: str) -> None:
        if self.view.detail is None:
            return
        self._ctx.runner.op(knowledge_ops.set_confidence, article_id=self.view.detail.id, confidence=confidence,
                            actor_id=self._ctx.me, owner=self, on_done=self._on_saved,
                            on_error=lambda exc: self.view.error.show_message(describe_error(exc)),
                            label="article confidence")

    def _on_view_settle_requested(self) -> None:
        if self.view.detail is not None:
            self._ctx.runner.op(knowledge_ops.settle_flags, article_id=self.view.detail.id, actor_id=self._ctx.me,
                                owner=self, on_done=self._on_saved,
                                on_error=lambda exc: self.view.error.show_message(describe_error(exc)),
                                label="settle flags")

    def _on_view_diff_requested(self, old: int, new: int) -> None:
        if self.view.detail is not None:
            self._ctx.runner.query(queries.version_diff, slot=("knowledge-diff", id(self)), owner=self,
                                   on_done=self.view.diff.show_diff,
                                   on_error=lambda exc: self.view.error.show_message(describe_error(exc)),
                                   label="article diff", article_id=self.view.detail.id, old=old, new=new)
