"""The pivot's and charts' sums from the held tally agree with the same sums counted in SQL, and follow the store."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store import corrections, twins
from store.concept_assignment import assign_concepts
from store.db import open_store
from store.models import ConceptWording, Decree, IndicatorRow, Position
from store.queries import distinct_values
from web.settings import Settings
from web.tallies import Filter, Sums, Tallies, Tally


def _live(*columns):
    """Live rows of the decrees that count, selecting `columns`, with their decree and position joined."""
    return (select(*columns).select_from(IndicatorRow).join(Decree, Decree.id == IndicatorRow.decree_id)
            .join(Position, Position.id == IndicatorRow.position_id)
            .where(IndicatorRow.deleted.is_(False), Decree.twin_of.is_(None)))


def _filtered(query, choice: Filter):
    if choice.kabupaten:
        query = query.where(func.lower(Decree.kabupaten) == choice.kabupaten.lower())
    if choice.tahun is not None:
        query = query.where(Decree.tahun == choice.tahun)
    if choice.kecamatan:
        query = query.where(func.lower(Decree.kecamatan).like(f"%{choice.kecamatan.lower()}%"))
    if choice.level:
        query = query.where(func.lower(Position.level) == choice.level.lower())
    if choice.kind:
        query = query.where(IndicatorRow.kind == choice.kind)
    return query


def _choices(session: Session) -> list[Filter]:
    """No filter, and each filter on a value the samples have (one that keeps some rows, one that keeps none)."""
    decree = session.execute(select(Decree.kabupaten, Decree.tahun, Decree.kecamatan)
                             .where(Decree.twin_of.is_(None)).order_by(Decree.id)).first()
    assert decree is not None
    level = session.scalar(select(Position.level).where(Position.level.is_not(None)).limit(1))
    kind = session.scalar(select(IndicatorRow.kind).limit(1))
    return [Filter(), Filter(kabupaten=decree[0].upper()), Filter(tahun=decree[1]), Filter(kecamatan=decree[2][1:4]),
            Filter(level=level.upper()), Filter(kind=kind), Filter(kabupaten=decree[0], level=level, kind=kind),
            Filter(kabupaten="nowhere")]


def test_sums_agree_with_sql_under_every_filter(settings: Settings) -> None:
    with open_store(settings.db_url)() as session:
        tally = Tally.read(session)
        for choice in _choices(session):
            sums = Sums(tally, choice)
            concepts = _filtered(_live(IndicatorRow.concept_id, func.count(func.distinct(IndicatorRow.decree_id)))
                                 .where(IndicatorRow.concept_id.is_not(None)), choice).group_by(IndicatorRow.concept_id)
            assert {(concept, count) for concept, _, count in sums.concepts()} == set(session.execute(concepts).all())
            kinds = _filtered(_live(IndicatorRow.kind, func.count()), choice).group_by(IndicatorRow.kind)
            assert set(sums.rows_by(tally.row_kind, tally.kinds)) == set(session.execute(kinds).all())
            levels = (_filtered(_live(Position.level, func.count()), choice).where(Position.level.is_not(None))
                      .group_by(Position.level))
            assert set(sums.rows_by(tally.row_level, tally.levels)) == set(session.execute(levels).all())
            pairs = (_filtered(_live(Decree.kabupaten, IndicatorRow.kind, func.count()), choice)
                     .where(Decree.kabupaten.is_not(None)).group_by(Decree.kabupaten, IndicatorRow.kind))
            assert set(sums.rows_by_kabupaten_and_kind()) == set(session.execute(pairs).all())
            decrees = select(Decree.kabupaten, Decree.tahun, Decree.kecamatan).where(Decree.twin_of.is_(None))
            found = session.execute(_filtered(decrees, Filter(choice.kabupaten, choice.tahun, choice.kecamatan))).all()
            assert sums.decree_count == len(found)
            years = {tahun: sum(1 for row in found if row[1] == tahun) for _, tahun, _ in found if tahun is not None}
            assert dict(sums.years()) == years
        assert any(Sums(tally, choice).concepts() for choice in _choices(session))


def test_the_tally_counts_each_concepts_wordings(settings: Settings) -> None:
    factory = open_store(settings.db_url)
    with factory.begin() as session:
        assign_concepts(session)
    with factory() as session:
        wordings = select(ConceptWording.concept_id, func.count()).where(ConceptWording.concept_id.is_not(None))
        found = Tally.read(session).wordings
        assert found and found == dict(session.execute(wordings.group_by(ConceptWording.concept_id)).all())


def test_the_filters_offer_what_some_effective_row_has(settings: Settings) -> None:
    with open_store(settings.db_url)() as session:
        offered = Tally.read(session).choices
        assert offered == {name: distinct_values(session, name) for name in ("kabupaten", "tahun", "level", "kind")}
        assert all(offered.values())


def _wait_for(tallies: Tallies, session: Session, changed: Tally) -> Tally:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        tally = tallies.get(session)
        if tally is not changed:
            return tally
        time.sleep(0.05)
    pytest.fail("the tally was never read again")


def _sums(tally: Tally, choices: list[Filter]) -> list[tuple]:
    found = []
    for choice in choices:
        sums = Sums(tally, choice)
        found.append((sorted(sums.concepts()), sorted(sums.rows_by(tally.row_kind, tally.kinds)),
                      sorted(sums.rows_by(tally.row_level, tally.levels)), sorted(sums.rows_by_kabupaten_and_kind()),
                      sums.decree_count, sorted(sums.years())))
    return found


def test_tallies_answer_at_once_then_follow_corrections_as_a_full_reading_would(settings: Settings) -> None:
    factory = open_store(settings.db_url)
    tallies = Tallies(factory)
    with factory() as session:
        first = tallies.get(session)
        assert tallies.get(session) is first  # the store has not changed: nothing is read again
        decree_id, row_key, kind = session.execute(_live(IndicatorRow.decree_id, IndicatorRow.row_key,
                                                         IndicatorRow.kind).order_by(IndicatorRow.id).limit(1)).one()
        before = dict(Sums(first, Filter()).rows_by(first.row_kind, first.kinds))
        choices = _choices(session)
        other = session.scalars(select(Decree).where(Decree.twin_of.is_not(None))).first()
        assert other is not None
        other_id = other.id
    with factory.begin() as session:
        corrections.delete_row(session, session.get_one(Decree, decree_id), row_key, who="olivia", why="test")
    with factory() as session:
        assert tallies.get(session) is first  # answered with what is held while the store is read again
        second = _wait_for(tallies, session, first)
        after = dict(Sums(second, Filter()).rows_by(second.row_kind, second.kinds))
        assert after[kind] == before[kind] - 1
        assert _sums(second, choices) == _sums(Tally.read(session), choices)
    with factory.begin() as session:  # another form of a decree made the one that counts
        twins.choose(session, session.get_one(Decree, other_id), who="olivia", why="test")
    with factory() as session:
        tallies.get(session)
        third = _wait_for(tallies, session, second)
        assert other_id in third.decree_ids.tolist() and other_id not in second.decree_ids.tolist()
        assert _sums(third, choices) == _sums(Tally.read(session), choices)
