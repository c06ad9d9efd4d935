"""The reference tables' columns the desk and the server share: one definition, mixed into both sides' classes."""


from sqlalchemy import Boolean, Column, ForeignKey, Integer, MetaData, String, Table, false
from sqlalchemy.orm import Mapped, mapped_column


def group_member_table(metadata: MetaData) -> Table:
    """The group membership table on `metadata` (a Table belongs to one MetaData, so each side builds its own)."""
    return Table(
        "group_member", metadata,
        Column("group_id", ForeignKey("group.id", ondelete="CASCADE"), primary_key=True),
        Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    )


class PersonColumns:
    """An agent (works tickets) or a requester (raises them); agents belong to groups."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    is_agent: Mapped[bool] = mapped_column(Boolean, default=False)
    department: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The directory (issue 14): how to reach the caller and where they sit. A site is a plain name, not a
    # row of its own: callers are filtered and looked up by it, nothing hangs off it yet (see core.people.rules).
    phone: Mapped[str | None] = mapped_column(String(40))
    site: Mapped[str | None] = mapped_column(String(200))
    vip: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    language: Mapped[str | None] = mapped_column(String(12))  # a BCP 47 tag such as "en" or "fr-CA"


class GroupColumns:
    """An assignment group such as Service Desk or Network."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(String(1000))


class CategoryColumns:
    """A ticket category, optionally nested (Hardware / Laptop)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("category.id"))


class ServiceColumns:
    """A business service that tickets and configuration items relate to."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(String(1000))
    owner_group_id: Mapped[str | None] = mapped_column(ForeignKey("group.id"))


class ConfigurationItemColumns:
    """A managed component (server, application, network device) with a parent and a criticality."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    ci_class: Mapped[str] = mapped_column(String(60), default="server")
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("configuration_item.id"))
    service_id: Mapped[str | None] = mapped_column(ForeignKey("service.id"))
    # 1 = mission critical ... 4 = low
    criticality: Mapped[int] = mapped_column(Integer, default=3)
