"""Fixtures for the conformance tests: the installed real clients, and a second server in single-key mode.

The main server is tests/conftest.py's session fixture `server` (a real `tamis serve`).  `default_key_server` is
another real server started with TAMIS_DEFAULT_KEY, for clients whose redirection loses the key;
`campaign_server` one that has seen a spam campaign (for the discard tip); `stats_server` (in the golden tests)
one whose statistics only those tests touch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The helpers beside this file are imported by name (pytest's default "prepend" import mode puts this directory on
# sys.path anyway; this keeps them importable under --import-mode=importlib too).
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from conformance_support import (  # noqa: E402
    AKISMET_PY,
    AKISMET_SDIST,
    BLATANT_SPAM,
    NODE_DIR,
    PYTHON_AKISMET_PY,
    require,
)
from tamis_testing import RunningServer, start_server, stop_server  # noqa: E402


@pytest.fixture(scope="session")
def akismet_python() -> Path:
    return require(AKISMET_PY, "The PyPI akismet 25.10.1 client venv")


@pytest.fixture(scope="session")
def akismet_sdist() -> Path:
    return require(AKISMET_SDIST / "tests" / "end_to_end" / "test_sync_client.py",
                   "The akismet 25.10.1 source distribution").parent.parent.parent


@pytest.fixture(scope="session")
def python_akismet_python() -> Path:
    return require(PYTHON_AKISMET_PY, "The PyPI python-akismet 0.4.3 client venv")


@pytest.fixture(scope="session")
def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        require(Path("/nonexistent/node"), "Node.js (the `node` command)")
    require(NODE_DIR / "node_modules" / "akismet-api" / "lib" / "akismet.js", "The npm akismet-api 6.0.0 client")
    return exe  # type: ignore[return-value]


@pytest.fixture(scope="session")
def default_key_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A real server in single-key mode: TAMIS_DEFAULT_KEY names a key created beforehand with the CLI."""
    tmp = tmp_path_factory.mktemp("default-key-server")
    db_url = f"sqlite:///{tmp / 'server.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAMIS_")}
    env["TAMIS_DATABASE_URL"] = db_url
    out = subprocess.run([sys.executable, "-m", "tamis", "keys", "create", "--site", "http://single.example"],
                         env=env, capture_output=True, text=True, check=True, timeout=120)
    key = out.stdout.splitlines()[0].strip()
    srv = start_server(tmp, extra_env={"TAMIS_DEFAULT_KEY": key}, db_url=db_url)
    srv.default_key = key  # type: ignore[attr-defined]
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def campaign_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A real server (its own database) that has already seen BLATANT_SPAM as a campaign: posted for real (not
    is_test) from 8 addresses to 4 sites.  Blatant spam in Akismet's sense is "pervasive" spam, and the next copy
    of it, test or not, must come back `true` with `X-akismet-pro-tip: discard`.  Kept apart from the session
    server so this flood trains nothing the other tests see."""
    srv = start_server(tmp_path_factory.mktemp("campaign-server"))
    for i in range(8):
        resp = httpx.post(srv.url + "/1.1/comment-check", timeout=30, data={
            **BLATANT_SPAM, "api_key": srv.key, "blog": f"http://victim{i % 4}.example",
            "user_ip": f"203.0.113.{10 + i}"})
        assert resp.status_code == 200 and resp.text in ("true", "false"), resp.text
    yield srv
    stop_server(srv)
