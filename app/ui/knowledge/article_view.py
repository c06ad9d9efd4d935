"""One article as readers see it: the Markdown rendered safely, its facts, versions with their diffs, and flags."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.knowledge.markdown import render_html
from app.knowledge.records import ArticleDetail
from app.ui.knowledge.diff_view import DiffView
from app.ui.knowledge.labels import (
    CONFIDENCE_COLOURS,
    audience_label,
    confidence_label,
    flag_reason_label,
    review_reason_label,
)
from app.ui.widgets.banner import Banner
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import SafeTextBrowser, one_line
from app.ui.widgets.time_text import local_time_text
from core.knowledge.workflow import ARTICLE_WORKFLOW

# The confidence moves offered as buttons, with their words (translated by the view; the markers let lupdate
# collect them).
_MOVE_WORDS = {"not_validated": QT_TRANSLATE_NOOP("ArticleView", "Mark not validated"),
               "validated": QT_TRANSLATE_NOOP("ArticleView", "Validate"),
               "archived": QT_TRANSLATE_NOOP("ArticleView", "Archive"),
               "wip": QT_TRANSLATE_NOOP("ArticleView", "Back to work in progress")}


class ArticleView(QWidget):
    """Shows an ArticleDetail; asks the page for edits through signals (it runs no task itself)."""

    edit_requested = Signal()
    move_requested = Signal(str)  # a confidence key
    settle_requested = Signal()
    diff_requested = Signal(int, int)  # old, new version

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ArticleDetail | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("ArticleHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.confidence = QLabel(self)
        self.confidence.setTextFormat(Qt.TextFormat.PlainText)
        self.facts = QLabel(self)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.refusal = Banner("warning", self)
        self.refusal.setObjectName("ArticleRefusal")
        self.review = Banner("info", self)
        self.error = InlineError(self)
        self.edit_button = QPushButton(self.tr("&Edit"), self)
        self.edit_button.clicked.connect(self.edit_requested)
        self.settle_button = QPushButton(self.tr("Flags dealt with"), self)
        self.settle_button.setToolTip(self.tr("The flags were looked at: the article no longer counts as flagged"))
        self.settle_button.clicked.connect(self.settle_requested)
        self.move_buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.confidence)
        bar.addStretch(1)
        for key, words in _MOVE_WORDS.items():
            button = QPushButton(self.tr(str(words)), self)
            button.setObjectName(f"Move_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.move_requested.emit(k))
            self.move_buttons[key] = button
            bar.addWidget(button)
        bar.addWidget(self.settle_button)
        bar.addWidget(self.edit_button)
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("ArticleBody")
        self.versions = QListWidget(self)
        self.versions.setObjectName("ArticleVersions")
        self.versions.currentRowChanged.connect(self._on_versions_current_changed)
        self.diff = DiffView(self)
        history = QSplitter(Qt.Orientation.Vertical, self)
        history.addWidget(self.versions)
        history.addWidget(self.diff)
        history.setStretchFactor(1, 3)
        self.flags = QListWidget(self)
        self.flags.setObjectName("ArticleFlags")
        self.flags.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.browser, self.tr("Article"))
        self.tabs.addTab(history, self.tr("Versions"))
        self.tabs.addTab(self.flags, self.tr("Flags"))
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.addWidget(self.heading)
        column.addLayout(bar)
        column.addWidget(self.facts)
        column.addWidget(self.refusal)
        column.addWidget(self.review)
        column.addWidget(self.error)
        column.addWidget(self.tabs, 1)
        self.refusal.hide()
        self.review.hide()

    def show_detail(self, d: ArticleDetail, names: dict[str, str]) -> None:
        """`names`: category, service and CI ids to their names (the window's reference data)."""
        same = self.detail is not None and self.detail.id == d.id
        self.detail = d
        self.error.clear_message()
        self.heading.setText(one_line("{}  {}".format(d.number or self.tr("(not synced yet)"), d.title), 200))
        self.confidence.setText(confidence_label(d.confidence))
        self.confidence.setStyleSheet("QLabel {{ color: white; background: {}; border-radius: 3px; "
                                      "padding: 2px 8px; }}".format(CONFIDENCE_COLOURS.get(d.confidence, "#555")))
        services = ", ".join(names.get(i, "?") for i in d.service_ids) or self.tr("none")
        cis = ", ".join(names.get(i, "?") for i in d.ci_ids) or self.tr("none")
        lines = [
            self.tr("Category: {0} · Audience: {1} · Owner: {2} · Review by: {3}").format(
                names.get(d.category_id or "", "") or self.tr("none"), audience_label(d.audience),
                d.owner or self.tr("nobody"), d.review_date.isoformat() if d.review_date else self.tr("no date")),
            self.tr("Services: {0} · CIs: {1}").format(services, cis),
            self.tr("Version {0}, changed {1} · Solved %Ln ticket(s){2} · Keywords: {3}", "", d.use_count).format(
                d.version, local_time_text(d.updated_at),
                self.tr(", last {0}").format(local_time_text(d.last_used_at)) if d.last_used_at else "",
                d.keywords or self.tr("none")),
        ]
        self.facts.setText("\n".join(one_line(line, 400) for line in lines))
        allowed = set(ARTICLE_WORKFLOW.allowed(d.confidence))
        for key, button in self.move_buttons.items():
            button.setVisible(key in allowed)
        self.settle_button.setVisible(d.open_flags > 0)
        if d.refusal:
            self.refusal.show_message(self.tr("The server refused your last change, which is kept here: {0}")
                                      .format(one_line(d.refusal, 300)), [])
        else:
            self.refusal.hide()
        if d.review_reasons:
            self.review.show_message(self.tr("Needs review: {0}.").format(
                ", ".join(review_reason_label(r) for r in d.review_reasons)), [])
        else:
            self.review.hide()
        scroll = self.browser.verticalScrollBar().value() if same else 0
        self.browser.setHtml(render_html(d.body))
        self.browser.verticalScrollBar().setValue(scroll)
        self.versions.blockSignals(True)
        self.versions.clear()
        for v in d.versions:
            text = self.tr("Version {0} · {1} · {2}").format(v.version, local_time_text(v.changed_at),
                                                              v.changed_by or self.tr("unknown"))
            if v.note:
                text += " · " + one_line(v.note, 120)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, v.version)
            self.versions.addItem(item)
        self.versions.blockSignals(False)
        self.diff.clear()
        self.flags.clear()
        for f in d.flags:
            where = self.tr(" on {0}").format(f.ticket_number) if f.ticket_number else ""
            self.flags.addItem(one_line(self.tr("{0}{1} by {2}, {3}: {4}").format(
                flag_reason_label(f.reason), where, f.flagged_by or self.tr("unknown"),
                local_time_text(f.flagged_at), f.comment), 600))
        self.tabs.setTabText(2, self.tr("Flags ({0})").format(d.open_flags) if d.open_flags else self.tr("Flags"))

    def _on_versions_current_changed(self, row: int) -> None:
        item = self.versions.item(row)
        if item is None or self.detail is None:
            return
        new = int(item.data(Qt.ItemDataRole.UserRole))
        older = [v.version for v in self.detail.versions if v.version < new]
        if older:
            self.diff_requested.emit(max(older), new)
        else:
            self.diff.clear()
            self.diff.setPlaceholderText(self.tr("Version {0} is the first: nothing to compare.").format(new))
