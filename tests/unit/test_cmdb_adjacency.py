"""core.cmdb.adjacency: the packed adjacency answers as a dict of tuples built edge by edge would."""

from hypothesis import given
from hypothesis import strategies as st

from core.cmdb.adjacency import PackedAdjacency
from core.cmdb.traversal import adjacency_walk

NODES = st.sampled_from([f"ci-{n}" for n in range(12)])
EDGES = st.lists(st.tuples(NODES, NODES), max_size=60)


def as_dict(edges: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for key, value in edges:
        out.setdefault(key, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


@given(EDGES)
def test_packed_equals_a_dict_of_tuples_in_edge_order(edges):
    packed = PackedAdjacency.pack([k for k, _ in edges], [v for _, v in edges])
    expected = as_dict(edges)
    assert dict(packed) == expected and len(packed) == len(expected)
    for key in expected:
        assert key in packed and packed.get(key) == packed[key] == expected[key]
    assert packed.get("absent") is None and packed.get("absent", ()) == () and "absent" not in packed


@given(EDGES, NODES, st.integers(min_value=1, max_value=12))
def test_walks_over_packed_and_dict_agree(edges, start, limit):
    packed = PackedAdjacency.pack([k for k, _ in edges], [v for _, v in edges])
    assert adjacency_walk(start, packed, limit=limit) == adjacency_walk(start, as_dict(edges), limit=limit)


def test_packed_graph_is_a_few_objects_for_the_collector():
    import gc

    keys = [f"ci-{n % 5000}" for n in range(20_000)]
    values = [f"ci-{(n * 7) % 5000}" for n in range(20_000)]
    packed = PackedAdjacency.pack(keys, values)
    # The bounds are dicts of str to int: never tracked. The neighbours: one tuple, for all the nodes.
    assert not gc.is_tracked(packed._start) and not gc.is_tracked(packed._end)
    assert len(packed) == 5000
