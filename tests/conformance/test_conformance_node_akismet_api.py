"""The npm `akismet-api` 6.0.0 client against a real running Tamis server, one Node process per test.

The client is configured with its own options only: `host: 'akismet.localtest:PORT'`, `protocol: 'http'`.  It sends
verify-key to `http://akismet.localtest:PORT/1.1/verify-key` (key in the body) and check/submit calls to
`http://<key>.akismet.localtest:PORT/1.1/...` with the key ONLY in the Host name; node/dns-shim.js (a --require
preload) resolves every `*.localtest` name to 127.0.0.1, so nothing on the machine is edited.  node/drive.js is the
driver; package.json and package-lock.json pin the client exactly (`npm ci` in scripts/install-conformance.sh).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conformance_support import BLATANT_SPAM, LOCAL_DOMAIN, NODE_DIR, run_json

pytestmark = pytest.mark.slow

THANKS = "Thanks for making the web a better place."
COMMENT = {"ip": "127.0.0.1", "useragent": "Mozilla/5.0", "content": "test", "isTest": True}


def drive(node: str, srv: Any, action: str, comment: dict[str, Any] | None = None, *, key: str | None = None,
          blog: str = "http://node.example", endpoint: str | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"host": f"{LOCAL_DOMAIN}:{srv.port}", "key": key or srv.key, "blog": blog,
                            "action": action, "comment": comment or {}}
    if endpoint:
        spec["endpoint"] = endpoint
    return run_json([node, "--require", "./dns-shim.js", "drive.js", json.dumps(spec)], cwd=NODE_DIR)


def test_verify_key_valid(node: str, server: Any) -> None:
    assert drive(node, server, "verifyKey")["result"] is True


def test_verify_key_invalid(node: str, server: Any) -> None:
    assert drive(node, server, "verifyKey", key="000000000000") == {"ok": True, "result": False}


def test_check_spam_guaranteed_spam_author(node: str, server: Any) -> None:
    doc = drive(node, server, "checkSpam", {**COMMENT, "name": "akismet-guaranteed-spam"})
    assert doc["ok"] and doc["result"] is True, doc


def test_check_spam_guaranteed_spam_email(node: str, server: Any) -> None:
    doc = drive(node, server, "checkSpam", {**COMMENT, "email": "akismet-guaranteed-spam@example.com"})
    assert doc["ok"] and doc["result"] is True, doc


def test_check_spam_blatant_spam_is_plain_true(node: str, campaign_server: Any) -> None:
    # akismet-api ignores the discard tip: blatant spam is just `true` to it.
    fields = {"ip": BLATANT_SPAM["user_ip"], "useragent": BLATANT_SPAM["user_agent"],
              "name": BLATANT_SPAM["comment_author"], "email": BLATANT_SPAM["comment_author_email"],
              "url": BLATANT_SPAM["comment_author_url"], "content": BLATANT_SPAM["comment_content"], "isTest": True}
    doc = drive(node, campaign_server, "checkSpam", fields, blog="http://victim2.example")
    assert doc["ok"] and doc["result"] is True, doc


def test_check_spam_ham(node: str, server: Any) -> None:
    doc = drive(node, server, "checkSpam", {**COMMENT, "role": "administrator"})
    assert doc["ok"] and doc["result"] is False, doc


def test_check_spam_with_every_alias_and_the_honeypot(node: str, server: Any) -> None:
    doc = drive(node, server, "checkSpam", {
        **COMMENT, "referer": "http://node.example/", "name": "Ann", "email": "ann@example.org",
        "url": "https://ann.example.org", "type": "comment", "date": "2026-11-25T06:00:00Z",
        "permalink": "http://node.example/post/1", "permalinkDate": "2026-11-20T10:00:00Z",
        "role": "administrator", "honeypot": "",
    })
    assert doc["ok"] and doc["result"] is False, doc


def test_check_spam_unknown_key_in_host_is_invalid_api_key(node: str, server: Any) -> None:
    doc = drive(node, server, "checkSpam", {**COMMENT, "role": "administrator"}, key="000000000000")
    assert doc == {"ok": False, "error": "Invalid API key"}


@pytest.mark.parametrize("action", ["submitSpam", "submitHam"])
def test_submit(node: str, server: Any, action: str) -> None:
    doc = drive(node, server, action, {**COMMENT, "name": "Bob", "content": "reported by a moderator"})
    assert doc["ok"], doc
    assert doc["result"] == {"status": 200, "text": THANKS, "type": "text/plain; charset=utf-8"}


@pytest.mark.parametrize("action", ["submitSpam", "submitHam"])
def test_submit_unknown_key_in_host_is_invalid(node: str, server: Any, action: str) -> None:
    doc = drive(node, server, action, COMMENT, key="000000000000")
    assert doc["ok"] and doc["result"]["status"] == 200 and doc["result"]["text"] == "invalid", doc


def test_endpoint_override_loses_the_key_and_needs_a_default_key(node: str, server: Any,
                                                                  default_key_server: Any) -> None:
    # akismet-api.md §2c fix A: client.endpoint = 'http://127.0.0.1:PORT/1.1/' (the key is then sent nowhere).
    lost = drive(node, server, "checkSpam", {**COMMENT, "role": "administrator"},
                 endpoint=f"{server.url}/1.1/")
    assert lost == {"ok": False, "error": "Invalid API key"}
    srv = default_key_server
    ok = drive(node, srv, "checkSpam", {**COMMENT, "name": "akismet-guaranteed-spam"}, key="000000000000",
               blog="http://single.example", endpoint=f"{srv.url}/1.1/")
    assert ok["ok"] and ok["result"] is True, ok
