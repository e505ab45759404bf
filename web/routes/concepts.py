"""The concept catalogue on screen: list and search the concepts, open one, and edit the catalogue (confirm,
rename, merge, split, add), each edit audited with who, when and why as `iki concepts` does it.

An edit answers with a redirect to the concept it leaves (the merged-into
one after a merge, the new one after a split), so reloading the page never
sends it twice; a refused edit is shown on the page it came from, in the
officer's language, and changes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from normalize.harmonize.catalogue import Concept as CatalogueConcept
from normalize.records import KINDS
from store import concepts as stored
from store.errors import StoreError
from store.models import Concept, ConceptEvent
from web.concept_screens import ConceptQuery, Order, catalogue_log, current_code, detail, listing
from web.deps import RowId, db, factory, reason, whole_number
from web.i18n import N_, _, said
from web.routes.review import EDIT
from web.security import CurrentUser, current_user, editor
from web.templating import templates

router = APIRouter()
DONE = {"confirm": N_("Concept confirmed."), "rename": N_("Concept renamed; its old name stays as a wording of it."),
        "merge": N_("Concepts merged into this one; their codes lead here."),
        "split": N_("Wordings split off into this new concept."), "add": N_("Concept added.")}


def concept_query(q: str = "", status: str = "", order: str = "", page: str = "") -> ConceptQuery:
    return ConceptQuery(q=q.strip(), status=status, order=Order.NAME if order == Order.NAME else Order.USED,
                        page=whole_number(page) or 1)


def _link(query: ConceptQuery, page: int) -> str:
    values = {"q": query.q, "status": query.status, "order": query.order if query.order is Order.NAME else "",
              "page": page if page > 1 else ""}
    kept = {name: value for name, value in values.items() if value}
    return "/concepts" + ("?" + urlencode(kept) if kept else "")


def _list_page(request: Request, session: Session, user: CurrentUser, query: ConceptQuery,
               error: str | None = None) -> Response:
    shown = listing(session, query, request.app.state.tallies.get(session))
    context = {"query": query, "shown": shown, "user": user, "kinds": KINDS, "error": error,
               "regroup": request.app.state.regrouping.state, "said": said,
               "previous": _link(query, shown.number - 1), "next": _link(query, shown.number + 1)}
    return templates.TemplateResponse(request, "concepts.html", context, status_code=409 if error else 200)


def _concept_page(request: Request, session: Session, user: CurrentUser, code: str,
                  error: str | None = None) -> Response:
    found = current_code(session, code)
    if found is None:
        raise HTTPException(404, _("There is no concept %(code)s.", code=code))
    if found != code and error is None:
        return RedirectResponse(_page_of(found), status_code=303)
    done = request.query_params.get("done", "")
    context = {"concept": detail(session, found), "user": user,
               "change": stored.event_change, "error": error, "message": _(DONE[done]) if done in DONE else None}
    return templates.TemplateResponse(request, "concept.html", context, status_code=409 if error else 200)


@router.get("/concepts")
def concepts(request: Request, user: CurrentUser = Depends(current_user), session: Session = Depends(db),
             query: ConceptQuery = Depends(concept_query)) -> Response:
    return _list_page(request, session, user, query)


@router.get("/concepts/log")
def log(request: Request, user: CurrentUser = Depends(current_user), session: Session = Depends(db)) -> Response:
    context = {"events": catalogue_log(session), "change": stored.event_change, "user": user}
    return templates.TemplateResponse(request, "concept_log.html", context)


@router.get("/concepts/by-id/{concept_id}")
def concept_by_id(concept_id: RowId, session: Session = Depends(db),
                  user: CurrentUser = Depends(current_user)) -> Response:
    """The page of the concept a screen knows by id (the pivot's columns), under its current code."""
    concept = session.get(Concept, concept_id)
    if concept is None:
        raise HTTPException(404, _("There is no concept %(code)s.", code=concept_id))
    return RedirectResponse(_page_of(concept.code), status_code=303)


@router.get("/concepts/{code}")
def concept(request: Request, code: str, user: CurrentUser = Depends(current_user),
            session: Session = Depends(db)) -> Response:
    return _concept_page(request, session, user, code)


Edit = Callable[[Session], ConceptEvent]


def _page_of(code: str) -> str:
    return f"/concepts/{quote(code, safe='')}"


def _apply(sessions: sessionmaker[Session], edit: Edit, done: str, landing: str,
           refused: Callable[[Session, str], Response]) -> Response:
    """Run one catalogue edit in its own transaction and land on the concept `landing`; a refusal rolls it
    back and is said on the page it came from."""
    try:
        with sessions.begin() as session:
            edit(session)
    except StoreError as exc:
        with sessions() as session:
            return refused(session, said(exc.message))
    return RedirectResponse(f"{_page_of(landing)}?done={done}", status_code=303)


def _codes(text: str) -> list[str]:
    return text.replace(",", " ").split()


@router.post("/concepts/{code}/confirm", dependencies=EDIT)
def confirm(request: Request, code: str, why: str = Form(""), user: CurrentUser = Depends(editor),
            sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    return _apply(sessions, lambda s: stored.confirm_concept(s, code, who=user.name, why=reason(why)), "confirm",
                  code,
                  lambda session, error: _concept_page(request, session, user, code, error))


@router.post("/concepts/{code}/rename", dependencies=EDIT)
def rename(request: Request, code: str, name: str = Form(""), why: str = Form(""),
           user: CurrentUser = Depends(editor), sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    def edit(session: Session) -> ConceptEvent:
        if not name.strip():
            raise stored.ConceptEditError(code, "a concept needs a name")
        return stored.rename_concept(session, code, name.strip(), who=user.name, why=reason(why))

    return _apply(sessions, edit, "rename", code,
                  lambda session, error: _concept_page(request, session, user, code, error))


@router.post("/concepts/merge", dependencies=EDIT)
def merge(request: Request, into: str = Form(""), codes: list[str] = Form(default=[]), typed: str = Form(""),
          why: str = Form(""), user: CurrentUser = Depends(editor),
          sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Fold the concepts ticked on the list or typed on a concept's page into the `into` concept."""
    target = into.strip()

    def edit(session: Session) -> ConceptEvent:
        others = [other for other in dict.fromkeys([*codes, *_codes(typed)]) if other != target]
        if not target or not others:
            raise stored.ConceptEditError(target, "choose the concept that remains and at least one other to "
                                                  "merge into it")
        return stored.merge_concepts(session, others, target, who=user.name, why=reason(why))

    def refused(session: Session, error: str) -> Response:
        if target and current_code(session, target) is not None:
            return _concept_page(request, session, user, target, error)
        return _list_page(request, session, user, ConceptQuery(), error)

    return _apply(sessions, edit, "merge", target, refused)


@router.post("/concepts/{code}/split", dependencies=EDIT)
def split(request: Request, code: str, new_code: str = Form(""), new_name: str = Form(""),
          wordings: list[str] = Form(default=[]), why: str = Form(""), user: CurrentUser = Depends(editor),
          sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    def edit(session: Session) -> ConceptEvent:
        if not wordings or not new_code.strip() or not new_name.strip():
            raise stored.ConceptEditError(code, "tick the wordings to move and give the new concept a code and name")
        return stored.split_concept(session, code, new_code.strip(), new_name.strip(), wordings, who=user.name,
                                    why=reason(why))

    return _apply(sessions, edit, "split", new_code.strip(),
                  lambda session, error: _concept_page(request, session, user, code, error))


@router.post("/concepts/assign", dependencies=EDIT)
def assign(request: Request, user: CurrentUser = Depends(editor)) -> Response:
    """Start grouping every stored row again behind the screens (imports place only their new rows), as
    `iki concepts assign` does; asked while one runs, it waits for that one."""
    request.app.state.regrouping.start(user.name)
    return RedirectResponse("/concepts", status_code=303)


@router.post("/concepts", dependencies=EDIT)
def add(request: Request, code: str = Form(""), name: str = Form(""), kind: str = Form("lainnya"),
        unit: str = Form(""), lower_is_better: bool = Form(False), formula: str = Form(""),
        aliases: str = Form(""), why: str = Form(""), user: CurrentUser = Depends(editor),
        sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    """Enter a confirmed concept by hand; its further wordings are typed one per line."""
    def edit(session: Session) -> ConceptEvent:
        if not code.strip() or not name.strip() or kind not in KINDS:
            raise stored.ConceptEditError(code, "a new concept needs a code, a name and one of the kinds")
        concept = CatalogueConcept(code.strip(), name.strip(), kind, unit.strip() or None,
                                   "lower_is_better" if lower_is_better else "higher_is_better",
                                   formula.strip() or None, "confirmed",
                                   tuple(line.strip() for line in aliases.splitlines() if line.strip()))
        return stored.add_concept(session, concept, who=user.name, why=reason(why))

    return _apply(sessions, edit, "add", code.strip(),
                  lambda session, error: _list_page(request, session, user, ConceptQuery(), error))
