"""The Indonesian pipeline: canonical words, lemmas and rule entities."""
from __future__ import annotations

import pytest

from normalize.harmonize.nlp import analyse, get_nlp


@pytest.mark.parametrize("spelling", ["Prosentase", "Presentase", "persentase"])
def test_spellings_of_percentage_become_one_word(spelling):
    assert analyse(f"{spelling} desa").words[0] == "persentase"


def test_abbreviations_and_short_forms_are_resolved():
    words = analyse("Σ Sarpras dlm kondisi yg baik / Σ Sarpras x 100").words
    assert words[:2] == ("sarana", "prasarana") and "dalam" in words and "yang" not in words
    assert analyse("IKM").words == ("indeks", "kepuasan", "masyarakat")
    assert analyse("keg. peningkatan SDM").words[:1] == ("kegiatan",)


def test_synonymous_phrases_share_their_words():
    assert analyse("sarana dalam kondisi baik").terms == analyse("sarana layak fungsi").terms


def test_lemmas_from_the_lookup_table_and_for_passive_forms():
    assert analyse("pengolahan").terms == ("olah",)
    assert analyse("dipelihara").terms == ("pelihara",)


def test_rank_titles_staff_roles_and_units_are_entities():
    assert analyse("Kasubbag Keuangan").entities[0][:2] == ("JABATAN", "kasubag")
    assert analyse("Kepala Seksi Pemerintahan").entities[0][:2] == ("JABATAN", "kasi")
    assert analyse("Bendahara Pengeluaran").entities[0][:2] == ("JABATAN", "pelaksana")
    assert ("UNIT", "laporan", "laporan") in analyse("Jumlah laporan keuangan").entities


def test_the_pipeline_is_built_once_without_a_model():
    nlp = get_nlp()
    assert nlp is get_nlp()
    assert nlp.lang == "id" and nlp.pipe_names == ["lemmatizer", "iki_canonical_words", "entity_ruler"]
