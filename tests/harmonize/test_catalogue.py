"""Catalogue edits are pure and keep every old code and wording reachable."""
from __future__ import annotations

import pytest

from normalize.harmonize.catalogue import (
    CatalogueError,
    Concept,
    add,
    catalogue_from_dict,
    confirm,
    merge,
    rename,
    seed_catalogue,
    split,
)


@pytest.fixture
def catalogue():
    return add(add(seed_catalogue(), Concept("a", "Persentase A", "persentase", "%", aliases=("Prosentase A",))),
               Concept("b", "Persentase B", "persentase", "%"))


def test_the_seed_is_confirmed_and_knows_which_way_is_better():
    seed = seed_catalogue()
    assert all(c.status == "confirmed" for c in seed.concepts)
    assert seed.get("angka-kriminalitas").polarity == "lower_is_better"
    assert seed.get("ikm").polarity == "higher_is_better"


def test_confirm_leaves_the_original_untouched(catalogue):
    confirmed = confirm(catalogue, "a")
    assert confirmed.get("a").status == "confirmed"
    assert catalogue.get("a").status == "proposed"


def test_rename_keeps_the_old_name_as_a_wording(catalogue):
    renamed = rename(catalogue, "a", "Persentase A baru")
    assert renamed.get("a").name == "Persentase A baru"
    assert "Persentase A" in renamed.get("a").aliases


def test_merge_redirects_codes_and_keeps_wordings(catalogue):
    merged = merge(catalogue, ["b"], into="a")
    assert merged.get("b").code == "a"
    assert {"Prosentase A", "Persentase B"} <= set(merged.get("a").aliases)
    assert [c.code for c in merged.concepts].count("b") == 0
    twice = merge(add(merged, Concept("c", "C")), ["a"], into="c")
    assert twice.get("b").code == "c", "an earlier redirect follows a later merge"


def test_split_moves_wordings_to_a_new_proposed_concept(catalogue):
    parted = split(catalogue, "a", "a2", "Persentase A kedua", ["Prosentase A"])
    assert parted.get("a").aliases == ()
    assert parted.get("a2").aliases == ("Prosentase A",)
    assert parted.get("a2").status == "proposed" and parted.get("a2").unit == "%"
    with pytest.raises(CatalogueError):
        split(catalogue, "a", "a3", "X", ["not a wording of a"])


def test_edits_name_existing_concepts_only(catalogue):
    with pytest.raises(CatalogueError):
        confirm(catalogue, "missing")
    with pytest.raises(CatalogueError):
        add(catalogue, Concept("a", "again"))


def test_round_trip_through_a_dict(catalogue):
    edited = merge(confirm(catalogue, "a"), ["b"], into="a")
    assert catalogue_from_dict(edited.to_dict()) == edited


def test_a_concept_with_an_unknown_status_or_polarity_is_refused():
    with pytest.raises(CatalogueError):
        Concept("x", "X", status="maybe")
    with pytest.raises(CatalogueError):
        Concept("x", "X", polarity="sideways")
