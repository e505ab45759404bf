"""Where the web app keeps its things and the limits it enforces, resolved once at start-up.

Every limit of the web stage lives here: upload sizes, the sign-in throttle,
how long a session lasts, and whether the app is reached over HTTPS (then
its cookie is Secure and browsers are told to stay on HTTPS) through which
proxies (whose X-Forwarded-Proto and X-Forwarded-For it believes).
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from pipeline.run import SUPPORTED_SUFFIXES
from store.db import resolve_url
from store.originals import FILES_ENV, IN_DATABASE, default_folder

SECRET_ENV = "IKI_SECRET"
MAX_UPLOAD_ENV = "IKI_MAX_UPLOAD_MB"
HTTPS_ENV = "IKI_HTTPS"
PROXIES_ENV = "IKI_TRUSTED_PROXIES"
ZONE_ENV = "IKI_TIMEZONE"
DEFAULT_ZONE = "Asia/Jakarta"  # WIB; offices in WITA or WIT set IKI_TIMEZONE
DEFAULT_MAX_UPLOAD_MB = 20.0


def _data_dir(db_url: str) -> Path:
    """The folder of a SQLite database file, else the working directory (server databases)."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    return Path.cwd()


def load_secret(db_url: str) -> str:
    """IKI_SECRET if set; else a secret generated once and kept beside the database, so sessions survive restarts."""
    if os.environ.get(SECRET_ENV):
        return os.environ[SECRET_ENV]
    path = _data_dir(db_url) / "iki-web.secret"
    if path.is_file():
        return path.read_text(encoding="ascii").strip()
    secret = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(secret, encoding="ascii")
    return secret


def _flag(text: str | None) -> bool:
    return (text or "").strip().lower() in {"1", "true", "yes", "on"}


def proxy_list(text: str | None) -> tuple[str, ...]:
    """Addresses from a comma-separated list ("127.0.0.1, 10.0.0.2"; "*" trusts every client)."""
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """Everything `create_app` needs; `from_env` fills the blanks the way `iki serve` does."""

    db_url: str
    files_dir: Path | None  # None: originals are kept in the database
    secret: str
    max_upload_bytes: int
    allowed_suffixes: frozenset[str] = field(default_factory=lambda: frozenset(SUPPORTED_SUFFIXES))
    https_only: bool = False
    trusted_proxies: tuple[str, ...] = ()
    files_per_request: int = 10
    form_bytes: int = 1024 * 1024
    session_hours: float = 12.0
    login_failures_per_name: int = 5
    login_failures_per_client: int = 20
    login_window_seconds: float = 15 * 60
    timezone: str = DEFAULT_ZONE
    # export files kept ready (web.workbooks): how many, how often the store's state is polled to build them again
    # behind the screens (off unless `export_prebuild`: `iki serve` sets it), at which lower CPU priority, and
    # how long one build behind the screens may take before it is given up (a request then builds its own)
    export_files_kept: int = 16
    export_poll_seconds: float = 2.0
    export_niceness: int = 5
    export_build_seconds: float = 600.0
    export_prebuild: bool = False

    @property
    def upload_request_bytes(self) -> int:
        """The largest upload request: a full batch of files at the limit, plus the form around them."""
        return self.max_upload_bytes * self.files_per_request + self.form_bytes

    @classmethod
    def from_env(cls, db_url: str | None = None, files: str | None = None,
                 max_upload_mb: float | None = None, https: bool | None = None,
                 trusted_proxies: tuple[str, ...] | None = None) -> Settings:
        url = resolve_url(db_url)
        megabytes = max_upload_mb if max_upload_mb is not None else float(
            os.environ.get(MAX_UPLOAD_ENV, DEFAULT_MAX_UPLOAD_MB))
        chosen = files or os.environ.get(FILES_ENV) or ""
        files_dir = None if chosen == IN_DATABASE else Path(chosen) if chosen else default_folder(url)
        return cls(db_url=url, files_dir=files_dir, secret=load_secret(url),
                   max_upload_bytes=int(megabytes * 1024 * 1024),
                   timezone=os.environ.get(ZONE_ENV) or DEFAULT_ZONE,
                   https_only=https if https is not None else _flag(os.environ.get(HTTPS_ENV)),
                   trusted_proxies=trusted_proxies if trusted_proxies is not None
                   else proxy_list(os.environ.get(PROXIES_ENV)), export_prebuild=True)
