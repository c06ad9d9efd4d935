"""The CMDB's pure rules: cycle-safe walks (checked against a plain reachability on random graphs), relation
labels both ways, class definitions, CI field cleaning and per-attribute merging."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cmdb import relations
from core.cmdb.classes import BUILTIN, CmdbInvalid, check_class_definition, clean_attribute, parse_class
from core.cmdb.rules import AttributeConflict, clean_ci, merge_attributes
from core.cmdb.traversal import adjacency_walk, dict_expand, reachable, walk

NODES = st.integers(min_value=0, max_value=30).map(str)
GRAPHS = st.dictionaries(NODES, st.lists(NODES, max_size=6), max_size=30)


def _closure(start: str, graph: dict[str, list[str]]) -> set[str]:
    """Reachability by repeated relaxation: slow, obviously right."""
    seen = {start}
    changed = True
    while changed:
        changed = False
        for node in list(seen):
            for other in graph.get(node, ()):
                if other not in seen:
                    seen.add(other)
                    changed = True
    return seen


@settings(max_examples=200, deadline=None)
@given(GRAPHS, NODES)
def test_a_walk_reaches_exactly_what_is_reachable_and_ends_on_cycles(graph, start):
    result = walk(start, dict_expand(graph))
    assert set(result.order) == _closure(start, graph)
    assert len(result.order) == len(set(result.order))  # each node once, however many cycles
    assert result.order[0] == start and not result.truncated
    for node in result.order[1:]:  # breadth-first: a node is one hop further than some node before it
        assert any(node in graph.get(prev, ()) and result.depth[prev] == result.depth[node] - 1
                   for prev in result.order)


@settings(max_examples=100, deadline=None)
@given(GRAPHS, NODES, st.integers(min_value=1, max_value=10), st.integers(min_value=0, max_value=4))
def test_limits_and_depth_cut_the_walk_and_say_so(graph, start, limit, depth):
    full = reachable(start, graph)
    capped = walk(start, dict_expand(graph), limit=limit)
    assert len(capped.order) == min(limit, len(full))
    assert capped.truncated == (len(full) > limit)
    shallow = walk(start, dict_expand(graph), max_depth=depth)
    assert all(d <= depth for d in shallow.depth.values())
    assert shallow.truncated == (set(shallow.order) != full)


@settings(max_examples=200, deadline=None)
@given(GRAPHS, st.lists(NODES, min_size=1, max_size=3), st.one_of(st.none(), st.integers(min_value=1, max_value=10)))
def test_the_walk_over_a_mapping_is_the_general_walk_with_a_mapping(graph, starts, limit):
    fast = adjacency_walk(starts, graph, limit=limit)
    general = walk(starts, dict_expand(graph), limit=limit)
    assert (fast.order, dict(fast.depth), fast.truncated) == (general.order, dict(general.depth), general.truncated)


def test_several_starts_and_a_self_loop():
    graph = {"a": ["a", "b"], "b": ["a"], "c": ["d"]}
    result = walk(["a", "c", "a"], dict_expand(graph))
    assert result.order == ("a", "c", "b", "d")


def test_relation_labels_both_ways_and_the_direction_of_an_outage():
    assert relations.label("depends_on", outgoing=True) == "depends on"
    assert relations.label("depends_on", outgoing=False) == "used by"
    assert relations.label("runs_on", outgoing=False) == "hosts"
    assert relations.label("member_of", outgoing=True) == "member of cluster"
    assert relations.label("custom_link", outgoing=True) == "custom link"
    assert set(relations.UPSTREAM_TYPES) == {"depends_on", "runs_on", "connects_to"}
    assert relations.DOWNSTREAM_TYPES == ("member_of",)


def test_class_definitions_and_attribute_kinds():
    assert {"business_service", "application", "server", "virtual_machine", "database", "network_device",
            "storage", "workstation", "mobile_device"} <= set(BUILTIN)
    stored = check_class_definition("load_balancer", "Load balancer", [{"key": "vip", "kind": "text"},
                                                                       {"key": "pools", "kind": "number"}])
    lb = parse_class("load_balancer", "Load balancer", stored)
    assert [(a.key, a.label, a.kind) for a in lb.attributes] == [("vip", "Vip", "text"), ("pools", "Pools", "number")]
    for key, label, attrs in (("Bad Key", "x", []), ("server", "x", []), ("ok_key", "", []),
                              ("ok_key", "x", [{"key": "a", "kind": "colour"}])):
        with pytest.raises(CmdbInvalid):
            check_class_definition(key, label, attrs)
    assert parse_class("x", "X", "not json").attributes == ()
    pools = lb.attributes[1]
    assert clean_attribute(pools, " 3 ") == "3" and clean_attribute(pools, "") is None
    with pytest.raises(CmdbInvalid):
        clean_attribute(pools, "three")
    with pytest.raises(CmdbInvalid):
        clean_attribute(BUILTIN["server"].attributes[-1], "31/12/2026")  # warranty_end is a date


def test_clean_ci_trims_checks_and_refuses():
    clean = clean_ci({"name": "  web\u202e01 \x00", "criticality": "2", "status": "maintenance",
                      "attributes": {"os": " Debian ", "empty": " "}, "serial": "", "description": "a\n\tb\x07"})
    assert clean == {"name": "web01", "criticality": 2, "status": "maintenance", "attributes": '{"os": "Debian"}',
                     "serial": None, "description": "a\n\tb"}
    for bad in ({"name": ""}, {"name": "x", "criticality": 0}, {"name": "x", "criticality": True},
                {"name": "x", "status": "gone"}, {"name": "x", "colour": "red"}, {"name": "x", "owner_id": 5},
                {"name": "x", "attributes": {"a": True}}, {"name": "x", "attributes": "[]"}):
        with pytest.raises(CmdbInvalid):
            clean_ci(bad)


def test_attributes_merge_key_by_key():
    assert merge_attributes('{"a": "1"}', '{"a": "1", "b": "2"}', '{"a": "1", "c": "3"}') == \
        '{"a": "1", "b": "2", "c": "3"}'
    assert merge_attributes('{"a": "1"}', "{}", '{"a": "1", "c": "3"}') == '{"c": "3"}'  # a removed
    assert merge_attributes('{"a": "1"}', '{"a": "2"}', '{"a": "2"}') == '{"a": "2"}'  # both to the same
    with pytest.raises(AttributeConflict) as err:
        merge_attributes('{"a": "1"}', '{"a": "2"}', '{"a": "3"}')
    assert err.value.field == "a"
