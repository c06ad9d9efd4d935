"""The refusal banner's facts for a CI record: the CI's own refused work and that of its relations."""
# A named query beside app.sync.refused_work (whose Refusal the banner shows); app.cmdb.refusals settles the work.

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.cmdb.ops import ENTITY, RELATION
from app.models import CiRelation, SyncConflict
from app.sync.refused_work import Refusal


def ci_refusal(session: Session, *, ci_id: str) -> Refusal | None:
    """The refusal banner's facts for one CI (app.sync.refused_work.Refusal): the CI's own refused work and that
    of the relations it stands at either end of; None when nothing of it is refused. Open refusals are few
    (each waits for a person), so the open ones are read and those of this CI kept."""
    relation_ids = set(session.scalars(select(CiRelation.id).where(
        or_(CiRelation.source_id == ci_id, CiRelation.target_id == ci_id))))
    records = [r for r in session.scalars(select(SyncConflict).where(
        SyncConflict.kind == "rejected", SyncConflict.status == "open",
        SyncConflict.entity.in_((ENTITY, RELATION))).order_by(SyncConflict.seq, SyncConflict.created_at))
        if (r.entity == ENTITY and r.entity_id == ci_id) or (r.entity == RELATION and r.entity_id in relation_ids)]
    if not records:
        return None
    creates = [r for r in records if r.op == "create" and r.entity == ENTITY]
    first = creates[0] if creates else records[0]
    return Refusal(conflict_id=first.id, reason=first.reason or "", count=len(records),
                   create_refused=bool(creates))
