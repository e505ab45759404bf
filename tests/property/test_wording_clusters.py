"""Clustering distinct wordings, each weighted by its uses, gives the clusters of clustering every indicator."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.harmonize.concepts import SAME_CONCEPT, _clusters


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
    count = draw(st.integers(1, 6))
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
    assert sorted(_clusters(list(range(len(uses))), score, uses)) == _every_indicator(uses, score)
