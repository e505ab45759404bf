"""lookup() finds regions at every level by name or code."""
from __future__ import annotations

from normalize.regions import lookup


def test_name_finds_both_kabupaten_and_kota():
    found = lookup("blitar")
    assert [(e.code, e.kind, e.name) for e in found[:2]] == [
        ("35.05", "kabupaten", "Kabupaten Blitar"), ("35.72", "kota", "Kota Blitar"),
    ]


def test_level_word_ranks_that_level_first():
    assert lookup("Kota Blitar")[0].code == "35.72"
    assert lookup("Kab. Blitar")[0].code == "35.05"
    top = lookup("Kec. Lumajang")[0]
    assert (top.code, top.level, top.kabupaten) == ("35.08.10", "kecamatan", "Kabupaten Lumajang")


def test_misspelled_kecamatan_is_found_with_its_parents():
    top = lookup("pongok")[0]
    assert (top.code, top.name, top.kabupaten, top.provinsi) == (
        "35.05.06", "Ponggok", "Kabupaten Blitar", "Jawa Timur",
    )


def test_provinsi_is_found():
    assert (lookup("jawa timur")[0].code, lookup("jawa timur")[0].kind) == ("35", "provinsi")


def test_code_lists_the_region_and_what_lies_inside_it():
    found = lookup("35.05", limit=100)
    assert found[0].name == "Kabupaten Blitar"
    assert all(e.code.startswith("35.05") for e in found)
    assert "35.05.06" in {e.code for e in found}
    assert [e.name for e in lookup("350506")] == ["Ponggok"]
    assert lookup("99.99") == []


def test_limit_and_nonsense():
    assert len(lookup("sukorejo", limit=2)) == 2
    assert lookup("zzzzqqqq") == []
    assert lookup("   ") == []
