"""The CMDB's own tables on the desk: typed CI relations and user-defined CI classes (migration 0023)."""

from sqlalchemy import Index

from app.models.base import Base, IdMixin
from core.cmdb.schema import CiClassColumns, CiRelationColumns


class CiRelation(IdMixin, CiRelationColumns, Base):
    """A typed relation between two CIs; walked from both ends, so both ends are indexed with the type."""

    __tablename__ = "ci_relation"
    __table_args__ = (
        Index("ix_ci_relation_source_type", "source_id", "type", "target_id"),
        Index("ix_ci_relation_target_type", "target_id", "type", "source_id"),
        Index("uq_ci_relation_triple", "source_id", "target_id", "type", unique=True),
    )


class CiClassRow(CiClassColumns, Base):
    """A user-defined CI class (built-in classes are core.cmdb.classes, not rows). Its id is its key."""

    __tablename__ = "ci_class"
