"""Corrections: each action, the audit trail, re-imports that keep them, conflicts and concurrent edits."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from normalize.records import DecreeRecord, Indicator
from store import corrections
from store.errors import EditConflict, InvalidCorrection, NotFound
from store.importer import load_record
from store.models import Correction, Decree, IndicatorRow, SourceFile
from store.queries import Filters, indicators_frame

WHO = "siti"


def _decree(session, record: DecreeRecord) -> Decree:
    return session.scalars(select(Decree).join(SourceFile).where(SourceFile.sha256 == record.sha256)).one()


def _rows(session, record: DecreeRecord):
    """The decree's effective rows, as analysts see them."""
    return indicators_frame(session, Filters(decree_id=_decree(session, record).id))


def _row(session, record: DecreeRecord, key: str) -> IndicatorRow:
    decree = _decree(session, record)
    return session.scalars(select(IndicatorRow).where(IndicatorRow.decree_id == decree.id,
                                                      IndicatorRow.row_key == key)).one()


def _reextract(factory, record: DecreeRecord, version: str = "9.9.9") -> list[Correction]:
    record.extractor_version = version
    outcome = load_record(factory, record)
    assert outcome.outcome == "updated"
    with factory() as session:
        return corrections.history(session, _decree(session, record))


def test_set_field_changes_effective_value_keeps_extracted_and_audits(imported, seed_records):
    record = seed_records[0]
    with imported.begin() as session:
        key = _rows(session, record).row_key[0]
        original = _row(session, record, key).target
        corrections.set_field(session, _decree(session, record), key, "target", "100 %", who=WHO, why="signed copy")
    with imported() as session:
        row = _row(session, record, key)
        assert row.target == "100 %"
        assert row.extracted["target"] == original
        assert row.version == 2
        (entry,) = corrections.history(session, _decree(session, record))
        assert (entry.who, entry.action, entry.target_row_key, entry.field, entry.old, entry.new, entry.why) == (
            WHO, "set", key, "target", original, "100 %", "signed copy")
        assert entry.at is not None


def test_typed_fields_are_parsed_and_bad_values_refused(imported, seed_records):
    record = seed_records[0]
    with imported.begin() as session:
        decree, key = _decree(session, record), _rows(session, record).row_key[0]
        corrections.set_field(session, decree, key, "target_value", "87.5", who=WHO)
        corrections.set_field(session, decree, key, "kind", "Jumlah", who=WHO)
        corrections.set_field(session, decree, key, "reviewed", "yes", who=WHO)
        for field, value in (("target_value", "banyak"), ("kind", "kuantitas"), ("colour", "red"),
                             ("concept_id", "42")):
            with pytest.raises(InvalidCorrection):
                corrections.set_field(session, decree, key, field, value, who=WHO)
    with imported() as session:
        row = _row(session, record, key)
        assert (row.target_value, row.kind, row.reviewed) == (87.5, "jumlah", True)


def test_delete_add_split_merge_move(imported, seed_records):
    record = seed_records[0]
    with imported.begin() as session:
        decree = _decree(session, record)
        rows = _rows(session, record)
        keys = list(rows.row_key)
        positions = list(dict.fromkeys(rows.position_key))
        corrections.delete_row(session, decree, keys[0], who=WHO, why="not an indicator")
        corrections.add_row(session, decree, positions[1], {"indikator": "Jumlah laporan", "kind": "jumlah"}, who=WHO)
        split = corrections.split_row(session, decree, keys[1], [{"indikator": "A"}, {"indikator": "B", "target": "2"}],
                                      who=WHO)
        merge = corrections.merge_rows(session, decree, [keys[2], keys[3]], {"indikator": "C+D"}, who=WHO)
        corrections.move_row(session, decree, keys[4], positions[-1], who=WHO)
    with imported() as session:
        after = _rows(session, record)
        live = set(after.row_key)
        assert not {keys[0], keys[1], keys[2], keys[3]} & live
        added = after[after.indikator == "Jumlah laporan"].iloc[0]
        assert (added.position_key, added.kind, added.origin) == (positions[1], "jumlah", "correction")
        parts = after[after.row_key.str.startswith(f"c{split.id}.")]
        assert list(parts.indikator) == ["A", "B"] and list(parts.target)[1] == "2"
        assert parts.sasaran.tolist() == [rows.sasaran[1]] * 2
        merged = after[after.row_key == f"c{merge.id}"].iloc[0]
        assert (merged.indikator, merged.sasaran) == ("C+D", rows.sasaran[2])
        assert after[after.row_key == keys[4]].position_key.item() == positions[-1]
        assert len(after) == len(rows) - 4 + 1 + 2 + 1
        assert len(corrections.history(session, _decree(session, record))) == 5


def test_unknown_rows_and_positions_are_refused(imported, seed_records):
    record = seed_records[0]
    with imported.begin() as session:
        decree = _decree(session, record)
        key = _rows(session, record).row_key[0]
        with pytest.raises(NotFound, match="no indicator row 'nope'"):
            corrections.set_field(session, decree, "nope", "target", "1", who=WHO)
        with pytest.raises(NotFound, match="no position"):
            corrections.move_row(session, decree, key, "kasi/nowhere/1", who=WHO)
        corrections.delete_row(session, decree, key, who=WHO)
        with pytest.raises(NotFound, match="deleted"):
            corrections.set_field(session, decree, key, "target", "1", who=WHO)
        with pytest.raises(InvalidCorrection):
            corrections.split_row(session, decree, _rows(session, record).row_key[0], [{"indikator": "x"}], who=WHO)


def test_corrections_survive_reextraction_with_a_newer_extractor(imported, seed_records):
    record = seed_records[0]
    with imported.begin() as session:
        decree = _decree(session, record)
        keys = list(_rows(session, record).row_key)
        corrections.set_field(session, decree, keys[0], "target", "100 %", who=WHO)
        corrections.delete_row(session, decree, keys[1], who=WHO)
        split = corrections.split_row(session, decree, keys[2], [{"indikator": "A"}, {"indikator": "B"}], who=WHO)
    history = _reextract(imported, record)
    assert [c.status for c in history] == ["applied"] * 3
    with imported() as session:
        after = _rows(session, record)
        assert after[after.row_key == keys[0]].target.item() == "100 %"
        assert keys[1] not in set(after.row_key)
        assert after[after.row_key.str.startswith(f"c{split.id}.")].indikator.tolist() == ["A", "B"]
        assert _row(session, record, keys[0]).extracted["target"] != "100 %"


def test_correction_follows_its_row_when_the_new_extraction_rewords_it(imported, seed_records):
    record = seed_records[0]
    indicator: Indicator = record.positions[0].indicators[1]
    with imported.begin() as session:
        key = _rows(session, record).row_key[1]
        assert _row(session, record, key).indikator == indicator.indikator
        corrections.set_field(session, _decree(session, record), key, "sumber_data", "SIMBADA 2022", who=WHO)
    indicator.indikator = indicator.indikator.replace("Presentase", "Persentase") + "."
    (entry,) = _reextract(imported, record)
    assert entry.status == "rematched"
    assert entry.applied_row_keys != [key]
    with imported() as session:
        after = _rows(session, record)
        moved = after[after.row_key == entry.applied_row_keys[0]].iloc[0]
        assert (moved.indikator, moved.sumber_data) == (indicator.indikator, "SIMBADA 2022")


def test_correction_whose_row_is_gone_becomes_a_listed_conflict_and_comes_back(imported, seed_records):
    record = seed_records[0]
    gone = record.positions[0].indicators.pop(1)
    with imported.begin() as session:
        key = _rows(session, record).row_key[1]
        corrections.set_field(session, _decree(session, record), key, "target", "75 %", who=WHO, why="checked")
    (entry,) = _reextract(imported, record)
    assert entry.status == "conflict"
    assert gone.indikator in entry.conflict
    with imported.begin() as session:
        assert [c.id for c in corrections.conflicts(session)] == [entry.id]
        assert _decree(session, record).source_file.status == "needs_review"
        assert "75 %" not in set(_rows(session, record).target.dropna())
        with pytest.raises(InvalidCorrection, match="resolve the corrections in conflict"):
            corrections.mark_reviewed(session, _decree(session, record), who=WHO)
    record.positions[0].indicators.insert(1, gone)
    (entry,) = _reextract(imported, record, "9.9.10")
    assert entry.status == "applied"
    with imported.begin() as session:
        assert corrections.conflicts(session) == []
        assert _rows(session, record).target[1] == "75 %"
        corrections.mark_reviewed(session, _decree(session, record), who=WHO)
    with imported() as session:
        assert _decree(session, record).source_file.status == "reviewed"


def test_corrections_of_rows_that_corrections_created_are_replayed_too(imported, seed_records):
    record = seed_records[2]
    with imported.begin() as session:
        decree = _decree(session, record)
        key = _rows(session, record).row_key[0]
        split = corrections.split_row(session, decree, key, [{"indikator": "A"}, {"indikator": "B"}], who=WHO)
        corrections.set_field(session, decree, f"c{split.id}.2", "target", "5 desa", who=WHO)
    history = _reextract(imported, record)
    assert [c.status for c in history] == ["applied", "applied"]
    with imported() as session:
        after = _rows(session, record)
        assert after[after.row_key == f"c{split.id}.2"].target.item() == "5 desa"


def test_revert_restores_the_extracted_values_and_is_audited(imported, seed_records):
    record = seed_records[0]
    with imported.begin() as session:
        decree = _decree(session, record)
        keys = list(_rows(session, record).row_key)
        original = _row(session, record, keys[0]).target
        first = corrections.set_field(session, decree, keys[0], "target", "1", who=WHO)
        corrections.set_field(session, decree, keys[0], "sumber_data", "kept", who=WHO)
        removal = corrections.delete_row(session, decree, keys[1], who=WHO)
    with imported.begin() as session:
        corrections.revert(session, first.id, who="budi", why="wrong row")
        corrections.revert(session, removal.id, who="budi")
        with pytest.raises(InvalidCorrection):
            corrections.revert(session, first.id, who="budi")
    with imported() as session:
        row = _row(session, record, keys[0])
        assert (row.target, row.sumber_data) == (original, "kept")
        assert keys[1] in set(_rows(session, record).row_key)
        trail = corrections.history(session, _decree(session, record))
        assert [(c.action, c.reverted) for c in trail] == [("set", True), ("set", False), ("delete", True),
                                                           ("revert", False), ("revert", False)]
        assert (trail[3].who, trail[3].why, trail[3].reverts_id) == ("budi", "wrong row", first.id)


def test_second_officer_with_a_stale_version_gets_a_conflict(imported, seed_records):
    record = seed_records[0]
    with imported() as session:
        key = _rows(session, record).row_key[0]
        read_version = _row(session, record, key).version
    with imported.begin() as session:
        corrections.set_field(session, _decree(session, record), key, "target", "90 %", who="siti",
                              expected_version=read_version)
    with imported.begin() as session, pytest.raises(EditConflict, match="changed by someone else"):
        corrections.set_field(session, _decree(session, record), key, "target", "80 %", who="budi",
                              expected_version=read_version)
    with imported() as session:
        assert _row(session, record, key).target == "90 %"
        assert len(corrections.history(session, _decree(session, record))) == 1


def test_simultaneous_edits_of_one_row_lose_no_update(imported, seed_records, db_url):
    """Officer B read the row inside an open transaction before A committed; B's write must fail."""
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite lets one writer in at a time, so B cannot read while A commits")
    record = seed_records[0]
    with imported() as session:
        key = _rows(session, record).row_key[0]
    with imported.begin() as officer_b:
        stale = _row(officer_b, record, key)
        with imported.begin() as officer_a:
            corrections.set_field(officer_a, _decree(officer_a, record), key, "target", "90 %", who="siti",
                                  expected_version=stale.version)
        with pytest.raises(EditConflict):
            corrections.set_field(officer_b, _decree(officer_b, record), key, "target", "80 %", who="budi",
                                  expected_version=stale.version)
        officer_b.rollback()
    with imported() as session:
        assert _row(session, record, key).target == "90 %"
