"""The queue: every decree once with its forms, failed files with their error (removable), and uploads."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from web import queue
from web.deps import RowId, db, factory, whole_number
from web.i18n import _
from web.security import CSRF_FAILED, CSRF_FIELD, CSRF_HEADER, CurrentUser, check_csrf, csrf_matches, current_user
from web.security import editor as editor_role
from web.templating import templates
from web.uploads import Job, UploadRefused

router = APIRouter()


def queue_query(status: str = "", kabupaten: str = "", tahun: str = "", errors: str = "", q: str = "",
                sort: str = "", desc: str = "", page: str = "") -> queue.QueueQuery:
    """The queue's view from the query string; anything unknown falls back to the default."""
    column = queue.Column(sort) if sort in set(queue.Column) else queue.Column.CONFIDENCE
    return queue.QueueQuery(status=status, kabupaten=kabupaten, tahun=whole_number(tahun), errors=bool(errors),
                            q=q.strip(), sort=column, descending=bool(desc), page=whole_number(page) or 1)


def _link(choice: queue.QueueQuery, **changes: object) -> str:
    """The queue URL of `choice` with some choices changed (defaults left out, so links stay short)."""
    values = {"status": choice.status, "kabupaten": choice.kabupaten, "tahun": choice.tahun or "",
              "errors": "1" if choice.errors else "", "q": choice.q, "sort": choice.sort.value,
              "desc": "1" if choice.descending else "", "page": choice.page, **changes}
    kept = {name: value for name, value in values.items()
            if value not in ("", None) and not (name == "page" and value == 1)}
    return "/queue?" + urlencode(kept)


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.3g} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"


def _queue_page(request: Request, session: Session, user: CurrentUser, choice: queue.QueueQuery,
                error: str | None = None, status: int = 200) -> Response:
    shown = queue.queue_page(session, choice)
    config = request.app.state.settings
    sorting = {column.value: _link(choice.sorted_by(column), page=1) for column in queue.Column}
    context = {"page": shown, "choice": choice, "options": queue.choices(session), "sorting": sorting,
               "previous": _link(choice, page=shown.number - 1), "next": _link(choice, page=shown.number + 1),
               "jobs": request.app.state.uploads.recent(), "user": user, "error": error,
               "limit": _size(config.max_upload_bytes), "suffixes": sorted(config.allowed_suffixes),
               "columns": queue.Column}
    return templates.TemplateResponse(request, "queue.html", context, status_code=status)


@router.get("/")
def home(user: CurrentUser = Depends(current_user)) -> Response:
    return RedirectResponse("/queue" if user.can_edit else "/compare", status_code=303)


@router.get("/queue")
def queue_screen(request: Request, choice: queue.QueueQuery = Depends(queue_query),
                 user: CurrentUser = Depends(current_user), session: Session = Depends(db)) -> Response:
    return _queue_page(request, session, user, choice)


@router.post("/sources/{source_id}/remove", dependencies=[Depends(check_csrf)])
def remove(source_id: RowId, _user: CurrentUser = Depends(editor_role),
           sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Forget a failed file (it may be imported again later); a file with a decree is never removed here."""
    with sessions.begin() as session:
        if queue.remove_failed(session, source_id) is None:
            raise HTTPException(409, _("Only a failed file without a decree can be removed."))
    return RedirectResponse("/queue?errors=1", status_code=303)


@router.post("/uploads")
async def upload(request: Request, user: CurrentUser = Depends(editor_role)) -> Response:
    """Accept each file that meets the limits and start its import; refuse the batch's bad ones clearly.

    The route declares no form fields, so the signed-in editor is checked
    before a byte of the body is read; the body is then read under the
    upload cap, and its CSRF token checked before any file is kept.
    """
    config = request.app.state.settings
    async with request.form(max_files=config.files_per_request, max_fields=config.files_per_request) as form:
        if not csrf_matches(request, request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)):
            raise HTTPException(403, _(CSRF_FAILED))
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
            return _queue_page(request, session, user, queue.QueueQuery(), "; ".join(map(str, refused)),
                               refused[0].status if not jobs else 200)
    return RedirectResponse("/queue", status_code=303)


@router.get("/api/uploads/{job_id}")
def upload_status(request: Request, job_id: str, _user: CurrentUser = Depends(current_user)) -> Response:
    job = request.app.state.uploads.get(job_id)
    if job is None:
        raise HTTPException(404, _("No such upload (the server may have restarted; see the queue)."))
    return JSONResponse(job.as_dict())
