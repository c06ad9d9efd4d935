"""Knowledge search and suggestions on a real store: safe syntax, ranking, highlighting, filters, needs review,
the plans behind them, and the same answers without FTS5."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text, update

from app.knowledge import ops, search
from app.knowledge.records import ArticleFilter
from app.models import Article, Category, ConfigurationItem, Service


@pytest.fixture
def kb(store, me):
    with store.session() as s:
        vpn, mail = Service(name="VPN"), Service(name="Mail")
        hardware = Category(name="Hardware")
        laptop = ConfigurationItem(name="LAPTOP-042")
        s.add_all([vpn, mail, hardware, laptop])
        s.flush()
        made = {}
        for key, values in {
            "vpn": {"title": "VPN client does not connect", "body": "1. Quit AnyConnect\n2. Start it again",
                    "keywords": "vpn, anyconnect", "service_ids": [vpn.id]},
            "vpn_body": {"title": "Remote access overview", "body": "Working from home uses the VPN tunnel.",
                         "service_ids": [vpn.id]},
            "printer": {"title": "Printer shows paper jam", "body": "Open tray 2 and remove the paper.",
                        "category_id": hardware.id, "ci_ids": [laptop.id]},
            "outlook": {"title": "Outlook keeps asking for the password", "body": "Remove the cached credentials.",
                        "service_ids": [mail.id]},
            "old": {"title": "Old VPN concentrator notes", "body": "Decommissioned."},
        }.items():
            made[key] = ops.new_article(s, values=values, actor_id=me).id
        ops.set_confidence(s, article_id=made["vpn"], confidence="not_validated", actor_id=me)
        ops.set_confidence(s, article_id=made["old"], confidence="archived", actor_id=me)
    return {"ids": made, "vpn": vpn.id, "mail": mail.id, "hardware": hardware.id, "laptop": laptop.id}


def _page(store, **kw):
    with store.session() as s:
        return search.article_page(s, flt=ArticleFilter(**kw), has_fts=store.has_fts)


def _numbers(page):
    return ["".join(p for p, _ in r.title) for r in page.rows]


def test_ranked_title_first_highlighted_archived_hidden(store, kb):
    page = _page(store, text="vpn")
    assert _numbers(page) == ["VPN client does not connect", "Remote access overview"]
    assert ("VPN", True) in page.rows[0].title
    assert any(hit for _, hit in page.rows[1].snippet)  # the body's match is marked in the snippet
    assert page.total == 2 and not page.capped
    assert _numbers(_page(store, text="vpn", confidence="archived")) == ["Old VPN concentrator notes"]


def test_filters_by_confidence_category_and_service(store, kb):
    assert _numbers(_page(store, confidence="not_validated")) == ["VPN client does not connect"]
    assert _numbers(_page(store, category_id=kb["hardware"])) == ["Printer shows paper jam"]
    assert sorted(_numbers(_page(store, service_id=kb["vpn"]))) == ["Remote access overview",
                                                                    "VPN client does not connect"]
    assert _numbers(_page(store, text="password", service_id=kb["vpn"])) == []


@pytest.mark.parametrize("hostile", ['"', "NEAR(", "title:vpn", "*", "vpn OR", "') OR 1=1 --", "-", "\x00",
                                     "a" * 5000, "NOT NOT", '"unclosed phrase', "\u202e vpn"])
def test_hostile_search_text_never_fails(store, kb, hostile):
    page = _page(store, text=hostile)
    assert page.total >= 0


def test_queue_syntax_works_here(store, kb):
    assert _numbers(_page(store, text="vpn -anyconnect")) == ["Remote access overview"]
    assert sorted(_numbers(_page(store, text="printer OR outlook"))) == [
        "Outlook keeps asking for the password", "Printer shows paper jam"]
    assert _numbers(_page(store, text='"paper jam"')) == ["Printer shows paper jam"]
    assert _numbers(_page(store, text="-vpn -printer -outlook")) == []  # all but the archived one excluded


def test_needs_review_view(store, kb, me):
    assert _numbers(_page(store, needs_review=True)) == []
    with store.session() as s:
        s.execute(update(Article).where(Article.id == kb["ids"]["outlook"]).values(review_date=date.today()))
        s.execute(update(Article).where(Article.id == kb["ids"]["printer"]).values(
            created_at=datetime.now(UTC) - timedelta(days=400)))
        ops.flag_from_ticket(s, article_id=kb["ids"]["vpn"], ticket_id=None, reason="outdated", comment="v5 now",
                             actor_id=me)
    page = _page(store, needs_review=True)
    reasons = {"".join(p for p, _ in r.title): r.review_reasons for r in page.rows}
    assert reasons == {"Outlook keeps asking for the password": ("review date passed",),
                       "Printer shows paper jam": ("unused for a year",),
                       "VPN client does not connect": ("flagged",)}


def test_suggestions_rank_text_service_and_ci(store, kb):
    with store.session() as s:
        found = search.suggest(s, ticket_text="Cannot connect to VPN from home", service_id=kb["vpn"], ci_id=None,
                               has_fts=store.has_fts)
        assert [x.id for x in found][:2] == [kb["ids"]["vpn"], kb["ids"]["vpn_body"]]
        assert "same service" in found[0].why and "matches the text" in found[0].why
        assert kb["ids"]["old"] not in {x.id for x in found}  # archived
        by_ci = search.suggest(s, ticket_text="", service_id=None, ci_id=kb["laptop"], has_fts=store.has_fts)
        assert [x.id for x in by_ci] == [kb["ids"]["printer"]] and by_ci[0].why == ("same CI",)
        assert search.suggest(s, ticket_text="the and of", service_id=None, ci_id=None) == ()


def test_without_fts_the_same_answers(store, kb):
    page = _page(store, text="vpn")
    with store.session() as s:
        slow = search.article_page(s, flt=ArticleFilter(text="vpn"), has_fts=False)
        sug = search.suggest(s, ticket_text="outlook password", service_id=None, ci_id=None, has_fts=False)
    assert sorted(_numbers(slow)) == sorted(_numbers(page))
    assert ("VPN", True) in slow.rows[0].title or ("VPN", True) in slow.rows[1].title
    assert sug[0].id == kb["ids"]["outlook"]


def _plan(store, sql, params):
    with store.session() as s:
        return " | ".join(r[3] for r in s.execute(text("EXPLAIN QUERY PLAN " + sql), params))


def test_plans_use_indexes(store, kb):
    today = date.today()
    browse = ("SELECT a.id FROM article a WHERE a.confidence = :c ORDER BY a.updated_at DESC LIMIT 100")
    assert "ix_article_confidence_updated" in _plan(store, browse, {"c": "validated"})
    review = f"SELECT a.id FROM article a WHERE a.confidence != 'archived' AND {search.NEEDS_REVIEW}"
    plan = _plan(store, review, {"today": today, "unused": today})
    assert "SCAN" not in plan
    assert "ix_article_review" in plan and "ix_article_flags" in plan and "ix_article_last_used" in plan
    service = "SELECT s.article_id FROM article_service s WHERE s.service_id = :s"
    assert "ix_article_service_service_id" in _plan(store, service, {"s": kb["vpn"]})
    match = ("SELECT a.id FROM article_fts JOIN article a ON a.row_id = article_fts.rowid "
             "WHERE article_fts MATCH :q")
    plan = _plan(store, match, {"q": '"vpn"*'})
    assert "VIRTUAL TABLE INDEX" in plan and "INTEGER PRIMARY KEY" in plan
