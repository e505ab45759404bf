"""The Jinja2 environment (autoescaping on) and helpers every template uses."""
from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from web import i18n, labels, reasons
from web.security import CurrentUser, csrf_token

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
templates.env.add_extension("jinja2.ext.i18n")
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.plain_gettext, i18n.plain_ngettext, newstyle=True)


def _user(request: Request) -> dict[str, str] | None:
    """The user this request was checked for (pages that need none, like the log-in page, show nobody)."""
    user: CurrentUser | None = getattr(request.state, "user", None)
    return {"name": user.name, "role": user.role} if user else None


templates.env.globals.update(csrf_token=csrf_token, signed_in=_user, language=i18n.current,
                             languages=list(i18n.Language), status_label=labels.status, action_label=labels.action,
                             doubt_label=labels.doubt, reason_label=reasons.reason,
                             conflict_label=reasons.conflict,
                             field_label=labels.field, role_label=labels.role)
templates.env.filters.update(blank=lambda value: "" if value is None or value != value else value,
                             when=i18n.when, day=i18n.day, number=i18n.number)
