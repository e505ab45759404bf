"""Concepts in the database: assigned at import, edited with an audit trail, compared across kecamatan.

The expectations were read off the sample decrees: the percentage of sarana
and prasarana in good condition is an indicator of Camplong (l. 222), Ngluyu
(l. 45, 151) and Ponggok (l. 78) — Ponggok's "Jumlah sarpras yang berfungsi
baik" (l. 218) counts rather than measures a share, Kapongan's "peningkatan
sarana" (l. 112) is another measure; the Indeks Kepuasan Masyarakat is
measured by Camplong ("IKM", l. 191, 266) and Ngluyu ("Survey kepuasan
masyarakat", l. 37), while Kapongan and Lumajang count IKM reports and
Ponggok surveys its staff.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from store import corrections
from store.concept_assignment import assign_concepts, plan_regroup
from store.concept_refresh import finish_regroup
from store.concepts import ConceptEditError, concept_events, merge_concepts, rename_concept
from store.db import make_engine, open_store, upgrade
from store.importer import finish_run, load_record, start_run
from store.models import Concept, ConceptRedirect, ConceptWording, Decree, IndicatorRow, Position, SourceFile
from store.queries import find_decree

WIDE = {"COLUMNS": "250"}
SARPRAS, IKM = "sarpras-kondisi-baik", "ikm"
LPJ_DESA = "persentase-laporan-pertanggungjawaban-desa-tepat-waktu"  # Camplong
LPPDES = "persentase-desa-laporan-penyelenggaraan-pemerintahan-tepat"  # Lumajang
PERENCANAAN = "persentase-perencanaan-pembangunan-tepat-waktu"  # Camplong and Kapongan
KAPONGAN_PERENCANAAN = "Persentase ketersediaan dokumen perencanaan yang disusun dengan benar dan tepat waktu"
DOKUMEN_KEUANGAN = "persentase-dokumen-keuangan-pelaporan-kinerja-benar"


def _import(factory, records, version: str | None = None) -> list[str]:
    """Load records as `iki import` does (one run, assignment when the run finishes); returns the outcomes."""
    run = start_run(factory, len(records))
    outcomes = []
    for record in records:
        if version:
            record.extractor_version = version
        outcomes.append(load_record(factory, record))
    finish_run(factory, run, outcomes)
    return [o.outcome for o in outcomes]


def _invoke(cli, db_url: str, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--db", db_url], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def _kecamatan(factory, code: str) -> dict[str, list[str]]:
    """Kecamatan -> wordings of the live rows that carry a concept."""
    with factory() as session:
        query = (select(Decree.kecamatan, IndicatorRow.indikator).join(IndicatorRow.decree).join(IndicatorRow.concept)
                 .where(Concept.code == code, IndicatorRow.deleted.is_(False)))
        found: dict[str, list[str]] = {}
        for kecamatan, indikator in session.execute(query):
            found.setdefault(kecamatan, []).append(indikator)
        return found


def _wordings(factory) -> list[str | None]:
    with factory() as session:
        return list(session.scalars(select(IndicatorRow.indikator).where(IndicatorRow.deleted.is_(False))))


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _compare(cli, db_url: str, tmp_path: Path, *args: str) -> tuple[str, list[dict[str, str]]]:
    out = tmp_path / "compare.csv"
    output = _invoke(cli, db_url, "compare", *args, "--csv", str(out))
    return output, _csv(out)


def test_import_assigns_one_concept_across_kecamatan_and_canonical_jabatan(factory, seed_records, db_url, cli,
                                                                           tmp_path):
    assert _import(factory, seed_records) == ["imported"] * 5
    sarpras = _kecamatan(factory, SARPRAS)
    assert set(sarpras) == {"Camplong", "Ngluyu", "Ponggok"}
    assert sarpras["Camplong"] == ["Prosentase sarana dan prasarana dalam kondisi baik"]
    assert set(_kecamatan(factory, IKM)) == {"Camplong", "Ngluyu"}
    with factory() as session:
        ids = session.scalars(select(IndicatorRow.concept_id).join(IndicatorRow.concept)
                              .where(Concept.code == SARPRAS)).all()
        assert len(ids) == 4 and len(set(ids)) == 1
        unassigned = session.scalar(select(func.count()).select_from(IndicatorRow).where(
            IndicatorRow.concept_id.is_(None), IndicatorRow.indikator.is_not(None), IndicatorRow.deleted.is_(False)))
        assert unassigned == 0
        sekcam = session.scalars(select(Position).join(Position.decree)
                                 .where(Decree.kecamatan == "Ngluyu", Position.jabatan == "Sekretaris Camat")).one()
        assert sekcam.canonical_jabatan == "sekcam" and sekcam.jabatan_score > 0.6
    listing = tmp_path / "concepts.csv"
    _invoke(cli, db_url, "concepts", "--csv", str(listing))
    counts = {row["code"]: row for row in _csv(listing)}
    assert counts[SARPRAS]["kecamatan"] == "3" and counts[SARPRAS]["indicators"] == "4"
    assert counts[IKM]["kecamatan"] == "2" and counts[IKM]["status"] == "confirmed"
    assert counts[DOKUMEN_KEUANGAN]["status"] == "proposed"


def test_assignment_again_changes_nothing(imported):
    with imported.begin() as session:
        first = assign_concepts(session)
    with imported() as session:
        before = dict(session.execute(select(IndicatorRow.id, IndicatorRow.concept_id)).all())
        versions = dict(session.execute(select(IndicatorRow.id, IndicatorRow.version)).all())
        codes = dict(session.execute(select(Concept.code, Concept.id)).all())
    with imported.begin() as session:
        again = assign_concepts(session)
    worded = [text for text in _wordings(imported) if text and text.strip()]
    assert first.changed_rows == len(worded) == first.rows - 2 and again.changed_rows == 0
    assert (again.concepts, again.proposed) == (first.concepts, first.proposed)
    with imported() as session:
        assert dict(session.execute(select(IndicatorRow.id, IndicatorRow.concept_id)).all()) == before
        assert dict(session.execute(select(IndicatorRow.id, IndicatorRow.version)).all()) == versions
        assert dict(session.execute(select(Concept.code, Concept.id)).all()) == codes


def test_merge_is_audited_and_compare_shows_both_kecamatan_under_one_concept(factory, seed_records, db_url, cli,
                                                                             tmp_path):
    _import(factory, seed_records)
    _, before = _compare(cli, db_url, tmp_path, "--concept", LPJ_DESA)
    assert [row["kecamatan"] for row in before] == ["Camplong"]
    _invoke(cli, db_url, "concepts", "merge", LPPDES, "--into", LPJ_DESA, "--who", "ani",
            "--why", "LPPDes is the village accountability report")
    _, after = _compare(cli, db_url, tmp_path, "--concept", LPJ_DESA)
    assert [row["kecamatan"] for row in after] == ["Camplong", "Lumajang"]
    assert after[1]["indikator"] == "Persentase Desa yang menetapkan LPPDes Tepat Waktu"
    _, redirected = _compare(cli, db_url, tmp_path, "--concept", LPPDES)
    assert redirected == after
    with factory() as session:
        [event] = concept_events(session)
        assert (event.action, event.who, event.codes) == ("merge", "ani", [LPJ_DESA, LPPDES])
        assert [c["code"] for c in event.payload["before"]] == [LPJ_DESA, LPPDES]
        assert LPPDES not in {c["code"] for c in event.payload["after"]}
        redirect = session.get(ConceptRedirect, LPPDES)
        assert redirect is not None and session.get(Concept, redirect.concept_id).code == LPJ_DESA
        assert session.scalars(select(Concept.status).where(Concept.code == LPPDES)).one() == "merged"
    log = _invoke(cli, db_url, "concepts", "log")
    assert "merge" in log and "ani" in log and "village accountability" in log


def test_rename_and_confirm_are_audited_and_shown(factory, seed_records, db_url, cli, tmp_path):
    _import(factory, seed_records)
    _invoke(cli, db_url, "concepts", "rename", IKM, "Indeks Kepuasan Masyarakat (IKM)", "--who", "budi")
    output, rows = _compare(cli, db_url, tmp_path, "--concept", IKM)
    assert "Indeks Kepuasan Masyarakat (IKM)" in output and {r["kecamatan"] for r in rows} == {"Camplong", "Ngluyu"}
    _, sekcam = _compare(cli, db_url, tmp_path, "--jabatan", "sekcam")
    assert "Indeks Kepuasan Masyarakat (IKM)" in sekcam[0] and "Indeks Kepuasan Masyarakat" not in sekcam[0]
    listing = tmp_path / "concepts.csv"
    _invoke(cli, db_url, "concepts", "--csv", str(listing))
    assert {r["code"]: r["status"] for r in _csv(listing)}[DOKUMEN_KEUANGAN] == "proposed"
    _invoke(cli, db_url, "concepts", "confirm", DOKUMEN_KEUANGAN, "--who", "budi", "--why", "checked 3 decrees")
    _invoke(cli, db_url, "concepts", "--csv", str(listing))
    assert {r["code"]: r["status"] for r in _csv(listing)}[DOKUMEN_KEUANGAN] == "confirmed"
    with factory() as session:
        rename, confirm = concept_events(session)
        assert [c["name"] for c in rename.payload["before"]] == ["Indeks Kepuasan Masyarakat"]
        assert [c["name"] for c in rename.payload["after"]] == ["Indeks Kepuasan Masyarakat (IKM)"]
        assert "Indeks Kepuasan Masyarakat" in rename.payload["after"][0]["aliases"]
        assert (confirm.action, confirm.why) == ("confirm", "checked 3 decrees")
        assert [c["status"] for c in confirm.payload["before"] + confirm.payload["after"]] == ["proposed", "confirmed"]


def test_split_moves_a_wording_and_its_kecamatan_to_a_new_concept(factory, seed_records, db_url, cli, tmp_path):
    _import(factory, seed_records)
    assert set(_kecamatan(factory, PERENCANAAN)) == {"Camplong", "Kapongan"}
    _invoke(cli, db_url, "concepts", "split", PERENCANAAN, "--new-code", "dokumen-perencanaan-tepat-waktu",
            "--new-name", "Persentase dokumen perencanaan tersedia tepat waktu", "--wording", KAPONGAN_PERENCANAAN,
            "--who", "ani", "--why", "availability of documents, not completion of planning")
    _, old = _compare(cli, db_url, tmp_path, "--concept", PERENCANAAN)
    _, new = _compare(cli, db_url, tmp_path, "--concept", "dokumen-perencanaan-tepat-waktu")
    assert [r["kecamatan"] for r in old] == ["Camplong"]
    assert [(r["kecamatan"], r["indikator"]) for r in new] == [("Kapongan", KAPONGAN_PERENCANAAN)]
    with factory() as session:
        [event] = concept_events(session)
        assert event.action == "split" and event.codes == [PERENCANAAN, "dokumen-perencanaan-tepat-waktu"]
        assert KAPONGAN_PERENCANAAN in event.payload["before"][0]["aliases"]
        assert KAPONGAN_PERENCANAAN not in event.payload["after"][0]["aliases"]


def test_refused_edit_writes_no_audit_record(imported, db_url, cli):
    result = CliRunner().invoke(cli, ["concepts", "merge", "no-such-concept", "--into", IKM, "--db", db_url],
                                env=WIDE)
    assert result.exit_code == 1 and "no concept 'no-such-concept'" in result.output
    with imported.begin() as session, pytest.raises(ConceptEditError, match="no-such-concept"):
        rename_concept(session, "no-such-concept", "X", who="ani")
    with imported() as session:
        assert concept_events(session) == []


def test_reimport_keeps_the_officers_edits(factory, seed_records, db_url, cli, tmp_path):
    _import(factory, seed_records)
    with factory.begin() as session:
        merge_concepts(session, [LPPDES], LPJ_DESA, who="ani")
        rename_concept(session, LPJ_DESA, "Persentase laporan desa tepat waktu", who="ani")
    assert _import(factory, seed_records, version="9.9.9") == ["updated"] * 5
    output, rows = _compare(cli, db_url, tmp_path, "--concept", LPJ_DESA)
    assert "Persentase laporan desa tepat waktu" in output
    assert [r["kecamatan"] for r in rows] == ["Camplong", "Lumajang"]
    assert set(_kecamatan(factory, SARPRAS)) == {"Camplong", "Ngluyu", "Ponggok"}
    with factory() as session:
        assert [e.action for e in concept_events(session)] == ["merge", "rename"]


def test_officer_corrections_reassign_concepts_and_survive_replay(factory, seed_records, db_url, cli):
    _import(factory, seed_records)
    with factory() as session:
        decree = find_decree(session, "Ponggok")
        key = session.scalars(select(IndicatorRow.row_key).where(
            IndicatorRow.decree_id == decree.id, IndicatorRow.indikator == "Indeks Kepuasan Aparatur")).one()
        sarpras_id = session.scalars(select(Concept.id).where(Concept.code == SARPRAS)).one()
        count_key = session.scalars(select(IndicatorRow.row_key).where(
            IndicatorRow.decree_id == decree.id, IndicatorRow.indikator == "Jumlah sarpras yang berfungsi baik")).one()
    assert "Ponggok" not in _kecamatan(factory, IKM)
    _invoke(cli, db_url, "correct", "set", "Ponggok", key, "indikator", "Indeks Kepuasan Masyarakat")
    assert set(_kecamatan(factory, IKM)) == {"Camplong", "Ngluyu", "Ponggok"}
    _invoke(cli, db_url, "correct", "set", "Ponggok", count_key, "concept_id", str(sarpras_id))
    assert "Jumlah sarpras yang berfungsi baik" in _kecamatan(factory, SARPRAS)["Ponggok"]
    _import(factory, seed_records, version="9.9.9")
    assert "Ponggok" in _kecamatan(factory, IKM)
    assert "Jumlah sarpras yang berfungsi baik" in _kecamatan(factory, SARPRAS)["Ponggok"]
    with factory.begin() as session:
        first = corrections.history(session, find_decree(session, "Ponggok"))[0]
        corrections.revert(session, first.id, who="ani")
        assign_concepts(session)
    assert "Ponggok" not in _kecamatan(factory, IKM)


def test_compare_by_position_has_one_row_per_kecamatan(imported, db_url, cli, tmp_path):
    with imported.begin() as session:
        assign_concepts(session)
    _, rows = _compare(cli, db_url, tmp_path, "--jabatan", "kasubag_umum")
    assert [r["kecamatan"] for r in rows] == ["Camplong", "Kapongan", "Lumajang", "Ngluyu", "Ponggok"]
    sarpras = "Persentase sarana dan prasarana dalam kondisi baik"
    by_kecamatan = {r["kecamatan"]: r[sarpras] for r in rows}
    assert by_kecamatan["Camplong"].startswith("Prosentase sarana dan prasarana dalam kondisi baik (rumus: ")
    assert by_kecamatan["Ngluyu"].startswith("Prosentase sarana/prasarana layak fungsi")
    assert by_kecamatan["Kapongan"] == by_kecamatan["Lumajang"] == ""


def _concept_codes(factory) -> dict[tuple[str, str], str | None]:
    with factory() as session:
        query = (select(SourceFile.name, IndicatorRow.row_key, Concept.code).join(IndicatorRow.decree)
                 .join(Decree.source_file).outerjoin(IndicatorRow.concept))
        return {(name, key): code for name, key, code in session.execute(query)}


def test_a_full_regroup_does_not_depend_on_the_order_decrees_came_in(factory, seed_records, tmp_path):
    """Imports place each new decree against the concepts already stored; re-grouping the whole database
    (`iki concepts assign`) gives what importing them all at once gives."""
    for record in reversed(seed_records):
        _import(factory, [record])
    assert set(_kecamatan(factory, SARPRAS)) == {"Camplong", "Ngluyu", "Ponggok"}
    assert set(_kecamatan(factory, IKM)) == {"Camplong", "Ngluyu"}
    url = f"sqlite:///{tmp_path / 'at-once.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    at_once = open_store(url)
    _import(at_once, seed_records)
    with factory.begin() as session:
        assign_concepts(session)
    one_by_one = _concept_codes(factory)
    assert one_by_one == _concept_codes(at_once)
    at_once.kw["bind"].dispose()
    assert any(code for (name, _), code in one_by_one.items() if name.startswith("ngluyu"))


def test_a_regrouping_worked_out_before_a_correction_is_worked_out_again_when_written(imported):
    """The plan is made without the write lock; a row corrected meanwhile is grouped as it reads now, not as
    the plan read it."""
    wording = "Jumlah sapi perah yang divaksin"
    with imported.begin() as session:
        assign_concepts(session)
    with imported() as session:
        plan = plan_regroup(session)
    with imported.begin() as session:
        row = session.scalars(select(IndicatorRow).where(IndicatorRow.deleted.is_(False))
                              .order_by(IndicatorRow.id)).first()
        corrections.set_field(session, session.get_one(Decree, row.decree_id), row.row_key, "indikator", wording,
                              who="t")
    assert wording not in [w.indikator for w in plan.wordings]
    with imported.begin() as session:
        finish_regroup(session, plan)
        assert session.scalars(select(ConceptWording.id).where(ConceptWording.indikator == wording)).all()
