"""One decree, however many forms: the typed text, its PDF and a rescan are recognised as one decree.

Each form is imported as the decree of its own file (its own rows, its own
corrections); forms are the same decree when they name the same kecamatan,
tahun and nomor (`identity_key`), or when their indicators read the same
(`content_key`) without naming different kecamatan or years. One form counts: the others point to it through `twin_of`,
and every view, count, comparison and chart reads only the forms that count.
The first form imported counts until an officer chooses another, which is an
audited correction (`choose`) that can be undone like any other.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from store.enums import CorrectionAction
from store.errors import InvalidCorrection
from store.keys import fold
from store.models import Correction, Decree, SourceFile


def identity_key(kecamatan: str | None, tahun: int | None, nomor: str | None) -> str | None:
    """Kecamatan, tahun and nomor folded; None unless all three are known (two unnumbered decrees are not one)."""
    parts = (fold(kecamatan), str(tahun or ""), fold(nomor))
    return "|".join(parts) if all(parts) else None


def content_key(wordings: Iterable[str | None]) -> str | None:
    """A digest of the indicators' folded wording, in any order; None for a decree without indicators."""
    folded = sorted(filter(None, map(fold, wordings)))
    return hashlib.sha256("\n".join(folded).encode()).hexdigest() if folded else None


def _root(decree: Decree) -> int:
    return decree.twin_of or decree.id


def link(session: Session, decree: Decree) -> None:
    """Point the decree to the form that counts among the earlier forms of the same decree, if any.

    A form that counts for others stays as it is (an officer may have chosen
    it); a form that no longer matches its group after a re-extraction or an
    edit leaves it and counts on its own.
    """
    if session.scalar(select(Decree.id).where(Decree.twin_of == decree.id).limit(1)) is not None:
        return
    earlier = None
    if decree.identity_key:
        earlier = session.scalars(select(Decree).where(Decree.identity_key == decree.identity_key,
                                                       Decree.id < decree.id).order_by(Decree.id).limit(1)).first()
    if earlier is None and decree.content_key:
        same = session.scalars(select(Decree).where(Decree.content_key == decree.content_key, Decree.id < decree.id)
                               .order_by(Decree.id))
        earlier = next((other for other in same if _compatible(other, decree)), None)
    decree.twin_of = _root(earlier) if earlier is not None else None


def _compatible(one: Decree, other: Decree) -> bool:
    """Two decrees worded alike are one only if they do not name different kecamatan or years.

    Kecamatan of one kabupaten often copy its template word for word; a scan
    whose heading could not be read names none, and is the same decree.
    """
    def agree(a: object, b: object) -> bool:
        return a is None or b is None or a == b

    kecamatan = (fold(one.kecamatan) or None, fold(other.kecamatan) or None)
    return agree(*kecamatan) and agree(one.tahun, other.tahun)


@dataclass(frozen=True)
class Form:
    """One form of a decree as the screens list it."""

    decree_id: int
    source_id: int
    name: str
    media_type: str | None
    counts: bool


def forms(session: Session, decree: Decree) -> list[Form]:
    """Every form of the decree this one is a form of, the one that counts first."""
    root = _root(decree)
    query = (select(Decree.id, Decree.twin_of, SourceFile.id, SourceFile.name, SourceFile.media_type)
             .join(SourceFile, SourceFile.id == Decree.source_file_id)
             .where(or_(Decree.id == root, Decree.twin_of == root)).order_by(Decree.id))
    found = [Form(decree_id, source_id, name, media, twin is None)
             for decree_id, twin, source_id, name, media in session.execute(query)]
    return sorted(found, key=lambda form: not form.counts)


def forms_of(session: Session, roots: list[int]) -> dict[int, list[Form]]:
    """The other forms of each decree that counts, for a page of the queue (one query)."""
    if not roots:
        return {}
    query = (select(Decree.id, Decree.twin_of, SourceFile.id, SourceFile.name, SourceFile.media_type)
             .join(SourceFile, SourceFile.id == Decree.source_file_id)
             .where(Decree.twin_of.in_(roots)).order_by(Decree.id))
    found: dict[int, list[Form]] = {}
    for decree_id, twin, source_id, name, media in session.execute(query):
        found.setdefault(twin or 0, []).append(Form(decree_id, source_id, name, media, False))
    return found


def _make_counting(session: Session, decree: Decree) -> int:
    """Make `decree` the form that counts in its group; returns the form that counted before."""
    previous = _root(decree)
    if previous != decree.id:
        session.execute(update(Decree).where(or_(Decree.id == previous, Decree.twin_of == previous),
                                             Decree.id != decree.id).values(twin_of=decree.id))
        session.flush()
        for held in list(session.identity_map.values()):
            if isinstance(held, Decree):
                session.expire(held, ["twin_of"])
        decree.twin_of = None
    return previous


def choose(session: Session, decree: Decree, *, who: str, why: str | None = None) -> Correction:
    """Make this form the one that counts, recorded in the audit trail of its file."""
    from store.corrections import audit_name  # the audit trail's rules live with corrections

    if decree.twin_of is None:
        raise InvalidCorrection(f"decree {decree.id}", "this form already counts")
    previous = session.get_one(Decree, decree.twin_of)
    record = Correction(source_file_id=decree.source_file_id, who=audit_name(who), why=why, at=datetime.now(UTC),
                        action=CorrectionAction.AUTHORITY, old=previous.source_file.name, new=decree.source_file.name,
                        payload={"previous": previous.id})
    session.add(record)
    _make_counting(session, decree)
    return record


def undo_choice(session: Session, correction: Correction) -> None:
    """Give the count back to the form that counted before the reverted choice, if it is still a form of it."""
    previous = session.get(Decree, correction.payload.get("previous"))
    chosen = correction.source_file.decree
    if previous is not None and chosen is not None and previous.twin_of == chosen.id:
        _make_counting(session, previous)
