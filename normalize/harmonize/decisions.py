"""Officers' decisions about concepts, as evidence the grouping obeys.

Every confirm, merge, split and rename an officer makes says something about
wordings: these wordings are one measure (must-link), those are not
(cannot-link), this wording is a name of that concept (an alias). Kept as
pairs of wording keys, they hold for every later import, so a kecamatan's
second decree lands in the concepts the officer settled for its first. Each
decision carries a label (who decided what, when) so an assignment can say
which decisions drove it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from normalize.harmonize.words import canonical_words


class Link(StrEnum):
    MUST = "must_link"
    CANNOT = "cannot_link"


def wording_key(text: str) -> str:
    """What two wordings share when an officer's decision about one holds for the other: their canonical words."""
    return " ".join(canonical_words(text))


@dataclass(frozen=True)
class Decision:
    """One pair of wordings an officer put together or apart; `label` says who, what and when."""

    link: Link
    first: str
    second: str
    label: str

    @property
    def keys(self) -> tuple[str, str]:
        first, second = wording_key(self.first), wording_key(self.second)
        return (first, second) if first <= second else (second, first)


@dataclass(frozen=True)
class Decisions:
    """All decisions in force, and the labels of the aliases officers gave concepts ((code, wording key) -> label)."""

    pairs: tuple[Decision, ...] = ()
    alias_labels: dict[tuple[str, str], str] = field(default_factory=dict)

    def links(self, link: Link) -> dict[tuple[str, str], list[str]]:
        """Pairs of wording keys of one kind, with the labels of the decisions that made them."""
        found: dict[tuple[str, str], list[str]] = defaultdict(list)
        for decision in self.pairs:
            if decision.link is link and decision.keys[0] != decision.keys[1]:
                found[decision.keys].append(decision.label)
        return dict(found)


NONE = Decisions()
