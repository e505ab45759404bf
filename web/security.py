"""Who is asking and may they: the signed-in user, role checks and CSRF tokens.

The session is a cookie signed with the app's secret (Starlette's
SessionMiddleware); it holds the user's id and a random CSRF token that every
form repeats in a hidden field and every script sends as X-CSRF-Token.
"""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request

from store.users import User

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
EDITORS = ("admin", "officer")


class LoginRequired(Exception):
    """Raised for a page that needs a signed-in user; the app answers with a redirect to the log-in page."""


@dataclass(frozen=True)
class CurrentUser:
    id: int
    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        return self.role in EDITORS


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose token (header or form field) is not the session's."""
    expected = request.session.get(CSRF_FIELD)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not isinstance(sent, str) or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "The form has expired or did not come from this site (CSRF check failed). "
                                 "Reload the page and try again.")


def local_path(target: str, fallback: str = "/") -> str:
    """`target` if it is a path on this site, else `fallback`: redirects never lead elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else fallback


def sign_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session.update({"user_id": user.id, "user": user.name, "role": user.role})
    csrf_token(request)


def current_user(request: Request) -> CurrentUser:
    """The signed-in user as the database knows them now: a removed or deactivated user is signed out."""
    user_id = request.session.get("user_id")
    if user_id is None:
        raise LoginRequired
    with request.app.state.factory() as session:
        user = session.get(User, user_id)
    if user is None or not user.active:
        request.session.clear()
        raise LoginRequired
    if user.role != request.session.get("role"):
        request.session["role"] = user.role
    return CurrentUser(user.id, user.name, user.role)


def editor(user: CurrentUser = Depends(current_user)) -> CurrentUser:
    """Officers and admins change data; analysts read it only."""
    if not user.can_edit:
        raise HTTPException(403, f"{user.name} is an analyst; analysts can look but not change data.")
    return user
