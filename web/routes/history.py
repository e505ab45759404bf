"""The audit trail: corrections per decree or per person, paged, each with its undo."""
from __future__ import annotations

from math import ceil
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from store.models import Correction, Decree, SourceFile
from web.deps import RowId, db, whole_number
from web.i18n import _
from web.security import CurrentUser, current_user
from web.templating import templates

router = APIRouter()
PAGE_SIZE = 50


def _page(request: Request, session: Session, user: CurrentUser, title: str, query: Select, here: str,
          page: str, who: str = "") -> Response:
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    count = max(1, ceil(total / PAGE_SIZE))
    number = min(max(whole_number(page) or 1, 1), count)
    found = list(session.scalars(query.options(selectinload(Correction.source_file).selectinload(SourceFile.decree))
                                 .order_by(Correction.id.desc()).offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    people = sorted(set(session.scalars(select(Correction.who).distinct())))
    joiner = "&" if "?" in here else "?"
    back = here + (f"{joiner}page={number}" if number > 1 else "")
    context = {"title": title, "corrections": found, "user": user, "people": people, "back": back, "who": who,
               "row_label": row_label, "number": number, "count": count, "total": total,
               "previous": f"{here}{joiner}page={number - 1}", "next": f"{here}{joiner}page={number + 1}"}
    return templates.TemplateResponse(request, "history.html", context)


def row_label(correction: Correction) -> str:
    """The indikator of the row(s) a correction changed, as it read when the correction was made."""
    snapshots = correction.payload.get("targets", {}).values()
    return " + ".join(s.get("indikator") or "" for s in snapshots if isinstance(s, dict))


@router.get("/history")
def all_history(request: Request, who: str = "", page: str = "", user: CurrentUser = Depends(current_user),
                session: Session = Depends(db)) -> Response:
    query = select(Correction)
    if who:
        query = query.where(Correction.who == who)
    title = _("Corrections by %(name)s", name=who) if who else _("All corrections")
    here = "/history?" + urlencode({"who": who}) if who else "/history"
    return _page(request, session, user, title, query, here, page, who)


@router.get("/decrees/{decree_id}/history")
def decree_history(request: Request, decree_id: RowId, page: str = "", user: CurrentUser = Depends(current_user),
                   session: Session = Depends(db)) -> Response:
    decree = session.get(Decree, decree_id)
    if decree is None:
        raise HTTPException(404, _("There is no decree %(id)s.", id=decree_id))
    query = select(Correction).where(Correction.source_file_id == decree.source_file_id)
    title = _("Corrections of decree %(id)s (%(name)s)", id=decree.id, name=decree.kecamatan or decree.source_file.name)
    return _page(request, session, user, title, query, f"/decrees/{decree_id}/history", page)
