"""The demo knowledge base: about 2,000 articles for the default desk, every KCS confidence, real steps,
versions, reuse and flags; the same seed gives the same articles; search and suggestions find them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.demo.generator import generate
from app.demo.knowledge import article_count
from app.knowledge import queries, search
from app.knowledge.markdown import steps
from app.knowledge.records import ArticleFilter
from app.models import Article, ArticleFlag, ArticleUse, ArticleVersion, Ticket
from app.store import open_store


def test_article_count_scales_with_the_desk():
    assert article_count(5000) == 2000
    assert article_count(100) == 60 and article_count(10_000_000) == 20_000


def _generated(path):
    generate(path, tickets=400, seed=5, until=date(2026, 11, 1))
    return open_store(path)


def test_demo_articles(tmp_path):
    store = _generated(tmp_path / "demo.sqlite3")
    try:
        with store.read_session() as s:
            by_confidence = dict(s.execute(select(Article.confidence, func.count()).group_by(Article.confidence)).all())
            assert set(by_confidence) == {"wip", "not_validated", "validated", "archived"}
            assert sum(by_confidence.values()) == article_count(400)
            bodies = s.scalars(select(Article.body)).all()
            assert all(len(steps(b)) >= 3 for b in bodies)
            assert s.scalar(select(func.count()).select_from(ArticleVersion)) > sum(by_confidence.values())
            assert s.scalar(select(func.count()).select_from(ArticleUse)) > 0
            assert s.scalar(select(func.count()).select_from(ArticleFlag)) > 0
            assert s.scalar(select(func.sum(Article.use_count))) == s.scalar(
                select(func.count()).select_from(ArticleUse))
            page = search.article_page(s, flt=ArticleFilter(text="vpn"), has_fts=store.has_fts,
                                       today=date(2026, 11, 1))
            assert page.total > 0 and any(hit for r in page.rows for _, hit in r.title)
            review = search.article_page(s, flt=ArticleFilter(needs_review=True), today=date(2026, 11, 1))
            assert review.total > 0
            ticket = s.execute(select(Ticket.title, Ticket.service_id).where(Ticket.title.like("%VPN%"))
                               .limit(1)).first()
            if ticket is not None:
                found = queries.suggestions(s, ticket_text=ticket.title, service_id=ticket.service_id, ci_id=None,
                                            has_fts=store.has_fts)
                assert found and "same service" in found[0].why
            first = s.execute(select(Article.id, Article.number, Article.title).order_by(Article.number)
                              .limit(20)).all()
    finally:
        store.close()
    again = _generated(tmp_path / "again.sqlite3")
    try:
        with again.read_session() as s:
            assert s.execute(select(Article.id, Article.number, Article.title).order_by(Article.number)
                             .limit(20)).all() == first
    finally:
        again.close()
