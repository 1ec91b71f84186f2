"""Helpers shared by the tests and the benchmarks: a real `tamis serve` process, the seed thread, paths.

Import them as `from tamis_testing import ...` (tests/ is on pytest's pythonpath); conftest.py holds the fixtures.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PG_URL = os.environ.get("TAMIS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def seed_rows() -> list[dict]:
    path = SHARED / "data" / "seed_thread.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not here (CI and the dev machines have ../shared beside the repo)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


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


