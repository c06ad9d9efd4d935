"""Reference data: people, groups, categories, services, sites and configuration items."""

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, relationship

from app.models.base import Base, IdMixin
from core.cmdb.schema import CiCmdbColumns
from core.people.schema import (
    CategoryColumns,
    ConfigurationItemColumns,
    GroupColumns,
    PersonColumns,
    ServiceColumns,
    SiteColumns,
    group_member_table,
)

group_member = group_member_table(Base.metadata)


class Person(IdMixin, PersonColumns, Base):
    """An agent (works tickets) or a requester (raises them); agents belong to groups."""

    __tablename__ = "person"
    groups: Mapped[list["Group"]] = relationship(secondary=group_member, back_populates="members")

    # Indexed on the desk only: e-mail since the first schema (0001); the people list's name order and its
    # site and department filters since 0018. The caller lookup's FTS5 table (person_fts) is not a model.
    __table_args__ = (
        Index("ix_person_email", "email"),
        Index("ix_person_name", "name"),
        Index("ix_person_site_name", "site", "name"),
        Index("ix_person_department_name", "department", "name"),
    )


class Group(IdMixin, GroupColumns, Base):
    """An assignment group such as Service Desk or Network."""

    __tablename__ = "group"
    members: Mapped[list[Person]] = relationship(secondary=group_member, back_populates="groups")


class Category(IdMixin, CategoryColumns, Base):
    """A ticket category, optionally nested (Hardware / Laptop)."""

    __tablename__ = "category"


class Service(IdMixin, ServiceColumns, Base):
    """A business service that tickets and configuration items relate to."""

    __tablename__ = "service"


class Site(IdMixin, SiteColumns, Base):
    """A place people work from (issue 14); people name it by its unique name (Person.site)."""

    __tablename__ = "site"


class ConfigurationItem(IdMixin, ConfigurationItemColumns, CiCmdbColumns, Base):
    """A managed component (server, application, network device) with a parent and a criticality."""

    __tablename__ = "configuration_item"

    # The desk lists and searches CIs by name and walks their tree (app.changes); the server does neither.
    # The CI browser's filters and sorts (app.cmdb.queries) each have an index ending in name (migration 0023).
    __table_args__ = (
        Index("ix_configuration_item_name", "name"),
        Index("ix_configuration_item_parent_id", "parent_id"),
        Index("ix_configuration_item_class_name", "ci_class", "name"),
        Index("ix_configuration_item_status_name", "status", "name"),
        Index("ix_configuration_item_service_name", "service_id", "name"),
        Index("ix_configuration_item_criticality_name", "criticality", "name"),
        Index("ix_configuration_item_serial", "serial"),
        Index("ix_configuration_item_asset_tag", "asset_tag"),
        Index("ix_configuration_item_owner", "owner_id"),
    )
