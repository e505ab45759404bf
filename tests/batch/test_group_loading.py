"""The batch's group loader: when groups are stored, and a group with a bad decree failing that decree alone."""
from __future__ import annotations

from sqlalchemy import func, select

import pipeline.batch
from pipeline.batch import GroupLoader
from pipeline.run import sha256_of
from pipeline.service import Extracted, ImportService, Pending, extract_one
from store.models import Decree, SourceFile


def _answers(paths) -> list[tuple[Pending, Extracted]]:
    return [(Pending(path, sha256_of(path)), extract_one(str(path))) for path in paths]


def _decrees(factory) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(Decree))


def test_a_bad_decree_fails_alone_and_its_group_is_stored(factory, seed_paths):
    answers = _answers(seed_paths)
    answers[1][1].record.decree.tanggal = "31 Juni 2023"
    reported = []
    loader = GroupLoader(ImportService(factory), reported.append)
    for pending, done in answers:
        loader.add(pending, done)
    loader.flush()
    assert [r.source for r in reported] == [p.name for p in seed_paths]
    assert [r.outcome for r in reported] == ["imported", "failed", "imported", "imported", "imported"]
    bad = reported[1]
    assert bad.error.startswith(seed_paths[1].name) and "is not an ISO date" in bad.error
    assert _decrees(factory) == 4
    with factory() as session:
        failed = session.scalars(select(SourceFile).where(SourceFile.status == "failed")).one()
        assert failed.name == seed_paths[1].name and failed.decree is None


def test_a_group_waits_until_full_and_a_slow_extraction_is_stored_at_once(factory, seed_paths, monkeypatch):
    monkeypatch.setattr(pipeline.batch, "GROUP_DECREES", 3)
    monkeypatch.setattr(pipeline.batch, "GROUP_SECONDS", 60.0)
    answers = _answers(seed_paths)
    loader = GroupLoader(ImportService(factory), lambda _report: None)
    stored = []
    for pending, done in answers[:4]:
        loader.add(pending, done)
        stored.append(_decrees(factory))
    assert stored == [0, 0, 3, 3]
    pending, done = answers[4]
    done.seconds = 61.0
    loader.add(pending, done)
    assert _decrees(factory) == 5 and len(loader.reports) == 5


def test_a_failed_extraction_is_recorded_without_waiting_for_the_group(factory, seed_paths, tmp_path):
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    loader = GroupLoader(ImportService(factory), lambda _report: None)
    for pending, done in _answers([seed_paths[0], empty]):
        loader.add(pending, done)
    assert [(r.source, r.outcome) for r in loader.reports] == [("kosong.txt", "failed")]
    loader.flush()
    assert [r.outcome for r in loader.reports] == ["failed", "imported"]
