"""The review screen and its edits: cells, structural fixes of rows, positions, the decree's fields, step-by-step undo,
the form that counts, and the decree marked reviewed.

Every edit is a correction of store.corrections (audited with who, when and
the optional reason typed on the screen, replayed over every re-extraction);
the JSON answers carry what the screen updates in place: the row's new
version and values, the rows still waiting for confirmation, the steps left
to undo. Structural edits change row keys, so the screen reloads after them.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from extract.reader import sniff
from normalize.records import Kind, Level
from store import corrections, twins
from store.concept_refresh import edited_by, refresh_concepts
from store.errors import EditConflict, InvalidCorrection, NotFound, StoreError
from store.models import Correction, Decree
from store.originals import Originals
from web import desk, reasons
from web.deps import RowId, db, factory, originals, reason
from web.i18n import _, said
from web.security import CurrentUser, check_csrf, current_user, editor, local_path
from web.sources import text_lines
from web.templating import templates

# Fields the concept grouping reads: a change to one of them may move the row to another concept.
CONCEPT_FIELDS = frozenset({"indikator", "kind", "formula", "numerator", "denominator", "concept_id"})

router = APIRouter()
EDIT = [Depends(check_csrf)]


def load_decree(session: Session, decree_id: int) -> Decree:
    decree = session.get(Decree, decree_id)
    if decree is None:
        raise HTTPException(404, _("There is no decree %(id)s.", id=decree_id))
    return decree


@router.get("/decrees/{decree_id}")
def review(request: Request, decree_id: RowId, row: str = "", user: CurrentUser = Depends(current_user),
           session: Session = Depends(db), kept: Originals = Depends(originals)) -> Response:
    decree = load_decree(session, decree_id)
    path = kept.path(decree.source_file)
    media = sniff(path) if path else None
    lines = text_lines(path) if path and media and media.startswith("text/") else None
    blocks = desk.decree_grid(session, decree)
    context = {"decree": decree, "source": decree.source_file, "blocks": blocks,
               "waiting": decree.unconfirmed_count, "fields": desk.GRID_FIELDS, "extra_fields": desk.EXTRA_FIELDS,
               "decree_fields": desk.DECREE_FIELDS, "kinds": list(Kind), "levels": list(Level),
               "doubtful": desk.doubtful_fields, "needs_confirmation": desk.needs_confirmation,
               "row_pages": desk.row_pages,
               "available": path is not None, "lines": lines, "recent": desk.last_corrections(session, decree),
               "forms": twins.forms(session, decree), "chosen_row": row, "user": user,
               "undo_steps": corrections.undoable_count(session, decree, user.name),
               "render": corrections.render_value}
    return templates.TemplateResponse(request, "review.html", context)


def _refused(exc: StoreError) -> JSONResponse:
    """A refused edit, said in the screen's language; the store's own words follow as the detail."""
    if isinstance(exc, EditConflict):
        message, status = _("Not saved: someone else changed this since you opened it; reload the page and edit "
                            "again."), 409
    elif isinstance(exc, NotFound):
        message, status = _("Not saved: it is no longer there; reload the page."), 404
    else:
        message, status = _("Not saved: the value is not valid."), 422
    return JSONResponse({"error": f"{message} ({said(exc.message)})"}, status_code=status)


def _answer(session: Session, decree: Decree, user: CurrentUser, done: Correction | None,
            **extra: Any) -> JSONResponse:
    session.flush()
    session.refresh(decree)
    body = {"correction_id": done.id if done else None, "waiting": decree.unconfirmed_count,
            "undo_steps": corrections.undoable_count(session, decree, user.name)}
    return JSONResponse({**body, **extra})


def _edit(sessions: sessionmaker[Session], decree_id: int, user: CurrentUser,
          change: Callable[[Session, Decree], tuple[Correction | None, dict[str, Any]]]) -> Response:
    """Run one edit in a transaction, place the rows it touched against the concepts, answer JSON."""
    try:
        with sessions.begin() as session:
            decree = load_decree(session, decree_id)
            done, extra = change(session, decree)
            if done is not None:
                refresh_concepts(session, edited_by(session, [done]))
            return _answer(session, decree, user, done, **extra)
    except StoreError as exc:
        return _refused(exc)


@router.post("/api/decrees/{decree_id}/rows/{row_key}", dependencies=EDIT)
def edit_cell(decree_id: RowId, row_key: str, field: str = Form(), value: str = Form(""), version: int = Form(),
              why: str = Form(""), user: CurrentUser = Depends(editor),
              sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Save one cell as a correction; a row changed by someone else since it was read answers 409."""
    def change(session: Session, decree: Decree) -> tuple[Correction | None, dict[str, Any]]:
        done = corrections.set_field(session, decree, row_key, field, value, who=user.name, why=reason(why),
                                     expected_version=version)
        if field in CONCEPT_FIELDS:
            refresh_concepts(session, {decree.id: [row_key]})
        row = corrections.DecreeState.load(session, decree).row(row_key)
        values = {name: corrections.render_value(getattr(row, name))
                  for name in (*desk.GRID_FIELDS, *desk.EXTRA_FIELDS, "reviewed")}
        return None, {"correction_id": done.id, "row_key": row.row_key, "version": row.version, "values": values}

    return _edit(sessions, decree_id, user, change)


@router.post("/api/decrees/{decree_id}/rows/{row_key}/split", dependencies=EDIT)
def split(decree_id: RowId, row_key: str, parts: list[str] = Form(), version: int = Form(), why: str = Form(""),
          user: CurrentUser = Depends(editor), sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Replace a row holding several indicators by one row per part (each part's indikator typed on screen)."""
    pieces: list[dict[str, str | None]] = [{"indikator": part} for part in parts if part.strip()]
    return _edit(sessions, decree_id, user, lambda session, decree: (corrections.split_row(
        session, decree, row_key, pieces, who=user.name, why=reason(why), expected_version=version), {}))


@router.post("/api/decrees/{decree_id}/rows/{row_key}/delete", dependencies=EDIT)
def delete(decree_id: RowId, row_key: str, version: int = Form(), why: str = Form(""),
           user: CurrentUser = Depends(editor), sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    return _edit(sessions, decree_id, user, lambda session, decree: (corrections.delete_row(
        session, decree, row_key, who=user.name, why=reason(why), expected_version=version), {}))


@router.post("/api/decrees/{decree_id}/rows/{row_key}/move", dependencies=EDIT)
def move(decree_id: RowId, row_key: str, position_key: str = Form(), version: int = Form(), why: str = Form(""),
         user: CurrentUser = Depends(editor), sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    return _edit(sessions, decree_id, user, lambda session, decree: (corrections.move_row(
        session, decree, row_key, position_key, who=user.name, why=reason(why), expected_version=version), {}))


@router.post("/api/decrees/{decree_id}/merge", dependencies=EDIT)
def merge(decree_id: RowId, rows: list[str] = Form(), indikator: str = Form(""), why: str = Form(""),
          user: CurrentUser = Depends(editor), sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Merge rows the extraction cut apart; `rows` are "key:version" in document order."""
    chosen = dict(item.rsplit(":", 1) for item in rows if ":" in item)
    versions = {key: int(version) for key, version in chosen.items() if version.isdigit()}
    values: dict[str, str | None] = {"indikator": indikator} if indikator.strip() else {}
    return _edit(sessions, decree_id, user, lambda session, decree: (corrections.merge_rows(
        session, decree, list(chosen), values, who=user.name, why=reason(why), expected_versions=versions), {}))


@router.post("/api/decrees/{decree_id}/positions/rows", dependencies=EDIT)
def add(decree_id: RowId, position_key: str = Form(), indikator: str = Form(), sasaran: str = Form(""),
        why: str = Form(""), user: CurrentUser = Depends(editor),
        sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    values: dict[str, str | None] = {"indikator": indikator, **({"sasaran": sasaran} if sasaran.strip() else {})}
    return _edit(sessions, decree_id, user, lambda session, decree: (corrections.add_row(
        session, decree, position_key, values, who=user.name, why=reason(why)), {}))


@router.post("/api/decrees/{decree_id}/positions", dependencies=EDIT)
def edit_position(decree_id: RowId, position_key: str = Form(), field: str = Form(), value: str = Form(""),
                  expected: str = Form(""), why: str = Form(""), user: CurrentUser = Depends(editor),
                  sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Change a position's jabatan, level, tugas or fungsi (one item a line); `expected` is the value read."""
    def change(session: Session, decree: Decree) -> tuple[Correction | None, dict[str, Any]]:
        done = corrections.edit_position(session, decree, position_key, field, value, who=user.name, why=reason(why),
                                         expected=expected)
        position = corrections.DecreeState.load(session, decree).position(position_key)
        return done, {"value": done.new, "canonical_jabatan": position.canonical_jabatan}

    return _edit(sessions, decree_id, user, change)


@router.post("/api/decrees/{decree_id}/fields", dependencies=EDIT)
def edit_decree(decree_id: RowId, field: str = Form(), value: str = Form(""), expected: str = Form(""),
                why: str = Form(""), user: CurrentUser = Depends(editor),
                sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Change one of the decree's own fields; a new kecamatan or kabupaten places the decree again."""
    def change(session: Session, decree: Decree) -> tuple[Correction | None, dict[str, Any]]:
        done = corrections.edit_decree(session, decree, field, value, who=user.name, why=reason(why),
                                       expected=expected)
        return done, {"value": done.new, "kecamatan_code": decree.kecamatan_code}

    return _edit(sessions, decree_id, user, change)


@router.post("/api/decrees/{decree_id}/undo", dependencies=EDIT)
def undo(decree_id: RowId, user: CurrentUser = Depends(editor),
         sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Take back this officer's latest edit of the decree that is still in force; again for the one before."""
    def change(session: Session, decree: Decree) -> tuple[Correction | None, dict[str, Any]]:
        target = corrections.last_undoable(session, decree, user.name)
        if target is None:
            raise InvalidCorrection(f"decree {decree.id}", "nothing of yours left to undo")
        record = corrections.revert(session, target.id, who=user.name, why=reasons.UNDONE)
        refresh_concepts(session, edited_by(session, [record, target]))
        return None, {"reverted": target.id}

    return _edit(sessions, decree_id, user, change)


@router.post("/decrees/{decree_id}/counts", dependencies=EDIT)
def make_counting(decree_id: RowId, user: CurrentUser = Depends(editor),
                  sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Make this form of the decree the one that counts (audited, undone from the history)."""
    try:
        with sessions.begin() as session:
            twins.choose(session, load_decree(session, decree_id), who=user.name, why=None)
    except InvalidCorrection as exc:
        raise HTTPException(409, _("This form already counts.") + f" ({said(exc.message)})") from None
    return RedirectResponse(f"/decrees/{decree_id}", status_code=303)


@router.post("/decrees/{decree_id}/reviewed", dependencies=EDIT)
def mark_reviewed(decree_id: RowId, user: CurrentUser = Depends(editor),
                  sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    try:
        with sessions.begin() as session:
            corrections.mark_reviewed(session, load_decree(session, decree_id), who=user.name,
                                      why=reasons.CHECKED)
    except InvalidCorrection as exc:
        raise HTTPException(409, _("Resolve the corrections in conflict first.") + f" ({said(exc.message)})") from None
    return RedirectResponse("/queue", status_code=303)


@router.post("/corrections/{correction_id}/revert", dependencies=EDIT)
def revert(request: Request, correction_id: RowId, back: str = Form("/history"), user: CurrentUser = Depends(editor),
           sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Undo a correction (the undo is itself recorded); answers JSON to scripts, a redirect to forms."""
    try:
        with sessions.begin() as session:
            record = corrections.revert(session, correction_id, who=user.name, why=reasons.UNDONE)
            record_id = record.id
            refresh_concepts(session, edited_by(session, [record, session.get_one(Correction, correction_id)]))
    except NotFound:
        raise HTTPException(404, _("There is no correction %(id)s.", id=correction_id)) from None
    except InvalidCorrection:
        raise HTTPException(409, _("Correction %(id)s is a revert or already reverted.", id=correction_id)) from None
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"revert_id": record_id, "reverted": correction_id})
    return RedirectResponse(local_path(back, "/history"), status_code=303)
