"""The sign-in throttle: after a few wrong passwords for a name, or many from one address, sign-ins wait.

Failures are rows of `login_failures`, so the limit holds across server
processes and restarts. While a name (or an address) has reached its limit
within the window, even the right password is refused until the oldest
failure leaves the window: guessing gets a handful of tries per quarter
hour instead of one every 160 ms. A successful sign-in forgets the name's
failures.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from store.models import NAME_LENGTH
from store.users import LoginFailure
from web.settings import Settings

CLIENT_LENGTH = 100


class TooManyAttempts(Exception):
    """Sign-ins for this name or from this address wait `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many failed sign-ins; try again in {max(1, retry_after // 60)} minute(s).")
        self.retry_after = retry_after


def _window(settings: Settings) -> tuple[datetime, datetime]:
    now = datetime.now(UTC)
    return now, now - timedelta(seconds=settings.login_window_seconds)


def check_allowed(session: Session, name: str, client: str, settings: Settings) -> None:
    """Raise TooManyAttempts when the name or the address has used up its failures within the window."""
    now, since = _window(settings)
    for where, limit in ((LoginFailure.name == name[:NAME_LENGTH], settings.login_failures_per_name),
                         (LoginFailure.client == client[:CLIENT_LENGTH], settings.login_failures_per_client)):
        recent: ColumnElement[bool] = where & (LoginFailure.at > since)
        count, oldest = session.execute(select(func.count(), func.min(LoginFailure.at)).where(recent)).one()
        if count >= limit:
            first = oldest if oldest.tzinfo else oldest.replace(tzinfo=UTC)
            left = first + timedelta(seconds=settings.login_window_seconds) - now
            raise TooManyAttempts(int(left.total_seconds()) + 1)


def note_failure(session: Session, name: str, client: str, settings: Settings) -> None:
    """Remember one failed sign-in, and forget the ones older than the window."""
    now, since = _window(settings)
    session.execute(delete(LoginFailure).where(LoginFailure.at <= since))
    session.add(LoginFailure(name=name[:NAME_LENGTH], client=client[:CLIENT_LENGTH], at=now))


def forget(session: Session, name: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.name == name[:NAME_LENGTH]))
