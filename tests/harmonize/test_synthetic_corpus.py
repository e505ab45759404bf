"""The benchmarks' synthetic corpus: seeded, worded as varied as offices word it, and read by the importer."""
from __future__ import annotations

from bench.synthetic import decree_record, decree_text, decrees
from pipeline.run import extract_file


def _fields(record) -> list[tuple]:
    return [(p.jabatan, i.indikator, i.kind, i.numerator, i.denominator, i.sumber_data)
            for p in record.positions for i in p.indicators]


def test_the_same_seed_makes_the_same_corpus_and_another_seed_another():
    assert [decree_text(d) for d in decrees(20, seed=4)] == [decree_text(d) for d in decrees(20, seed=4)]
    assert [decree_text(d) for d in decrees(20, seed=4)] != [decree_text(d) for d in decrees(20, seed=5)]


def test_a_decree_text_extracts_to_the_record_made_for_the_database(tmp_path):
    for decree in decrees(8, seed=6):
        path = tmp_path / decree.source
        path.write_text(decree_text(decree), encoding="utf-8")
        extracted = extract_file(path)
        made = decree_record(decree, 6)
        assert (extracted.decree.kecamatan, extracted.decree.tahun) == (decree.kecamatan, decree.tahun)
        assert _fields(extracted) == _fields(made)


def test_seven_thousand_decrees_hold_tens_of_thousands_of_distinct_wordings():
    corpus = decrees(7000, seed=7)
    wordings = [i.indikator for d in corpus for p in d.positions for i in p.indicators]
    assert len(set(wordings)) >= 30_000
    assert len({d.kabupaten for d in corpus}) >= 50
    concepts = {i.concept for d in corpus for p in d.positions for i in p.indicators}
    per_concept = len(set(wordings)) / len(concepts)
    assert per_concept > 100, "each measure is worded in many ways"
