"""Scoring a name against many gazetteer names with rapidfuzz.

A name scores the better of two comparisons: its plain form against each plain
name, and its match key against each key, one point lower so that an exact
spelling always outranks a folded one ("Pongok" would beat "Ponggok" if both
existed). Scores are 0-100 and depend only on the strings, so results repeat.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from .names import match_key

KEY_MATCH_PENALTY = 1.0


def score_names(
    query_plain: str,
    plains: Sequence[str],
    keys: Sequence[str],
    cutoff: float,
    only: Iterable[int] | None = None,
) -> dict[int, float]:
    """Scores at or above `cutoff`, by position in `plains`/`keys`; `only` limits the positions searched."""
    if not query_plain:
        return {}
    positions = range(len(plains)) if only is None else only
    plain_choices = {i: plains[i] for i in positions}
    key_choices = {i: keys[i] for i in plain_choices}
    scores: dict[int, float] = {}
    for _, score, index in process.extract(
        query_plain, plain_choices, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
    ):
        scores[index] = score
    for _, score, index in process.extract(
        match_key(query_plain), key_choices, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff + KEY_MATCH_PENALTY
    ):
        scores[index] = max(scores.get(index, 0.0), score - KEY_MATCH_PENALTY)
    return scores
