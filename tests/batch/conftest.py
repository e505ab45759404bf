"""Fixtures of the batch tests: the store's database fixtures (SQLite and PostgreSQL) and the bad corpus."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from store.models import Decree, IndicatorRow, SourceFile
from tests.conftest import ROOT
from tests.store.conftest import (  # noqa: F401  (shared fixtures)
    _seed_records,
    cli,
    db_url,
    factory,
    imported,
    pg_database,
    seed_paths,
    seed_records,
)

BAD = ROOT / "tests" / "data" / "bad"


@pytest.fixture
def text_batch(tmp_path: Path, seed_paths: list[Path]) -> Path:  # noqa: F811
    """A folder holding copies of the five sample decrees as text."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for path in seed_paths:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def snapshot(factory) -> dict[str, tuple]:  # noqa: F811
    """Every stored file with its status, error and decree content, keyed by sha256: what must not change."""
    with factory() as session:
        found = {}
        for source in session.scalars(select(SourceFile)):
            decree: Decree | None = source.decree
            rows = () if decree is None else tuple(
                (r.row_key, r.sasaran, r.indikator, r.target, r.version)
                for r in session.scalars(select(IndicatorRow).where(IndicatorRow.decree_id == decree.id)
                                         .order_by(IndicatorRow.id)))
            head = None if decree is None else (decree.id, decree.kecamatan, decree.kabupaten, decree.tahun)
            found[source.sha256] = (source.name, source.status, source.error, source.imported_at, head, rows)
        return found
