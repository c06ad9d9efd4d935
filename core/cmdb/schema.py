"""The CMDB's columns the desk and the server share: the CI's CMDB fields, relations and user-defined classes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from core.schema import UtcDateTime


class CiCmdbColumns:
    """What the CMDB adds to a configuration item (core.people.schema.ConfigurationItemColumns has the rest)."""

    status: Mapped[str] = mapped_column(String(20), default="active", server_default=text("'active'"))
    description: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    support_group_id: Mapped[str | None] = mapped_column(ForeignKey("group.id"))
    site: Mapped[str | None] = mapped_column(String(200))  # a plain name, as a person's site (core.people.rules)
    serial: Mapped[str | None] = mapped_column(String(100))
    asset_tag: Mapped[str | None] = mapped_column(String(100))
    attributes: Mapped[str | None] = mapped_column(Text)  # JSON {key: text} (core.cmdb.classes)
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CiRelationColumns:
    """A typed relation source -> target (core.cmdb.relations); one row per (source, target, type)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("configuration_item.id", ondelete="CASCADE"))
    target_id: Mapped[str] = mapped_column(ForeignKey("configuration_item.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CiClassColumns:
    """A user-defined CI class: `id` is its key ("load_balancer"); attributes a JSON list of {key, label, kind}."""

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    attributes: Mapped[str] = mapped_column(Text, default="[]")
    position: Mapped[int] = mapped_column(Integer, default=0)
