"""Bad input against a real running server: never a 5xx, always a readable answer, and nothing accepted is lost.

Akismet clients treat any non-200 as a transport failure (akismet 25.x raises RequestError, WordPress holds the
comment and retries), so a protocol-level problem must be `invalid` + X-akismet-debug-help with HTTP 200; only a
request that is not an Akismet call at all (unknown path, wrong method) gets a 4xx, with a plain-text sentence.
"Accepted" means the server answered `true`/`false`: that check must then be stored with every field it carried,
decoded right, and counted.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from conformance_support import new_key

pytestmark = pytest.mark.slow

FORM = "application/x-www-form-urlencoded"
ENDPOINTS = ["/1.1/verify-key", "/1.1/comment-check", "/1.1/submit-spam", "/1.1/submit-ham", "/1.1/get-stats",
             "/1.2/get-key-stats", "/1.1/get-subscription", "/1.1/deactivate", "/1.2/key-sites",
             "/1.2/usage-limit"]
AKISMET_BODIES = {"true", "false", "valid", "invalid", "Thanks for making the web a better place.", "deactivated",
                  "connected"}
TEN_MB = 10 * 1024 * 1024


@dataclass
class Case:
    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    query: str = ""
    chunked: bool = False


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode("ascii")


def cases(key: str) -> list[Case]:
    ok = {"api_key": key, "blog": "http://bad.example", "user_ip": "127.0.0.1", "comment_content": "hello",
          "is_test": "1"}
    okb = form(**ok)
    out = [Case(f"empty body {p}", "POST", p, b"", {"Content-Type": FORM}) for p in ENDPOINTS]
    out += [Case(f"no content-type {p}", "POST", p, okb) for p in ENDPOINTS]
    out += [
        Case("only the key", "POST", "/1.1/comment-check", form(api_key=key), {"Content-Type": FORM}),
        Case("wrong key", "POST", "/1.1/comment-check", form(**{**ok, "api_key": "ffffffffffff"}),
             {"Content-Type": FORM}),
        Case("13-char key", "POST", "/1.1/comment-check", form(**{**ok, "api_key": key + "0"}), {"Content-Type": FORM}),
        Case("10 MB body", "POST", "/1.1/comment-check", okb + b"&comment_author=" + b"x" * TEN_MB,
             {"Content-Type": FORM}),
        Case("10 MB body, chunked", "POST", "/1.1/comment-check", okb + b"&comment_author=" + b"x" * TEN_MB,
             {"Content-Type": FORM}, chunked=True),
        Case("10 MB submit-spam", "POST", "/1.1/submit-spam", okb + b"&x=" + b"y" * TEN_MB, {"Content-Type": FORM}),
        Case("invalid UTF-8 value", "POST", "/1.1/comment-check", okb + b"&comment_author=%FF%FE%80abc",
             {"Content-Type": FORM}),
        Case("invalid UTF-8 raw bytes", "POST", "/1.1/comment-check", okb + b"&comment_author=\xff\xfe\xc3",
             {"Content-Type": FORM}),
        Case("invalid UTF-8 name", "POST", "/1.1/comment-check", okb + b"&%FF%FE=1", {"Content-Type": FORM}),
        Case("ISO-8859-1 with charset", "POST", "/1.1/comment-check", okb + b"&comment_author=Ren%E9",
             {"Content-Type": FORM + "; charset=ISO-8859-1"}),
        Case("unknown charset", "POST", "/1.1/comment-check", okb, {"Content-Type": FORM + "; charset=x-bogus-42"}),
        Case("UTF-16 charset", "POST", "/1.1/comment-check", okb, {"Content-Type": FORM + "; charset=utf-16"}),
        Case("quoted charset", "POST", "/1.1/comment-check", okb, {"Content-Type": FORM + '; charset="utf-8"'}),
        Case("repeated fields", "POST", "/1.1/comment-check",
             okb + b"&user_ip=10.0.0.1&user_ip=10.0.0.2&comment_context[]=a&comment_context[]=b",
             {"Content-Type": FORM}),
        Case("repeated api_key, last wrong", "POST", "/1.1/comment-check", okb + b"&api_key=zzz",
             {"Content-Type": FORM}),
        Case("2,000 fields", "POST", "/1.1/comment-check",
             okb + b"".join(b"&f%d=v" % i for i in range(2000)), {"Content-Type": FORM}),
        Case("2,000 empty fields", "POST", "/1.1/comment-check", okb + b"&" * 2000, {"Content-Type": FORM}),
        Case("bad percent escapes", "POST", "/1.1/comment-check", okb + b"&comment_author=%ZZ%&%=%%&==&a==b",
             {"Content-Type": FORM}),
        Case("NUL bytes", "POST", "/1.1/comment-check", okb + b"&comment_author=a%00b&c%00d=e",
             {"Content-Type": FORM}),
        Case("100 kB field name", "POST", "/1.1/comment-check", okb + b"&" + b"n" * 100_000 + b"=1",
             {"Content-Type": FORM}),
        Case("JSON body", "POST", "/1.1/comment-check", json.dumps(ok).encode(), {"Content-Type": "application/json"}),
        Case("multipart body", "POST", "/1.1/comment-check",
             b'--xx\r\nContent-Disposition: form-data; name="api_key"\r\n\r\n' + key.encode() + b"\r\n--xx--\r\n",
             {"Content-Type": "multipart/form-data; boundary=xx"}),
        Case("GET submit-spam", "GET", "/1.1/submit-spam", query=form(**ok).decode()),
        Case("GET submit-ham", "GET", "/1.1/submit-ham"),
        Case("GET deactivate", "GET", "/1.1/deactivate"),
        Case("PUT comment-check", "PUT", "/1.1/comment-check", okb, {"Content-Type": FORM}),
        Case("DELETE verify-key", "DELETE", "/1.1/verify-key"),
        Case("unknown path", "POST", "/1.1/comment-chek", okb, {"Content-Type": FORM}),
        Case("unknown version", "GET", "/2.0/usage-limit", query=f"api_key={key}"),
        Case("path with dots", "GET", "/1.1/../../etc/passwd"),
        Case("favicon", "GET", "/favicon.ico"),
        Case("trailing slash", "POST", "/1.1/comment-check/", okb, {"Content-Type": FORM}),
        Case("key in query", "POST", "/1.1/comment-check", form(**{k: v for k, v in ok.items() if k != "api_key"}),
             {"Content-Type": FORM}, query=f"api_key={key}"),
        Case("bad query string", "POST", "/1.1/comment-check", okb, {"Content-Type": FORM}, query="%FF=%&&=x"),
        Case("key in Host", "POST", "/1.1/comment-check", form(**{k: v for k, v in ok.items() if k != "api_key"}),
             {"Content-Type": FORM, "Host": f"{key}.rest.akismet.com"}),
        Case("Host: rest.akismet.com", "POST", "/1.1/comment-check", okb,
             {"Content-Type": FORM, "Host": "rest.akismet.com"}),
        Case("odd Host", "POST", "/1.1/comment-check", okb, {"Content-Type": FORM, "Host": "..:"}),
        Case("Host with a long first label", "POST", "/1.1/comment-check", okb,
             {"Content-Type": FORM, "Host": "a" * 63 + ".rest.akismet.com"}),
        Case("60 kB query string", "GET", "/1.2/usage-limit", query=f"api_key={key}&x=" + "y" * 60_000),
        Case("key-sites huge offset", "GET", "/1.2/key-sites", query=f"api_key={key}&offset=99999999999999999999"),
        Case("key-sites month 0000-00", "GET", "/1.2/key-sites", query=f"api_key={key}&month=0000-00"),
        Case("key-sites month 2026-13", "GET", "/1.2/key-sites", query=f"api_key={key}&month=2026-13"),
        Case("get-stats unknown from", "POST", "/1.1/get-stats", form(key=key, **{"from": "forever"}),
             {"Content-Type": FORM}),
        Case("get-stats unknown blog", "POST", "/1.1/get-stats", form(key=key, blog="x" * 5000),
             {"Content-Type": FORM}),
        Case("blog of 3000 characters", "POST", "/1.1/comment-check", form(**{**ok, "blog": "http://" + "b" * 3000}),
             {"Content-Type": FORM}),
    ]
    return out


def send(srv: Any, case: Case) -> httpx.Response:
    url = srv.url + case.path + ("?" + case.query if case.query else "")
    content: Any = case.body
    if case.chunked and case.body is not None:
        body = case.body

        def chunks() -> Iterator[bytes]:
            for i in range(0, len(body), 65536):
                yield body[i:i + 65536]

        content = chunks()
    with httpx.Client(timeout=60) as client:
        return client.request(case.method, url, content=content, headers=case.headers)


def assert_sane(case: Case, resp: httpx.Response) -> None:
    where = f"{case.name}: {case.method} {case.path} -> {resp.status_code} {resp.text[:200]!r}"
    assert resp.status_code < 500, where
    if resp.status_code in (307, 308):  # Starlette's redirect of a trailing slash: method and body are kept
        assert case.path.endswith("/") and resp.headers["location"].endswith(case.path.rstrip("/")), where
        return
    assert resp.headers.get("content-type", "").startswith(("text/plain", "application/json", "text/csv")), where
    if resp.status_code == 200:
        if resp.headers["content-type"].startswith("text/plain"):
            assert resp.text in AKISMET_BODIES, where
        if resp.text == "invalid":
            assert resp.headers.get("x-akismet-debug-help", "").strip(), f"{where}: no X-akismet-debug-help"
    else:
        assert 400 <= resp.status_code < 500, where
        assert resp.text.strip() and resp.text.isprintable(), f"{where}: not a readable message"


@pytest.fixture(scope="module")
def bad_key(server: Any) -> str:
    return new_key(server, "http://bad.example")


def test_bad_input_never_gives_a_5xx(server: Any, bad_key: str) -> None:
    failures = []
    for case in cases(bad_key):
        try:
            resp = send(server, case)
            assert_sane(case, resp)
        except (AssertionError, httpx.HTTPError) as exc:
            failures.append(f"{case.name}: {type(exc).__name__}: {exc}")
    assert server.process.poll() is None, "the server died"
    assert not failures, "\n".join(failures)


def stored(srv: Any, guid: str) -> dict[str, Any]:
    eng = sa.create_engine(srv.env["TAMIS_DATABASE_URL"])
    try:
        with eng.connect() as conn:
            row = conn.execute(sa.text("SELECT fields, is_test FROM checks WHERE guid = :g"), {"g": guid}).one()
    finally:
        eng.dispose()
    fields = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    return {"fields": fields["fields"], "multi": fields.get("multi", {}), "is_test": bool(row[1])}


def check(srv: Any, body: bytes, content_type: str = FORM, query: str = "") -> tuple[str, dict[str, Any]]:
    resp = httpx.post(srv.url + "/1.1/comment-check" + ("?" + query if query else ""), content=body,
                      headers={"Content-Type": content_type}, timeout=30)
    assert resp.status_code == 200 and resp.text in ("true", "false"), (resp.status_code, resp.text, resp.headers)
    return resp.text, stored(srv, resp.headers["x-akismet-guid"])


def test_latin1_body_with_its_charset_is_decoded(server: Any, bad_key: str) -> None:
    body = (b"api_key=" + bad_key.encode() + b"&user_ip=127.0.0.1&comment_author=Ren%E9+M%FCller"
            b"&comment_content=Tr%E8s+bien%2C+merci+%21&blog=http%3A%2F%2Fbad.example&is_test=1")
    _, row = check(server, body, FORM + "; charset=ISO-8859-1")
    assert row["fields"]["comment_author"] == "René Müller"
    assert row["fields"]["comment_content"] == "Très bien, merci !"


def test_raw_latin1_bytes_with_charset_field(server: Any, bad_key: str) -> None:
    # WordPress's blog_charset names the encoding when Content-Type does not.
    body = (b"api_key=" + bad_key.encode()
            + b"&user_ip=127.0.0.1&blog_charset=ISO-8859-1&comment_author=Ren\xe9&is_test=1")
    _, row = check(server, body)
    assert row["fields"]["comment_author"] == "René"


def test_utf8_under_a_latin1_label_is_read_as_utf8(server: Any, bad_key: str) -> None:
    # Old WordPress sites often have blog_charset ISO-8859-1 while their text is UTF-8, and the plugin labels the
    # body with blog_charset.  Latin-1 decoding never fails, so the label alone would store "RenÃ© MÃ¼ller";
    # valid multi-byte UTF-8 is practically never real Latin-1 text (forms.py's own comment says as much).
    body = (b"api_key=" + bad_key.encode() + b"&user_ip=127.0.0.1&is_test=1&blog_charset=ISO-8859-1"
            b"&comment_author=Ren%C3%A9+M%C3%BCller&comment_content=caf%C3%A9+%E2%82%AC5")
    _, row = check(server, body, FORM + "; charset=ISO-8859-1")
    assert (row["fields"]["comment_author"], row["fields"]["comment_content"]) == ("René Müller", "café €5")


def test_utf8_is_the_default(server: Any, bad_key: str) -> None:
    body = form(api_key=bad_key, user_ip="127.0.0.1", comment_author="Zoë 日本 🙂", is_test="1")
    _, row = check(server, body)
    assert row["fields"]["comment_author"] == "Zoë 日本 🙂"


def test_invalid_utf8_loses_no_other_field(server: Any, bad_key: str) -> None:
    body = (form(api_key=bad_key, user_ip="192.0.2.5", comment_author_email="ok@example.org",
                 comment_content="the rest is fine", user_agent="Mozilla/5.0", is_test="1")
            + b"&comment_author=caf%C3%A9%FF")
    _, row = check(server, body)
    f = row["fields"]
    assert (f["user_ip"], f["comment_author_email"], f["comment_content"], f["user_agent"]) == (
        "192.0.2.5", "ok@example.org", "the rest is fine", "Mozilla/5.0")
    assert f["comment_author"].startswith("caf")  # what could be decoded is kept; the bad byte is replaced


def test_repeated_fields_keep_every_value(server: Any, bad_key: str) -> None:
    body = form(api_key=bad_key, user_ip="127.0.0.1", is_test="1") + (
        b"&comment_context%5B%5D=cooking&comment_context%5B%5D=recipes&comment_context%5B%5D=baking")
    _, row = check(server, body)
    assert row["multi"]["comment_context[]"] == ["cooking", "recipes", "baking"]


def test_query_and_body_fields_are_merged(server: Any, bad_key: str) -> None:
    _, row = check(server, form(user_ip="127.0.0.1", comment_content="from the body", is_test="1"),
                   query=f"api_key={bad_key}&permalink=http%3A%2F%2Fbad.example%2Fp%2F1")
    assert row["fields"]["permalink"] == "http://bad.example/p/1"
    assert row["fields"]["comment_content"] == "from the body"


def test_whatever_comes_in_between_every_accepted_check_is_counted(server: Any) -> None:
    key = new_key(server, "http://count.example")
    accepted: list[str] = []
    failures: list[str] = []
    for i, case in enumerate(cases(key)):
        good = form(api_key=key, blog="http://count.example", user_ip="127.0.0.1", user_role="administrator",
                    comment_content=f"good comment {i}", is_test="1")
        resp = httpx.post(server.url + "/1.1/comment-check", content=good, headers={"Content-Type": FORM},
                          timeout=30)
        assert resp.text == "false", (case.name, resp.text)
        accepted.append(resp.headers["x-akismet-guid"])
        try:
            bad = send(server, case)
        except httpx.HTTPError as exc:
            failures.append(f"{case.name}: {exc}")
            continue
        if bad.status_code == 200 and bad.text in ("true", "false") and case.path.startswith("/1.1/comment-check"):
            accepted.append(bad.headers["x-akismet-guid"])
    usage = httpx.get(server.url + "/1.2/usage-limit", params={"api_key": key}, timeout=30).json()
    assert usage["usage"] == len(accepted), failures
    for guid in accepted:
        stored(server, guid)  # raises if the check is not there
    assert httpx.get(server.url + "/1.1/test", timeout=10).text == "connected"


def test_405_names_the_allowed_methods(server: Any) -> None:
    # RFC 9110 §15.5.6: a 405 response MUST carry an Allow header listing the methods the resource supports.
    resp = httpx.get(server.url + "/1.1/submit-spam", timeout=10)
    assert resp.status_code == 405
    assert resp.headers.get("allow") == "POST", dict(resp.headers)


def raw_http(srv: Any, request: bytes) -> bytes:
    import socket

    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize("host", [b"Host: rest.akismet.com\r\n", b""], ids=["Host-rest.akismet.com", "no-Host"])
def test_http_1_0_as_wordpress_sends_it(server: Any, bad_key: str, host: bytes) -> None:
    # WordPress's plugin posts with httpversion 1.0 (akismet-api.md §2d); HTTP/1.0 needs no Host header.
    body = b"key=" + bad_key.encode() + b"&blog=http%3A%2F%2Fbad.example"
    reply = raw_http(server, b"POST /1.1/verify-key HTTP/1.0\r\n" + host
                     + b"Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
                     + b"Content-Length: %d\r\n\r\n" % len(body) + body)
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0].endswith(b" 200 OK"), reply
    assert b"content-length: 5" in head.lower() and payload == b"valid", reply
