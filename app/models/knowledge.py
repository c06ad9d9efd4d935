"""Knowledge articles, their saved versions, their uses on tickets and their flags (issue 13)."""

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, IdMixin
from core.ids import new_id
from core.knowledge.schema import (
    ArticleColumns,
    ArticleFlagColumns,
    ArticleUseColumns,
    ArticleVersionColumns,
    article_ci_table,
    article_service_table,
)

article_service = article_service_table(Base.metadata)
article_ci = article_ci_table(Base.metadata)


class Article(ArticleColumns, Base):
    """One article; the shared columns are core.knowledge.schema.ArticleColumns. Like a ticket it has an
    integer `row_id` key, which the full-text index (article_fts, migration 0021) uses as its rowid."""

    __tablename__ = "article"
    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True, default=new_id)
    # Empty until the server numbers a create the desk pushed.
    number: Mapped[str | None] = mapped_column(String(20), unique=True)

    # The list's filters and sorts, and the needs-review view's three reasons.
    __table_args__ = (
        Index("ix_article_confidence_updated", "confidence", "updated_at"),
        Index("ix_article_updated", "updated_at"),
        Index("ix_article_category", "category_id", "updated_at"),
        Index("ix_article_review", "review_date"),
        Index("ix_article_flags", "open_flags"),
        Index("ix_article_last_used", "last_used_at", "created_at"),
        Index("ix_article_use_count", "use_count"),
        Index("ix_article_reuse", "id", "use_count", "confidence"),
    )


class ArticleVersion(IdMixin, ArticleVersionColumns, Base):
    __tablename__ = "article_version"


class ArticleUse(IdMixin, ArticleUseColumns, Base):
    __tablename__ = "article_use"


class ArticleFlag(IdMixin, ArticleFlagColumns, Base):
    __tablename__ = "article_flag"
