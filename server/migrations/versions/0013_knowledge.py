"""knowledge articles and versions (issue 13)

Revision ID: 0013_knowledge
Revises: 0012_problems
Create Date: 2026-12-03

Articles with their KCS confidence and evidence counters, the services and CIs they apply to, their saved
versions, uses on tickets ("this solved it") and flags (server/knowledge_models.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_knowledge"
down_revision = "0012_problems"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, *, cascade: bool = False) -> sa.ForeignKeyConstraint:
    name, _, key = target.partition(".")
    return sa.ForeignKeyConstraint([column], [target], name=op.f(f"fk_{table}_{column}_{name}"),
                                   ondelete="CASCADE" if cascade else None)


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("keywords", sa.String(500), nullable=False),
        sa.Column("category_id", sa.String(36), nullable=True),
        sa.Column("audience", sa.String(12), nullable=False),
        sa.Column("confidence", sa.String(20), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("use_count", sa.Integer(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("open_flags", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("article", "category_id", "category.id"),
        _fk("article", "owner_id", "person.id"),
        _fk("article", "created_by", "person.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("number", name=op.f("uq_article_number")),
    )
    for name, column, target in (("article_service", "service_id", "service.id"),
                                 ("article_ci", "ci_id", "configuration_item.id")):
        op.create_table(
            name,
            sa.Column("article_id", sa.String(36), nullable=False),
            sa.Column(column, sa.String(36), nullable=False),
            _fk(name, "article_id", "article.id", cascade=True),
            _fk(name, column, target, cascade=True),
            sa.PrimaryKeyConstraint("article_id", column, name=op.f(f"pk_{name}")),
        )
        op.create_index(op.f(f"ix_{name}_{column}"), name, [column])
    op.create_table(
        "article_version",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("changed_by", sa.String(36), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        _fk("article_version", "article_id", "article.id", cascade=True),
        _fk("article_version", "changed_by", "person.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_version")),
    )
    op.create_index(op.f("ix_article_version_article_id"), "article_version", ["article_id"])
    op.create_table(
        "article_use",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("used_by", sa.String(36), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=False),
        _fk("article_use", "article_id", "article.id", cascade=True),
        _fk("article_use", "used_by", "person.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_use")),
    )
    op.create_index(op.f("ix_article_use_article_id"), "article_use", ["article_id"])
    op.create_index(op.f("ix_article_use_ticket_id"), "article_use", ["ticket_id"])
    op.create_table(
        "article_flag",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=True),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("flagged_by", sa.String(36), nullable=True),
        sa.Column("flagged_at", sa.DateTime(), nullable=False),
        _fk("article_flag", "article_id", "article.id", cascade=True),
        _fk("article_flag", "flagged_by", "person.id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_flag")),
    )
    op.create_index(op.f("ix_article_flag_article_id"), "article_flag", ["article_id"])


def downgrade() -> None:
    for table in ("article_flag", "article_use", "article_version", "article_ci", "article_service", "article"):
        op.drop_table(table)
