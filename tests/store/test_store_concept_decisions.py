"""Officers' decisions hold for later imports; new and edited rows are placed without re-grouping the database.

The decisions are ones an officer would make on the samples: Lumajang's
"Persentase Desa yang menetapkan LPPDes Tepat Waktu" is Camplong's village
accountability report on time (merge); Kapongan's "ketersediaan dokumen
perencanaan" measures documents being available, not planning completed
(split). A kecamatan's next decree is the same decree a year later.
"""
from __future__ import annotations

import hashlib
from copy import deepcopy

from sqlalchemy import func, select
from typer.testing import CliRunner

from store import corrections
from store.concept_assignment import assign_concepts, assign_edited_rows
from store.concepts import concept_decisions, concept_wordings, merge_concepts, split_concept
from store.importer import finish_run, load_record, start_run
from store.models import Concept, ConceptDecision, ConceptWording, Decree, IndicatorRow
from store.queries import find_decree

LPJ_DESA = "persentase-laporan-pertanggungjawaban-desa-tepat-waktu"
LPPDES = "persentase-desa-laporan-penyelenggaraan-pemerintahan-tepat"
LPPDES_WORDING = "Persentase Desa yang menetapkan LPPDes Tepat Waktu"
PERENCANAAN = "persentase-perencanaan-pembangunan-tepat-waktu"
KAPONGAN_PERENCANAAN = "Persentase ketersediaan dokumen perencanaan yang disusun dengan benar dan tepat waktu"
IKM = "ikm"


def _import(factory, records) -> None:
    run = start_run(factory, len(records))
    finish_run(factory, run, [load_record(factory, record) for record in records])


def _next_year(record, kecamatan: str):
    """The same kecamatan's decree a year later: the same wording, another file."""
    later = deepcopy(record)
    later.source = f"{kecamatan.lower()}-next.txt"
    later.sha256 = hashlib.sha256(f"{kecamatan} next year".encode()).hexdigest()
    later.decree.tahun = (record.decree.tahun or 2023) + 1
    return later


def _codes_of(factory, source: str, wording: str) -> set[str]:
    with factory() as session:
        query = (select(Concept.code).join(IndicatorRow.concept).join(IndicatorRow.decree)
                 .where(Decree.source_file.has(name=source), IndicatorRow.indikator == wording))
        return set(session.scalars(query))


def _record(records, kecamatan: str):
    return next(r for r in records if r.decree.kecamatan == kecamatan)


def test_a_merge_is_obeyed_by_the_next_decree_and_shown_as_what_drove_it(factory, seed_records, db_url, cli):
    _import(factory, seed_records)
    with factory.begin() as session:
        merge_concepts(session, [LPPDES], LPJ_DESA, who="ani", why="LPPDes is the village accountability report")
        aliases = session.scalars(select(ConceptDecision.wording).where(ConceptDecision.link == "alias")).all()
        assert LPPDES_WORDING in aliases
    _import(factory, [_next_year(_record(seed_records, "Lumajang"), "Lumajang")])
    assert _codes_of(factory, "lumajang-next.txt", LPPDES_WORDING) == {LPJ_DESA}
    with factory() as session:
        shown = concept_wordings(session, LPJ_DESA)
        row = shown[shown["wording"] == LPPDES_WORDING].iloc[0]
        assert row["indicators"] == 2 and "merge by ani" in row["decided by"]
        assert "merge by ani" in set(concept_decisions(session, LPJ_DESA)["by"].str[:12])
    output = CliRunner().invoke(cli, ["concepts", "show", LPPDES, "--db", db_url], env={"COLUMNS": "250"}).output
    assert LPPDES_WORDING in output and "merge by ani" in output


def test_a_split_keeps_the_wordings_apart_in_later_imports_and_in_a_full_regroup(factory, seed_records):
    _import(factory, seed_records)
    assert _codes_of(factory, "kapongan-situbondo-2023.txt", KAPONGAN_PERENCANAAN) == {PERENCANAAN}
    with factory.begin() as session:
        split_concept(session, PERENCANAAN, "dokumen-perencanaan-tersedia", "Persentase dokumen perencanaan tersedia",
                      [KAPONGAN_PERENCANAAN], who="ani", why="availability, not completion")
        assert session.scalar(select(func.count()).select_from(ConceptDecision)
                              .where(ConceptDecision.link == "cannot_link")) > 0
    _import(factory, [_next_year(_record(seed_records, "Kapongan"), "Kapongan")])
    assert _codes_of(factory, "kapongan-next.txt", KAPONGAN_PERENCANAAN) == {"dokumen-perencanaan-tersedia"}
    with factory.begin() as session:
        assign_concepts(session)
    assert _codes_of(factory, "kapongan-situbondo-2023.txt", KAPONGAN_PERENCANAAN) == {"dokumen-perencanaan-tersedia"}
    assert _codes_of(factory, "camplong-sampang-2021.txt",
                     "Prosentase Penyelesaian Perencanaan Pembangunan tepat waktu") == {PERENCANAAN}


def test_an_edited_wording_is_placed_against_the_stored_concepts_alone(factory, seed_records):
    _import(factory, seed_records)
    with factory() as session:
        before = dict(session.execute(select(IndicatorRow.id, IndicatorRow.concept_id)).all())
        wordings = session.scalar(select(func.count()).select_from(ConceptWording))
    with factory.begin() as session:
        decree = find_decree(session, "Ponggok")
        key = session.scalars(select(IndicatorRow.row_key).where(
            IndicatorRow.decree_id == decree.id, IndicatorRow.indikator == "Indeks Kepuasan Aparatur")).one()
        corrections.set_field(session, decree, key, "indikator", "Indeks kepuasan masyarakat pelayanan kantor camat",
                              who="ani")
        assert assign_edited_rows(session, decree.id, [key]) == 1
    with factory() as session:
        after = dict(session.execute(select(IndicatorRow.id, IndicatorRow.concept_id)).all())
        moved = {row_id for row_id in after if after[row_id] != before[row_id]}
        ikm = session.scalars(select(Concept.id).where(Concept.code == IKM)).one()
        assert [after[row_id] for row_id in moved] == [ikm]
        assert session.scalar(select(func.count()).select_from(ConceptWording)) == wordings + 1
