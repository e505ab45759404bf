"""Creating users and checking passwords (argon2 hashes, never the passwords themselves)."""
from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.enums import Role
from store.errors import StoreError
from store.models import NAME_LENGTH
from store.users import User

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def add_user(session: Session, name: str, role: Role, password: str) -> User:
    """A new active user; refuses a name too long to keep, a short password or a name already taken."""
    if not 0 < len(name) <= NAME_LENGTH:
        raise StoreError(name[:40], "a user name has 1 to %(most)s characters (%(given)s given)", most=NAME_LENGTH,
                         given=len(name))
    if len(password) < MIN_PASSWORD:
        raise StoreError(name, "the password needs at least %(least)s characters", least=MIN_PASSWORD)
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
