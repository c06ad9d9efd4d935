"""The Knowledge page through its widgets: search with highlights, filters, needs review, an article rendered
safely, edit with versions and diff, KCS moves, and a refused edit that keeps every character."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QUrl
from sqlalchemy import select, update

from app.knowledge import ops
from app.models import Article, ArticleVersion
from app.ui.knowledge.article_table_model import ArticleTableModel
from app.ui.knowledge.knowledge_page import KnowledgePage
from tests.ui.conftest import wait_idle


@pytest.fixture
def page(qtbot, ctx, kb):
    widget = KnowledgePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    with qtbot.waitSignal(widget.data_shown, timeout=10_000):
        widget.show()
    wait_idle(qtbot, ctx.runner)
    yield widget
    wait_idle(qtbot, ctx.runner)


def titles(page):
    return ["".join(p for p, _ in page.model.row_at(r).title) for r in range(page.model.rowCount())]


def reloaded(qtbot, ctx, page, action):
    with qtbot.waitSignal(page.model.modelReset, timeout=10_000):
        action()
    wait_idle(qtbot, ctx.runner)


def test_first_article_shows_and_archived_are_hidden(qtbot, page, kb):
    assert "Old VPN gateway notes" not in titles(page)
    assert len(titles(page)) == 2
    assert page.view.detail is not None and page.view.detail.id == page.model.row_at(0).id


def test_search_highlights_and_filters(qtbot, ctx, page, kb):
    reloaded(qtbot, ctx, page, lambda: (page.search.setText("globalprotect"), page.refresh()))
    assert titles(page) == ["Cannot connect to VPN from home"]
    row = page.model.row_at(0)
    assert any(hit for _, hit in row.snippet) or any(hit for _, hit in row.title)
    reloaded(qtbot, ctx, page, lambda: (page.search.setText(""), page.refresh()))
    reloaded(qtbot, ctx, page, lambda: page.service.setCurrentIndex(page.service.findData(kb["printing"])))
    assert titles(page) == ["Printer shows a paper jam"]
    page.service.setCurrentIndex(0)
    wait_idle(qtbot, ctx.runner)
    reloaded(qtbot, ctx, page, lambda: page.confidence.setCurrentIndex(page.confidence.findData("archived")))
    assert titles(page) == ["Old VPN gateway notes"]


def test_needs_review_view(qtbot, ctx, store, page, kb):
    with store.session() as s:
        s.execute(update(Article).where(Article.id == kb["printer"]).values(review_date=date(2000, 1, 1)))
    reloaded(qtbot, ctx, page, lambda: page.review.setChecked(True))
    assert titles(page) == ["Printer shows a paper jam"]
    assert page.model.data(page.model.index(0, 5)) == "review date passed"


def test_article_opens_by_number_and_renders_safely(qtbot, ctx, page, kb):
    with qtbot.waitSignal(page.article_shown, timeout=10_000):
        page.activate("article:" + kb["vpn_number"])
    html = page.view.browser.toHtml()
    assert "GlobalProtect" in html and "<ol" in html
    assert page.view.browser.loadResource(0, QUrl("https://tracker.example/pixel.png")) is None


def test_hostile_markdown_is_shown_as_text(qtbot, ctx, store, page, seeded):
    hostile = ('<script>alert(1)</script>\n\n<img src="https://evil.example/x.png">\n\n'
               '![remote](https://evil.example/y.png) [run](javascript:alert(2))')
    with store.session() as s:
        article = ops.new_article(s, values={"title": "Hostile", "body": hostile}, actor_id=seeded["me"])
    with qtbot.waitSignal(page.article_shown, timeout=10_000):
        page.show_article(article.id)
    doc = page.view.browser.document()
    text = doc.toPlainText()
    assert "<script>alert(1)</script>" in text and "[image: remote]" in text
    html = page.view.browser.toHtml()
    assert 'href="javascript' not in html and "<img" not in html and 'src="https://evil' not in html


def test_edit_makes_a_version_and_shows_its_diff(qtbot, ctx, store, page, kb):
    with qtbot.waitSignal(page.article_shown, timeout=10_000):
        page.show_article(kb["printer"])
    page.view.edit_button.click()
    assert page.stack.currentWidget() is page.editor
    page.editor.body.setPlainText("1. Open tray 2\n2. Pull slowly\n3. Close the tray\n4. Print a test page")
    page.editor.note.setText("test page")
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.editor.save_button.click()
    wait_idle(qtbot, ctx.runner)
    assert page.view.detail.version == 3 and page.stack.currentWidget() is page.view
    with store.session() as s:
        assert s.scalar(select(ArticleVersion.note).where(ArticleVersion.version == 3)) == "test page"
    with qtbot.waitSignal(page.view.diff.textChanged, timeout=10_000):
        page.view.versions.setCurrentRow(0)
    wait_idle(qtbot, ctx.runner)
    shown = page.view.diff.toPlainText()
    assert "Version 2 → version 3" in shown and "+ 4. Print a test page" in shown and "− 3. Close" in shown


def test_a_refused_save_keeps_the_text(qtbot, ctx, store, page, kb):
    with qtbot.waitSignal(page.article_shown, timeout=10_000):
        page.show_article(kb["vpn"])
    page.view.edit_button.click()
    page.editor.title.setText("")  # a title is required
    page.editor.body.setPlainText("my careful rewrite")
    page.editor.save_button.click()
    qtbot.waitUntil(lambda: page.editor.error.isVisible(), timeout=10_000)
    assert "required" in page.editor.error.text()
    assert page.editor.body.toPlainText() == "my careful rewrite" and page.stack.currentWidget() is page.editor
    with store.session() as s:
        assert s.scalar(select(Article.title).where(Article.id == kb["vpn"])) == "Cannot connect to VPN from home"


def test_kcs_moves_from_the_view(qtbot, ctx, store, page, kb):
    with qtbot.waitSignal(page.article_shown, timeout=10_000):
        page.show_article(kb["vpn"])
    assert page.view.move_buttons["not_validated"].isVisibleTo(page.view)
    assert not page.view.move_buttons["validated"].isVisibleTo(page.view)  # wip cannot jump to validated
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.view.move_buttons["not_validated"].click()
    assert page.view.detail.confidence == "not_validated"
    assert page.view.move_buttons["validated"].isVisibleTo(page.view)


def test_new_article(qtbot, ctx, store, page, kb):
    page.new_button.click()
    page.editor.title.setText("Map a network drive")
    page.editor.body.setPlainText("1. Open Explorer\n2. Map drive")
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.editor.save_button.click()
    wait_idle(qtbot, ctx.runner)
    assert page.view.detail.title == "Map a network drive" and page.view.detail.number.startswith("KB")
    assert "Map a network drive" in titles(page)


def test_table_model_passes_qtmodeltester(qtmodeltester, page):
    qtmodeltester.check(page.model, force_py=True)
    assert isinstance(page.model, ArticleTableModel)


def test_an_article_that_cannot_be_read_says_so_and_that_nothing_was_changed(qtbot, ctx, page, kb, monkeypatch):
    from app.ui.knowledge import knowledge_page

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(knowledge_page.queries, "article_detail", broken)
    page.show_article(kb["printer"])
    qtbot.waitUntil(lambda: bool(page.view.error.text()), timeout=10_000)
    told = page.view.error.text()
    assert "could not be read" in told and "Nothing was changed" in told and "not saved" not in told
