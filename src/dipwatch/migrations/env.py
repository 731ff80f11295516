"""Alembic environment: runs on the connection dipwatch.store.upgrade() hands over (no alembic.ini).

To write a new migration: ``alembic -x url=sqlite:///dev.db revision -m "..."`` is not needed; copy
versions/0001_initial.py's layout, set ``down_revision`` to the newest revision, and describe the change.
"""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("dipwatch migrations run through dipwatch.store.upgrade(), which passes a connection")

context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
