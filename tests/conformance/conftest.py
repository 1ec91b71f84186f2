"""Fixtures for the conformance tests: the installed real clients, and a second server in single-key mode.

The main server is tests/conftest.py's session fixture `server` (a real `tamis serve`).  `default_key_server` is
another real server started with TAMIS_DEFAULT_KEY, for clients whose redirection loses the key.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

# The helpers beside this file are imported by name (pytest's default "prepend" import mode puts this directory on
# sys.path anyway; this keeps them importable under --import-mode=importlib too).
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from conformance_support import (  # noqa: E402
    AKISMET_PY,
    AKISMET_SDIST,
    NODE_DIR,
    PYTHON_AKISMET_PY,
    REPO,
    require,
)


@pytest.fixture(scope="session")
def lead_conftest(request: pytest.FixtureRequest) -> ModuleType:
    """tests/conftest.py as pytest loaded it (start_server, stop_server live there)."""
    target = (REPO / "tests" / "conftest.py").resolve()
    for plugin in request.config.pluginmanager.get_plugins():
        f = getattr(plugin, "__file__", None)
        if f and Path(f).resolve() == target:
            return plugin  # type: ignore[no-any-return]
    raise RuntimeError("tests/conftest.py is not loaded")


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
def default_key_server(tmp_path_factory: pytest.TempPathFactory, lead_conftest: ModuleType) -> Iterator[Any]:
    """A real server in single-key mode: TAMIS_DEFAULT_KEY names a key created beforehand with the CLI."""
    tmp = tmp_path_factory.mktemp("default-key-server")
    db_url = f"sqlite:///{tmp / 'server.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAMIS_")}
    env["TAMIS_DATABASE_URL"] = db_url
    out = subprocess.run([sys.executable, "-m", "tamis", "keys", "create", "--site", "http://single.example"],
                         env=env, capture_output=True, text=True, check=True, timeout=120)
    key = out.stdout.splitlines()[0].strip()
    srv = lead_conftest.start_server(tmp, extra_env={"TAMIS_DEFAULT_KEY": key}, db_url=db_url)
    srv.default_key = key
    yield srv
    lead_conftest.stop_server(srv)
