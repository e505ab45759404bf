"""Signing in and out."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from web.accounts import authenticate
from web.deps import factory
from web.security import check_csrf, local_path, sign_in
from web.templating import templates

router = APIRouter()


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return templates.TemplateResponse(request, "login.html", {"next": local_path(next), "error": None})


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(request: Request, name: str = Form(), password: str = Form(), next: str = Form("/"),
          sessions: sessionmaker[Session] = Depends(factory)) -> Response:
    with sessions.begin() as session:
        user = authenticate(session, name.strip(), password)
        if user is not None:
            sign_in(request, user)
    if user is None:
        return templates.TemplateResponse(request, "login.html", {"next": local_path(next),
                                                                  "error": "Wrong name or password."},
                                          status_code=401)
    return RedirectResponse(local_path(next), status_code=303)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
