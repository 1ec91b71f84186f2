"""Shared fixtures: fresh databases (SQLite and the real PostgreSQL) and a real running Tamis server.

PostgreSQL is the machine's server on 127.0.0.1:5432 (database `test`, user `postgres`, trust auth).  Each test gets
its own schema, dropped afterwards, so tests never see each other's rows.  Set TAMIS_TEST_POSTGRES_URL to use
another server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PG_URL = os.environ.get("TAMIS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def seed_rows() -> list[dict]:
    import json

    path = SHARED / "data" / "seed_thread.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not here (CI and the dev machines have ../shared beside the repo)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RunningServer:
    """A real `tamis serve` process on 127.0.0.1 with its own database."""

    url: str
    port: int
    key: str
    env: dict[str, str]
    process: subprocess.Popen[bytes]
    log: Path
    _keys: list[str] = field(default_factory=list)

    def tamis(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a `tamis` CLI command against this server's database."""
        return subprocess.run([sys.executable, "-m", "tamis", *args], env=self.env, capture_output=True,
                              text=True, check=check, timeout=120)

    def create_key(self, *sites: str) -> str:
        args = ["keys", "create"]
        for s in sites:
            args += ["--site", s]
        return self.tamis(*args).stdout.splitlines()[0].strip()

    def post(self, path: str, data: dict | list | bytes | str | None = None, **kw: object) -> httpx.Response:
        if isinstance(data, (bytes, str)):
            return httpx.post(self.url + path, content=data, timeout=10, **kw)  # type: ignore[arg-type]
        return httpx.post(self.url + path, data=data, timeout=10, **kw)  # type: ignore[arg-type]


def start_server(tmp: Path, extra_env: dict[str, str] | None = None, db_url: str | None = None) -> RunningServer:
    port = free_port()
    tmp.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAMIS_")}
    env["TAMIS_DATABASE_URL"] = db_url or f"sqlite:///{tmp / 'server.db'}"
    env["TAMIS_LOG_LEVEL"] = "warning"
    env.update(extra_env or {})
    log = tmp / "server.log"
    proc = subprocess.Popen([sys.executable, "-m", "tamis", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/1.1/test", timeout=1).text == "connected":
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"tamis serve did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.1)
    key = ""
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("API key: "):
            key = line.split()[2]
    if not key:
        raise RuntimeError(f"tamis serve printed no key:\n{log.read_text(errors='replace')}")
    return RunningServer(url, port, key, env, proc, log)


def stop_server(server: RunningServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One real server for the session (SQLite), started the way the README starts it."""
    srv = start_server(tmp_path_factory.mktemp("server"))
    yield srv
    stop_server(srv)
