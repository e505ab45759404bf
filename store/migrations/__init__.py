"""Alembic migrations of the store, run by `store.db.upgrade` (no alembic.ini needed)."""

# The newest revision in versions/, so that opening a store at it needs no Alembic import; a test holds it
# equal to the scripts' head.
HEAD_REVISION = "0013"
