"""The officers' desk: the queue with uploads, the review screen and its edits, and bulk corrections."""
from __future__ import annotations

from dataclasses import replace as replace_version

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from extract.reader import sniff
from normalize.records import Kind
from store import corrections
from store.concept_refresh import edited_by, refresh_concepts
from store.errors import EditConflict, InvalidCorrection, NotFound
from store.models import Correction, Decree, IndicatorRow
from web import bulk, desk
from web.deps import MAX_ID, OptionalId, RowId, db, factory, settings
from web.security import (
    CSRF_FAILED,
    CSRF_FIELD,
    CSRF_HEADER,
    CurrentUser,
    check_csrf,
    csrf_matches,
    current_user,
    editor,
    local_path,
)
from web.settings import Settings
from web.sources import original, text_lines
from web.templating import templates
from web.uploads import Job, UploadRefused

# Fields the concept grouping reads: a change to one of them may move the row to another concept.
CONCEPT_FIELDS = frozenset({"indikator", "kind", "formula", "numerator", "denominator", "concept_id"})

router = APIRouter()
EDIT = [Depends(check_csrf)]


@router.get("/")
def home(user: CurrentUser = Depends(current_user)) -> Response:
    return RedirectResponse("/queue" if user.can_edit else "/compare", status_code=303)


def _queue_page(request: Request, session: Session, user: CurrentUser, error: str | None = None,
                status: int = 200) -> Response:
    context = {"entries": desk.queue(session), "jobs": request.app.state.uploads.recent(), "user": user,
               "error": error, "limit": _size(request.app.state.settings.max_upload_bytes),
               "suffixes": sorted(request.app.state.settings.allowed_suffixes)}
    return templates.TemplateResponse(request, "queue.html", context, status_code=status)


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.3g} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


@router.get("/queue")
def queue_page(request: Request, user: CurrentUser = Depends(current_user), session: Session = Depends(db)) -> Response:
    return _queue_page(request, session, user)


@router.post("/uploads")
async def upload(request: Request, user: CurrentUser = Depends(editor)) -> Response:
    """Accept each file that meets the limits and start its import; refuse the batch's bad ones clearly.

    The route declares no form fields, so the signed-in editor is checked
    before a byte of the body is read; the body is then read under the
    upload cap, and its CSRF token checked before any file is kept.
    """
    config: Settings = request.app.state.settings
    async with request.form(max_files=config.files_per_request, max_fields=config.files_per_request) as form:
        if not csrf_matches(request, request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)):
            raise HTTPException(403, CSRF_FAILED)
        return await run_in_threadpool(_start_uploads, request, form, user)


def _start_uploads(request: Request, form: FormData, user: CurrentUser) -> Response:
    refused: list[UploadRefused] = []
    jobs: list[Job] = []
    for item in form.getlist("files"):
        if not isinstance(item, UploadFile):
            continue
        try:
            jobs.append(request.app.state.uploads.submit(item.file, item.filename or "upload", user.name))
        except UploadRefused as exc:
            refused.append(exc)
    if "application/json" in request.headers.get("accept", ""):
        body = {"jobs": [job.as_dict() for job in jobs], "refused": [str(exc) for exc in refused]}
        return JSONResponse(body, status_code=refused[0].status if refused and not jobs else 202)
    if refused:
        with request.app.state.factory() as session:
            return _queue_page(request, session, user, "; ".join(map(str, refused)),
                               refused[0].status if not jobs else 200)
    return RedirectResponse("/queue", status_code=303)


@router.get("/api/uploads/{job_id}")
def upload_status(request: Request, job_id: str, _user: CurrentUser = Depends(current_user)) -> Response:
    job = request.app.state.uploads.get(job_id)
    if job is None:
        raise HTTPException(404, "No such upload (the server may have restarted; see the queue).")
    return JSONResponse(job.as_dict())


def _decree(session: Session, decree_id: int) -> Decree:
    decree = session.get(Decree, decree_id)
    if decree is None:
        raise HTTPException(404, f"There is no decree {decree_id}.")
    return decree


@router.get("/decrees/{decree_id}")
def review(request: Request, decree_id: RowId, user: CurrentUser = Depends(current_user),
           session: Session = Depends(db), config: Settings = Depends(settings)) -> Response:
    decree = _decree(session, decree_id)
    path = original(config.files_dir, decree.source_file)
    media = sniff(path) if path else None
    lines = text_lines(path) if path and media and media.startswith("text/") else None
    blocks = desk.decree_grid(session, decree)
    waiting = sum(desk.needs_confirmation(row) for block in blocks for row in block.rows)
    context = {"decree": decree, "source": decree.source_file, "blocks": blocks, "waiting": waiting,
               "fields": desk.GRID_FIELDS, "kinds": list(Kind), "doubtful": desk.doubtful_fields,
               "needs_confirmation": desk.needs_confirmation, "available": path is not None, "lines": lines,
               "recent": desk.last_corrections(session, decree), "user": user}
    return templates.TemplateResponse(request, "review.html", context)


def _row_json(row: IndicatorRow, correction: Correction | None) -> dict[str, object]:
    values = {name: corrections.render_value(getattr(row, name)) for name in (*desk.GRID_FIELDS, "reviewed")}
    return {"row_key": row.row_key, "version": row.version, "values": values,
            "correction_id": correction.id if correction else None}


@router.post("/api/decrees/{decree_id}/rows/{row_key}", dependencies=EDIT)
def edit_cell(decree_id: RowId, row_key: str, field: str = Form(), value: str = Form(""), version: int = Form(),
              user: CurrentUser = Depends(editor), sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Save one cell as a correction; a row changed by someone else since it was read answers 409."""
    try:
        with sessions.begin() as session:
            decree = _decree(session, decree_id)
            correction = corrections.set_field(session, decree, row_key, field, value, who=user.name,
                                               expected_version=version)
            if field in CONCEPT_FIELDS:
                refresh_concepts(session, {decree.id: [row_key]})
            row = corrections.DecreeState.load(session, decree).row(row_key)
            return JSONResponse(_row_json(row, correction))
    except EditConflict as exc:
        return JSONResponse({"error": f"Not saved: {exc}"}, status_code=409)
    except InvalidCorrection as exc:
        return JSONResponse({"error": f"Not saved: {exc}"}, status_code=422)
    except NotFound as exc:
        return JSONResponse({"error": str(exc)}, status_code=404)


@router.post("/decrees/{decree_id}/reviewed", dependencies=EDIT)
def mark_reviewed(request: Request, decree_id: RowId, user: CurrentUser = Depends(editor),
                  sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    try:
        with sessions.begin() as session:
            corrections.mark_reviewed(session, _decree(session, decree_id), who=user.name, why="checked on screen")
    except InvalidCorrection as exc:
        raise HTTPException(409, str(exc)) from None
    return RedirectResponse("/queue", status_code=303)


@router.post("/corrections/{correction_id}/revert", dependencies=EDIT)
def revert(request: Request, correction_id: RowId, back: str = Form("/history"), user: CurrentUser = Depends(editor),
           sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Undo a correction (the undo is itself recorded); answers JSON to scripts, a redirect to forms."""
    try:
        with sessions.begin() as session:
            record = corrections.revert(session, correction_id, who=user.name, why="undone on screen")
            record_id = record.id
            refresh_concepts(session, edited_by(session, [record, session.get_one(Correction, correction_id)]))
    except (NotFound, InvalidCorrection) as exc:
        raise HTTPException(409 if isinstance(exc, InvalidCorrection) else 404, str(exc)) from None
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse({"revert_id": record_id, "reverted": correction_id})
    return RedirectResponse(local_path(back, "/history"), status_code=303)


def _bulk_context(session: Session, field: str, find: str, replace: str, mode: str,
                  decree_id: int | None) -> dict[str, object]:
    changes = bulk.preview(session, field, find, replace, mode, decree_id) if find else []
    return {"fields": bulk.BULK_FIELDS, "modes": bulk.MODES, "field": field, "find": find, "replace": replace,
            "mode": mode, "decree_id": decree_id, "changes": changes, "message": None, "error": None}


@router.get("/bulk")
def bulk_page(request: Request, field: str = "sumber_data", find: str = "", replace: str = "", mode: str = "whole",
              decree_id: OptionalId = None, user: CurrentUser = Depends(editor),
              session: Session = Depends(db)) -> Response:
    context = {**_bulk_context(session, field, find, replace, mode, decree_id), "user": user}
    return templates.TemplateResponse(request, "bulk.html", context)


@router.post("/bulk", dependencies=EDIT)
def bulk_apply(request: Request, field: str = Form(), find: str = Form(), replace: str = Form(""),
               mode: str = Form("whole"), decree_id: int | None = Form(None, ge=1, le=MAX_ID),
               rows: list[str] = Form(default=[]), why: str = Form(""), user: CurrentUser = Depends(editor),
               sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Correct the previewed rows the officer kept ticked; each gets its own correction."""
    chosen = dict(item.rsplit(":", 1) for item in rows if item.count(":") >= 2)
    error = message = None
    try:
        with sessions.begin() as session:
            planned = [replace_version(change, version=int(chosen[f"{change.decree_id}:{change.row_key}"]))
                       for change in bulk.preview(session, field, find, replace, mode, decree_id)
                       if f"{change.decree_id}:{change.row_key}" in chosen]
            if len(planned) != len(chosen):
                raise EditConflict("bulk correction", "some previewed rows no longer hold the value; preview again")
            count = bulk.apply(session, field, planned, who=user.name, why=why or f"bulk: {find!r} -> {replace!r}")
            if field in CONCEPT_FIELDS:
                edited: dict[int, list[str]] = {}
                for change in planned:
                    edited.setdefault(change.decree_id, []).append(change.row_key)
                refresh_concepts(session, edited)
            message = f"Corrected {count} row(s); each has its own entry in the history."
    except (EditConflict, InvalidCorrection) as exc:
        error = f"Nothing was changed: {exc}"
    with sessions() as session:
        context = {**_bulk_context(session, field, find, replace, mode, decree_id), "user": user,
                   "message": message, "error": error}
    return templates.TemplateResponse(request, "bulk.html", context, status_code=409 if error else 200)
