"""The article list's model: the rows of the pages loaded so far (ids and display values), never SQL in data()."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.knowledge.records import ArticlePage, ArticleRow
from app.ui.knowledge.labels import CONFIDENCE_COLOURS, confidence_label, review_reason_label
from app.ui.widgets.prepared_rows import LooksFromData
from app.ui.widgets.segments_delegate import SEGMENTS_ROLE, SNIPPET_ROLE
from app.ui.widgets.time_text import local_time_text

_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole


class ArticleTableModel(LooksFromData, QAbstractTableModel):
    """Rows come page by page from app.knowledge.queries.article_page (the page asks; this model only holds
    them). `more_wanted` asks for the next page when the view scrolls to the end (fetchMore)."""

    more_wanted = Signal(int)  # offset of the next page

    # Translated by headerData (self.tr); the markers let lupdate collect them.
    COLUMNS = (QT_TRANSLATE_NOOP("ArticleTableModel", "Number"), QT_TRANSLATE_NOOP("ArticleTableModel", "Article"),
               QT_TRANSLATE_NOOP("ArticleTableModel", "Confidence"), QT_TRANSLATE_NOOP("ArticleTableModel", "Category"),
               QT_TRANSLATE_NOOP("ArticleTableModel", "Uses"), QT_TRANSLATE_NOOP("ArticleTableModel", "Review"))

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []
        self._total = 0
        self._asked = False

    def set_page(self, page: ArticlePage) -> None:
        """Show the first page (the model is reset: a new search or filter)."""
        self.beginResetModel()
        self._rows = list(page.rows)
        self._total = page.total
        self._asked = False
        self.endResetModel()

    def add_page(self, page: ArticlePage, offset: int) -> None:
        if offset != len(self._rows) or not page.rows:
            self._asked = False
            return
        self.beginInsertRows(_ROOT, len(self._rows), len(self._rows) + len(page.rows) - 1)
        self._rows += page.rows
        self.endInsertRows()
        self._asked = False

    def row_at(self, row: int) -> ArticleRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == article_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:  # noqa: N802 - Qt name
        return not parent.isValid() and not self._asked and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:  # noqa: N802 - Qt name
        if self.canFetchMore(parent):
            self._asked = True
            self.more_wanted.emit(len(self._rows))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt name
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.tr(str(self.COLUMNS[section]))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return r.id
        if column == 1:
            if role == SEGMENTS_ROLE:
                return r.title
            if role == SNIPPET_ROLE:
                return r.snippet
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return "".join(p for p, _ in r.title)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return r.number or self.tr("(not synced)")
            if column == 2:
                return confidence_label(r.confidence)
            if column == 3:
                return r.category
            if column == 4:
                return str(r.use_count)
            if column == 5:
                if r.review_reasons:
                    return ", ".join(review_reason_label(x) for x in r.review_reasons)
                return r.review_date.isoformat() if r.review_date else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 2:
                return QColor(CONFIDENCE_COLOURS.get(r.confidence, "#444444"))
            if column == 5 and r.review_reasons:
                return QColor("#b3261e")
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return self.tr("Last changed {0}").format(local_time_text(r.updated_at))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
