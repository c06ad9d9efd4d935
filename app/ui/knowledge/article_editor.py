"""The article editor: Markdown with a safe preview, facts, services and CIs, and a note for the version."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.knowledge.markdown import render_html
from app.knowledge.records import ArticleDetail, ArticleDraft
from app.people.reference import ReferenceData
from app.ui.knowledge.labels import audience_label
from app.ui.widgets.check_list import CheckList
from app.ui.widgets.choice_combo import ChoiceCombo
from app.ui.widgets.inline_error import InlineError
from app.ui.widgets.safe_text import SafeTextBrowser
from core.knowledge.rules import AUDIENCES, REVIEW_DAYS


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ArticleEditor(QWidget):
    """Edits a new article or an existing one; `save_requested(values, note)` carries what changed (all
    fields for a new one). The page runs the operation and calls `show_error` on a refusal: the text
    stays as typed."""

    save_requested = Signal(dict, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ArticleDetail | None = None
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.title = QLineEdit(self)
        self.title.setObjectName("ArticleTitle")
        self.title.setPlaceholderText(self.tr("What the reader's problem is, in their words"))
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("ArticleBodyEdit")
        self.body.setPlaceholderText(self.tr("Markdown: ## Issue, ## Cause, ## Resolution with numbered steps "
                                            "1. 2. 3."))
        self.preview = SafeTextBrowser(self)
        self.text_tabs = QTabWidget(self)
        self.text_tabs.addTab(self.body, self.tr("Write"))
        self.text_tabs.addTab(self.preview, self.tr("Preview"))
        self.text_tabs.currentChanged.connect(self._on_text_tabs_current_changed)
        self.keywords = QLineEdit(self)
        self.keywords.setPlaceholderText(self.tr("Comma-separated: vpn, anyconnect, remote access"))
        self.category = ChoiceCombo(self.tr("(None)"), self)
        self.audience = QComboBox(self)
        for key in AUDIENCES:
            self.audience.addItem(audience_label(key), key)
        self.owner = ChoiceCombo(self.tr("(Nobody)"), self)
        self.has_review = QCheckBox(self.tr("Review by"), self)
        self.review = QDateEdit(self)
        self.review.setCalendarPopup(True)
        self.review.setDisplayFormat("yyyy-MM-dd")
        self.has_review.toggled.connect(self.review.setEnabled)
        review_row = QHBoxLayout()
        review_row.addWidget(self.has_review)
        review_row.addWidget(self.review, 1)
        self.services = self._checklist("ArticleServices")
        self.cis = self._checklist("ArticleCis")
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("What you changed (kept with the version)"))
        self.error = InlineError(self)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancelled)
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Keywords"), self.keywords)
        form.addRow(self.tr("C&ategory"), self.category)
        form.addRow(self.tr("A&udience"), self.audience)
        form.addRow(self.tr("&Owner"), self.owner)
        form.addRow(self.tr("Review"), review_row)
        lists = QHBoxLayout()
        for label, widget in ((self.tr("Services"), self.services), (self.tr("Configuration items"), self.cis)):
            box = QVBoxLayout()
            box.addWidget(QLabel(label, self))
            box.addWidget(widget)
            lists.addLayout(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.addWidget(self.heading)
        column.addLayout(form)
        column.addWidget(self.text_tabs, 3)
        column.addLayout(lists, 1)
        column.addWidget(self.error)
        column.addLayout(buttons)

    def _checklist(self, name: str) -> CheckList:
        widget = CheckList(self)
        widget.setObjectName(name)
        widget.setMaximumHeight(110)
        return widget

    def set_reference(self, ref: ReferenceData) -> None:
        self.category.set_shared_choices(ref.categories)
        self.owner.set_shared_choices(ref.agents)
        self.services.set_choices(ref.services)  # what was ticked and is still offered stays ticked
        self.cis.set_choices(ref.cis)

    def edit(self, detail: ArticleDetail | None, *, draft: ArticleDraft | None = None, me: str | None = None) -> None:
        """Start editing `detail` (None: a new article, from `draft` when given)."""
        self.detail = detail
        self.error.clear_message()
        self.note.clear()
        self.text_tabs.setCurrentIndex(0)
        if detail is None:
            self.heading.setText(self.tr("New article"))
            self.title.setText(draft.title if draft else "")
            self.body.setPlainText(draft.body if draft else "")
            self.keywords.setText(draft.keywords if draft else "")
            self.category.set_current_id(draft.category_id if draft else None)
            self.audience.setCurrentIndex(0)
            self.owner.set_current_id(me)
            self.has_review.setChecked(True)
            self.review.setDate(_qdate(date.today() + timedelta(days=REVIEW_DAYS)))
            self.services.set_ticked(draft.service_ids if draft else ())
            self.cis.set_ticked(draft.ci_ids if draft else ())
        else:
            self.heading.setText(self.tr("Editing {0}").format(detail.number or detail.title[:60]))
            self.title.setText(detail.title)
            self.body.setPlainText(detail.body)
            self.keywords.setText(detail.keywords)
            self.category.set_current_id(detail.category_id)
            self.audience.setCurrentIndex(max(self.audience.findData(detail.audience), 0))
            self.owner.set_current_id(detail.owner_id)
            self.has_review.setChecked(detail.review_date is not None)
            self.review.setDate(_qdate(detail.review_date or date.today() + timedelta(days=REVIEW_DAYS)))
            self.services.set_ticked(detail.service_ids)
            self.cis.set_ticked(detail.ci_ids)
        self.review.setEnabled(self.has_review.isChecked())
        self.title.setFocus()

    def values(self) -> dict[str, Any]:
        review = self.review.date().toPython() if self.has_review.isChecked() else None
        out = {"title": self.title.text(), "body": self.body.toPlainText(), "keywords": self.keywords.text(),
               "category_id": self.category.current_id(), "audience": self.audience.currentData(),
               "owner_id": self.owner.current_id(), "review_date": review,
               "service_ids": self.services.ticked(), "ci_ids": self.cis.ticked()}
        d = self.detail
        if d is None:
            return out
        now = {"title": d.title, "body": d.body, "keywords": d.keywords, "category_id": d.category_id,
               "audience": d.audience, "owner_id": d.owner_id, "review_date": d.review_date,
               "service_ids": tuple(sorted(d.service_ids)), "ci_ids": tuple(sorted(d.ci_ids))}
        return {k: v for k, v in out.items() if now[k] != v}

    def show_error(self, message: str) -> None:
        self.error.show_message(message)
        self.save_button.setEnabled(True)

    def _on_save_clicked(self) -> None:
        self.error.clear_message()
        self.save_requested.emit(self.values(), self.note.text())

    def _on_text_tabs_current_changed(self, index: int) -> None:
        if index == 1:
            self.preview.setHtml(render_html(self.body.toPlainText()))
