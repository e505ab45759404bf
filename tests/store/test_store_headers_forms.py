"""Edits of positions and decree fields, step-by-step undo, one decree in several forms, kept counts and originals."""
from __future__ import annotations

from copy import deepcopy
from datetime import date

import pytest
from sqlalchemy import func, select

from normalize.harmonize.jabatan import map_jabatan
from normalize.records import DecreeRecord
from pipeline.service import ImportService
from store import corrections, twins
from store.errors import EditConflict, InvalidCorrection
from store.importer import load_record
from store.models import Correction, Decree, IndicatorRow, Position, SourceContent, SourceFile
from store.originals import DatabaseOriginals, FolderOriginals
from store.queries import Filters, decrees_frame, indicators_frame
from tests.conftest import family_file

WHO = "siti"


def _decree(session, record: DecreeRecord) -> Decree:
    return session.scalars(select(Decree).join(SourceFile).where(SourceFile.sha256 == record.sha256)).one()


def _reextract(factory, record: DecreeRecord, version: str = "9.9.9") -> None:
    record.extractor_version = version
    assert load_record(factory, record).outcome == "updated"


def _position(session, decree: Decree) -> Position:
    return session.scalars(select(Position).where(Position.decree_id == decree.id).order_by(Position.ordinal)).first()


def test_position_and_decree_edits_are_audited_and_survive_reextraction(imported, seed_records):
    record = seed_records[0]
    with imported.begin() as session:
        decree = _decree(session, record)
        position = _position(session, decree)
        key, old_title = position.position_key, position.jabatan
        corrections.edit_position(session, decree, key, "jabatan", "Kepala Seksi Pemerintahan", who=WHO,
                                  why="title on the signed copy", expected=old_title)
        corrections.edit_position(session, decree, key, "fungsi", "satu\r\ndua\n\n tiga ", who=WHO)
        corrections.edit_decree(session, decree, "nomor", "188/99/KEP/2022", who=WHO, expected=decree.nomor)
        corrections.edit_decree(session, decree, "tanggal", "2022-10-28", who=WHO)
    _reextract(imported, record)
    with imported() as session:
        decree = _decree(session, record)
        position = session.scalars(select(Position).where(Position.decree_id == decree.id,
                                                          Position.position_key == key)).one()
        assert position.jabatan == "Kepala Seksi Pemerintahan" and position.extracted["jabatan"] == old_title
        assert [item.text for item in position.fungsi] == ["satu", "dua", "tiga"]
        expected = map_jabatan(position.jabatan, position.level, position.tugas, ["satu", "dua", "tiga"])
        assert position.canonical_jabatan == expected.code
        assert decree.nomor == "188/99/KEP/2022" and decree.tanggal == date(2022, 10, 28)
        history = corrections.history(session, decree)
        assert [(c.action, c.field, c.who) for c in history] == [
            ("position", "jabatan", WHO), ("position", "fungsi", WHO), ("decree", "nomor", WHO),
            ("decree", "tanggal", WHO)]
        assert history[0].why == "title on the signed copy" and history[0].old == old_title
        assert {c.status for c in history} == {"applied"}


def test_a_header_edit_read_against_an_older_value_is_refused(imported, seed_records):
    with imported.begin() as session:
        decree = _decree(session, seed_records[0])
        with pytest.raises(EditConflict):
            corrections.edit_decree(session, decree, "kecamatan", "Lain", who=WHO, expected="not what it reads")
        for field, value in (("tahun", "1200"), ("nip", "19801 ABC"), ("tanggal", "28 Oktober"), ("level", "boss")):
            with pytest.raises(InvalidCorrection):
                if field == "level":
                    corrections.edit_position(session, decree, _position(session, decree).position_key, field,
                                              value, who=WHO)
                else:
                    corrections.edit_decree(session, decree, field, value, who=WHO)


def test_undo_steps_back_through_an_officers_edits_one_by_one(imported, seed_records):
    record = seed_records[1]
    with imported.begin() as session:
        decree = _decree(session, record)
        keys = list(indicators_frame(session, Filters(decree_id=decree.id)).row_key)
        before = {row.row_key: row.target for row in decree.rows}
        corrections.set_field(session, decree, keys[0], "target", "first", who=WHO)
        corrections.split_row(session, decree, keys[1], [{"indikator": "A"}, {"indikator": "B"}], who=WHO)
        corrections.edit_position(session, decree, _position(session, decree).position_key, "tugas", "baru", who=WHO)
        corrections.set_field(session, decree, keys[2], "target", "other's", who="budi")
    for expected_left in (2, 1, 0):
        with imported.begin() as session:
            decree = _decree(session, record)
            corrections.revert(session, corrections.last_undoable(session, decree, WHO).id, who=WHO)
            assert corrections.undoable_count(session, decree, WHO) == expected_left
    with imported() as session:
        decree = _decree(session, record)
        rows = {row.row_key: row for row in decree.rows if not row.deleted}
        assert corrections.last_undoable(session, decree, WHO) is None
        assert rows[keys[0]].target == before[keys[0]] and keys[1] in rows
        assert _position(session, decree).tugas == _position(session, decree).extracted["tugas"]
        assert rows[keys[2]].target == "other's"  # someone else's edit is not this officer's to undo


def test_row_counts_follow_every_write(imported, seed_records):
    record = seed_records[3]
    with imported.begin() as session:
        decree = _decree(session, record)
        live = [row for row in decree.rows if not row.deleted]
        assert decree.row_count == len(live) and decree.min_confidence == min(r.confidence for r in live)
        waiting = [row for row in live if row.confidence < 0.7 or row.notes]
        assert decree.unconfirmed_count == len(waiting) > 0
        corrections.set_field(session, decree, waiting[0].row_key, "reviewed", "true", who=WHO)
        corrections.delete_row(session, decree, live[-1].row_key, who=WHO)
    with imported() as session:
        decree = _decree(session, record)
        assert decree.unconfirmed_count == len(waiting) - 1 - (live[-1] in waiting[1:])
        assert decree.row_count == len(live) - 1


def test_the_pdf_of_a_decree_is_one_decree_with_its_text_and_counts_once(factory, seed_records):
    from pipeline.run import extract_file

    text = seed_records[0]
    pdf = extract_file(family_file("docx-pdf"))
    for record in (text, pdf):
        load_record(factory, record)
    with factory.begin() as session:
        first, second = _decree(session, text), _decree(session, pdf)
        assert second.twin_of == first.id and first.twin_of is None
        assert [form.name for form in twins.forms(session, second)] == [text.source, pdf.source]
        counted = decrees_frame(session)
        assert list(counted.decree_id) == [first.id] and int(counted.forms.iloc[0]) == 2
        assert set(indicators_frame(session).decree_id) == {first.id}
        choice = twins.choose(session, second, who=WHO)
        assert session.get(Decree, first.id).twin_of == second.id
    with factory.begin() as session:
        assert set(indicators_frame(session).decree_id) == {second.id}
        corrections.revert(session, choice.id, who=WHO)
    with factory() as session:
        assert _decree(session, pdf).twin_of == _decree(session, text).id


def test_kecamatan_worded_alike_from_one_template_stay_apart(factory, seed_records):
    record = seed_records[2]
    copy = deepcopy(record)
    copy.sha256, copy.source = "e" * 64, "another-kecamatan.txt"
    copy.decree.kecamatan, copy.decree.nomor = "Kecamatan Lain", None
    for one in (record, copy):
        load_record(factory, one)
    with factory() as session:
        assert _decree(session, copy).content_key == _decree(session, record).content_key
        assert _decree(session, copy).twin_of is None


@pytest.mark.parametrize("kept_in", ["folder", "database"])
def test_the_import_service_keeps_every_stored_original(factory, tmp_path, seed_paths, kept_in):
    originals = FolderOriginals(tmp_path / "files") if kept_in == "folder" else DatabaseOriginals(
        factory, tmp_path / "cache")
    service = ImportService(factory, originals=originals)
    path = seed_paths[0]
    report = service.import_file(path, assign=False)
    with factory() as session:
        source = session.scalars(select(SourceFile).where(SourceFile.sha256 == report.sha256)).one()
        kept = originals.path(source)
        assert kept is not None and kept.read_bytes() == path.read_bytes()
        stored = session.scalar(select(func.count()).select_from(SourceContent))
    assert stored == (1 if kept_in == "database" else 0)
    assert service.import_file(path, assign=False).outcome == "unchanged"
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Correction)) == 0
        assert session.scalar(select(func.count()).select_from(IndicatorRow)) > 0
