"""Migrations and schema stay in step: the migrated database matches tamis.store.schema on both backends."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tamis.store import Store, migrate
from tamis.store.migrate import current_revision
from tamis.store.schema import metadata


def test_migrated_schema_matches_metadata(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_migrate_is_idempotent(store: Store) -> None:
    before = current_revision(store.engine)
    migrate(store.engine)
    assert current_revision(store.engine) == before is not None
    assert set(metadata.tables) <= set(sa.inspect(store.engine).get_table_names())
