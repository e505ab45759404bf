"""Source pages as pictures, found only through database ids, with a row's box highlighted on each of its pages."""
from __future__ import annotations

import io

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response
from sqlalchemy.orm import Session

from extract.errors import IkiError
from extract.layout import Box
from extract.page_image import render_page
from store.models import IndicatorRow, SourceFile
from store.originals import Originals
from web.deps import RowId, db, originals
from web.desk import row_pages
from web.i18n import _
from web.security import CurrentUser, current_user

router = APIRouter()
DPI = 100


def _png(source: SourceFile, kept: Originals, page: int, box: Box | None) -> Response:
    path = kept.path(source)
    if path is None:
        raise HTTPException(404, _("The original file of %(name)s is not available on this server.",
                                   name=source.name))
    try:
        picture = render_page(path, page, box, dpi=DPI)
    except IkiError:  # the page is not in the file (or the file cannot be opened): the reader's words are English
        raise HTTPException(404, _("Page %(page)s of %(name)s cannot be shown.", page=page, name=source.name)) \
            from None
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=False)
    return Response(buffer.getvalue(), media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.get("/sources/{source_id}/pages/{page}.png")
def page_image(source_id: RowId, page: RowId, _user: CurrentUser = Depends(current_user),
               session: Session = Depends(db), kept: Originals = Depends(originals)) -> Response:
    source = session.get(SourceFile, source_id)
    if source is None:
        raise HTTPException(404, _("There is no source file %(id)s.", id=source_id))
    return _png(source, kept, page, None)


def _row_box(row: IndicatorRow, page: int) -> Box | None:
    """The row's box on one of its pages, if it has one there."""
    return next((Box(page, *edges) for number, *edges in row.boxes() if int(number) == page), None)


def _found_row(session: Session, row_id: int) -> tuple[IndicatorRow, int]:
    row = session.get(IndicatorRow, row_id)
    if row is None or row.page is None:
        raise HTTPException(404, _("Row %(id)s has no page to show.", id=row_id))
    return row, row.page


@router.get("/rows/{row_id}/page.png")
def row_image(row_id: RowId, _user: CurrentUser = Depends(current_user), session: Session = Depends(db),
              kept: Originals = Depends(originals)) -> Response:
    """The first page a row was read from, its box shaded."""
    row, first = _found_row(session, row_id)
    return _png(row.decree.source_file, kept, first, _row_box(row, first))


@router.get("/rows/{row_id}/pages/{page}.png")
def row_page_image(row_id: RowId, page: RowId, _user: CurrentUser = Depends(current_user),
                   session: Session = Depends(db), kept: Originals = Depends(originals)) -> Response:
    """One of the pages a row touches, its part of the row shaded."""
    row, _first = _found_row(session, row_id)
    if page not in row_pages(row):
        raise HTTPException(404, _("Row %(id)s is not on page %(page)s.", id=row_id, page=page))
    return _png(row.decree.source_file, kept, page, _row_box(row, page))
