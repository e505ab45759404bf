"""Where the concept cells of an export point: places in the file's shared strings ("slots"), each saying
one concept's code and name.

An officer's edit of the catalogue touches rows of any number of decrees: a
rename changes a concept's name, a merge moves every row of one concept to
another, a split moves some. Rows kept deflated (`web.sheets`) refer to a
slot, not to the text, so a rename changes the strings the file is written
with, and a merge makes the merged concept's slot say the concept its rows
went to; only the decrees of rows that left the concept their slot says (a
split, a row placed elsewhere, a row that lost its concept) are read again.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Concept, IndicatorRow
from store.queries import driver_rows

NONE = -1  # no concept, no slot
TEXTS = 2  # strings per slot: the concept's code, then its name


def concept_names(session: Session) -> dict[int, tuple[str, str]]:
    """Every concept's code and name by its id."""
    return {concept: (code, name) for concept, code, name in
            session.execute(select(Concept.id, Concept.code, Concept.name))}


def _looked_up(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The value of each wanted key among sorted `keys`, NONE where it is not one of them."""
    if not len(keys):
        return np.full(len(wanted), NONE, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, values[at], NONE)


@dataclass(frozen=True)
class Concepts:
    """Every stored row's concept and every concept's code and name, as the store holds them now."""

    rows: np.ndarray  # row id, concept id of every row that has a concept, by row id
    names: dict[int, tuple[str, str]]

    @staticmethod
    def of(session: Session) -> Concepts:
        # the rows with a concept: the index on (concept, decree) holds both columns
        query = select(IndicatorRow.id, IndicatorRow.concept_id).where(IndicatorRow.concept_id.is_not(None))
        rows = np.array([row for batch in driver_rows(session, query) for row in batch], dtype=np.int64).reshape(-1, 2)
        return Concepts(rows[np.argsort(rows[:, 0])], concept_names(session))

    def of_rows(self, row_ids: np.ndarray) -> np.ndarray:
        """The concept of each row, NONE where it has none."""
        return _looked_up(self.rows[:, 0], self.rows[:, 1], row_ids)


class Slots:
    """What concept each slot says; a concept without a slot gets one when its rows are written."""

    def __init__(self, meaning: dict[int, int]) -> None:
        self.meaning = dict(meaning)
        self._slot = {concept: slot for slot, concept in sorted(self.meaning.items(), reverse=True)}

    def slot(self, concept: int) -> int:
        if self.meaning.get(concept) == concept:
            return concept
        found = self._slot.get(concept)
        if found is None:
            found = concept if concept not in self.meaning else max(self.meaning) + 1
            self.meaning[found] = concept
            self._slot[concept] = found
        return found

    def of(self, concepts: np.ndarray) -> np.ndarray:
        """The slot of each concept id (NONE for none)."""
        unique, inverse = np.unique(concepts, return_inverse=True)
        slots = np.array([NONE if concept == NONE else self.slot(int(concept)) for concept in unique],
                         dtype=np.int64)
        return slots[inverse].reshape(concepts.shape)

    def strings(self, names: dict[int, tuple[str, str]]) -> list[str]:
        """The shared strings: each slot's concept's code at TEXTS times the slot, its name the place after."""
        strings = [""] * (TEXTS * (max(self.meaning, default=0) + 1))
        for slot, concept in self.meaning.items():
            strings[TEXTS * slot:TEXTS * slot + TEXTS] = names.get(concept, ("", ""))
        return strings


def realigned(written: np.ndarray, slots: Slots, now: Concepts) -> tuple[Slots, np.ndarray]:
    """Each slot made to say the concept most of its rows have now, and the decrees of the rows (row id,
    decree id, slot as written) whose concept is then not their slot's."""
    concepts = now.of_rows(written[:, 0])
    slot = written[:, 2]
    both = (slot != NONE) & (concepts != NONE)
    pairs, counts = np.unique(np.stack([slot[both], concepts[both]], axis=1), axis=0, return_counts=True)
    meaning = dict(slots.meaning)
    for index in np.lexsort((counts, pairs[:, 0]) if len(pairs) else (counts,)):  # the most rows last
        meaning[int(pairs[index, 0])] = int(pairs[index, 1])
    keys = np.array(sorted(meaning), dtype=np.int64)
    said = _looked_up(keys, np.array([meaning[key] for key in keys.tolist()], dtype=np.int64), slot)
    left = np.where(slot == NONE, concepts != NONE, concepts != said)
    return Slots(meaning), np.unique(written[left, 1])
