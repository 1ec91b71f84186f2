"""Shared fixtures: fresh databases (SQLite and the real PostgreSQL) and a real running Tamis server.

PostgreSQL is the machine's server on 127.0.0.1:5432 (database `test`, user `postgres`, trust auth).  Each test gets
its own schema, dropped afterwards, so tests never see each other's rows.  Set TAMIS_TEST_POSTGRES_URL to use
another server.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tamis_testing import (  # noqa: F401  (re-exported for older imports)
    PG_URL,
    REPO,
    SHARED,
    RunningServer,
    free_port,
    seed_rows,
    start_server,
    stop_server,
)


@pytest.fixture(scope="session")
def pg_available() -> bool:
    try:
        eng = sa.create_engine(PG_URL)
        with eng.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        eng.dispose()
        return True
    except Exception:
        return False


@pytest.fixture
def pg_url(pg_available: bool) -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema of the real PostgreSQL."""
    if not pg_available:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_URL}; CI machines must run it")
        pytest.skip(f"PostgreSQL is not reachable at {PG_URL}")
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(PG_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tamis.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[object]:
    from tamis.store import Store, migrate

    s = Store.open(db_url)
    migrate(s.engine)
    yield s
    s.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One real server for the session (SQLite), started the way the README starts it."""
    srv = start_server(tmp_path_factory.mktemp("server"))
    yield srv
    stop_server(srv)
