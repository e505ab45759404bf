"""Bulk correction: fix one value in a decree or in all decrees, previewed first, one audited correction per row."""
from __future__ import annotations

from dataclasses import replace as replace_version

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session, sessionmaker

from store.concept_refresh import refresh_concepts
from store.errors import EditConflict, InvalidCorrection
from web import bulk, reasons
from web.deps import MAX_ID, OptionalId, db, factory
from web.i18n import _, said
from web.routes.review import CONCEPT_FIELDS, EDIT
from web.security import CurrentUser, editor
from web.templating import templates

router = APIRouter()


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
            count = bulk.apply(session, field, planned, who=user.name, why=why or reasons.bulk(find, replace))
            if field in CONCEPT_FIELDS:
                edited: dict[int, list[str]] = {}
                for change in planned:
                    edited.setdefault(change.decree_id, []).append(change.row_key)
                refresh_concepts(session, edited)
            message = _("Corrected %(count)s row(s); each has its own entry in the history.", count=count)
    except (EditConflict, InvalidCorrection) as exc:
        error = _("Nothing was changed: the rows changed since the preview; preview again.") + f" ({said(exc.message)})"
    with sessions() as session:
        context = {**_bulk_context(session, field, find, replace, mode, decree_id), "user": user,
                   "message": message, "error": error}
    return templates.TemplateResponse(request, "bulk.html", context, status_code=409 if error else 200)
