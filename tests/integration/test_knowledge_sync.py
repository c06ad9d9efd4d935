"""Knowledge articles between desks through a real server: numbered and searchable everywhere, uses and flags
counted once, and a validation by a non-publisher refused while the desk keeps the edit and shows why."""

from __future__ import annotations

from sqlalchemy import select

from app.knowledge import ops, queries
from app.knowledge.records import ArticleFilter
from app.models import Article, ArticleVersion
from app.sync import refused_work
from app.tickets import writes as tickets


def test_an_article_travels_with_its_evidence(desk, nodes):
    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:  # offline: an article and a ticket it solved
        article = ops.new_article(s, values={"title": "GlobalProtect gateway not responding",
                                             "body": "1. Quit\n2. Refresh the connection", "keywords": "vpn"},
                                  actor_id=ann.me)
        tid = tickets.create_ticket(s, ticket_type="incident", title="VPN down", actor_id=ann.me,
                                    group_id=ann.group).id
        ops.mark_solved(s, article_id=article.id, ticket_id=tid, actor_id=ann.me)
    report = ann.sync()
    assert report.statuses == {"applied": 4}  # the article, its first version, the ticket, the use
    with ann.store.session() as s:
        number = s.scalar(select(Article.number).where(Article.id == article.id))
    assert number.startswith("KB")
    ben.sync()
    with ben.store.session() as s:
        found = queries.article_page(s, flt=ArticleFilter(text="gateway refresh"), has_fts=ben.store.has_fts)
        assert [r.id for r in found.rows] == [article.id]
        detail = queries.article_detail(s, article_id=article.id)
        assert (detail.number, detail.use_count, detail.version) == (number, 1, 1)
        assert s.scalar(select(ArticleVersion.body).where(ArticleVersion.article_id == article.id)) == \
            "1. Quit\n2. Refresh the connection"
        ops.flag_from_ticket(s, article_id=article.id, ticket_id=tid, reason="outdated", comment="v6 moved it",
                             actor_id=ben.me)
        ops.save_article(s, article_id=article.id, changes={"body": "1. Quit\n2. Refresh\n3. Sign in"},
                         note="sign in", actor_id=ben.me)
    assert ben.sync().statuses == {"applied": 3}  # the flag, the edit, the version
    ann.sync()
    with ann.store.session() as s:
        detail = queries.article_detail(s, article_id=article.id)
    assert (detail.open_flags, detail.version, detail.body) == (1, 2, "1. Quit\n2. Refresh\n3. Sign in")
    assert [v.version for v in detail.versions] == [2, 1] and detail.flags[0].comment == "v6 moved it"


def test_validation_is_for_publishers_and_a_refusal_keeps_the_edit(desk, nodes):
    ann, mia = nodes(desk, "ann"), nodes(desk, "mia")
    with ann.store.session() as s:
        article = ops.new_article(s, values={"title": "Reset the Outlook profile", "body": "1. Close Outlook"},
                                  actor_id=ann.me)
        ops.set_confidence(s, article_id=article.id, confidence="not_validated", actor_id=ann.me)
        ops.set_confidence(s, article_id=article.id, confidence="validated", actor_id=ann.me)
    report = ann.sync()
    assert report.statuses == {"applied": 3, "rejected": 1}
    with ann.store.session() as s:
        detail = queries.article_detail(s, article_id=article.id)
    assert detail.confidence == "validated"  # the edit stays shown, with the server's reason
    assert "Only a publisher" in detail.refusal
    mia.sync()
    with mia.store.session() as s:
        assert queries.article_detail(s, article_id=article.id).confidence == "not_validated"
        ops.set_confidence(s, article_id=article.id, confidence="validated", actor_id=mia.me)
    assert mia.sync().statuses == {"applied": 1}
    ann.sync()
    with ann.store.session() as s:
        conflict = s.scalar(select(refused_work.SyncConflict.id).where(
            refused_work.SyncConflict.entity_id == article.id, refused_work.SyncConflict.status == "open"))
        assert refused_work.discard(s, conflict_id=conflict) == "values"
    with ann.store.session() as s:
        detail = queries.article_detail(s, article_id=article.id)
    assert detail.confidence == "validated" and detail.refusal == ""


def test_same_field_edits_meet_in_the_conflict_inbox(desk, nodes):
    from app.sync import resolution

    ann, ben = nodes(desk, "ann"), nodes(desk, "ben")
    with ann.store.session() as s:
        article = ops.new_article(s, values={"title": "Teams has no audio", "keywords": "teams"}, actor_id=ann.me)
    ann.sync()
    ben.sync()
    with ann.store.session() as s:
        ops.save_article(s, article_id=article.id, changes={"keywords": "teams, audio"}, actor_id=ann.me)
    with ben.store.session() as s:
        ops.save_article(s, article_id=article.id, changes={"keywords": "teams, headset"}, actor_id=ben.me)
    assert ann.sync().statuses == {"applied": 1}
    assert ben.sync().statuses == {"conflict": 1}
    with ben.store.session() as s:
        entries = [e for e in resolution.inbox(s) if e.entity == "article"]
        assert [(e.ticket_type, e.ticket_number, e.field, e.theirs, e.mine) for e in entries] == [
            ("article", article.number if article.number.startswith("KB") else entries[0].ticket_number,
             "keywords", "teams, audio", "teams, headset")]
        assert queries.article_detail(s, article_id=article.id).keywords == "teams, audio"  # the server's, shown
        resolution.keep_mine(s, conflict_id=entries[0].id, actor_id=ben.me)
    assert ben.sync().statuses == {"applied": 1}
    ann.sync()
    with ann.store.session() as s:
        assert queries.article_detail(s, article_id=article.id).keywords == "teams, headset"
