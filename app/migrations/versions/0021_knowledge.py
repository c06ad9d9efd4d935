"""knowledge articles, versions and their search (issue 13)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03

Articles (KCS confidence, audience, owner, review date, evidence counters), the services and CIs they apply
to, their saved versions, their uses on tickets ("this solved it") and flags. The search index article_fts
is an FTS5 table over the article table itself (external content keyed by `row_id`, an INTEGER PRIMARY KEY
that survives a VACUUM), kept by triggers so every write path (operations, sync pulls, the demo) indexes
alike; external content lets the search rank with bm25() and highlight with snippet() without storing the
text twice. Without FTS5 the table is not made and app.knowledge.search falls back to LIKE.
"""

import sqlalchemy as sa
from alembic import op

from core.schema import UtcDateTime

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

TABLE = ("CREATE VIRTUAL TABLE article_fts USING fts5(title, keywords, body, content = 'article', "
         "content_rowid = 'row_id', prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2')")
# The index's words with the number of articles holding each: the suggestions leave out words most articles
# share (app.knowledge.search.suggestion_words).
VOCAB = "CREATE VIRTUAL TABLE article_fts_vocab USING fts5vocab(article_fts, 'row')"
_OLD = "VALUES ('delete', old.row_id, old.title, old.keywords, old.body)"
_NEW = "VALUES (new.row_id, new.title, new.keywords, new.body)"
TRIGGERS = [
    f"CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN "
    f"INSERT INTO article_fts(rowid, title, keywords, body) {_NEW}; END",
    f"CREATE TRIGGER article_fts_au AFTER UPDATE OF title, keywords, body ON article BEGIN "
    f"INSERT INTO article_fts(article_fts, rowid, title, keywords, body) {_OLD}; "
    f"INSERT INTO article_fts(rowid, title, keywords, body) {_NEW}; END",
    f"CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN "
    f"INSERT INTO article_fts(article_fts, rowid, title, keywords, body) {_OLD}; END",
]


def _has_fts() -> bool:
    return op.get_bind().exec_driver_sql("SELECT value FROM store_meta WHERE key = 'fts'").scalar() == "1"


def _person() -> sa.ForeignKey:
    return sa.ForeignKey("person.id")


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("row_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("number", sa.String(20), nullable=True, unique=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("keywords", sa.String(500), nullable=False),
        sa.Column("category_id", sa.String(36), sa.ForeignKey("category.id"), nullable=True),
        sa.Column("audience", sa.String(12), nullable=False),
        sa.Column("confidence", sa.String(20), nullable=False),
        sa.Column("owner_id", sa.String(36), _person(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("use_count", sa.Integer(), nullable=False),
        sa.Column("last_used_at", UtcDateTime(), nullable=True),
        sa.Column("open_flags", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(36), _person(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        # Last: a long body spills into overflow pages, which a read of the columns before it never touches
        # (the list's filters and sorts, the suggestions' confidence and reuse).
        sa.Column("body", sa.Text(), nullable=False),
    )
    # The suggestions' "most reused articles of this service or CI" read from here, not from the rows.
    op.create_index("ix_article_reuse", "article", ["id", "use_count", "confidence"])
    op.create_index("ix_article_confidence_updated", "article", ["confidence", "updated_at"])
    op.create_index("ix_article_updated", "article", ["updated_at"])
    op.create_index("ix_article_category", "article", ["category_id", "updated_at"])
    op.create_index("ix_article_review", "article", ["review_date"])
    op.create_index("ix_article_flags", "article", ["open_flags"])
    op.create_index("ix_article_last_used", "article", ["last_used_at", "created_at"])
    op.create_index("ix_article_use_count", "article", ["use_count"])
    for name, other, column in (("article_service", "service", "service_id"),
                                ("article_ci", "configuration_item", "ci_id")):
        op.create_table(
            name,
            sa.Column("article_id", sa.String(36), sa.ForeignKey("article.id", ondelete="CASCADE"),
                      primary_key=True),
            sa.Column(column, sa.String(36), sa.ForeignKey(f"{other}.id", ondelete="CASCADE"), primary_key=True),
        )
        op.create_index(f"ix_{name}_{column}", name, [column])
    op.create_table(
        "article_version",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("article_id", sa.String(36), sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("changed_by", sa.String(36), _person(), nullable=True),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_article_version_article_id", "article_version", ["article_id"])
    op.create_table(
        "article_use",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("article_id", sa.String(36), sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("used_by", sa.String(36), _person(), nullable=True),
        sa.Column("used_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_article_use_article_id", "article_use", ["article_id"])
    op.create_index("ix_article_use_ticket_id", "article_use", ["ticket_id"])
    op.create_table(
        "article_flag",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("article_id", sa.String(36), sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("flagged_by", sa.String(36), _person(), nullable=True),
        sa.Column("flagged_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_article_flag_article_id", "article_flag", ["article_id"])
    if _has_fts():
        op.execute(TABLE)
        op.execute(VOCAB)
        for trigger in TRIGGERS:
            op.execute(trigger)


def downgrade() -> None:
    for name in ("article_fts_ai", "article_fts_au", "article_fts_ad"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS article_fts_vocab")
    op.execute("DROP TABLE IF EXISTS article_fts")
    for table in ("article_flag", "article_use", "article_version", "article_ci", "article_service", "article"):
        op.drop_table(table)
