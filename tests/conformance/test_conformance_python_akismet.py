"""The PyPI `python-akismet` 0.4.3 client (Nekmo) against a real running Tamis server.

It parses the body as JSON (so `true`/`false` must be bare literals), maps `true` + `X-akismet-pro-tip: discard`
to DefiniteSpam, insists on the exact "Thanks..." body for submit-*, always sends `is_test=True|False` and
`charset=utf-8`, and sends the key only in the host name: `<key>.<domain>`.  Two ways to point it at us
(akismet-api.md §2b), both tested: the key in the subdomain (`<key>.akismet.localtest:PORT`, resolved to
127.0.0.1 by the driver), and get_url() overridden to the bare address, which loses the key, against a server
with TAMIS_DEFAULT_KEY.  Runs in .cache/conformance/venv-python-akismet.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conformance_support import BLATANT_SPAM, DRIVERS, LOCAL_DOMAIN, run_json

pytestmark = pytest.mark.slow

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
HAM, UNKNOWN, PROBABLE_SPAM, DEFINITE_SPAM = 0, 1, 2, 3


def drive(python: Path, srv: Any, method: str, *, mode: str = "subdomain", key: str | None = None,
          blog: str = "http://nekmo.example", **kwargs: Any) -> dict[str, Any]:
    spec = {"mode": mode, "port": srv.port, "key": key or srv.key, "blog": blog, "method": method,
            "kwargs": {"user_ip": "127.0.0.1", "user_agent": UA, **kwargs}}
    return run_json([str(python), str(DRIVERS / "python_akismet_driver.py"), json.dumps(spec)])


def test_key_travels_in_the_subdomain(python_akismet_python: Path, server: Any) -> None:
    doc = drive(python_akismet_python, server, "check", comment_content="hello", user_role="administrator")
    assert doc["ok"], doc
    assert doc["url"] == f"http://{server.key}.{LOCAL_DOMAIN}:{server.port}/1.1/comment-check"


@pytest.mark.parametrize(("fields", "expected"), [
    ({"comment_author": "akismet-guaranteed-spam", "comment_content": "test", "is_test": True}, PROBABLE_SPAM),
    ({"comment_author_email": "akismet-guaranteed-spam@example.com", "comment_content": "test", "is_test": True},
     PROBABLE_SPAM),
    ({"user_role": "administrator", "comment_content": "test"}, HAM),
    ({"user_role": "administrator", "comment_content": "test", "is_test": True}, HAM),
    ({"comment_author": "akismet-guaranteed-spam", "comment_content": BLATANT_SPAM["comment_content"],
      "is_test": True}, PROBABLE_SPAM),
], ids=["spam-author", "spam-email", "admin", "admin-is_test", "test-author-never-discard"])
def test_check(python_akismet_python: Path, server: Any, fields: dict[str, Any], expected: int) -> None:
    doc = drive(python_akismet_python, server, "check", **fields)
    assert doc["ok"], doc
    assert doc["value"] == expected, doc


def test_blatant_spam_is_definite_spam(python_akismet_python: Path, campaign_server: Any) -> None:
    fields = {k: v for k, v in BLATANT_SPAM.items() if k not in ("user_ip", "user_agent")}
    doc = drive(python_akismet_python, campaign_server, "check", is_test=True, blog="http://victim1.example",
                **fields)
    assert doc["ok"], doc
    assert (doc["value"], doc["name"]) == (DEFINITE_SPAM, "DefiniteSpam")
    doc = drive(python_akismet_python, campaign_server, "check", is_test=True, blog="http://victim1.example",
                **{**fields, "comment_author": "akismet-guaranteed-spam"})
    assert (doc["value"], doc["name"]) == (PROBABLE_SPAM, "ProbableSpam"), doc


@pytest.mark.parametrize("method", ["submit_spam", "submit_ham"])
def test_submit_gets_the_exact_thanks(python_akismet_python: Path, server: Any, method: str) -> None:
    # The client raises AkismetServerError unless the body is exactly "Thanks for making the web a better place."
    doc = drive(python_akismet_python, server, method, comment_content="reported by a moderator",
                comment_author="Bob", is_test=True)
    assert doc == {"ok": True, "value": None, "name": None,
                   "url": f"http://{server.key}.{LOCAL_DOMAIN}:{server.port}/1.1/{method.replace('_', '-')}"}


@pytest.mark.parametrize("method", ["check", "submit_spam", "submit_ham"])
def test_unknown_key_in_the_subdomain_is_a_server_error_with_help(python_akismet_python: Path, server: Any,
                                                                  method: str) -> None:
    doc = drive(python_akismet_python, server, method, key="000000000000", comment_content="hello")
    assert doc["ok"] is False and doc["error"] == "AkismetServerError", doc
    if method == "check":  # check quotes X-akismet-debug-help; submit quotes the body
        assert "000000000000" in doc["message"], doc
    else:
        assert doc["message"].endswith(": invalid"), doc


def test_get_url_override_needs_a_default_key(python_akismet_python: Path, server: Any) -> None:
    doc = drive(python_akismet_python, server, "check", mode="get_url", comment_content="hello",
                user_role="administrator")
    assert doc["ok"] is False and doc["error"] == "AkismetServerError", doc
    assert "api_key" in doc["message"], doc


@pytest.mark.parametrize(("method", "fields", "expected"), [
    ("check", {"comment_author": "akismet-guaranteed-spam"}, PROBABLE_SPAM),
    ("check", {"user_role": "administrator"}, HAM),
    ("submit_spam", {"comment_author": "akismet-guaranteed-spam"}, None),
    ("submit_ham", {"user_role": "administrator"}, None),
], ids=["check-spam", "check-ham", "submit_spam", "submit_ham"])
def test_get_url_override_with_a_default_key(python_akismet_python: Path, default_key_server: Any, method: str,
                                             fields: dict[str, Any], expected: int | None) -> None:
    doc = drive(python_akismet_python, default_key_server, method, mode="get_url", key="not-a-key",
                blog="http://single.example", comment_content="test", is_test=True, **fields)
    assert doc["ok"], doc
    assert doc["value"] == expected
    assert doc["url"].startswith(f"http://127.0.0.1:{default_key_server.port}/1.1/")
