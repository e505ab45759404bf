"""The compare query and the filters' choices give what the view gives, on SQLite and PostgreSQL."""
from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from store import corrections
from store.models import Concept, Decree, IndicatorRow, Position
from store.queries import (
    CHOICES,
    COMPARE_COLUMNS,
    Filters,
    compare_rows,
    distinct_values,
    find_decree,
    indicators_frame,
)

ONLY_DELETED = "Jabatan Yang Dihapus"
UNUSED_CONCEPT = "Konsep Tanpa Baris"


@pytest.fixture
def varied(imported: sessionmaker[Session]) -> sessionmaker[Session]:
    """The sample decrees with a concept on some rows, canonical jabatan on some positions, a deleted row, a
    position whose rows are all deleted (with its own canonical jabatan) and a concept no row has."""
    with imported.begin() as session:
        used = Concept(code="kepuasan", name="Indeks Kepuasan Masyarakat", status="confirmed", curated=True)
        session.add_all([used, Concept(code="kosong", name=UNUSED_CONCEPT, status="proposed", curated=False)])
        session.flush()
        session.execute(update(IndicatorRow).where(IndicatorRow.indikator.ilike("%kepuasan%")).values(concept_id=used.id))
        session.execute(update(Position).where(Position.level == "camat").values(canonical_jabatan="Camat"))
        emptied = session.scalars(select(Position).join(Decree).where(Decree.kecamatan == "Kapongan")
                                  .order_by(Position.ordinal.desc())).first()
        emptied.canonical_jabatan = ONLY_DELETED
        session.execute(update(IndicatorRow).where(IndicatorRow.position_id == emptied.id).values(deleted=True))
        decree = find_decree(session, "Ponggok")
        key = session.scalars(select(IndicatorRow.row_key).where(IndicatorRow.decree_id == decree.id)).first()
        corrections.delete_row(session, decree, key, who="siti")
    return imported


def _values(frame: pd.DataFrame) -> list[list]:
    """The frame's cells with every missing value as None, whatever the dtypes."""
    return frame.astype(object).where(frame.notna(), None).values.tolist()


IKM = "indeks kepuasan masyarakat"


@pytest.mark.parametrize("filters", [Filters(), Filters(level="sekretaris"), Filters(kabupaten="BLITAR", level="kasi"),
                                     Filters(level="camat", kind="persentase"), Filters(concept=IKM),
                                     Filters(tahun=2021), Filters(canonical_jabatan="camat")])
def test_compare_rows_are_the_views_rows_in_document_order(varied, filters):
    with varied() as session:
        expected = indicators_frame(session, filters)[list(COMPARE_COLUMNS)]
        found = compare_rows(session, filters)
    assert len(found) > 0 and list(found.columns) == list(COMPARE_COLUMNS)
    assert _values(found) == _values(expected)


def test_compare_rows_of_nothing_is_an_empty_frame_with_the_columns(varied):
    with varied() as session:
        found = compare_rows(session, Filters(kabupaten="Atlantis"))
    assert found.empty and list(found.columns) == list(COMPARE_COLUMNS)


def test_choices_are_the_values_effective_rows_have(varied):
    with varied() as session:
        rows = indicators_frame(session)
        offered = {name: distinct_values(session, name) for name in CHOICES}
    assert offered == {name: sorted(rows[name].dropna().unique().tolist()) for name in CHOICES}
    assert offered["canonical_jabatan"] == ["Camat"] and offered["concept"] == ["Indeks Kepuasan Masyarakat"]
    assert offered["tahun"] == [2021, 2022, 2023] and "camat" in offered["level"]


def test_compare_rows_keep_awkward_text_as_stored(varied):
    """Text that a row-by-row and a bulk (CSV) transfer could blur: empty against missing, separators, quotes,
    line breaks, a percent sign, non-ASCII letters."""
    awkward = ['Capaian "100%", sesuai; target', "baris satu\nbaris dua", "", " spasi ", "Pelayanan \u2013 é"]
    with varied.begin() as session:
        ids = session.scalars(select(IndicatorRow.id).where(IndicatorRow.deleted.is_(False))
                              .order_by(IndicatorRow.id).limit(len(awkward) + 1)).all()
        for row_id, value in zip(ids, awkward, strict=False):
            session.execute(update(IndicatorRow).where(IndicatorRow.id == row_id)
                            .values(sasaran=value, sumber_data=value, formula=value or None))
        session.execute(update(IndicatorRow).where(IndicatorRow.id == ids[-1]).values(sumber_data=None, target=None))
    with varied() as session:
        expected = indicators_frame(session)[list(COMPARE_COLUMNS)]
        found = compare_rows(session)
    assert _values(found) == _values(expected)
    stored = {value for value in found["sumber_data"].tolist() if isinstance(value, str)}
    assert set(awkward) <= stored and found["sumber_data"].isna().any()
