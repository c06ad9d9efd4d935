"""Server-side ORM of the CMDB: typed CI relations and user-defined CI classes (migration 0015_cmdb)."""

from __future__ import annotations

from sqlalchemy import Index

from core.cmdb.schema import CiClassColumns, CiRelationColumns
from server.models import Base


class CiRelation(CiRelationColumns, Base):
    __tablename__ = "ci_relation"
    # One row per (source, target, type): two desks relating the same pair alike make one relation, the
    # second push is refused with a clear reason rather than duplicated.
    __table_args__ = (Index("uq_ci_relation_triple", "source_id", "target_id", "type", unique=True),
                      Index("ix_ci_relation_target_id", "target_id"))


class CiClass(CiClassColumns, Base):
    __tablename__ = "ci_class"
