"""Adjacency lists packed in one tuple: a read-only mapping of node to its neighbours that the garbage collector
sees as a few objects, not one list or tuple per node."""
# The CI graph of a large store has tens of thousands of nodes. As a dict of tuples, every tuple is a container the
# cyclic collector tracks until its first pass over it, and that pass runs on the GUI thread (app.ui.gui_gc): on the
# 1M demo store one middle pass over the freshly built graph took 30-50 ms of the GUI thread when the first ticket
# with a CI opened. Here the neighbours of every node sit in one flat tuple of ids, and each node has its slice's
# bounds as plain ints: the dicts of str to int are untracked, the flat tuple is one object.

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence


class PackedAdjacency(Mapping[str, tuple[str, ...]]):
    """`pack(keys, values)`: for each node, its neighbours in the order the pairs came (keys[i] -> values[i])."""

    __slots__ = ("_end", "_flat", "_start")

    def __init__(self, flat: tuple[str, ...], start: dict[str, int], end: dict[str, int]) -> None:
        self._flat, self._start, self._end = flat, start, end

    @classmethod
    def pack(cls, keys: Sequence[str], values: Sequence[str]) -> PackedAdjacency:
        # Counted, then placed: no list per node (50,000 of them for the demo CMDB, each walked by the collector's
        # next young pass on the GUI thread), only dicts of ints, which the collector does not track.
        start: dict[str, int] = {}
        for key in keys:
            start[key] = start.get(key, 0) + 1
        total = 0
        for key, count in start.items():
            start[key] = total
            total += count
        end = dict(start)  # each node's next free place while filling, its end once filled
        flat: list[str] = [""] * total
        for key, value in zip(keys, values, strict=True):
            place = end[key]
            flat[place] = value
            end[key] = place + 1
        return cls(tuple(flat), start, end)

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._flat[self._start[key]:self._end[key]]

    def get(self, key: str, default=None):  # the one lookup a walk makes per node
        first = self._start.get(key)
        return default if first is None else self._flat[first:self._end[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._start

    def __iter__(self) -> Iterator[str]:
        return iter(self._start)

    def __len__(self) -> int:
        return len(self._start)
