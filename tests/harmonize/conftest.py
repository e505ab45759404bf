"""The hand-made gold records as input data, and the hand-made expectations beside them."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from normalize.records import DecreeRecord, record_from_dict
from tests.conftest import GOLD_DIR, SAMPLES


def load_gold_records() -> list[DecreeRecord]:
    """The five hand-made gold records of the repository, as records; fails if any is missing."""
    paths = sorted(GOLD_DIR.glob("*.gold.json"))
    assert len(paths) == 5, f"expected the five gold records in {GOLD_DIR}, found {len(paths)}"
    records = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        stem = path.name.removesuffix(".gold.json")
        records.append(record_from_dict({**data, "source": f"{stem}.txt", "media_type": "text/plain"}))
    return records


def expected_rows(name: str) -> list[dict[str, str]]:
    with (SAMPLES / "gold" / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def gold_records() -> list[DecreeRecord]:
    return load_gold_records()


@pytest.fixture(scope="session")
def records_dir(tmp_path_factory: pytest.TempPathFactory, gold_records: list[DecreeRecord]) -> Path:
    """The gold records written as `iki extract --out DIR` writes records."""
    directory = tmp_path_factory.mktemp("records")
    for record in gold_records:
        path = directory / f"{Path(record.source).stem}.json"
        path.write_text(json.dumps(record.to_dict(), ensure_ascii=False), encoding="utf-8")
    return directory
