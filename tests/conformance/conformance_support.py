"""Helpers shared by the conformance tests: where the installed clients live, and how to run a driver.

The real clients are installed by scripts/install-conformance.sh (the README's test command runs it first).  When
something it installs is missing, a test skips with a message saying so, except in CI (``CI`` set), where it fails:
CI must never go green by skipping the clients we claim to support.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CACHE = REPO / ".cache" / "conformance"
DRIVERS = HERE / "drivers"
NODE_DIR = HERE / "node"
GOLDEN = HERE / "golden"

AKISMET_PY = CACHE / "venv-akismet" / "bin" / "python"
PYTHON_AKISMET_PY = CACHE / "venv-python-akismet" / "bin" / "python"
AKISMET_SDIST = CACHE / "akismet-25.10.1"
INSTALL = "scripts/install-conformance.sh"

# Every name under .localtest resolves to 127.0.0.1 inside the drivers (a Node preload, a getaddrinfo patch):
# `<key>.akismet.localtest:<port>` reaches the local server with the key in the Host header.
LOCAL_DOMAIN = "akismet.localtest"


def require(path: Path, what: str) -> Path:
    """`path` if it exists; otherwise skip (locally) or fail (CI) with the command that installs it."""
    if path.exists():
        return path
    msg = f"{what} is not installed ({path} is missing): run {INSTALL} first"
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)


def run_json(cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
             timeout: float = 60) -> dict[str, Any]:
    """Run a driver that prints one JSON object as its last stdout line; return it (fail with its output if not)."""
    # The drivers talk to 127.0.0.1 and *.localtest only: no proxy, and none of our own settings.
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("PYTHON_AKISMET_", "TAMIS_")) and not k.lower().endswith("_proxy")}
    full_env.pop("PYTHONPATH", None)
    full_env.update(env or {})
    proc = subprocess.run(cmd, env=full_env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    try:
        doc = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        pytest.fail(f"driver {cmd[1:3]} printed no JSON (exit {proc.returncode})\n"
                    f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    if not isinstance(doc, dict):
        pytest.fail(f"driver printed {doc!r}")
    return doc


# Blatant spam: what a site owner would want dropped unseen (akismet-api.md §1.2 "discard": Akismet's "pervasive"
# spam).  The `campaign_server` fixture has already seen it posted to several sites; the tests then expect `true`
# with `X-akismet-pro-tip: discard` for the next copy, and `true` without the tip for Akismet's test author.
BLATANT_SPAM = {
    "user_ip": "203.0.113.66",
    "user_agent": "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)",
    "comment_author": "best cheap viagra online",
    "comment_author_email": "sales@cheap-pills-online.example",
    "comment_author_url": "http://cheap-pills-online.example/",
    "comment_content": (
        "BUY CHEAP VIAGRA CIALIS ONLINE NO PRESCRIPTION!!! 80% OFF TODAY ONLY "
        '<a href="http://cheap-pills-online.example/viagra">cheap viagra</a> '
        '<a href="http://cheap-pills-online.example/cialis">buy cialis online</a> '
        '<a href="http://casino-bonus.example/">online casino bonus</a> '
        '<a href="http://payday-loans.example/">payday loans no credit check</a> '
        '<a href="http://replica-watches.example/">replica rolex watches</a> '
        '<a href="http://cheap-pills-online.example/levitra">levitra generic</a> '
        "http://cheap-pills-online.example/ http://casino-bonus.example/ http://payday-loans.example/ "
        "viagra viagra viagra cialis cialis casino casino loans"
    ),
}


def new_key(srv: Any, *sites: str) -> str:
    """A new key on a running server's database, made in-process with the store (the `tamis keys create` CLI does
    the same, but costs a Python start-up per key)."""
    from tamis.store import Store

    store = Store.open(srv.env["TAMIS_DATABASE_URL"])
    try:
        return store.create_key(list(sites), "conformance tests")
    finally:
        store.close()
