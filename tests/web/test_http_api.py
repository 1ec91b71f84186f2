"""The real server, started as the README starts it, driven over HTTP."""

from __future__ import annotations

import json

import httpx
import pytest

from tamis_testing import RunningServer, seed_rows, start_server, stop_server

BLOG = "https://newsite.example/"


def check(server: RunningServer, key: str | None = None, **fields: str) -> httpx.Response:
    data = {"blog": BLOG, "user_ip": "198.51.100.20", "user_agent": "Mozilla/5.0", **fields}
    if key is not None:
        data["api_key"] = key
    return server.post("/1.1/comment-check", data)


def test_seed_thread_through_the_http_api(server: RunningServer) -> None:
    for row in seed_rows():
        fields = {k: v for k, v in row.items() if k not in ("id", "label")}
        resp = check(server, server.key, **fields)
        assert resp.status_code == 200
        assert resp.text == ("true" if row["label"] == "spam" else "false"), (row["id"], resp.headers)
        assert "X-Tamis-Reasons" in resp.headers and float(resp.headers["X-Tamis-Score"]) >= 0


def test_every_check_has_a_guid_and_reasons(server: RunningServer) -> None:
    resp = check(server, server.key, comment_content="Thanks, this fixed my build.")
    assert len(resp.headers["X-akismet-guid"]) == 36
    assert resp.headers["X-Tamis-Model"]


def test_key_from_every_place(server: RunningServer) -> None:
    key = server.create_key("https://k.example")
    base = {"blog": "https://k.example", "user_ip": "1.2.3.4", "comment_content": "hello there"}
    assert server.post("/1.1/comment-check", {**base, "api_key": key}).text in ("true", "false")
    assert server.post("/1.1/comment-check", {**base, "key": key}).text in ("true", "false")
    assert server.post(f"/1.1/comment-check?api_key={key}", base).text in ("true", "false")
    by_host = httpx.post(server.url + "/1.1/comment-check", data=base, headers={"Host": f"{key}.rest.akismet.com"})
    assert by_host.text in ("true", "false")
    no_key = httpx.post(server.url + "/1.1/comment-check", data=base, headers={"Host": "rest.akismet.com"})
    assert no_key.text == "invalid" and "api_key" in no_key.headers["X-akismet-debug-help"]


def test_revoked_key_and_site(server: RunningServer) -> None:
    key = server.create_key("https://r.example", "https://s.example")
    server.tamis("keys", "revoke-site", key, "https://s.example")
    resp = check(server, key, blog="https://s.example", comment_content="hi")
    assert resp.text == "invalid" and "no longer allowed" in resp.headers["X-akismet-debug-help"]
    assert check(server, key, blog="https://r.example", comment_content="hi").text in ("true", "false")
    server.tamis("keys", "revoke", key)
    import time

    time.sleep(2.1)  # the key cache holds rows for 2 s
    resp = server.post("/1.1/verify-key", {"key": key, "blog": "https://r.example"})
    assert resp.text == "invalid" and "revoked" in resp.headers["X-akismet-debug-help"]


def test_reports_feed_the_statistics(server: RunningServer) -> None:
    key = server.create_key("https://stats.example")
    site = {"blog": "https://stats.example", "user_ip": "203.0.113.50"}
    ham = {**site, "comment_author": "Ann", "comment_content": "I tried this and it worked, thanks."}
    spam = {**site, "comment_author": "akismet-guaranteed-spam", "comment_content": "cheap"}
    assert server.post("/1.1/comment-check", {**ham, "api_key": key}).text == "false"
    assert server.post("/1.1/comment-check", {**spam, "api_key": key}).text == "true"
    # WordPress-style report: no guid, extra fields.
    thanks = server.post("/1.1/submit-spam", {**ham, "api_key": key, "reporter": "admin", "comment_ID": "3"})
    assert thanks.text == "Thanks for making the web a better place."
    server.post("/1.1/submit-spam", {**ham, "api_key": key})  # the same report again changes nothing
    doc = json.loads(server.post("/1.2/key-sites", {"api_key": key}).text)
    [row] = [v for k, v in doc.items() if k not in ("limit", "offset", "total")][0]
    assert (row["api_calls"], row["spam"], row["ham"], row["missed_spam"]) == ("2", "1", "1", "1")
    stats = json.loads(server.post("/1.1/get-stats", {"key": key, "blog": "https://stats.example"}).text)
    assert (stats["spam"], stats["ham"], stats["missed_spam"], stats["accuracy"]) == (1, 1, 1, 50.0)
    usage = json.loads(httpx.get(server.url + "/1.2/usage-limit", params={"api_key": key}).text)
    assert usage == {"limit": "none", "usage": 2, "percentage": "0.00", "throttled": False}


@pytest.mark.parametrize("body", [b"", b"&&&", b"api_key", b"=" * 100, b"%zz=%", "é=ü".encode("latin-1")])
def test_garbage_bodies_get_invalid_not_5xx(server: RunningServer, body: bytes) -> None:
    for path in ("/1.1/comment-check", "/1.1/submit-spam", "/1.1/verify-key", "/1.2/key-sites"):
        resp = server.post(path, body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert resp.status_code == 200 and resp.text == "invalid" and resp.headers["X-akismet-debug-help"]


def test_ten_megabyte_body(server: RunningServer) -> None:
    body = b"api_key=" + server.key.encode() + b"&user_ip=1&comment_content=" + b"a" * (10 * 1024 * 1024)
    resp = server.post("/1.1/comment-check", body)
    assert resp.status_code == 200 and resp.text == "invalid"
    assert "limit" in resp.headers["X-akismet-debug-help"]
    assert check(server, server.key, comment_content="still alive").status_code == 200


def test_default_key_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = start_server(tmp_path / "a")
    stop_server(first)
    srv = start_server(tmp_path / "a", extra_env={"TAMIS_DEFAULT_KEY": first.key})
    try:
        resp = srv.post("/1.1/comment-check", {"blog": BLOG, "user_ip": "1.2.3.4", "comment_content": "hi"})
        assert resp.text in ("true", "false")
    finally:
        stop_server(srv)


def test_usage_limit_and_throttling(tmp_path) -> None:  # type: ignore[no-untyped-def]
    srv = start_server(tmp_path, extra_env={"TAMIS_USAGE_LIMIT": "2", "TAMIS_THROTTLE_OVER_LIMIT": "true"})
    try:
        for _ in range(2):
            assert check(srv, srv.key, comment_content="hello").text in ("true", "false")
        over = check(srv, srv.key, comment_content="hello")
        assert over.text == "invalid" and over.headers["X-akismet-error"]
        doc = json.loads(httpx.get(srv.url + "/1.2/usage-limit", params={"api_key": srv.key}).text)
        assert doc == {"limit": 2, "usage": 2, "percentage": "100.00", "throttled": True}
    finally:
        stop_server(srv)


def test_test_values_do_not_teach_reputation(server: RunningServer) -> None:
    import time

    key = server.create_key("https://probe.example")
    probe = {"blog": "https://probe.example", "user_ip": "192.0.2.77", "api_key": key}
    for _ in range(3):
        assert server.post("/1.1/comment-check", {**probe, "comment_author": "akismet-guaranteed-spam",
                                                  "comment_content": "probe"}).text == "true"
    time.sleep(0.5)  # the learning writer flushes every 0.1 s
    resp = server.post("/1.1/comment-check", {**probe, "comment_content": "Thanks, that fixed it for me."})
    assert "REPUTATION" not in resp.headers.get("X-Tamis-Reasons", ""), resp.headers
