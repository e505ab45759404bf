"""The hand-made gold records as input data, and the hand-made expectations beside them."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bench.grouping_eval import gold_records as load_gold_records
from normalize.records import DecreeRecord
from tests.conftest import SAMPLES


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
