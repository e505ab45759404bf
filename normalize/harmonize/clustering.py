"""Average-linkage clustering of wordings over a sparse graph of closeness, with officers' constraints.

Two groups merge while the mean closeness of their indicators is at the
threshold or above, closest pair first. Pairs never scored are 0, below any
threshold, so only scored pairs can ever merge: the work follows the edges
(a heap of candidate merges, each group's summed closeness to its
neighbours), not the square of the number of wordings. A wording used n
times counts n times, which gives the clusters of clustering every
indicator one by one.

Must-link pairs (wordings an officer put in one concept) are merged before
anything else; cannot-link pairs (wordings an officer split apart) keep
their groups apart whatever the closeness says.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable

Pair = tuple[int, int]


class _Groups:
    def __init__(self, items: list[int], uses: dict[int, int] | list[int]) -> None:
        self.members: dict[int, list[int]] = {i: [i] for i in items}
        self.weight: dict[int, float] = {i: float(uses[i]) for i in items}
        self.links: dict[int, dict[int, float]] = {i: {} for i in items}
        self.apart: dict[int, set[int]] = {i: set() for i in items}
        self.stamp: dict[int, int] = dict.fromkeys(items, 0)
        self.heap: list[tuple[float, int, int, int, int, int, int]] = []

    def link(self, i: int, j: int, total: float) -> None:
        self.links[i][j] = self.links[i].get(j, 0.0) + total
        self.links[j][i] = self.links[j].get(i, 0.0) + total

    def mean(self, a: int, b: int) -> float:
        return self.links[a].get(b, 0.0) / (self.weight[a] * self.weight[b])

    def push(self, a: int, b: int) -> None:
        if b in self.apart[a]:
            return
        a, b = min(a, b), max(a, b)
        heapq.heappush(self.heap, (-self.mean(a, b), self.members[a][0], self.members[b][0], a, b,
                                   self.stamp[a], self.stamp[b]))

    def merge(self, a: int, b: int) -> int:
        """Fold group b into group a (lists, weights, links, constraints); returns a."""
        self.members[a] = sorted(self.members[a] + self.members.pop(b))
        self.weight[a] += self.weight.pop(b)
        for other, total in self.links.pop(b).items():
            if other == a:
                continue
            del self.links[other][b]
            self.link(a, other, total)
        self.links[a].pop(b, None)
        for other in self.apart.pop(b):
            self.apart[other].discard(b)
            self.apart[other].add(a)
            self.apart[a].add(other)
        self.stamp[a] += 1
        del self.stamp[b]
        for other in self.links[a]:
            self.push(a, other)
        return a


def average_linkage(items: list[int], score: dict[Pair, float], uses: dict[int, int] | list[int], threshold: float,
                    must_link: Iterable[Pair] = (), cannot_link: Iterable[Pair] = ()) -> list[list[int]]:
    """Clusters of `items` (sorted member lists, ordered by first member).

    `score[(i, j)]` (i < j) is the closeness of two wordings; missing pairs are 0.
    """
    groups = _Groups(items, uses)
    owner = {i: i for i in items}
    for (i, j), value in score.items():
        if i != j and value and i in owner and j in owner:
            groups.link(i, j, value * uses[i] * uses[j])
    for i, j in cannot_link:
        if i in owner and j in owner:
            groups.apart[i].add(j)
            groups.apart[j].add(i)
    for i, j in must_link:
        if i not in owner or j not in owner:
            continue
        a, b = _root(owner, i), _root(owner, j)
        if a != b and b not in groups.apart[a]:
            keep = groups.merge(min(a, b), max(a, b))
            owner[max(a, b)] = keep
    for a in list(groups.links):
        for b in groups.links[a]:
            if a < b:
                groups.push(a, b)
    while groups.heap:
        negative, _, _, a, b, stamp_a, stamp_b = heapq.heappop(groups.heap)
        if groups.stamp.get(a) != stamp_a or groups.stamp.get(b) != stamp_b:
            continue
        if -negative < threshold:
            break
        groups.merge(a, b)
        owner[b] = a
    return sorted(groups.members.values(), key=lambda members: members[0])


def _root(owner: dict[int, int], i: int) -> int:
    """The group a wording is in, compressing the path as it goes."""
    path = []
    while owner[i] != i:
        path.append(i)
        i = owner[i]
    for j in path:
        owner[j] = i
    return i
