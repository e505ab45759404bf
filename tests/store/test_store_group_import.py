"""Loading several decrees under one commit: the same rows as one by one, and all or nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from store.corrections import EXTRACTED_FIELDS
from store.errors import StoreError
from store.importer import load_record, load_records
from store.models import Decree, IndicatorRow, PositionFunction, SourceFile


def _stored(factory, sha256: str) -> tuple[list, list]:
    """(fungsi texts per position, every extracted column of every row) of one stored file, in document order."""
    with factory() as session:
        decree = session.scalars(select(Decree).join(SourceFile).where(SourceFile.sha256 == sha256)).one()
        fungsi = [[f.text for f in position.fungsi] for position in sorted(decree.positions, key=lambda p: p.ordinal)]
        rows = sorted(decree.rows, key=lambda r: (r.position.ordinal, r.ordinal))
        return fungsi, [({name: getattr(r, name) for name in EXTRACTED_FIELDS}, r.notes, r.extra, r.extracted,
                         (r.box_x0, r.box_y1), r.page, r.reviewed, r.deleted, r.version) for r in rows]


def _expected(record) -> tuple[list, list]:
    fungsi = [list(position.fungsi) for position in record.positions]
    rows = []
    for position in record.positions:
        for ordinal, ind in enumerate(position.indicators, start=1):
            values = {name: getattr(ind, name) for name in EXTRACTED_FIELDS}
            box = ind.provenance.box if ind.provenance and ind.provenance.box else (None, None, None, None)
            extracted = {**values, "ordinal": ordinal}
            rows.append((values, list(ind.notes), dict(ind.extra), extracted, (box[0], box[3]),
                         ind.provenance.page if ind.provenance else None, False, False, 1))
    return fungsi, rows


def test_a_group_stores_every_value_of_every_decree(factory, seed_records):
    outcomes = load_records(factory, seed_records)
    assert [o.outcome for o in outcomes] == ["imported"] * 5
    assert [o.source for o in outcomes] == [r.source for r in seed_records]
    for record in seed_records:
        fungsi, rows = _stored(factory, record.sha256)
        expected_fungsi, expected_rows = _expected(record)
        assert fungsi == expected_fungsi
        assert len(rows) == len(expected_rows)
        for got, want in zip(rows, expected_rows, strict=True):
            assert got[0] == want[0] and got[1:3] == want[1:3] and got[4:] == want[4:]
            assert {k: v for k, v in got[3].items() if k != "position_key"} == want[3]


def test_a_group_mixes_new_known_and_repeated_files(factory, seed_records):
    assert load_record(factory, seed_records[0]).outcome == "imported"
    outcomes = load_records(factory, [*seed_records, seed_records[3]])
    assert [o.outcome for o in outcomes] == ["unchanged", "imported", "imported", "imported", "imported", "unchanged"]
    assert outcomes[3].decree_id == outcomes[5].decree_id
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Decree)) == 5
        assert session.scalar(select(func.count()).select_from(IndicatorRow)) == sum(
            len(r.indicators) for r in seed_records)


def test_a_group_with_one_bad_decree_stores_nothing(factory, seed_records):
    seed_records[2].decree.tanggal = "12 Januari 2023"
    with pytest.raises(StoreError, match="is not an ISO date"):
        load_records(factory, seed_records)
    with factory() as session:
        for model in (SourceFile, Decree, IndicatorRow, PositionFunction):
            assert session.scalar(select(func.count()).select_from(model)) == 0
