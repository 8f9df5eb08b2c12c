"""Groups of listings joined by shared keys: what a `scope = "groups"` catalog rule sees.

Listings that share a key, directly or through other listings, are one group. The
single-process engine and the distributed one both group this way, so a rule's findings
do not depend on how the catalog was read.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")


class UnionFind:
    """Sets of 0..n-1 by union; the smallest member of a set is its root, so the order is stable."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent.get(root, root) != root:
            root = parent[root]
        while i != root:  # path compression
            i, parent[i] = parent[i], root
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo
            self.parent.setdefault(lo, lo)


def linked(keyed: Iterable[tuple[int, Iterable[Any]]]) -> UnionFind:
    """The sets of positions that share keys, from (position, keys) pairs."""
    first: dict[Any, int] = {}
    sets = UnionFind()
    for position, keys in keyed:
        for key in keys:
            other = first.setdefault(key, position)
            if other != position:
                sets.union(other, position)
    return sets


def components(items: list[T], keys_of: Callable[[T], Iterable[Any]]) -> list[list[T]]:
    """The groups (two items or more) of items joined by shared keys, each in the items' order,
    ordered by their first item."""
    sets = linked((i, keys_of(item) or ()) for i, item in enumerate(items))
    groups: dict[int, list[T]] = {}
    for i in sorted(sets.parent):
        groups.setdefault(sets.find(i), []).append(items[i])
    return [members for _, members in sorted(groups.items()) if len(members) > 1]


def stable_hash(key: Any) -> int:
    """A 63-bit hash of a group key that is the same in every process (Python's `hash` of a
    string is not); equal keys hash equal, and a collision only makes a group larger."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(repr(_canonical(key)).encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "big") >> 1


def _canonical(key: Any) -> Any:
    if isinstance(key, (frozenset, set)):
        return ("{", tuple(sorted((_canonical(k) for k in key), key=repr)))
    if isinstance(key, (tuple, list)):
        return tuple(_canonical(k) for k in key)
    return key
