"""Server-side ORM of the knowledge base: articles, the services and CIs they apply to, versions, uses, flags."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.knowledge.schema import (
    ArticleColumns,
    ArticleFlagColumns,
    ArticleUseColumns,
    ArticleVersionColumns,
    article_ci_table,
    article_service_table,
)
from server.models import Base

# The shared columns are core.knowledge.schema's mixins, so a wire row maps one to one with the desk's
# app.models.knowledge; a class here declares only what the server does differently.

article_service = article_service_table(Base.metadata)
article_ci = article_ci_table(Base.metadata)


class Article(ArticleColumns, Base):
    __tablename__ = "article"
    # The desk keys its rows on an integer row id for its search index; here the id is the key.
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Given by the server when it applies a create, so never empty here (the desk's is until then).
    number: Mapped[str] = mapped_column(String(20), unique=True)


class ArticleVersion(ArticleVersionColumns, Base):
    __tablename__ = "article_version"


class ArticleUse(ArticleUseColumns, Base):
    __tablename__ = "article_use"


class ArticleFlag(ArticleFlagColumns, Base):
    __tablename__ = "article_flag"
