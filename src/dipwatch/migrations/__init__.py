"""Alembic migrations of the dipwatch schema, run in-process by dipwatch.store.upgrade()."""
