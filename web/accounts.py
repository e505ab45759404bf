"""Creating users and checking passwords (argon2 hashes, never the passwords themselves)."""
from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.errors import StoreError
from store.users import ROLES, User

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def add_user(session: Session, name: str, role: str, password: str) -> User:
    """A new active user; refuses an unknown role, a short password or a name already taken."""
    if role not in ROLES:
        raise StoreError(name, f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise StoreError(name, f"the password needs at least {MIN_PASSWORD} characters")
    if session.scalars(select(User).where(User.name == name)).first() is not None:
        raise StoreError(name, "a user with this name exists already")
    user = User(name=name, role=role, password_hash=_hasher.hash(password), active=True, created_at=datetime.now(UTC))
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The active user with this name and password, else None (same answer for an unknown name)."""
    user = session.scalars(select(User).where(User.name == name, User.active.is_(True))).first()
    if user is None:
        _hasher.hash(password)  # spend the same time as a real check, so names cannot be probed by timing
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user
