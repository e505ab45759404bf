"""An export's concept slots follow the rows: a slot says the concept most of its rows have now, and only the
decrees of rows that left it are read again."""
from __future__ import annotations

import numpy as np

from web.sheet_concepts import NONE, Concepts, Slots, realigned

NAMES = {5: ("a", "Persentase A"), 6: ("b", "Jumlah B"), 7: ("c", "Indeks C"), 9: ("d", "Rasio D")}


def test_a_slot_follows_most_of_its_rows_and_the_others_are_read_again() -> None:
    written = np.array([  # row id, decree id, slot as written
        [1, 100, 5], [2, 100, 5], [3, 101, 5], [4, 102, 5],  # a split: row 4 went to concept 9
        [5, 103, 6], [6, 104, 6],  # a merge: both rows went to concept 7
        [7, 105, NONE],  # a row placed since it was written
        [8, 106, 7],  # a row that lost its concept
        [9, 107, 7]])
    now = Concepts(np.array([[1, 5], [2, 5], [3, 5], [4, 9], [5, 7], [6, 7], [7, 6], [9, 7]]), NAMES)
    slots, left = realigned(written, Slots({5: 5, 6: 6, 7: 7}), now)
    assert slots.meaning == {5: 5, 6: 7, 7: 7}
    assert left.tolist() == [102, 105, 106]


def test_a_concept_whose_id_another_concept_s_slot_holds_gets_a_slot_of_its_own() -> None:
    slots = Slots({6: 7, 7: 7})
    assert slots.of(np.array([7, 6, NONE, 9])).tolist() == [7, 8, NONE, 9]
    assert slots.meaning == {6: 7, 7: 7, 8: 6, 9: 9}
    strings = slots.strings(NAMES)
    assert strings[12:20] == ["c", "Indeks C", "c", "Indeks C", "b", "Jumlah B", "d", "Rasio D"]
