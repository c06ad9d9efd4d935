"""Impact on random stored graphs (Hypothesis): the store's walk reaches exactly the CIs a plain closure over the
same relations says an outage spreads to, whatever the cycles, types and parent links."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update

from app.cmdb import queries
from app.models import CiRelation, ConfigurationItem
from core.cmdb.relations import UPSTREAM_TYPES

CIS = [f"ci{n}" for n in range(12)]
EDGES = st.lists(st.tuples(st.sampled_from(CIS), st.sampled_from(CIS),
                           st.sampled_from(["depends_on", "runs_on", "connects_to", "member_of"])),
                 max_size=30, unique=True)
PARENTS = st.dictionaries(st.sampled_from(CIS), st.sampled_from(CIS), max_size=4)


def _spread(edges, parents) -> dict[str, set[str]]:
    """Who an outage of each CI hurts directly, straight from core.cmdb.relations' rule."""
    hurts: dict[str, set[str]] = {}
    for source, target, type_ in edges:
        if source == target:
            continue
        failing, hurt = (target, source) if type_ in UPSTREAM_TYPES else (source, target)
        hurts.setdefault(failing, set()).add(hurt)
    for child, parent in parents.items():
        if child != parent:
            hurts.setdefault(parent, set()).add(child)
    return hurts


def _closure(start, hurts) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for other in hurts.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edges=EDGES, parents=PARENTS, start=st.sampled_from(CIS))
def test_impact_reaches_what_the_rule_says(store, edges, parents, start):
    with store.session() as s:
        s.execute(delete(CiRelation))
        s.execute(delete(ConfigurationItem))
        s.add_all(ConfigurationItem(id=c, name=c, ci_class="server", criticality=3) for c in CIS)
        s.flush()
        for child, parent in parents.items():
            if child != parent:
                s.execute(update(ConfigurationItem).where(ConfigurationItem.id == child).values(parent_id=parent))
        s.add_all(CiRelation(id=f"{a}-{t}-{b}", source_id=a, target_id=b, type=t) for a, b, t in edges if a != b)
        s.commit()
    with store.read_session() as s:
        result = queries.impact(s, ci_id=start)
    assert {r.id for r in result.blast_radius} == _closure(start, _spread(edges, parents))
    assert result.blast_radius[0].id == start and not result.truncated
