"""Concept assignment: catalogue matches, proposals shared across kecamatan, concept attributes."""
from __future__ import annotations

from normalize.harmonize.catalogue import Catalogue, seed_catalogue
from normalize.harmonize.concepts import group_indicators, grow_catalogue
from normalize.records import Decree, DecreeRecord, Indicator, Position


def record(kecamatan: str, *indicators: Indicator) -> DecreeRecord:
    return DecreeRecord(source=f"{kecamatan}.txt", media_type="text/plain", method="text",
                        decree=Decree(kecamatan=kecamatan),
                        positions=[Position(jabatan="Sekretaris Kecamatan", level="sekretaris",
                                            indicators=list(indicators))])


def by_text(assignments):
    return {a.indikator: a for a in assignments}


def test_satisfaction_survey_wordings_meet_in_one_concept():
    found = by_text(group_indicators([
        record("A", Indicator(indikator="IKM", kind="indeks")),
        record("B", Indicator(indikator="Indeks Kepuasan Masyarakat", kind="indeks")),
        record("C", Indicator(indikator="Survey kepuasan masyarakat")),
        record("D", Indicator(indikator="Indeks Kepuasan Aparatur", kind="indeks")),
    ]))
    assert found["IKM"].concept.code == found["Indeks Kepuasan Masyarakat"].concept.code
    assert found["Survey kepuasan masyarakat"].concept.code == found["IKM"].concept.code
    assert found["Indeks Kepuasan Aparatur"].concept.code != found["IKM"].concept.code


def test_facility_condition_wordings_meet_in_one_concept_through_their_formulas(gold_records):
    found = by_text(group_indicators(gold_records))
    codes = {found[text].concept.code for text in (
        "Prosentase sarana/prasarana layak fungsi",
        "Presentase Sarana dan Prasarana aparatur dengan kondisi laying fungsi",
        "Prosentase sarana dan prasarana dalam kondisi baik")}
    assert len(codes) == 1
    assert found["Jumlah sarpras yang berfungsi baik"].concept.code not in codes, "a count is not a percentage"


def test_similar_unmatched_indicators_of_two_kecamatan_propose_one_concept(gold_records):
    assignments = group_indicators(gold_records, Catalogue())
    village_budget = [a for a in assignments if "APBDes" in a.indikator or "anggaran desa" in a.indikator.lower()]
    assert {a.kecamatan for a in village_budget} == {"Camplong", "Lumajang"}
    assert len({a.concept.code for a in village_budget}) == 1
    assert all(a.proposed and a.concept.status == "proposed" for a in village_budget)
    concept = village_budget[0].concept
    assert concept.kind == "persentase" and concept.unit == "%"


def test_crime_rate_is_better_lower_and_keeps_its_catalogue_code(gold_records):
    crime = [a for a in group_indicators(gold_records) if a.indikator == "Angka Kriminalitas"]
    assert crime and all(a.concept.code == "angka-kriminalitas" and not a.proposed for a in crime)
    assert crime[0].concept.polarity == "lower_is_better"


def test_a_proposed_concept_learns_its_unit_from_the_counted_noun(gold_records):
    found = by_text(group_indicators(gold_records))
    assert found["Jumlah dokumen SPJ yang disusun"].concept.unit == "dokumen"
    assert found["Jumlah peserta rapat"].concept.unit == "orang"


def test_indicators_without_wording_are_left_out(gold_records):
    assignments = group_indicators(gold_records)
    worded = sum(1 for r in gold_records for ind in r.indicators if ind.indikator)
    assert len(assignments) == worded < sum(len(r.indicators) for r in gold_records)


def test_grown_catalogue_matches_the_same_wordings_to_the_same_concepts_next_time(gold_records):
    first = group_indicators(gold_records)
    grown = grow_catalogue(seed_catalogue(), first)
    again = group_indicators(gold_records, grown)
    assert all(not a.proposed for a in again)
    assert [a.concept.code for a in again] == [a.concept.code for a in first]
