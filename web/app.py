"""The FastAPI application: middleware, templates, error pages and the routes of every screen.

From the outside in: the proxy's forwarded headers (only from trusted
proxies), security headers on every response, the cap on request bodies,
then the signed session cookie (Secure when served over HTTPS).
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from store.db import open_store
from store.originals import DatabaseOriginals, FolderOriginals, Originals
from web.i18n import N_, _
from web.middleware import BodyLimit, LanguageChoice, SecurityHeaders
from web.regrouping import Regrouping
from web.routes import analyst, auth, bulk, concepts, history, queue, review, sources
from web.security import LoginRequired
from web.settings import Settings
from web.tallies import Tallies
from web.templating import templates
from web.uploads import UploadQueue
from web.workbooks import Exports

STATIC = Path(__file__).with_name("static")
UPLOADS = "/uploads"
FRAMEWORK_WORDS = {HTTPStatus.NOT_FOUND.phrase: N_("There is no such page."),
                   HTTPStatus.METHOD_NOT_ALLOWED.phrase: N_("This address does not take that kind of request.")}


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.url.path.startswith("/api/")


def create_app(settings: Settings) -> FastAPI:
    """The app on an already migrated database (open_store refuses any other)."""
    factory = open_store(settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.export_prebuild:
            app.state.exports.start()
        yield
        app.state.exports.stop()
        app.state.uploads.shutdown()
        app.state.regrouping.wait()
        factory.kw["bind"].dispose()

    app = FastAPI(title="iki", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    originals: Originals = (DatabaseOriginals(factory) if settings.files_dir is None
                            else FolderOriginals(settings.files_dir))
    app.state.settings = settings
    app.state.factory = factory
    app.state.originals = originals
    app.state.uploads = UploadQueue(factory, settings, originals)
    app.state.tallies = Tallies(factory)
    app.state.regrouping = Regrouping(settings.db_url, after=app.state.tallies.read_now)
    app.state.exports = Exports(factory, settings)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret, session_cookie="iki_session",
                       same_site="strict", https_only=settings.https_only, max_age=int(settings.session_hours * 3600))
    app.add_middleware(BodyLimit, limit_for=lambda path: (settings.upload_request_bytes if path == UPLOADS
                                                          else settings.form_bytes))
    app.add_middleware(SecurityHeaders, https=settings.https_only)
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
    app.add_middleware(LanguageChoice, zone=ZoneInfo(settings.timezone))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    for module in (auth, queue, review, bulk, history, sources, analyst, concepts):
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": _("Sign in first.")}, status_code=401)
        asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": asked}), status_code=303)

    def error(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                          status_code=status)

    @app.exception_handler(StarletteHTTPException)  # the routes' and the framework's (an unknown address)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # the routes say their own words; the framework says an HTTP phrase ("Not Found") in English
        said = _(FRAMEWORK_WORDS[exc.detail]) if exc.detail in FRAMEWORK_WORDS else exc.detail
        return error(request, exc.status_code, said)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, _exc: RequestValidationError) -> Response:
        return error(request, 422, _("The address or the form holds a value this screen does not take."))

    return app
