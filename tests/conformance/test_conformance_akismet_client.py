"""The PyPI `akismet` 25.10.1 client (James Bennett) against a real running Tamis server.

Two parts: the client's OWN end-to-end test suite from its source distribution (tests/end_to_end), run unchanged
with the client pointed at our server; and our checks of what an application sees through its SyncClient and
AsyncClient.  Both run in .cache/conformance/venv-akismet (scripts/install-conformance.sh), never in our venv.
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from conformance_support import BLATANT_SPAM, DRIVERS, new_key, run_json

pytestmark = pytest.mark.slow

# The sdist's end-to-end tests, by node id (akismet 25.10.1 is pinned, so this list is too).
UPSTREAM_NAMES = [
    "test_construct_config_valid",
    "test_construct_config_invalid_key",
    "test_verify_key_valid",
    "test_verify_key_invalid",
    "test_request_with_invalid_key[comment_check]",
    "test_request_with_invalid_key[submit_nam]",
    "test_request_with_invalid_key[submit_spam]",
    "test_request_with_invalid_key[key_sites]",
    "test_request_with_invalid_key[usage_limit]",
    "test_comment_check_spam",
    "test_comment_check_ham",
    "test_submit_ham",
    "test_submit_spam",
]
UPSTREAM = [f"{mod}::{name}" for mod in ("test_sync_client", "test_async_client") for name in UPSTREAM_NAMES]


@pytest.fixture(scope="session")
def upstream_e2e(akismet_python: Path, akismet_sdist: Path, server: Any,
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run the sdist's tests/end_to_end once against the session server; outcome per test id."""
    out = tmp_path_factory.mktemp("akismet-e2e") / "junit.xml"
    env = {
        "TAMIS_E2E_API_URL": server.url,
        "PYTHON_AKISMET_API_KEY": server.key,
        "PYTHON_AKISMET_BLOG_URL": "http://e2e.example",
        "PYTHONPATH": str(DRIVERS),
        "PATH": "/usr/bin:/bin",
    }
    cmd = [str(akismet_python), "-m", "pytest", "tests/end_to_end", "-p", "tamis_akismet_e2e",
           "-p", "no:cacheprovider", "-rA", "-q", f"--junitxml={out}"]
    proc = subprocess.run(cmd, cwd=akismet_sdist, env=env, capture_output=True, text=True, timeout=300)
    outcomes: dict[str, str] = {}
    details: dict[str, str] = {}
    if out.exists():
        for case in ET.parse(out).getroot().iter("testcase"):
            test_id = f"{case.get('classname', '').rsplit('.', 1)[-1]}::{case.get('name')}"
            outcome = "passed"
            for child in case:
                if child.tag in ("failure", "error", "skipped"):
                    outcome = child.tag
                    details[test_id] = (child.get("message") or "") + "\n" + (child.text or "")
            outcomes[test_id] = outcome
    return {"rc": proc.returncode, "outcomes": outcomes, "details": details,
            "output": proc.stdout[-6000:] + proc.stderr[-3000:]}


@pytest.mark.parametrize("test_id", UPSTREAM)
def test_upstream_end_to_end(upstream_e2e: dict[str, Any], test_id: str) -> None:
    outcome = upstream_e2e["outcomes"].get(test_id)
    assert outcome is not None, f"{test_id} did not run:\n{upstream_e2e['output']}"
    assert outcome == "passed", f"{test_id}: {outcome}\n{upstream_e2e['details'].get(test_id, '')}"


def test_upstream_end_to_end_ran_exactly_the_pinned_suite(upstream_e2e: dict[str, Any]) -> None:
    assert sorted(upstream_e2e["outcomes"]) == sorted(UPSTREAM), upstream_e2e["output"]
    assert upstream_e2e["rc"] == 0, upstream_e2e["output"]


# ----------------------------------------------------------------------------------------- our own checks

E2E = {"user_ip": "127.0.0.1", "is_test": 1}


def drive(python: Path, server: Any, calls: list[dict[str, Any]], *, client: str, key: str | None = None,
          url: str = "http://pyclient.example", validated: bool = False, via: str = "api_url") -> dict[str, Any]:
    spec = {"api_url": server.url, "client": client, "validated": validated, "via": via,
            "config": {"key": key or server.key, "url": url}, "calls": calls}
    return run_json([str(python), str(DRIVERS / "akismet_driver.py"), json.dumps(spec)])


def call(method: str, **kwargs: Any) -> dict[str, Any]:
    return {"method": method, "kwargs": kwargs}


def values(doc: dict[str, Any]) -> list[Any]:
    assert doc["ok"] and "results" in doc, doc
    return [r.get("value", r.get("error")) for r in doc["results"]]


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_verify_key(akismet_python: Path, server: Any, client: str) -> None:
    doc = drive(akismet_python, server, [
        call("verify_key"),
        call("verify_key", key=server.key, url="https://another.example/blog/"),
        call("verify_key", key="000000000000", url="http://pyclient.example"),
        call("verify_key", key="INVALID_TEST_KEY", url="http://pyclient.example"),
    ], client=client)
    assert values(doc) == [True, True, False, False]


def test_validated_client_with_a_good_key_and_a_bad_one(akismet_python: Path, server: Any, client: str) -> None:
    good = drive(akismet_python, server, [call("verify_key")], client=client, validated=True)
    assert "construct_error" not in good and values(good) == [True]
    bad = drive(akismet_python, server, [], client=client, validated=True, key="0123456789ab")
    assert bad.get("construct_error", {}).get("error") == "APIKeyError", bad


def test_comment_check_maps_spam_and_ham(akismet_python: Path, server: Any, client: str) -> None:
    doc = drive(akismet_python, server, [
        call("comment_check", comment_content="test", comment_author="akismet-guaranteed-spam", **E2E),
        call("comment_check", comment_content="test", comment_author_email="akismet-guaranteed-spam@example.com",
             **E2E),
        call("comment_check", comment_content="test", user_role="administrator", **E2E),
        # Blatant content from the guaranteed-spam author: SPAM, never DISCARD (akismet-api.md §1.4).
        call("comment_check", comment_content=BLATANT_SPAM["comment_content"],
             comment_author="akismet-guaranteed-spam", **E2E),
    ], client=client)
    assert values(doc) == ["SPAM", "SPAM", "HAM", "SPAM"]
    assert [r["int"] for r in doc["results"]] == [1, 1, 0, 1]


def test_comment_check_blatant_spam_is_discard(akismet_python: Path, campaign_server: Any, client: str) -> None:
    doc = drive(akismet_python, campaign_server, [
        call("comment_check", **BLATANT_SPAM, is_test=1),
        call("comment_check", **{**BLATANT_SPAM, "comment_author": "akismet-guaranteed-spam"}, is_test=1),
        call("comment_check", **{**BLATANT_SPAM, "user_role": "administrator"}, is_test=1),
    ], client=client, url="http://victim0.example")
    assert values(doc) == ["DISCARD", "SPAM", "HAM"]
    assert [r["int"] for r in doc["results"]] == [2, 1, 0]


def test_comment_check_with_every_argument_the_client_allows(akismet_python: Path, server: Any,
                                                              client: str) -> None:
    every = {
        "blog_charset": "UTF-8", "blog_lang": "en, fr_ca", "comment_author": "Ann Example",
        "comment_author_email": "ann@example.org", "comment_author_url": "https://ann.example.org/",
        "comment_content": "Thanks, this fixed my build. One question: does it work on Python 3.12 too?",
        "comment_context": "python", "comment_date_gmt": "2026-11-25T06:00:00Z",
        "comment_post_modified_gmt": "2026-11-20T10:00:00Z", "comment_type": "comment",
        "honeypot_field_name": "hp", "is_test": 1, "permalink": "http://pyclient.example/post/1",
        "recheck_reason": "edit", "referrer": "http://pyclient.example/", "user_agent": "Mozilla/5.0",
        "user_role": "administrator",
    }
    doc = drive(akismet_python, server, [call("comment_check", user_ip="203.0.113.7", **every)], client=client)
    assert values(doc) == ["HAM"]


def test_submit_spam_and_ham(akismet_python: Path, server: Any, client: str) -> None:
    doc = drive(akismet_python, server, [
        call("submit_spam", comment_content="buy now", comment_author="akismet-guaranteed-spam", **E2E),
        call("submit_ham", comment_content="a real comment", user_role="administrator", **E2E),
        call("submit_spam", **BLATANT_SPAM, is_test=1),
    ], client=client)
    assert values(doc) == [True, True, True]


@pytest.mark.parametrize("bad_key", ["000000000000", "INVALID_TEST_KEY"])
def test_invalid_key_raises_api_key_error(akismet_python: Path, server: Any, client: str, bad_key: str) -> None:
    methods = ["comment_check", "submit_spam", "submit_ham", "usage_limit", "key_sites"]
    doc = drive(akismet_python, server, [call(m, **(E2E if m.startswith(("comment", "submit")) else {}))
                                         for m in methods], client=client, key=bad_key)
    assert dict(zip(methods, values(doc), strict=True)) == dict.fromkeys(methods, "APIKeyError"), doc


def test_usage_limit_counts_this_keys_checks(akismet_python: Path, server: Any, client: str) -> None:
    key = new_key(server, "http://usage.example")
    doc = drive(akismet_python, server, [
        call("usage_limit"),
        call("comment_check", comment_content="one", user_role="administrator", **E2E),
        call("comment_check", comment_content="two", comment_author="akismet-guaranteed-spam", **E2E),
        call("usage_limit"),
    ], client=client, key=key, url="http://usage.example")
    before, _, _, after = values(doc)
    assert before == {"limit": "none", "usage": 0, "percentage": "0.00", "throttled": False}
    assert after == {"limit": "none", "usage": 2, "percentage": "0.00", "throttled": False}


def test_key_sites_without_a_default_key_is_api_key_error(akismet_python: Path, server: Any, client: str) -> None:
    # akismet 25.10.1's key_sites() sends no api_key at all (akismet-api.md §1.2, client bug); a server without a
    # default key can only answer `invalid`, as Akismet itself does, which the client raises as APIKeyError.
    doc = drive(akismet_python, server, [call("key_sites")], client=client)
    assert values(doc) == ["APIKeyError"]


def test_key_sites_with_a_default_key(akismet_python: Path, default_key_server: Any, client: str) -> None:
    srv = default_key_server
    doc = drive(akismet_python, srv, [
        call("comment_check", comment_content="hello", user_role="administrator", **E2E),
        call("key_sites"),
        call("key_sites", result_format="csv"),
        call("key_sites", url_filter="nothing-matches-this"),
    ], client=client, key=srv.default_key, url="http://single.example")
    check, sites, csv_text, empty = values(doc)
    assert check == "HAM"
    (month,) = [k for k in sites if k not in ("limit", "offset", "total")]
    assert sites["limit"] == 500 and sites["offset"] == 0 and sites["total"] >= 1
    row = next(r for r in sites[month] if r["site"] == "http://single.example")
    assert set(row) == {"site", "api_calls", "spam", "ham", "missed_spam", "false_positives", "is_revoked"}
    assert int(row["api_calls"]) >= 1 and row["is_revoked"] is False
    assert csv_text.startswith(f"Active sites for {srv.default_key} during {month} (limit:500, offset: 0, total: ")
    assert csv_text.splitlines()[1] == "Site,Total API Calls,Spam,Ham,Missed Spam,False Positives,Is Revoked"
    assert empty == {month: [], "limit": 500, "offset": 0, "total": 0}


def test_through_the_supported_http_client_argument(akismet_python: Path, server: Any, client: str) -> None:
    # akismet-api.md §2a way 2: no private symbol changed; every request still says Host: rest.akismet.com, as a
    # rerouted WordPress's do.
    doc = drive(akismet_python, server, [
        call("verify_key"),
        call("comment_check", comment_content="test", comment_author="akismet-guaranteed-spam", **E2E),
        call("comment_check", comment_content="test", user_role="administrator", **E2E),
        call("submit_spam", comment_content="test", comment_author="akismet-guaranteed-spam", **E2E),
        call("submit_ham", comment_content="test", user_role="administrator", **E2E),
        call("usage_limit"),
    ], client=client, validated=True, via="transport")
    assert "construct_error" not in doc, doc
    verify, spam, ham, submitted_spam, submitted_ham, usage = values(doc)
    assert (verify, spam, ham, submitted_spam, submitted_ham) == (True, "SPAM", "HAM", True, True)
    assert set(usage) == {"limit", "usage", "percentage", "throttled"}


def test_the_client_identifies_itself(akismet_python: Path, server: Any) -> None:
    doc = drive(akismet_python, server, [], client="sync")
    assert doc["user_agent"].startswith("akismet.py/25.10.1 | Python/")
