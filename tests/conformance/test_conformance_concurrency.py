"""Many clients at once, on SQLite and on the real PostgreSQL: every check answered `true`/`false` is stored and
counted, every report is acknowledged, and no request is refused because another one was being written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from conformance_support import new_key
from tamis_testing import start_server, stop_server

pytestmark = pytest.mark.slow

THREADS = 16
PER_THREAD = 8
THANKS = "Thanks for making the web a better place."


@pytest.fixture(params=["sqlite", "postgres"])
def any_db_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A server of this test's own (its traffic is real, not is_test, and would train a shared one)."""
    db_url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    srv = start_server(tmp_path, db_url=db_url)
    yield srv
    stop_server(srv)


def test_concurrent_checks_and_reports_are_all_kept(any_db_server: Any) -> None:
    srv = any_db_server
    key = new_key(srv, "http://busy.example")

    def worker(t: int) -> list[tuple[str, str, str]]:
        out = []
        with httpx.Client(base_url=srv.url, timeout=30) as client:
            for i in range(PER_THREAD):
                fields = {"api_key": key, "blog": f"http://busy.example/{t % 4}", "user_ip": f"198.51.100.{t}",
                          "comment_content": f"comment {t}-{i}",
                          **({"user_role": "administrator"} if i % 2 else {"comment_author":
                                                                           "akismet-guaranteed-spam"})}
                r = client.post("/1.1/comment-check", data=fields)
                out.append(("check", r.text, r.headers.get("x-akismet-guid", "")))
                if i % 4 == 0:
                    r = client.post("/1.1/submit-ham", data=fields)
                    out.append(("report", r.text, r.headers.get("x-akismet-debug-help", "")))
        return out

    with ThreadPoolExecutor(THREADS) as pool:
        results = [x for chunk in pool.map(worker, range(THREADS)) for x in chunk]
    checks = [r for r in results if r[0] == "check"]
    reports = [r for r in results if r[0] == "report"]
    assert [r[1] for r in checks].count("true") == THREADS * PER_THREAD // 2, checks
    assert [r[1] for r in checks].count("false") == THREADS * PER_THREAD // 2, checks
    assert all(r[1] == THANKS for r in reports), [r for r in reports if r[1] != THANKS]

    usage = httpx.get(srv.url + "/1.2/usage-limit", params={"api_key": key}, timeout=30).json()
    assert usage["usage"] == len(checks)
    sites = httpx.get(srv.url + "/1.2/key-sites", params={"api_key": key}, timeout=30).json()
    (month,) = [k for k in sites if k not in ("limit", "offset", "total")]
    assert sum(int(r["api_calls"]) for r in sites[month]) == len(checks)
    assert sum(int(r["spam"]) for r in sites[month]) == len(checks) // 2
    assert sum(int(r["ham"]) for r in sites[month]) == len(checks) // 2
    assert sum(int(r["false_positives"]) for r in sites[month]) == len(reports)  # each report undid a spam verdict

    eng = sa.create_engine(srv.env["TAMIS_DATABASE_URL"])
    try:
        with eng.connect() as conn:
            rows = conn.execute(sa.text("SELECT guid, fields FROM checks WHERE guid IN :g")
                                .bindparams(sa.bindparam("g", expanding=True)), {"g": [r[2] for r in checks]}).all()
    finally:
        eng.dispose()
    assert len(rows) == len(checks)
    contents = {(f if isinstance(f, dict) else json.loads(f))["fields"]["comment_content"] for _, f in rows}
    assert contents == {f"comment {t}-{i}" for t in range(THREADS) for i in range(PER_THREAD)}
