"""Indonesian words made comparable: spelling, abbreviations, synonyms, OCR slips and stems."""
from __future__ import annotations

import pytest

from normalize.harmonize.words import analyse, canonical_words, is_known, stem


@pytest.mark.parametrize("spelling", ["Prosentase", "Presentase", "persentase"])
def test_spellings_of_percentage_become_one_word(spelling):
    assert analyse(f"{spelling} desa").words[0] == "persentase"


def test_abbreviations_and_short_forms_are_resolved():
    words = analyse("Σ Sarpras dlm kondisi yg baik / Σ Sarpras x 100").words
    assert words[:1] == ("aset",) and "dalam" in words and "yang" not in words
    assert analyse("IKM").words == ("indeks", "kepuasan", "masyarakat")
    assert analyse("keg. peningkatan SDM").words[:1] == ("kegiatan",)
    assert canonical_words("Kasi Trantibum") == ("kepala", "seksi", "ketenteraman", "ketertiban", "umum")


def test_synonymous_phrases_share_their_stems():
    assert analyse("sarana dalam kondisi baik").terms == analyse("sarana layak fungsi").terms
    assert analyse("aset dalam kondisi baik").terms == analyse("sarana dan prasarana layak fungsi").terms
    assert analyse("dokumen kependudukan yang selesai dalam sehari").terms == analyse(
        "administrasi kependudukan tepat waktu").terms


@pytest.mark.parametrize("forms", [("penyelesaian", "diselesaikan", "selesai"), ("pembinaan", "dibina", "binaan"),
                                   ("pelayanan", "dilayani", "layanan"), ("pelaporan", "dilaporkan", "laporan")])
def test_affixed_forms_meet_in_one_stem(forms):
    assert len({stem(form) for form in forms}) == 1


def test_over_stemmed_words_keep_the_stem_the_data_gives():
    assert stem("pendapatan") != stem("dapat")
    assert stem("kinerja") != stem("kerja")
    assert stem("pemberdayaan") != stem("daya")


def test_ocr_digits_inside_words_are_read_as_letters():
    assert analyse("Jumlah pe1ayanan").terms == analyse("Jumlah pelayanan").terms
    assert "pbb" not in analyse("PBB-P2").words


def test_function_words_and_fragments_say_nothing_about_what_is_measured():
    assert analyse("an Paten yang sesuai").terms[0] != "an"
    assert "yang" not in analyse("dokumen yang disusun").terms


def test_known_words_and_typos():
    assert is_known("kegiatan") and is_known("musrenbang")
    assert not is_known("krgiatan")
