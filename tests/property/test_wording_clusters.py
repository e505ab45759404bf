"""Clustering distinct wordings, each weighted by its uses, gives the clusters of clustering every indicator."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.harmonize.clustering import average_linkage
from normalize.harmonize.concepts import SAME_CONCEPT


def _every_indicator(uses: list[int], score: dict[tuple[int, int], float]) -> list[list[int]]:
    """The plain definition: each use is an indicator; merge the closest groups on average while they reach
    SAME_CONCEPT; uses of one wording are as close as the wording's self score."""
    owner = [w for w, count in enumerate(uses) for _ in range(count)]

    def close(i: int, j: int) -> float:
        a, b = sorted((owner[i], owner[j]))
        return score.get((a, b), 0.0)

    groups = [[i] for i in range(len(owner))]
    while True:
        best, pair = SAME_CONCEPT, None
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                mean = sum(close(i, j) for i in groups[a] for j in groups[b]) / (len(groups[a]) * len(groups[b]))
                if mean > best or (pair is None and mean >= best):
                    best, pair = mean, (a, b)
        if pair is None:
            break
        groups[pair[0]] += groups.pop(pair[1])
    return sorted(sorted({owner[i] for i in group}) for group in groups)


@st.composite
def wordings(draw):
    count = draw(st.integers(1, 7))
    uses = draw(st.lists(st.integers(1, 3), min_size=count, max_size=count))
    score = {(i, i): 1.0 for i in range(count)}
    for i in range(count):
        for j in range(i + 1, count):
            value = draw(st.one_of(st.just(0.0), st.floats(0.05, 0.95)))
            if value:
                score[(i, j)] = round(value, 3) + (i * count + j) * 1e-6  # no two pairs tie
    return uses, score


@settings(max_examples=300, deadline=None)
@given(wordings())
def test_weighted_wordings_cluster_like_their_indicators(case):
    uses, score = case
    assert average_linkage(list(range(len(uses))), score, uses, SAME_CONCEPT) == _every_indicator(uses, score)


@settings(max_examples=200, deadline=None)
@given(wordings(), st.data())
def test_cannot_link_pairs_never_share_a_cluster_and_must_link_pairs_always_do(case, data):
    uses, score = case
    count = len(uses)
    if count < 3:
        return
    must = (0, 1)
    cannot = (1, 2) if data.draw(st.booleans()) else (0, 2)
    clusters = average_linkage(list(range(count)), score, uses, SAME_CONCEPT, [must], [cannot])
    where = {i: n for n, members in enumerate(clusters) for i in members}
    assert where[must[0]] == where[must[1]]
    assert where[cannot[0]] != where[cannot[1]]
