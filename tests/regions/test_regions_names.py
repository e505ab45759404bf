"""Name forms used for matching: level words, old spellings, OCR digits, doubled letters."""
from __future__ import annotations

import pytest

from normalize.regions.names import match_key, split_regency, strip_district


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUPATEN BLITAR", ("blitar", "kabupaten")),
        ("Kab. Blitar", ("blitar", "kabupaten")),
        ("a.n. BUPATI NGANJUK", ("nganjuk", "kabupaten")),
        ("Kota Blitar", ("blitar", "kota")),
        ("WALIKOTA BLITAR", ("blitar", "kota")),
        ("Kota Administrasi Jakarta Pusat", ("jakarta pusat", "kota")),
        ("Kotawaringin Barat", ("kotawaringin barat", None)),
        ("Blitar", ("blitar", None)),
    ],
)
def test_split_regency_reads_the_level_word(text, expected):
    assert split_regency(text) == expected


def test_kecamatan_level_words_are_dropped_but_names_starting_with_kota_are_kept():
    assert strip_district("Kec. Ponggok") == "ponggok"
    assert strip_district("KECAMATAN KOTA BARU") == "kota baru"


@pytest.mark.parametrize(
    ("variant", "official"),
    [("PONGOK", "Ponggok"), ("Karang Anyar", "Karanganyar"), ("Ngandjuk", "Nganjuk"), ("P0NGG0K", "Ponggok")],
)
def test_variants_share_the_match_key(variant, official):
    assert match_key(variant) == match_key(official)


def test_roman_numerals_keep_their_letters():
    assert match_key("Banyuasin II") != match_key("Banyuasin I")
