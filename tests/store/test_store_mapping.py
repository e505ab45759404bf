"""An import reads a SQLite store without memory mapping, the screens with it."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from store.db import MMAP_BYTES, make_engine, open_store, upgrade


def _mapped_bytes(url: str, mapped: bool) -> int:
    factory = open_store(url, mapped=mapped)
    with factory() as session:
        found = int(session.scalar(text("PRAGMA mmap_size")))
    factory.kw["bind"].dispose()
    return found


def test_mapping_is_chosen_per_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'iki.db'}"
    upgrade(make_engine(url))
    assert _mapped_bytes(url, True) == MMAP_BYTES
    assert _mapped_bytes(url, False) == 0
