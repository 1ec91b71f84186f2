"""pytest plugin that points the PyPI `akismet` client's OWN end-to-end tests at a Tamis server.

Loaded with `-p tamis_akismet_e2e` when tests/conformance runs the sdist's tests/end_to_end (in
.cache/conformance/venv-akismet).  It changes one thing, `akismet._common._API_URL` (the only way the client can be
pointed elsewhere, akismet-api.md §2a), and checks that the environment the upstream tests read is set: the
upstream conftest and tests are used as published.
"""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    from akismet import _common

    missing = [v for v in ("TAMIS_E2E_API_URL", "PYTHON_AKISMET_API_KEY", "PYTHON_AKISMET_BLOG_URL")
               if not os.environ.get(v)]
    if missing:
        raise pytest.UsageError(f"tamis_akismet_e2e: {', '.join(missing)} not set")
    _common._API_URL = os.environ["TAMIS_E2E_API_URL"]


@pytest.fixture(autouse=True)
def _tamis_api_url() -> None:
    """Every upstream test talks to the Tamis server, never to rest.akismet.com."""
    from akismet import _common

    assert _common._API_URL == os.environ["TAMIS_E2E_API_URL"]
