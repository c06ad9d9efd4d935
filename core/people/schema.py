"""The reference tables' columns the desk and the server share: one definition, mixed into both sides' classes."""


from sqlalchemy import Boolean, Column, ForeignKey, Integer, MetaData, String, Table, Text, false, text, true
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
    # The directory (issue 14): how to reach the caller and where they sit. `site` is the name of a Site row
    # (site names are unique; a person names their site as people say it, so a CSV or a typed caller needs no
    # id, and the lookup and filters read it as text); renaming a site renames it on its people (0024).
    phone: Mapped[str | None] = mapped_column(String(40))
    site: Mapped[str | None] = mapped_column(String(200))
    vip: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    language: Mapped[str | None] = mapped_column(String(12))  # a BCP 47 tag such as "en" or "fr-CA"


class GroupColumns:
    """An assignment group such as Service Desk or Network."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(String(1000))
    # Retired groups leave the pickers; tickets and members keep them (a group is never deleted).
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class CategoryColumns:
    """A ticket category, optionally nested (Hardware / Laptop)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("category.id"))
    # Retired categories leave the pickers; tickets keep them (a category is never deleted).
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ServiceColumns:
    """A business service that tickets and configuration items relate to."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(String(1000))
    # The support group: the group that works the service's tickets (named owner_group_id since 0001).
    owner_group_id: Mapped[str | None] = mapped_column(ForeignKey("group.id"))
    # Issue 14: the person accountable for the service, how critical it is (1 = mission critical ... 4 = low,
    # as for configuration items), the SLA policy that measures its tickets and the hours it is supported.
    # SLA policies are each desk's own (app.sla), so a service names its policy by name: a desk that holds a
    # policy of that name measures the service's tickets with it (core.people.reference_rules). The hours are
    # a weekly calendar in one time zone as JSON {"tz": ..., "week": [[["08:00", "18:00"]], ...]} (seven
    # days, Monday first; core.sla.business_time reads it); NULL: not stated.
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))
    criticality: Mapped[int] = mapped_column(Integer, default=3, server_default=text("3"))
    sla_policy: Mapped[str | None] = mapped_column(String(100))
    hours: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class SiteColumns:
    """A place people work from: its address and time zone (an IANA name such as Europe/London)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str | None] = mapped_column(String(1000))
    timezone: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ConfigurationItemColumns:
    """A managed component (server, application, network device) with a parent and a criticality."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    ci_class: Mapped[str] = mapped_column(String(60), default="server")
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("configuration_item.id"))
    service_id: Mapped[str | None] = mapped_column(ForeignKey("service.id"))
    # 1 = mission critical ... 4 = low
    criticality: Mapped[int] = mapped_column(Integer, default=3)
