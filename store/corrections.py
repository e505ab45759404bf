"""Corrections: officers' changes to indicator rows, kept as an audit trail on top of the extraction.

Each change is one `Correction` (who, when, what, old, new, why). Rows hold
the effective values; the extracted ones stay in `IndicatorRow.extracted`.
`replay` rebuilds a decree's effective state from its extraction and every
correction not reverted, which is how re-imports and reverts keep the
officers' work. A correction whose row cannot be found again, by key or by a
close indikator/sasaran text, is marked as a conflict, never dropped.

These functions are the API the command line and the web screens share; they
work inside the caller's session and transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from extract.errors import Message
from normalize.records import Kind
from store import header_edits, twins
from store.decree_counts import refresh_counts
from store.editable import EDITABLE_FIELDS, PARSERS, REQUIRED_FIELDS
from store.enums import CorrectionAction, CorrectionStatus, RowOrigin, SourceStatus
from store.errors import EditConflict, InvalidCorrection, NotFound, StoreError, reason
from store.keys import fold
from store.models import NAME_LENGTH, Concept, Correction, Decree, IndicatorRow, Position, SourceFile
from store.row_versions import raise_floor

EXTRACTED_FIELDS = ("sasaran", "indikator", "kind", "formula", "numerator", "denominator", "multiplier",
                    "sumber_data", "target", "target_value", "target_unit")
MATCH_THRESHOLD = 85.0
MATCH_MARGIN = 3.0
NOT_REPLAYED = (CorrectionAction.REVERT, CorrectionAction.REVIEWED, CorrectionAction.AUTHORITY)
# what "undo" on the review screen steps back through: the edits of the decree's contents
UNDOABLE = tuple(action for action in CorrectionAction if action not in NOT_REPLAYED)


def parse_value(field_name: str, text: str | None) -> Any:
    """Turn the text an officer typed (or the audit trail stored) into the field's value; None clears it."""
    if field_name not in PARSERS:
        raise InvalidCorrection(field_name, "not a field that can be corrected; choose one of %(fields)s",
                                fields=", ".join(PARSERS))
    if text is None or not text.strip():
        if field_name in REQUIRED_FIELDS:
            raise InvalidCorrection(field_name, "%(field)s cannot be empty", field=field_name)
        return None
    try:
        return PARSERS[field_name](text)
    except ValueError as exc:
        raise InvalidCorrection(field_name, "%(text)r is not a valid value: %(reason)s", text=text,
                                reason=reason(exc)) from None


def render_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _fields(values: dict[str, str | None]) -> dict[str, Any]:
    return {name: parse_value(name, text) for name, text in values.items()}


def _snapshot(row: IndicatorRow) -> dict[str, str | None]:
    """What is kept of a target row to find it again by text when its key is gone."""
    return {"sasaran": row.sasaran, "indikator": row.indikator}


def _similarity(snapshot: dict[str, str | None], row: IndicatorRow) -> float:
    indikator = fuzz.token_sort_ratio(fold(snapshot.get("indikator")), fold(row.indikator))
    if not snapshot.get("sasaran"):
        return indikator
    return 0.7 * indikator + 0.3 * fuzz.token_sort_ratio(fold(snapshot.get("sasaran")), fold(row.sasaran))


@dataclass
class DecreeState:
    """A decree's live rows and positions, indexed by their stable keys."""

    session: Session
    decree: Decree
    rows: dict[str, IndicatorRow] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, decree: Decree) -> DecreeState:
        state = cls(session, decree)
        rows = session.scalars(select(IndicatorRow).where(IndicatorRow.decree_id == decree.id))
        state.rows = {row.row_key: row for row in rows}
        positions = session.scalars(select(Position).where(Position.decree_id == decree.id))
        state.positions = {pos.position_key: pos for pos in positions}
        return state

    def row(self, key: str) -> IndicatorRow:
        """The live row with this key, for an officer's edit."""
        found = self.rows.get(key)
        if found is None or found.deleted:
            if found:
                raise NotFound(self.label, "no indicator row %(key)r (it was deleted)", key=key)
            raise NotFound(self.label, "no indicator row %(key)r", key=key)
        return found

    def position(self, key: str) -> Position:
        found = self.positions.get(key)
        if found is None:
            raise NotFound(self.label, "no position %(key)r", key=key)
        return found

    @property
    def label(self) -> str:
        return f"decree {self.decree.id}"

    def find_row(self, key: str, snapshot: dict[str, str | None]) -> IndicatorRow | None:
        """The row a replayed correction means: same key, else the one clearly closest by text."""
        found = self.rows.get(key)
        if found is not None and not found.deleted:
            return found
        scores = sorted(((_similarity(snapshot, row), row) for row in self.rows.values() if not row.deleted),
                        key=itemgetter(0))
        if not scores or scores[-1][0] < MATCH_THRESHOLD:
            return None
        if len(scores) > 1 and scores[-1][0] - scores[-2][0] < MATCH_MARGIN:
            return None
        return scores[-1][1]

    def find_position(self, key: str, jabatan: str | None) -> Position | None:
        if key in self.positions:
            return self.positions[key]
        level = key.split("/", 1)[0]
        scored = [(fuzz.token_sort_ratio(fold(jabatan), fold(pos.jabatan)), pos) for pos in self.positions.values()
                  if pos.level == level and jabatan and pos.jabatan]
        matches = [pos for score, pos in scored if score >= MATCH_THRESHOLD]
        return matches[0] if len(matches) == 1 else None

    def new_row(self, key: str, position: Position, values: dict[str, Any], ordinal: int | None = None) -> IndicatorRow:
        """A row a correction creates, at a version above any its key had before it was dropped."""
        row = IndicatorRow(
            decree_id=self.decree.id, position_id=position.id, row_key=key, origin=RowOrigin.CORRECTION,
            ordinal=ordinal if ordinal is not None else self.next_ordinal(position), kind=Kind.LAINNYA,
            confidence=1.0, notes=[], extra={}, reviewed=False, deleted=False,
            version=(self.decree.row_version_floor or 0) + 1,
        )
        for name, value in values.items():
            setattr(row, name, value)
        self.session.add(row)
        self.rows[key] = row
        return row

    def next_ordinal(self, position: Position) -> int:
        ordinals = [row.ordinal for row in self.rows.values() if row.position_id == position.id]
        return max(ordinals, default=0) + 1


def _copy_values(row: IndicatorRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in EDITABLE_FIELDS}


def _place(rows: list[IndicatorRow]) -> dict[str, Any]:
    """Where `rows` are in the source, as one row's: from the first line to the last, on each page the union
    of their boxes there. A row that corrections make out of others (split, merge) is read from their place,
    so the review screen still shades it on the page."""
    pages = [row.page for row in rows if row.page is not None]
    starts = [row.line_start for row in rows if row.line_start is not None]
    ends = [row.line_end if row.line_end is not None else row.line_start for row in rows
            if row.line_start is not None]
    union: dict[int, list[float]] = {}
    for row in rows:
        for number, x0, y0, x1, y1 in row.boxes():
            held = union.get(int(number))
            union[int(number)] = [min(held[0], x0), min(held[1], y0), max(held[2], x1), max(held[3], y1)] \
                if held else [x0, y0, x1, y1]
    first = min(pages, default=None)
    edges = union.get(first, [None] * 4) if first is not None else [None] * 4
    boxes = [[number, *union[number]] for number in sorted(union)]
    return {"page": first, "line_start": min(starts, default=None), "line_end": max(ends, default=None),
            "box_x0": edges[0], "box_y0": edges[1], "box_x1": edges[2], "box_y1": edges[3],
            "page_boxes": boxes if len(boxes) > 1 else None}


def _last_row(state: DecreeState, position: Position) -> list[IndicatorRow]:
    """The live row an added one comes after at the end of the position's list (none in an empty position)."""
    rows = [row for row in state.rows.values() if row.position_id == position.id and not row.deleted]
    return [max(rows, key=lambda row: (row.ordinal, row.id or 0))] if rows else []


class _Unresolved(Exception):
    """A replayed correction's row or position is gone; the message says which."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


# what a replayed correction's conflict says (kept in English as every stored text; the history translates it)
ROW_GONE = Message("row %(key)s (%(indikator)s) is no longer in the decree")
POSITION_GONE = Message("position %(key)s (%(jabatan)s) is no longer in the decree")


def _targets(state: DecreeState, correction: Correction, live: bool) -> list[IndicatorRow]:
    rows = []
    for key, snapshot in correction.payload.get("targets", {}).items():
        row = state.row(key) if live else state.find_row(key, snapshot)
        if row is None:
            raise _Unresolved(Message(ROW_GONE.template, {"key": repr(key),
                                                          "indikator": repr(snapshot.get("indikator"))}))
        rows.append(row)
    return rows


def _destination(state: DecreeState, correction: Correction, live: bool) -> Position:
    key = correction.payload["position_key"]
    position = state.position(key) if live else state.find_position(key, correction.payload.get("jabatan"))
    if position is None:
        raise _Unresolved(Message(POSITION_GONE.template, {"key": repr(key),
                                                            "jabatan": repr(correction.payload.get("jabatan"))}))
    return position


def _apply(state: DecreeState, correction: Correction, live: bool) -> None:
    """Carry out one correction on the decree's rows (live: exactly as the officer asked)."""
    targets = _targets(state, correction, live)
    payload = correction.payload
    action = correction.action
    if action == CorrectionAction.SET:
        name = correction.field or ""
        setattr(targets[0], name, parse_value(name, correction.new))
    elif action == CorrectionAction.ADD:
        position = _destination(state, correction, live)
        state.new_row(f"c{correction.id}", position,
                      {**_place(_last_row(state, position)), **_fields(payload["fields"])})
    elif action == CorrectionAction.DELETE:
        targets[0].deleted = True
    elif action == CorrectionAction.SPLIT:
        source = targets[0]
        source.deleted = True
        for number, part in enumerate(payload["parts"], start=1):
            state.new_row(f"c{correction.id}.{number}", source.position,
                          {**_copy_values(source), **_place([source]), **_fields(part)}, ordinal=source.ordinal)
    elif action == CorrectionAction.MERGE:
        first = targets[0]
        for row in targets:
            row.deleted = True
        state.new_row(f"c{correction.id}", first.position,
                      {**_copy_values(first), **_place(targets), **_fields(payload["fields"])}, ordinal=first.ordinal)
    elif action == CorrectionAction.MOVE:
        position = _destination(state, correction, live)
        targets[0].ordinal = state.next_ordinal(position)
        targets[0].position = position
    elif action == CorrectionAction.POSITION:
        name = correction.field or ""
        header_edits.set_position(_destination(state, correction, live), name,
                                  header_edits.parse(name, correction.new, header_edits.POSITION_FIELDS))
    elif action == CorrectionAction.DECREE:
        name = correction.field or ""
        header_edits.set_decree(state.decree, name, header_edits.parse(name, correction.new,
                                                                       header_edits.DECREE_FIELDS))
        if name in header_edits.IDENTITY_FIELDS:
            header_edits.regroup(state.session, state.decree)
    correction.applied_row_keys = [row.row_key for row in targets]
    moved = correction.applied_row_keys != list(payload.get("targets", {}))
    correction.status = CorrectionStatus.REMATCHED if moved else CorrectionStatus.APPLIED
    correction.conflict = correction.conflict_said = None


def _drop_added(state: DecreeState) -> None:
    """Remove the rows corrections created; replay creates them again under the same keys, above the floor."""
    raise_floor(state.session, state.decree, (IndicatorRow.decree_id == state.decree.id)
                & (IndicatorRow.origin == RowOrigin.CORRECTION))
    for key, row in list(state.rows.items()):
        if row.origin == RowOrigin.CORRECTION:
            state.session.delete(row)
            del state.rows[key]
    state.session.flush()


def _restore_extracted(state: DecreeState) -> None:
    """Put every row back as extracted (in memory: a row that replay leaves unchanged keeps its version)."""
    for row in state.rows.values():
        extracted = row.extracted
        if extracted is None:
            raise StoreError(state.label, "row %(key)s has no extracted values to restore", key=row.row_key)
        for name in EXTRACTED_FIELDS:
            setattr(row, name, extracted.get(name))
        row.position = state.positions[extracted["position_key"]]
        row.ordinal = extracted["ordinal"]
        row.deleted = False
        row.reviewed = False
        row.concept_id = None
    header_edits.restore(state.decree, list(state.positions.values()))


def replay(session: Session, decree: Decree) -> list[Correction]:
    """Rebuild the decree's effective rows from extraction + live corrections; returns those in conflict."""
    state = DecreeState.load(session, decree)
    query = (select(Correction)
             .where(Correction.source_file_id == decree.source_file_id, Correction.action.not_in(NOT_REPLAYED),
                    Correction.reverted.is_(False))
             .order_by(Correction.id))
    corrections = list(session.scalars(query))
    conflicts = []
    _drop_added(state)
    with session.no_autoflush:
        _restore_extracted(state)
        for correction in corrections:
            try:
                _apply(state, correction, live=False)
            except (_Unresolved, InvalidCorrection) as exc:
                correction.status = CorrectionStatus.CONFLICT
                correction.conflict = str(exc)
                correction.conflict_said = _said(exc)
                correction.applied_row_keys = []
                conflicts.append(correction)
    session.flush()
    refresh_counts(session, [decree.id])
    return conflicts


def _said(exc: _Unresolved | InvalidCorrection) -> dict[str, Any]:
    """A conflict as data, so that the history says it in its reader's language (`conflict` keeps the English)."""
    said = exc.message.as_data()
    return said if isinstance(exc, _Unresolved) else {**said, "source": exc.source}


def _check_versions(rows: list[IndicatorRow], expected: dict[str, int] | None) -> None:
    for row in rows:
        wanted = (expected or {}).get(row.row_key)
        if wanted is not None and wanted != row.version:
            raise EditConflict(f"row {row.row_key}", "it was changed by someone else (version %(read)s was read, "
                                                     "it is now %(now)s); reload it and edit again",
                               read=wanted, now=row.version)


def _record(session: Session, decree: Decree, correction: Correction, expected: dict[str, int] | None) -> Correction:
    """Validate, store and apply an officer's correction; a concurrent edit of the same row raises EditConflict."""
    state = DecreeState.load(session, decree)
    targets = _targets(state, correction, live=True)
    _check_versions(targets, expected)
    correction.who = audit_name(correction.who)
    correction.source_file_id = decree.source_file_id
    correction.at = datetime.now(UTC)
    correction.payload = {**correction.payload, "targets": {row.row_key: _snapshot(row) for row in targets}}
    session.add(correction)
    label = state.label
    try:
        session.flush()
        _apply(state, correction, live=True)
        session.flush()
    except StaleDataError:
        raise EditConflict(label, "a row was changed by someone else at the same moment; "
                                                   "reload it and edit again") from None
    refresh_counts(session, [decree.id])
    return correction


def _one(expected_version: int | None, row_key: str) -> dict[str, int] | None:
    return None if expected_version is None else {row_key: expected_version}


def set_field(session: Session, decree: Decree, row_key: str, field_name: str, value: str | None, *,
              who: str, why: str | None = None, expected_version: int | None = None) -> Correction:
    """Change one field of one row; `value` is text as typed, None or empty clears the field."""
    parsed = parse_value(field_name, value)
    if field_name == "concept_id" and parsed is not None and session.get(Concept, parsed) is None:
        raise InvalidCorrection(f"concept {parsed}", "no such concept")
    new = render_value(parsed)
    old = render_value(getattr(DecreeState.load(session, decree).row(row_key), field_name))
    correction = Correction(who=who, why=why, action=CorrectionAction.SET, target_row_key=row_key,
                            field=field_name, old=old, new=new, payload={"targets": {row_key: {}}})
    return _record(session, decree, correction, _one(expected_version, row_key))


def add_row(session: Session, decree: Decree, position_key: str, values: dict[str, str | None], *,
            who: str, why: str | None = None) -> Correction:
    """Add an indicator the extraction missed, at the end of a position's list."""
    _fields(values)
    position = DecreeState.load(session, decree).position(position_key)
    correction = Correction(who=who, why=why, action=CorrectionAction.ADD, new=values.get("indikator"),
                            payload={"position_key": position_key, "jabatan": position.jabatan, "fields": values})
    return _record(session, decree, correction, None)


def delete_row(session: Session, decree: Decree, row_key: str, *, who: str, why: str | None = None,
               expected_version: int | None = None) -> Correction:
    """Hide a row that is not an indicator; its extracted values stay for the record."""
    old = DecreeState.load(session, decree).row(row_key).indikator
    correction = Correction(who=who, why=why, action=CorrectionAction.DELETE, target_row_key=row_key, old=old,
                            payload={"targets": {row_key: {}}})
    return _record(session, decree, correction, _one(expected_version, row_key))


def split_row(session: Session, decree: Decree, row_key: str, parts: list[dict[str, str | None]], *,
              who: str, why: str | None = None, expected_version: int | None = None) -> Correction:
    """Replace a row that holds several indicators by one row per part (each part overrides some fields)."""
    if len(parts) < 2:
        raise InvalidCorrection(row_key, "a split needs at least two parts")
    for part in parts:
        _fields(part)
    old = DecreeState.load(session, decree).row(row_key).indikator
    correction = Correction(who=who, why=why, action=CorrectionAction.SPLIT, target_row_key=row_key, old=old,
                            new=" | ".join(str(part.get("indikator") or "") for part in parts),
                            payload={"targets": {row_key: {}}, "parts": parts})
    return _record(session, decree, correction, _one(expected_version, row_key))


def merge_rows(session: Session, decree: Decree, row_keys: list[str], values: dict[str, str | None], *,
               who: str, why: str | None = None, expected_versions: dict[str, int] | None = None) -> Correction:
    """Replace rows the extraction cut apart by one row: the first row's values overridden by `values`."""
    if len(set(row_keys)) < 2:
        raise InvalidCorrection(", ".join(row_keys), "a merge needs at least two different rows")
    _fields(values)
    correction = Correction(who=who, why=why, action=CorrectionAction.MERGE, target_row_key=row_keys[0],
                            old=", ".join(row_keys), new=values.get("indikator"),
                            payload={"targets": dict.fromkeys(row_keys, {}), "fields": values})
    return _record(session, decree, correction, expected_versions)


def move_row(session: Session, decree: Decree, row_key: str, position_key: str, *, who: str,
             why: str | None = None, expected_version: int | None = None) -> Correction:
    """Put a row under the position it belongs to."""
    state = DecreeState.load(session, decree)
    row, position = state.row(row_key), state.position(position_key)
    correction = Correction(who=who, why=why, action=CorrectionAction.MOVE, target_row_key=row_key,
                            old=row.position.position_key, new=position_key,
                            payload={"targets": {row_key: {}}, "position_key": position_key,
                                     "jabatan": position.jabatan})
    return _record(session, decree, correction, _one(expected_version, row_key))


def revert(session: Session, correction_id: int, *, who: str, why: str | None = None) -> Correction:
    """Undo a correction (recorded as a correction too) and rebuild the decree without it.

    Undoing a decree's "reviewed" puts it back among those waiting for review.
    """
    target = session.get(Correction, correction_id)
    if target is None:
        raise NotFound(f"correction {correction_id}", "no such correction")
    if target.action == CorrectionAction.REVERT or target.reverted:
        raise InvalidCorrection(f"correction {correction_id}", "it is a revert or already reverted")
    decree = target.source_file.decree
    if decree is None:
        raise NotFound(f"correction {correction_id}", "its decree is not in the database")
    at = datetime.now(UTC)
    target.reverted, target.reverted_at = True, at
    record = Correction(source_file_id=target.source_file_id, who=audit_name(who), why=why, at=at,
                        action=CorrectionAction.REVERT, target_row_key=target.target_row_key, field=target.field,
                        old=target.new, new=target.old, reverts_id=target.id, payload={})
    session.add(record)
    session.flush()
    if target.action == CorrectionAction.REVIEWED:
        target.source_file.status = SourceStatus.NEEDS_REVIEW
    elif target.action == CorrectionAction.AUTHORITY:
        twins.undo_choice(session, target)
    else:
        replay(session, decree)
    return record


def last_undoable(session: Session, decree: Decree, who: str) -> Correction | None:
    """The latest edit of the decree's contents by `who` still in force: what the next "undo" takes back."""
    query = (select(Correction).where(Correction.source_file_id == decree.source_file_id,
                                      Correction.who == who.strip(), Correction.action.in_(UNDOABLE),
                                      Correction.reverted.is_(False))
             .order_by(Correction.id.desc()).limit(1))
    return session.scalars(query).first()


def undoable_count(session: Session, decree: Decree, who: str) -> int:
    query = select(Correction.id).where(Correction.source_file_id == decree.source_file_id,
                                        Correction.who == who.strip(), Correction.action.in_(UNDOABLE),
                                        Correction.reverted.is_(False))
    return len(session.scalars(query).all())


def _as_kept(field_name: str, expected: str | None, allowed: tuple[str, ...]) -> str | None:
    """The value a screen read, in the form the audit trail keeps (a browser sends line breaks as CR LF)."""
    return None if expected is None else header_edits.render(header_edits.parse(field_name, expected, allowed))


def _expect(current: str | None, expected: str | None, what: str) -> None:
    if expected is not None and expected != current:
        raise EditConflict(what, "it was changed by someone else (it read %(read)r, it now reads %(now)r); "
                                 "reload it and edit again", read=expected, now=current)


def edit_position(session: Session, decree: Decree, position_key: str, field_name: str, value: str | None, *,
                  who: str, why: str | None = None, expected: str | None = None) -> Correction:
    """Change a position's jabatan, level, tugas or fungsi (one item a line); `expected` is the value read."""
    new = header_edits.render(header_edits.parse(field_name, value, header_edits.POSITION_FIELDS))
    position = DecreeState.load(session, decree).position(position_key)
    old = header_edits.render(header_edits.position_value(position, field_name))
    _expect(old, _as_kept(field_name, expected, header_edits.POSITION_FIELDS), f"position {position_key}")
    correction = Correction(who=who, why=why, action=CorrectionAction.POSITION, field=field_name, old=old, new=new,
                            payload={"position_key": position_key, "jabatan": position.jabatan})
    return _record(session, decree, correction, None)


def edit_decree(session: Session, decree: Decree, field_name: str, value: str | None, *, who: str,
                why: str | None = None, expected: str | None = None) -> Correction:
    """Change one of the decree's fields (kecamatan, kabupaten, tahun, nomor, tanggal, penandatangan, nip)."""
    new = header_edits.render(header_edits.parse(field_name, value, header_edits.DECREE_FIELDS))
    old = header_edits.render(getattr(decree, field_name))
    _expect(old, _as_kept(field_name, expected, header_edits.DECREE_FIELDS), f"decree {decree.id}")
    correction = Correction(who=who, why=why, action=CorrectionAction.DECREE, field=field_name, old=old, new=new,
                            payload={})
    return _record(session, decree, correction, None)


def mark_reviewed(session: Session, decree: Decree, *, who: str, why: str | None = None) -> Correction:
    """Record in the audit trail that an officer checked the whole decree; it stays reviewed across re-extractions.

    Refused while any of its corrections is in conflict.
    """
    pending = [c.id for c in history(session, decree) if c.status == CorrectionStatus.CONFLICT and not c.reverted]
    if pending:
        listed = ", ".join(map(str, pending))
        raise InvalidCorrection(f"decree {decree.id}", "resolve the corrections in conflict first (%(listed)s; "
                                                        "see `iki correct conflicts`)", listed=listed)
    record = Correction(source_file_id=decree.source_file_id, who=audit_name(who), why=why, at=datetime.now(UTC),
                        action=CorrectionAction.REVIEWED, payload={})
    session.add(record)
    decree.source_file.status = SourceStatus.REVIEWED
    session.flush()
    return record


def is_reviewed(session: Session, source: SourceFile) -> bool:
    """Whether an officer's "reviewed" of this file stands (recorded and not undone)."""
    query = select(Correction.id).where(Correction.source_file_id == source.id,
                                        Correction.action == CorrectionAction.REVIEWED, Correction.reverted.is_(False))
    return session.scalar(query.limit(1)) is not None


def audit_name(who: str) -> str:
    """The name the audit trail keeps for whoever made a change; refused when empty or too long to keep."""
    name = who.strip()
    if not name or len(name) > NAME_LENGTH:
        raise InvalidCorrection("who", "a name of 1 to %(most)s characters is needed (%(given)s given)",
                                most=NAME_LENGTH, given=len(name))
    return name


def conflicts(session: Session) -> list[Correction]:
    """Corrections that could not be re-applied after a re-import and wait for an officer."""
    query = select(Correction).where(Correction.status == CorrectionStatus.CONFLICT, Correction.reverted.is_(False))
    return list(session.scalars(query.order_by(Correction.id)))


def history(session: Session, decree: Decree) -> list[Correction]:
    query = select(Correction).where(Correction.source_file_id == decree.source_file_id)
    return list(session.scalars(query.order_by(Correction.id)))
