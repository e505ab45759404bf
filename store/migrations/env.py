"""Alembic environment: migrations always run on the connection `store.db.upgrade` hands in."""
from alembic import context

import store.users  # noqa: F401  (its tables are part of the schema: Base.metadata holds every table only with it)
from store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
