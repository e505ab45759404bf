"""The analysts' screens: the compare table with its exports, and the charts."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from store.exports import frame_text, xlsx_bytes
from store.queries import indicators_frame
from web import charts
from web.compare import CompareQuery, Page, choices, compare_frame, page_of
from web.deps import db
from web.security import CurrentUser, current_user
from web.templating import templates

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_DIGITS = 9  # a page or a year; more would overflow the database's integers


def compare_query(concept: str = "", level: str = "", jabatan: str = "", kabupaten: str = "", tahun: str = "",
                  kind: str = "", q: str = "") -> CompareQuery:
    """The view named by the query string (an empty or non-numeric tahun means any year)."""
    return CompareQuery(concept=concept, level=level, jabatan=jabatan, kabupaten=kabupaten,
                        tahun=_whole_number(tahun), kind=kind, q=q.strip())


def _whole_number(text: str) -> int | None:
    """A query-string number; None when it is empty, not a whole number in ASCII digits, or absurdly long.

    `str.isdigit` also accepts superscripts and other scripts' digits that
    `int` refuses, and `int` refuses more than 4,300 digits.
    """
    digits = text.strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS else None


@router.get("/compare")
def compare(request: Request, choice: CompareQuery = Depends(compare_query), page: str = "",
            user: CurrentUser = Depends(current_user), session: Session = Depends(db)) -> Response:
    frame = compare_frame(session, choice)
    shown = page_of(frame, _whole_number(page) or 1)
    context = {"choice": choice, "options": choices(session), "page": shown, "count": len(frame),
               "links": _page_links(request, shown), "query": request.url.remove_query_params("page").query,
               "user": user}
    return templates.TemplateResponse(request, "compare.html", context)


def _page_links(request: Request, page: Page) -> dict[str, str]:
    """The previous and next pages of the same view: the query string with only its page changed."""
    def link(number: int) -> str:
        return "/compare?" + request.url.include_query_params(page=number).query
    return {"previous": link(page.number - 1), "next": link(page.number + 1)}


def _filename(choice: CompareQuery, suffix: str) -> str:
    parts = [value for value in (choice.concept, choice.level, choice.jabatan, choice.kabupaten, choice.kind) if value]
    stem = "-".join(["iki-compare", *parts, *([str(choice.tahun)] if choice.tahun else [])])
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)[:100] + suffix


@router.get("/compare.csv")
def compare_csv(choice: CompareQuery = Depends(compare_query), _user: CurrentUser = Depends(current_user),
                session: Session = Depends(db)) -> Response:
    body = "\ufeff" + frame_text(compare_frame(session, choice), "csv")  # the BOM makes Excel read UTF-8
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{_filename(choice, ".csv")}"'})


@router.get("/compare.xlsx")
def compare_xlsx(choice: CompareQuery = Depends(compare_query), _user: CurrentUser = Depends(current_user),
                 session: Session = Depends(db)) -> Response:
    return Response(xlsx_bytes(compare_frame(session, choice), "compare"), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{_filename(choice, ".xlsx")}"'})


@router.get("/charts")
def charts_page(request: Request, user: CurrentUser = Depends(current_user),
                session: Session = Depends(db)) -> Response:
    frame = indicators_frame(session)
    frame["kecamatan"] = frame["kecamatan"].fillna("(unknown)")
    frame["position"] = frame["canonical_jabatan"].fillna(frame["level"])
    context = {
        "concepts": charts.heatmap(frame, "kecamatan", "concept", "Which concepts each kecamatan tracks",
                                   "No indicator has a concept yet; group them first, then this map fills in."),
        "positions": charts.heatmap(frame, "kecamatan", "position", "Indicators per position and kecamatan",
                                    "No indicators in the database yet."),
        "kinds": charts.stacked_bars(frame, "kecamatan", "kind", "Indicator kinds per kecamatan"),
        "user": user,
    }
    return templates.TemplateResponse(request, "charts.html", context)
