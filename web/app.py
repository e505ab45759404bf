"""The FastAPI application: middleware, templates, error pages and the routes of every screen."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from store.db import open_store
from web.routes import analyst, auth, desk, history, sources
from web.security import LoginRequired
from web.settings import Settings
from web.templating import templates
from web.uploads import UploadQueue

STATIC = Path(__file__).with_name("static")
FILES_PER_REQUEST = 10
FORM_ALLOWANCE = 1024 * 1024


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.url.path.startswith("/api/")


def create_app(settings: Settings) -> FastAPI:
    """The app on an already migrated database (open_store refuses any other)."""
    factory = open_store(settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.uploads.shutdown()
        factory.kw["bind"].dispose()

    app = FastAPI(title="iki", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.factory = factory
    app.state.uploads = UploadQueue(factory, settings)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret, session_cookie="iki_session",
                       same_site="strict", https_only=settings.https_only, max_age=12 * 3600)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    largest = settings.max_upload_bytes * FILES_PER_REQUEST + FORM_ALLOWANCE

    @app.middleware("http")
    async def refuse_huge_bodies(request: Request, call_next) -> Response:
        """Refuse a body far over the upload limit before it is read and spooled to disk."""
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > largest:
            limit = f"{settings.max_upload_bytes / (1024 * 1024):.3g} MB"
            return PlainTextResponse(f"The request is too large: at most {FILES_PER_REQUEST} files of {limit} each.",
                                     status_code=413)
        return await call_next(request)

    for module in (auth, desk, history, sources, analyst):
        app.include_router(module.router)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": "Sign in first."}, status_code=401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "message": exc.detail},
                                          status_code=exc.status_code)

    return app
