"""Golden tests: the exact bytes of every Akismet endpoint's replies, from a real running server.

Each test sends real requests and compares the rendered exchanges with tests/conformance/golden/<test>.txt (see
golden_http.py for the format and the masks; TAMIS_REGENERATE_GOLDEN=1 rewrites the files).  Every test works on
keys of its own (`new_key`), so the statistics in the replies do not depend on test order.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from conformance_support import BLATANT_SPAM, new_key
from golden_http import Recorder
from tamis.service import Service
from tamis_testing import RunningServer, start_server, stop_server

pytestmark = pytest.mark.slow

SPAM_AUTHOR = "akismet-guaranteed-spam"
SPAM_EMAIL = "akismet-guaranteed-spam@example.com"
BLOG = "http://golden.example"
# is_test=1 everywhere it does not matter: the session server is shared, and test calls must not train it.
BASE = {"blog": BLOG, "user_ip": "127.0.0.1", "user_agent": "Mozilla/5.0 (golden)", "comment_content": "test",
        "comment_type": "comment", "is_test": "1"}
ORDINARY = {
    "blog": BLOG, "user_ip": "198.51.100.23", "comment_type": "comment",
    "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
    "referrer": "http://golden.example/2020/05/the-post/", "permalink": "http://golden.example/2020/05/the-post/",
    "comment_author": "Margaret Hill", "comment_author_email": "mhill@example.org",
    "comment_content": "I tried the second approach from your post and it worked on my old laptop as well. "
                       "Do you know if the same setting exists on the newer models?",
    "blog_lang": "en_us", "blog_charset": "UTF-8",
}


@pytest.fixture
def rec(server: Any) -> Recorder:
    return Recorder(server)


def fresh(rec: Recorder, *sites: str) -> str:
    """A new key of this test's own; one with a letter in it, so its upper-case form masks differently."""
    key = new_key(rec.server, *sites)
    while key.isdigit():
        key = new_key(rec.server, *sites)
    return rec.key(key)


# ----------------------------------------------------------------------------------------------- verify-key

def test_verify_key(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    rec.send("POST", "/1.1/verify-key", {"key": key, "blog": BLOG}, note="valid key and blog")
    rec.send("POST", "/1.1/verify-key", {"key": key}, note="no blog: the key alone is judged")
    rec.send("POST", "/1.1/verify-key", {"key": key, "blog": "https://another.example/"},
             note="another site: sites are added on first use")
    rec.send("POST", "/1.1/verify-key", {"key": key.upper(), "blog": BLOG}, note="key in upper case")
    rec.send("POST", "/1.1/verify-key", {"api_key": key, "blog": BLOG}, note="api_key instead of key (docs page)")
    rec.send("GET", "/1.1/verify-key", query={"key": key, "blog": BLOG}, note="GET with the query string")
    rec.send("POST", "/1.1/verify-key", {"key": "000000000000", "blog": BLOG}, note="unknown key")
    rec.send("POST", "/1.1/verify-key", {"key": "INVALID_TEST_KEY", "blog": BLOG},
             note="malformed key (akismet 25.x's own bad test key)")
    rec.send("POST", "/1.1/verify-key", {"blog": BLOG}, note="no key at all")
    rec.send("POST", "/1.1/verify-key", {"key": "", "blog": BLOG}, note="empty key")
    rec.compare("verify-key")


def test_verify_key_wordpress_pair_judges_key(rec: Recorder) -> None:
    # WordPress sends the key being verified as `key` and the configured one as `api_key` (akismet-api.md §3).
    key = fresh(rec, BLOG)
    rec.send("POST", "/1.1/verify-key", [("key", key), ("blog", BLOG), ("api_key", "000000000000")],
             note="new good key, old bad configured key: valid")
    rec.send("POST", "/1.1/verify-key", [("key", "000000000000"), ("blog", BLOG), ("api_key", key)],
             note="new bad key, old good configured key: invalid")
    rec.compare("verify-key-wordpress-pair")


def test_verify_key_revoked(rec: Recorder) -> None:
    key = fresh(rec, BLOG, "http://other.golden.example")
    rec.server.tamis("keys", "revoke-site", key, "http://other.golden.example")
    rec.send("POST", "/1.1/verify-key", {"key": key, "blog": "http://other.golden.example"}, note="revoked site")
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **BASE, "blog": "http://other.golden.example"},
             note="revoked site")
    rec.send("POST", "/1.1/verify-key", {"key": key, "blog": BLOG}, note="the key's other site still works")
    unused = fresh(rec, BLOG)
    rec.server.tamis("keys", "revoke", unused)
    rec.send("POST", "/1.1/verify-key", {"key": unused, "blog": BLOG}, note="revoked key")
    rec.send("POST", "/1.1/comment-check", {"api_key": unused, **BASE}, note="revoked key")
    # A key in use is cached by the server for Service.KEY_TTL seconds: its revocation must show by then.
    rec.server.tamis("keys", "revoke", key)
    time.sleep(Service.KEY_TTL + 0.5)
    rec.send("POST", "/1.1/verify-key", {"key": key, "blog": BLOG}, note="revoked while in use, KEY_TTL later")
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **BASE}, note="revoked while in use, KEY_TTL later")
    rec.compare("verify-key-revoked")


# ----------------------------------------------------------------------------------------------- comment-check

def test_comment_check_test_values(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **BASE, "comment_author": SPAM_AUTHOR, "is_test": "1"},
             note="guaranteed-spam author: true, a guid, never discard")
    rec.send("POST", "/1.1/comment-check",
             {"api_key": key, **BASE, "comment_author_email": SPAM_EMAIL, "is_test": "1"},
             note="guaranteed-spam e-mail: true, never discard")
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **BASE, "user_role": "administrator", "is_test": "1"},
             note="administrator: false")
    rec.send("POST", "/1.1/comment-check",
             {"api_key": key, **BASE, "user_role": "editor,administrator,super_admin", "is_test": "1"},
             note="WordPress's comma-separated roles")
    rec.send("POST", "/1.1/comment-check",
             {"api_key": key, **BLATANT_SPAM, "blog": BLOG, "comment_author": SPAM_AUTHOR, "is_test": "1"},
             note="the test author on blatant spam: still no discard")
    rec.send("POST", "/1.1/comment-check",
             {"api_key": key, **BLATANT_SPAM, "blog": BLOG, "comment_author_email": SPAM_EMAIL, "is_test": "1"},
             note="the test e-mail on blatant spam: still no discard")
    rec.compare("comment-check-test-values")
    assert len(rec.guids) == 6


def test_comment_check_blatant_spam_is_discard(campaign_server: Any) -> None:
    # campaign_server has seen BLATANT_SPAM posted to four sites already (conftest.py).
    rec = Recorder(campaign_server)
    key = fresh(rec, BLOG)
    blatant = {"api_key": key, **BLATANT_SPAM, "blog": BLOG}
    rec.send("POST", "/1.1/comment-check", {**blatant, "is_test": "1"},
             note="blatant (pervasive) spam: true with X-akismet-pro-tip: discard")
    rec.send("POST", "/1.1/comment-check", {**blatant, "is_test": "1", "comment_author": SPAM_AUTHOR},
             note="the same from Akismet's test author: true, never discard")
    rec.send("POST", "/1.1/comment-check", {**blatant, "is_test": "1", "comment_author_email": SPAM_EMAIL},
             note="the same from Akismet's test e-mail: true, never discard")
    rec.send("POST", "/1.1/comment-check", {**blatant, "is_test": "1", "user_role": "administrator"},
             note="the same from an administrator: false")
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **ORDINARY},
             note="an ordinary comment on the same server: false")
    rec.compare("comment-check-blatant-spam")


def test_comment_check_ordinary_comment_is_ham(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **ORDINARY}, note="an ordinary reader's comment")
    rec.compare("comment-check-ordinary")


IS_TEST = ["1", "true", "True", "False", "0", ""]


def test_comment_check_is_test_spellings(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    own_ip = {**BASE, "user_ip": "192.0.2.77"}  # the non-test calls here must not build a reputation for 127.0.0.1
    for value in IS_TEST:
        rec.send("POST", "/1.1/comment-check",
                 {"api_key": key, **own_ip, "comment_author": SPAM_AUTHOR, "is_test": value}, note=f"is_test={value}")
    for value in IS_TEST:
        rec.send("POST", "/1.1/comment-check",
                 {"api_key": key, **own_ip, "user_role": "administrator", "is_test": value}, note=f"is_test={value}")
    rec.compare("comment-check-is-test")
    # What the server made of each spelling, as it stored the check.
    eng = sa.create_engine(rec.server.env["TAMIS_DATABASE_URL"])
    try:
        with eng.connect() as conn:
            rows = dict(conn.exec_driver_sql("SELECT guid, is_test FROM checks").all())
    finally:
        eng.dispose()
    stored = [bool(rows[g]) for g in rec.guids]
    assert stored == [True, True, True, False, False, False] * 2


def test_comment_check_where_the_key_comes_from(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    admin = {**BASE, "user_role": "administrator", "is_test": "1"}
    rec.send("POST", "/1.1/comment-check", {"key": key, **admin}, note="`key` instead of `api_key`")
    rec.send("POST", "/1.1/comment-check", admin, query={"api_key": key}, note="api_key in the query string")
    rec.send("GET", "/1.1/comment-check", query={"api_key": key, **admin}, note="everything in a GET query")
    rec.send("POST", "/1.1/comment-check", admin, headers={"Host": f"{key}.rest.akismet.com"},
             note="key in the Host name (python-akismet, npm akismet-api)")
    rec.send("POST", "/1.1/comment-check", admin, headers={"Host": f"{key}.akismet.localtest:8080"},
             note="key in the Host name, with a port")
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **admin}, headers={"Host": "rest.akismet.com"},
             note="Host: rest.akismet.com (WordPress rerouted), key in the body")
    rec.send("POST", "/1.1/comment-check", admin, headers={"Host": "000000000000.rest.akismet.com"},
             note="unknown key in the Host name")
    rec.send("POST", "/1.1/comment-check", {"api_key": "000000000000", **admin}, note="unknown key")
    rec.send("POST", "/1.1/comment-check", admin, note="no key anywhere")
    rec.compare("comment-check-key-sources")


def test_comment_check_missing_fields(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    rec.send("POST", "/1.1/comment-check", {"api_key": key, "blog": BLOG}, note="no user_ip")
    rec.send("POST", "/1.1/comment-check", {"api_key": key, "blog": BLOG, "user_ip": "  "}, note="blank user_ip")
    rec.send("POST", "/1.1/comment-check", {"api_key": key, "user_ip": "127.0.0.1", "user_role": "administrator"},
             note="no blog: the key's first site")
    rec.send("POST", "/1.1/comment-check", b"", note="empty body")
    rec.compare("comment-check-missing-fields")


# ----------------------------------------------------------------------------------------------- submit-*

def test_submit(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    rec.send("POST", "/1.1/comment-check", {"api_key": key, **BASE, "comment_content": "a comment to report"},
             record=False)
    for path in ("/1.1/submit-spam", "/1.1/submit-ham"):
        rec.send("POST", path, {"api_key": key, **BASE, "comment_content": "a comment to report"})
        rec.send("POST", path, {**BASE, "is_test": "true"}, headers={"Host": f"{key}.rest.akismet.com"},
                 note="key in the Host name")
        is_spam = "True" if path.endswith("spam") else "False"
        rec.send("POST", path, {**BASE, "is_spam": is_spam, "charset": "utf-8", "is_test": "True"},
                 query={"api_key": key}, note="python-akismet's extra fields, key in the query string")
        rec.send("POST", path, {"api_key": "000000000000", **BASE}, note="unknown key")
        rec.send("POST", path, BASE, note="no key")
    rec.compare("submit")


# ----------------------------------------------------------------------------------------------- 1.2

@pytest.fixture(scope="module")
def stats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server of the statistics tests' own: their traffic is real (not is_test), so it stays off the session
    server that other tests share."""
    srv = start_server(tmp_path_factory.mktemp("stats-server"))
    yield srv
    stop_server(srv)


def seed_activity(rec: Recorder, key: str) -> None:
    """Real traffic on two sites: A gets a spam, and a ham later reported as spam (missed spam); B a spam reported as
    ham (a false positive).  Plus a test call and a test report on A, which are API calls but no spam, ham or
    correction."""
    a, b = "http://a.golden.example", "http://b.golden.example"
    real = {**BASE, "is_test": "0"}
    post = rec.server.post
    for data in (
        {"api_key": key, **real, "blog": a, "comment_author": SPAM_AUTHOR, "comment_content": "spam on a"},
        {"api_key": key, **real, "blog": a, "user_role": "administrator", "comment_content": "ham on a"},
        {"api_key": key, **real, "blog": b, "comment_author": SPAM_AUTHOR, "comment_content": "spam on b"},
        {"api_key": key, **BASE, "blog": a, "comment_author": SPAM_AUTHOR, "comment_content": "a test call"},
    ):
        assert post("/1.1/comment-check", data).text in ("true", "false")
    for path, data in (
        ("/1.1/submit-spam", {"api_key": key, **real, "blog": a, "user_role": "administrator",
                              "comment_content": "ham on a"}),
        ("/1.1/submit-ham", {"api_key": key, **real, "blog": b, "comment_author": SPAM_AUTHOR,
                             "comment_content": "spam on b"}),
        ("/1.1/submit-ham", {"api_key": key, **BASE, "blog": a, "comment_author": SPAM_AUTHOR,
                             "comment_content": "a test call"}),
    ):
        assert post(path, data).text.startswith("Thanks")


def test_key_sites(stats_server: RunningServer) -> None:
    rec = Recorder(stats_server)
    key = fresh(rec)
    seed_activity(rec, key)
    rec.send("GET", "/1.2/key-sites", query={"api_key": key}, note="JSON (default)")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "format": "csv"}, note="CSV")
    rec.send("POST", "/1.2/key-sites", {"api_key": key, "format": "json"}, note="POST")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "filter": "b.golden", "order": "false_positives"},
             note="filter and order")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "limit": "1", "offset": "1", "format": "csv"},
             note="a page")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "month": "2020-01"}, note="a month without activity")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "month": "January"}, note="a malformed month")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "month": "2026-13"}, note="no such month")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "format": "xml"}, note="an unknown format")
    rec.send("GET", "/1.2/key-sites", query={"api_key": key, "limit": "-1"}, note="a negative limit")
    rec.send("GET", "/1.2/key-sites", query={"api_key": "000000000000"}, note="unknown key")
    rec.send("GET", "/1.2/key-sites", note="no key (what akismet 25.10.1's key_sites() sends)")
    rec.compare("key-sites")
    doc = json.loads(rec.server.post("/1.2/key-sites", {"api_key": key}).text)
    month = [k for k in doc if k not in ("limit", "offset", "total")][0]
    assert {r["site"]: (r["missed_spam"], r["false_positives"]) for r in doc[month]} == {
        "http://a.golden.example": ("1", "0"), "http://b.golden.example": ("0", "1")}


def test_usage_limit(stats_server: RunningServer) -> None:
    rec = Recorder(stats_server)
    key = fresh(rec)
    rec.send("GET", "/1.2/usage-limit", query={"api_key": key}, note="no calls yet")
    seed_activity(rec, key)
    rec.send("GET", "/1.2/usage-limit", query={"api_key": key}, note="after four checks (one a test) and three reports")
    rec.send("POST", "/1.2/usage-limit", {"api_key": key}, note="POST")
    rec.send("GET", "/1.2/usage-limit", query={"api_key": "000000000000"}, note="unknown key")
    rec.send("GET", "/1.2/usage-limit", note="no key")
    rec.compare("usage-limit")


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server with a monthly limit of 3 API calls per key, enforced (TAMIS_THROTTLE_OVER_LIMIT)."""
    srv = start_server(tmp_path_factory.mktemp("limited-server"),
                       extra_env={"TAMIS_USAGE_LIMIT": "3", "TAMIS_THROTTLE_OVER_LIMIT": "true"})
    yield srv
    stop_server(srv)


def test_usage_limit_reached_and_enforced(limited_server: RunningServer) -> None:
    rec = Recorder(limited_server)
    key = fresh(rec, BLOG)
    admin = {"api_key": key, **BASE, "user_role": "administrator"}
    rec.send("GET", "/1.2/usage-limit", query={"api_key": key}, note="a limit of 3, nothing used")
    rec.send("POST", "/1.1/comment-check", admin, note="call 1 of 3")
    rec.send("GET", "/1.2/usage-limit", query={"api_key": key}, note="a third used")
    rec.send("POST", "/1.1/comment-check", admin, note="call 2 of 3")
    rec.send("POST", "/1.1/get-subscription", {"key": key, "blog": BLOG}, note="under the limit")
    rec.send("POST", "/1.1/comment-check", admin, note="call 3 of 3")
    rec.send("GET", "/1.2/usage-limit", query={"api_key": key}, note="limit reached")
    rec.send("POST", "/1.1/comment-check", admin, note="over the limit: no verdict")
    rec.send("POST", "/1.1/get-subscription", {"key": key, "blog": BLOG}, note="over the limit")
    rec.send("POST", "/1.1/verify-key", {"key": key, "blog": BLOG}, note="the key itself is still valid")
    rec.compare("usage-limit-enforced")


# ----------------------------------------------------------------------------------------------- WordPress's

def test_get_stats(stats_server: RunningServer) -> None:
    rec = Recorder(stats_server)
    key = fresh(rec)
    seed_activity(rec, key)
    rec.send("POST", "/1.1/get-stats", {"key": key, "blog": "http://a.golden.example"}, note="default: 6-months")
    rec.send("POST", "/1.1/get-stats", {"key": key, "blog": "http://a.golden.example", "from": "all"})
    rec.send("POST", "/1.1/get-stats", {"key": key, "blog": "http://b.golden.example", "from": "6-months"})
    rec.send("POST", "/1.1/get-stats", {"key": key, "api_key": key}, note="WordPress's pair, no blog: the key")
    rec.send("POST", "/1.1/get-stats", {"key": "000000000000", "blog": "http://a.golden.example"},
             note="unknown key")
    rec.compare("get-stats")
    daily = json.loads(rec.server.post("/1.1/get-stats", {"key": key, "from": "60-days"}).text)
    assert (daily["spam"], daily["ham"], daily["missed_spam"], daily["false_positives"]) == (2, 1, 1, 1)
    assert len(daily["breakdown"]) == 1  # one day of activity, keyed by that day


def test_get_key_stats(stats_server: RunningServer) -> None:
    rec = Recorder(stats_server)
    key = fresh(rec)
    seed_activity(rec, key)
    rec.send("POST", "/1.2/get-key-stats", {"api_key": key})
    rec.send("POST", "/1.2/get-key-stats", {"api_key": key, "from": "all"})
    rec.send("POST", "/1.2/get-key-stats", {"api_key": "000000000000"}, note="unknown key")
    rec.compare("get-key-stats")


def test_get_subscription_deactivate_and_test(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    rec.send("POST", "/1.1/get-subscription", {"key": key, "blog": BLOG})
    rec.send("POST", "/1.1/get-subscription", {"key": "000000000000", "blog": BLOG}, note="unknown key")
    rec.send("POST", "/1.1/deactivate", {"key": key, "blog": BLOG})
    rec.send("POST", "/1.1/verify-key", {"key": key, "blog": BLOG}, note="the key still works after deactivate")
    rec.send("POST", "/1.1/deactivate", {"key": "000000000000", "blog": BLOG}, note="unknown key")
    rec.send("GET", "/1.1/test", note="WordPress's connectivity check")
    rec.send("POST", "/1.1/test", b"")
    rec.compare("subscription-deactivate-test")


# ----------------------------------------------------------------------------------------------- HTTP errors

def test_http_errors_are_readable(rec: Recorder) -> None:
    key = fresh(rec, BLOG)
    rec.send("GET", "/1.1/submit-spam", query={"api_key": key}, note="GET where POST is expected")
    rec.send("GET", "/1.1/deactivate", note="GET where POST is expected")
    rec.send("POST", "/1.1/no-such-thing", {"api_key": key}, note="unknown path")
    rec.send("POST", "/1.3/comment-check", {"api_key": key}, note="unknown version")
    rec.compare("http-errors")
