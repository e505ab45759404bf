"""The audit trail: corrections per decree or per user, each with its undo."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from store.models import Correction, Decree, SourceFile
from web.deps import RowId, db
from web.security import CurrentUser, current_user
from web.templating import templates

router = APIRouter()
PAGE = 500


def _page(request: Request, session: Session, user: CurrentUser, title: str, query, back: str,
          who: str = "") -> Response:
    found = list(session.scalars(query.options(selectinload(Correction.source_file).selectinload(SourceFile.decree))
                                 .order_by(Correction.id.desc()).limit(PAGE)))
    people = sorted(set(session.scalars(select(Correction.who).distinct())))
    context = {"title": title, "corrections": found, "user": user, "people": people, "back": back, "who": who,
               "row_label": row_label}
    return templates.TemplateResponse(request, "history.html", context)


def row_label(correction: Correction) -> str:
    """The indikator of the row(s) a correction changed, as it read when the correction was made."""
    snapshots = correction.payload.get("targets", {}).values()
    return " + ".join(s.get("indikator") or "" for s in snapshots if isinstance(s, dict))


@router.get("/history")
def all_history(request: Request, who: str = "", user: CurrentUser = Depends(current_user),
                session: Session = Depends(db)) -> Response:
    query = select(Correction)
    if who:
        query = query.where(Correction.who == who)
    title = f"Corrections by {who}" if who else "All corrections"
    back = f"/history?who={who}" if who else "/history"
    return _page(request, session, user, title, query, back, who)


@router.get("/decrees/{decree_id}/history")
def decree_history(request: Request, decree_id: RowId, user: CurrentUser = Depends(current_user),
                   session: Session = Depends(db)) -> Response:
    decree = session.get(Decree, decree_id)
    if decree is None:
        raise HTTPException(404, f"There is no decree {decree_id}.")
    query = select(Correction).where(Correction.source_file_id == decree.source_file_id)
    title = f"Corrections of decree {decree.id} ({decree.kecamatan or decree.source_file.name})"
    return _page(request, session, user, title, query, f"/decrees/{decree_id}/history")
