"""The analysts' screens: the kecamatan x concept pivot (and the side-by-side list), the charts, the exports."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from store.exports import frame_text, xlsx_bytes
from store.queries import Filters
from web import charts, exports
from web.compare import CompareQuery, Page, choices, compare_frame, page_of
from web.deps import db, whole_number
from web.i18n import current, plain_gettext
from web.pivot import DEFAULT_TOP, PivotQuery, pivot
from web.security import CurrentUser, current_user
from web.tallies import Sums, Tallies
from web.templating import templates
from web.workbooks import Ask

router = APIRouter()
XLSX = exports.MEDIA[exports.Format.XLSX]
CHART_TOP = 20


def pivot_query(kabupaten: str = "", tahun: str = "", level: str = "", kind: str = "", q: str = "",
                kecamatan: str = "", lacking: str = "", top: str = "", page: str = "") -> PivotQuery:
    return PivotQuery(kabupaten=kabupaten, tahun=whole_number(tahun), level=level, kind=kind, q=q.strip(),
                      kecamatan=kecamatan.strip(), lacking=whole_number(lacking),
                      top=whole_number(top) or DEFAULT_TOP, page=whole_number(page) or 1)


def compare_query(concept: str = "", level: str = "", jabatan: str = "", kabupaten: str = "", tahun: str = "",
                  kind: str = "", q: str = "") -> CompareQuery:
    """The list view named by the query string (an empty or non-numeric tahun means any year)."""
    return CompareQuery(concept=concept, level=level, jabatan=jabatan, kabupaten=kabupaten,
                        tahun=whole_number(tahun), kind=kind, q=q.strip())


def _tallies(request: Request) -> Tallies:
    return request.app.state.tallies


def _link(path: str, values: dict[str, object]) -> str:
    kept = {name: value for name, value in values.items() if value not in ("", None)}
    return path + ("?" + urlencode(kept) if kept else "")


def _pivot_values(choice: PivotQuery) -> dict[str, object]:
    return {"kabupaten": choice.kabupaten, "tahun": choice.tahun, "level": choice.level, "kind": choice.kind,
            "q": choice.q, "kecamatan": choice.kecamatan, "lacking": choice.lacking,
            "top": choice.top if choice.top != DEFAULT_TOP else None}


@router.get("/compare")
def compare(request: Request, view: str = "", page: str = "", user: CurrentUser = Depends(current_user),
            session: Session = Depends(db), choice: PivotQuery = Depends(pivot_query),
            listed: CompareQuery = Depends(compare_query)) -> Response:
    if view == "list":
        options = choices(session)
        frame = compare_frame(session, listed)
        shown = page_of(frame, whole_number(page) or 1)
        context = {"choice": listed, "options": options, "page": shown, "count": len(frame),
                   "links": _page_links(request, shown), "query": request.url.remove_query_params("page").query,
                   "user": user}
        return templates.TemplateResponse(request, "compare_list.html", context)
    tally = _tallies(request).get(session)
    shown_pivot = pivot(session, choice, tally)
    values = _pivot_values(choice)
    context = {"choice": choice, "options": tally.choices, "pivot": shown_pivot, "user": user,
               "link": lambda **changes: _link("/compare", {**values, "page": None, **changes}),
               "export": _link("", {name: values[name] for name in ("kabupaten", "tahun", "level", "kind")})}
    return templates.TemplateResponse(request, "compare.html", context)


def _page_links(request: Request, page: Page) -> dict[str, str]:
    """The previous and next pages of the same view: the query string with only its page changed."""
    def link(number: int) -> str:
        return "/compare?" + request.url.include_query_params(page=number).query
    return {"previous": link(page.number - 1), "next": link(page.number + 1)}


def _filename(stem: str, parts: list[object], suffix: str) -> str:
    named = "-".join([stem, *(str(part) for part in parts if part not in ("", None))])
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in named)[:100] + suffix


def _attachment(body: bytes | str, media: str, name: str) -> Response:
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/compare.csv")
def compare_csv(choice: CompareQuery = Depends(compare_query), _user: CurrentUser = Depends(current_user),
                session: Session = Depends(db)) -> Response:
    body = "\ufeff" + frame_text(compare_frame(session, choice), "csv")  # the BOM makes Excel read UTF-8
    return _attachment(body, exports.MEDIA[exports.Format.CSV],
                       _filename("iki-compare", [choice.concept, choice.level, choice.jabatan, choice.kabupaten,
                                                 choice.kind, choice.tahun], ".csv"))


@router.get("/compare.xlsx")
def compare_xlsx(choice: CompareQuery = Depends(compare_query), _user: CurrentUser = Depends(current_user),
                 session: Session = Depends(db)) -> Response:
    return _attachment(xlsx_bytes(compare_frame(session, choice), "compare"), XLSX,
                       _filename("iki-compare", [choice.concept, choice.level, choice.jabatan, choice.kabupaten,
                                                 choice.kind, choice.tahun], ".xlsx"))


@router.get("/export.{fmt}")
def export(request: Request, fmt: str, kabupaten: str = "", tahun: str = "", level: str = "", kind: str = "",
           concept: str = "", _user: CurrentUser = Depends(current_user), session: Session = Depends(db)) -> Response:
    """Every field of the chosen indicators, as CSV, XLSX or Parquet: the file kept for this state of the store."""
    if fmt not in set(exports.Format):
        raise HTTPException(404, plain_gettext("Exports are CSV, XLSX or Parquet."))
    chosen = exports.Format(fmt)
    filters = Filters(kabupaten=kabupaten or None, tahun=whole_number(tahun), level=level or None, kind=kind or None,
                      concept=concept or None)
    body, made = request.app.state.exports.get(session, Ask(filters, chosen, current()))
    answer = _attachment(body, exports.MEDIA[chosen],
                         _filename("iki", [kabupaten, whole_number(tahun), level, kind, concept], f".{fmt}"))
    answer.headers["X-Iki-Export"] = made.value
    return answer


@router.get("/charts")
def charts_page(request: Request, user: CurrentUser = Depends(current_user), session: Session = Depends(db),
                choice: PivotQuery = Depends(pivot_query)) -> Response:
    chosen = PivotQuery(**{**choice.__dict__, "top": choice.top if choice.top != DEFAULT_TOP else CHART_TOP})
    tally = _tallies(request).get(session)
    view = pivot(session, chosen, tally)
    values = _pivot_values(chosen)
    context = {
        "choice": chosen, "options": tally.choices, "user": user, "view": view,
        "coverage": charts.coverage(view, chosen, plain_gettext(
            "%(name)s: worded by %(count)s of %(all)s kecamatan, in %(wordings)s ways; click for those lacking it")),
        "heatmap": charts.heatmap(view, plain_gettext("%(kecamatan)s · %(concept)s: “%(wording)s”; click to open "
                                                      "the row")),
        "kinds": charts.kinds_by_kabupaten(Sums(tally, chosen.sum_filter()), plain_gettext(
            "%(kabupaten)s · %(kind)s: %(count)s indicator(s); click to list them")),
        "next": _link("/charts", {**values, "page": view.number + 1}) if view.number < view.count else None,
        "previous": _link("/charts", {**values, "page": view.number - 1}) if view.number > 1 else None,
    }
    return templates.TemplateResponse(request, "charts.html", context)
