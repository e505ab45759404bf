"""What every response carries and every request may send: security headers, a cap on the body's size, the language.

All are plain ASGI wrappers so they see every response (static files and
error pages included) and every chunk of a body as the server receives it.
The cap counts the bytes actually streamed, so a chunked request without a
Content-Length is stopped as soon as it passes the limit instead of being
spooled to the temporary folder first.
"""
from __future__ import annotations

from collections.abc import Callable
from http.cookies import SimpleCookie
from zoneinfo import ZoneInfo

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.i18n import COOKIE, _, language_of, serving

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = {
    b"content-security-policy": CSP.encode(),
    b"x-frame-options": b"DENY",
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",
}
HSTS = b"max-age=31536000"


class BodyTooLarge(HTTPException):
    """The request's body passed the limit for its path; answered with 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, _("The request is too large: at most %(size)s MB may be sent here.",
                                size=f"{limit / (1024 * 1024):.3g}"))


class BodyLimit:
    """Refuse a body over `limit_for(path)` bytes: at once when its Content-Length says so, else when it gets there."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _answer_too_large(send, BodyTooLarge(limit))
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


async def _answer_too_large(send: Send, error: BodyTooLarge) -> None:
    body = str(error.detail).encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    await send({"type": "http.response.start", "status": error.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Add the security headers to every response; HSTS only where the app is reached over HTTPS."""

    def __init__(self, app: ASGIApp, https: bool) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = dict(HEADERS)
        if self.https and scope.get("scheme") == "https":
            extra[b"strict-transport-security"] = HSTS

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((name, value) for name, value in extra.items() if name not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


class LanguageChoice:
    """Serve each request in the language of its `iki_lang` cookie (Bahasa Indonesia without one)."""

    def __init__(self, app: ASGIApp, zone: ZoneInfo) -> None:
        self.app = app
        self.zone = zone

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = SimpleCookie()
        for name, value in scope["headers"]:
            if name == b"cookie":
                cookies.load(value.decode("latin-1"))
        chosen = cookies.get(COOKIE)
        with serving(language_of(chosen.value if chosen else None), self.zone):
            await self.app(scope, receive, send)
