"""Reference data: people, groups, categories, services and configuration items."""

from typing import Optional

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, IdMixin

group_member = Table(
    "group_member",
    Base.metadata,
    Column("group_id", ForeignKey("group.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
)


class Person(IdMixin, Base):
    """An agent (works tickets) or a requester (raises them); agents belong to groups."""

    __tablename__ = "person"
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[Optional[str]] = mapped_column(String(320), index=True)
    is_agent: Mapped[bool] = mapped_column(Boolean, default=False)
    department: Mapped[Optional[str]] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    groups: Mapped[list["Group"]] = relationship(secondary=group_member, back_populates="members")


class Group(IdMixin, Base):
    """An assignment group such as Service Desk or Network."""

    __tablename__ = "group"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[Optional[str]] = mapped_column(String(1000))
    members: Mapped[list[Person]] = relationship(secondary=group_member, back_populates="groups")


class Category(IdMixin, Base):
    """A ticket category, optionally nested (Hardware / Laptop)."""

    __tablename__ = "category"
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[Optional[str]] = mapped_column(ForeignKey("category.id"))


class Service(IdMixin, Base):
    """A business service that tickets and configuration items relate to."""

    __tablename__ = "service"
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[Optional[str]] = mapped_column(String(1000))
    owner_group_id: Mapped[Optional[str]] = mapped_column(ForeignKey("group.id"))


class ConfigurationItem(IdMixin, Base):
    """A managed component (server, application, network device) with a parent and a criticality."""

    __tablename__ = "configuration_item"
    name: Mapped[str] = mapped_column(String(200), index=True)
    ci_class: Mapped[str] = mapped_column(String(60), default="server")
    parent_id: Mapped[Optional[str]] = mapped_column(ForeignKey("configuration_item.id"), index=True)
    service_id: Mapped[Optional[str]] = mapped_column(ForeignKey("service.id"))
    # 1 = mission critical ... 4 = low
    criticality: Mapped[int] = mapped_column(Integer, default=3)
