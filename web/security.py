"""Who is asking and may they: sessions kept in the database, role checks and CSRF tokens.

The browser's cookie is signed with the app's secret (Starlette's
SessionMiddleware) and holds a random session token and a CSRF token that
every form repeats in a hidden field and every script sends as X-CSRF-Token.
The token is only a key: the session itself is a `user_sessions` row (keyed
by the token's sha256), so signing out, an expired session or a deactivated
user ends it on the server, and a copy of an old cookie is worth nothing.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Depends, HTTPException, Request
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from store.enums import Role
from store.users import User, UserSession
from web.i18n import N_, _

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
TOKEN_FIELD = "token"
EDITORS = (Role.ADMIN, Role.OFFICER)


class LoginRequired(Exception):
    """Raised for a page that needs a signed-in user; the app answers with a redirect to the log-in page."""


@dataclass(frozen=True)
class CurrentUser:
    id: int
    name: str
    role: Role

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


def csrf_matches(request: Request, sent: object) -> bool:
    expected = request.session.get(CSRF_FIELD)
    return isinstance(expected, str) and bool(expected) and isinstance(sent, str) and hmac.compare_digest(sent,
                                                                                                          expected)


CSRF_FAILED = N_("The form has expired or did not come from this site (CSRF check failed). "
                 "Reload the page and try again.")


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose token (header or form field) is not the session's."""
    sent: object = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get(CSRF_FIELD)
    if not csrf_matches(request, sent):
        raise HTTPException(403, _(CSRF_FAILED))


def local_path(target: str, fallback: str = "/") -> str:
    """`target` if it is a path on this site, else `fallback`: redirects never lead elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else fallback


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(request: Request, session: Session, user: User, hours: float) -> None:
    """Open a session for `user` (and drop their expired ones); the cookie gets its token and a new CSRF token."""
    now = datetime.now(UTC)
    session.execute(delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    session.add(UserSession(token_hash=_key(token), user_id=user.id, created_at=now,
                            expires_at=now + timedelta(hours=hours)))
    request.session.clear()
    request.session[TOKEN_FIELD] = token
    csrf_token(request)


def sign_out(request: Request, session: Session) -> None:
    """End the session on the server, whatever copies of its cookie exist, and empty the cookie."""
    token = request.session.get(TOKEN_FIELD)
    if isinstance(token, str):
        session.execute(delete(UserSession).where(UserSession.token_hash == _key(token)))
    request.session.clear()


def current_user(request: Request) -> CurrentUser:
    """The signed-in user as the database knows them now; an ended session or an inactive user is signed out."""
    token = request.session.get(TOKEN_FIELD)
    if not isinstance(token, str):
        raise LoginRequired
    query = (select(User).join(UserSession, UserSession.user_id == User.id)
             .where(UserSession.token_hash == _key(token), UserSession.expires_at > datetime.now(UTC),
                    User.active.is_(True)))
    with request.app.state.factory() as session:
        user = session.scalars(query).first()
    if user is None:
        request.session.clear()
        raise LoginRequired
    found = CurrentUser(user.id, user.name, user.role)
    request.state.user = found
    return found


def editor(user: CurrentUser = Depends(current_user)) -> CurrentUser:
    """Officers and admins change data; analysts read it only."""
    if not user.can_edit:
        raise HTTPException(403, _("%(name)s is an analyst; analysts can look but not change data.", name=user.name))
    return user
