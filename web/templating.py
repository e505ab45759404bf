"""The Jinja2 environment (autoescaping on) and helpers every template uses."""
from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from web.security import CurrentUser, csrf_token

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))


def _user(request: Request) -> dict[str, str] | None:
    """The user this request was checked for (pages that need none, like the log-in page, show nobody)."""
    user: CurrentUser | None = getattr(request.state, "user", None)
    return {"name": user.name, "role": user.role} if user else None


templates.env.globals.update(csrf_token=csrf_token, signed_in=_user)
templates.env.filters["blank"] = lambda value: "" if value is None or value != value else value
