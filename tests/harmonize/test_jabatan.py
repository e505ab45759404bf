"""Position titles onto the canonical kecamatan positions."""
from __future__ import annotations

import pytest

from normalize.harmonize.jabatan import map_jabatan
from tests.harmonize.conftest import expected_rows


def test_titles_worded_unlike_the_samples_map_to_their_hand_labelled_position():
    """samples/gold/jabatan_titles.csv: titles as kecamatan offices across Indonesia write them (abbreviations,
    merged sections, acting heads, a place name, other offices' titles that must stay unmapped), labelled by hand."""
    rows = expected_rows("jabatan_titles.csv")
    assert len(rows) >= 60
    wrong = [(r["title"], r["expected"], map_jabatan(r["title"]).code) for r in rows
             if map_jabatan(r["title"]).code != (r["expected"] or None)]
    accuracy = 1 - len(wrong) / len(rows)
    print(f"\njabatan title list: {accuracy:.3f} right over {len(rows)} titles; wrong: {wrong}")
    assert accuracy >= 0.95


def test_every_titled_sample_position_maps_to_its_hand_checked_position(gold_records):
    expected = {(r["source"], int(r["position"])): r for r in expected_rows("jabatan.csv")}
    titled = [(record.source.removesuffix(".txt"), i, position)
              for record in gold_records for i, position in enumerate(record.positions) if position.jabatan]
    assert {(source, i) for source, i, _ in titled} == set(expected)
    wrong = []
    for source, i, position in titled:
        row = expected[(source, i)]
        assert row["jabatan"] == position.jabatan
        got = map_jabatan(position.jabatan, position.level, position.tugas, position.fungsi).code
        if got != (row["expected"] or None):
            wrong.append((position.jabatan, row["expected"], got))
    print(f"\njabatan accuracy {1 - len(wrong) / len(titled):.3f} over {len(titled)} titled positions")
    assert wrong == []


@pytest.mark.parametrize("title", [
    "Kasubag Umum", "Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Umum dan Kepegawaian",
    "Kasubag. PENYUSUNAN UMUM & KEPEGAWAIAN", "KASUBBAG UMUM DAN KEPEGAWAIAN KECAMATAN SUKAMAJU"])
def test_spellings_of_the_general_affairs_head_meet(title):
    match = map_jabatan(title)
    assert (match.code, match.name) == ("kasubag_umum", "Kepala Subbagian Umum dan Kepegawaian")
    assert match.score > 0.8


@pytest.mark.parametrize(("title", "level", "code"), [
    ("SEKRETARIS KECAMATANx", "sekretaris", "sekcam"),
    ("Sekcam", None, "sekcam"),
    ("KEPALA SEKSl PEMERINTAHAN", None, "kasi_pemerintahan"),
    ("Kasi Trantib", None, "kasi_trantib"),
    ("Kepala Seksi Ekbang Kecamatan Wonosari", None, "kasi_ekbang"),
    ("Pengadministrasian Umum", "pelaksana", "pengadministrasi_umum"),
])
def test_abbreviated_and_noisy_titles(title, level, code):
    assert map_jabatan(title, level).code == code


def test_a_title_that_fits_nothing_stays_unmapped():
    assert map_jabatan("Seksi Pendapatan", "kasi").code is None
    assert map_jabatan("Sekretaris Desa").code is None, "the village's secretary is not the kecamatan's"
    assert map_jabatan("Pengadministrasi Sarana Pengembangan Usaha", "pelaksana").code is None
    assert map_jabatan("Staf Seksi Pemerintahan").code is None
    assert map_jabatan(None).code is None


def test_a_title_less_block_is_read_from_its_duties(gold_records):
    untitled = [p for r in gold_records for p in r.positions if not p.jabatan]
    assert untitled
    match = map_jabatan(None, untitled[0].level, untitled[0].tugas, untitled[0].fungsi)
    assert match.code == "kasi_trantib" and match.score < 1
