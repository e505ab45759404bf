"""Signing in (throttled) and out (the session ends on the server)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from web.accounts import authenticate
from web.deps import factory, settings
from web.i18n import COOKIE, _, language_of
from web.security import check_csrf, local_path, sign_in, sign_out
from web.settings import Settings
from web.templating import templates
from web.throttle import TooManyAttempts, check_allowed, forget, note_failure

router = APIRouter()
LANGUAGE_DAYS = 365


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return templates.TemplateResponse(request, "login.html", {"next": local_path(next), "error": None, "name": ""})


def _refused(request: Request, next: str, name: str, message: str, status: int,
             headers: dict[str, str] | None = None) -> Response:
    """The log-in form again with the reason, the name as typed and the page asked for kept."""
    context = {"next": local_path(next), "error": message, "name": name}
    return templates.TemplateResponse(request, "login.html", context, status_code=status, headers=headers)


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(request: Request, name: str = Form(), password: str = Form(), next: str = Form("/"),
          sessions: sessionmaker[Session] = Depends(factory), config: Settings = Depends(settings)) -> Response:
    name = name.strip()
    client = request.client.host if request.client else "unknown"
    try:
        with sessions.begin() as session:
            check_allowed(session, name, client, config)
            user = authenticate(session, name, password)
            if user is None:
                note_failure(session, name, client, config)
            else:
                forget(session, name)
                sign_in(request, session, user, config.session_hours)
    except TooManyAttempts as exc:
        minutes = max(1, exc.retry_after // 60)
        return _refused(request, next, name, _("Too many failed sign-ins; try again in %(minutes)s minute(s).",
                                               minutes=minutes), 429, {"Retry-After": str(exc.retry_after)})
    if user is None:
        return _refused(request, next, name, _("Wrong name or password."), 401)
    return RedirectResponse(local_path(next), status_code=303)


@router.post("/language", dependencies=[Depends(check_csrf)])
def choose_language(lang: str = Form(), next: str = Form("/")) -> Response:
    """Switch the screens' language (kept a year in a cookie) and go back to the page it was chosen on."""
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(COOKIE, language_of(lang).value, max_age=LANGUAGE_DAYS * 86400, httponly=True,
                        samesite="strict")
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request, sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    with sessions.begin() as session:
        sign_out(request, session)
    return RedirectResponse("/login", status_code=303)
