"""Alembic environment: the connection is handed in by tamis.store.migrate (no alembic.ini, no URL here)."""

from alembic import context

from tamis.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
