"""The relation map's layout: rings by hop distance from the centre CI, deterministic and O(nodes + edges)."""
# A radial layered layout reads like the question the map answers ("what is one, two, three hops away?") and
# never moves a node between two runs on the same graph, unlike a force layout. Within a ring a node sits near
# the angle of the neighbours that reached it, which keeps most edges short and uncrossed.

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)  # a node key (a CI id)
NODE_SPACING = 180.0  # centre to centre along a ring, in scene units (a node is about 150 wide)
RING_GAP = 200.0  # the least distance between two rings


def hop_distances(centre: K, nodes: Iterable[K],
                  links: Iterable[tuple[K, K]]) -> dict[K, int]:
    """Hops from `centre` to every node reachable over `links` (taken both ways); the others are absent."""
    present = set(nodes)
    adjacent: dict[K, list[K]] = {n: [] for n in present}
    for a, b in links:
        if a in present and b in present and a != b:
            adjacent[a].append(b)
            adjacent[b].append(a)
    if centre not in present:
        return {}
    hops = {centre: 0}
    todo = deque([centre])
    while todo:
        node = todo.popleft()
        for other in adjacent[node]:
            if other not in hops:
                hops[other] = hops[node] + 1
                todo.append(other)
    return hops


def radial_layout(centre: K, nodes: Iterable[K], links: Iterable[tuple[K, K]],
                  sort_key: Callable[[K], tuple]) -> dict[K, tuple[float, float]]:
    """Positions (x, y) for the nodes reachable from `centre`: the centre at the origin, ring k at radius
    growing with k and with the ring's population. `sort_key` orders the first ring (and breaks ties), so the
    same graph always lands the same way. Nodes not reachable from the centre get no position."""
    links = list(links)
    hops = hop_distances(centre, nodes, links)
    if not hops:
        return {}
    rings: dict[int, list[K]] = {}
    for node, hop in hops.items():
        rings.setdefault(hop, []).append(node)
    parents: dict[K, list[K]] = {}
    for a, b in links:
        if a in hops and b in hops and abs(hops[a] - hops[b]) == 1:
            child, parent = (a, b) if hops[a] > hops[b] else (b, a)
            parents.setdefault(child, []).append(parent)

    positions: dict[K, tuple[float, float]] = {centre: (0.0, 0.0)}
    angles: dict[K, float] = {centre: 0.0}
    radius = 0.0
    for hop in range(1, max(rings) + 1):
        ring = rings.get(hop, [])
        if not ring:
            break
        radius = max(radius + RING_GAP, len(ring) * NODE_SPACING / (2 * math.pi))
        if hop == 1:
            ring.sort(key=sort_key)
            wanted = {node: 2 * math.pi * i / len(ring) for i, node in enumerate(ring)}
        else:
            wanted = {node: _mean_angle([angles[p] for p in parents.get(node, ())]) for node in ring}
            ring.sort(key=lambda n: (wanted[n], sort_key(n)))
        placed = _spread(ring, wanted, NODE_SPACING / radius)
        for node, angle in placed.items():
            angles[node] = angle
            positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


def _mean_angle(values: list[float]) -> float:
    if not values:
        return 0.0
    x = sum(math.cos(v) for v in values)
    y = sum(math.sin(v) for v in values)
    if abs(x) < 1e-9 and abs(y) < 1e-9:
        return values[0]
    return math.atan2(y, x) % (2 * math.pi)


def _spread(ring: list[K], wanted: Mapping[K, float], gap: float) -> dict[K, float]:
    """Angles in `ring`'s order (sorted by wanted angle), at least `gap` apart, each group of crowding nodes
    centred on the mean of what its members want (the classic one-dimensional label placement)."""
    count = len(ring)
    step = 2 * math.pi / count
    if count * gap >= 2 * math.pi:  # a full ring: evenly spaced, turned so the first sits where it wants
        offset = sum((wanted[n] - i * step) for i, n in enumerate(ring)) / count
        return {n: offset + i * step for i, n in enumerate(ring)}
    clusters: list[list] = []  # [first index, size, sum of wanted angles, start angle]
    for index, node in enumerate(ring):
        clusters.append([index, 1, wanted[node], wanted[node]])
        while len(clusters) > 1 and clusters[-2][3] + clusters[-2][1] * gap > clusters[-1][3]:
            last = clusters.pop()
            merged = clusters[-1]
            merged[1] += last[1]
            merged[2] += last[2]
            merged[3] = merged[2] / merged[1] - (merged[1] - 1) * gap / 2
    angles = [cluster[3] + i * gap for cluster in clusters for i in range(cluster[1])]
    if angles[-1] > angles[0] + 2 * math.pi - gap:  # the ends meet round the back: evenly spaced instead
        angles = [angles[0] + i * step for i in range(count)]
    return dict(zip(ring, angles, strict=True))
