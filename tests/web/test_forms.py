"""Request parsing: any encoding, repeated fields, limits — a clean answer, never an exception."""

from __future__ import annotations

import pytest

from tamis.errors import InvalidAkismetRequest
from tamis.web.forms import parse_form

FORM = "application/x-www-form-urlencoded"


def test_plain_utf8_and_plus_and_percent() -> None:
    f = parse_form(b"", "comment_content=caf%C3%A9+ok&user_ip=1.2.3.4".encode(), FORM, 100)
    assert f.get("comment_content") == "café ok" and f.get("user_ip") == "1.2.3.4"
    assert f.charset == "utf-8" and f.decode_errors == 0


def test_latin1_declared_in_content_type() -> None:
    f = parse_form(b"", b"comment_content=caf%E9", FORM + "; charset=ISO-8859-1", 100)
    assert f.get("comment_content") == "café"


def test_charset_field_when_header_has_none() -> None:
    f = parse_form(b"", b"blog_charset=ISO-8859-1&comment_content=na%EFve", FORM, 100)
    assert f.get("comment_content") == "naïve"


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    f = parse_form(b"", b"comment_content=%FF%FEabc&user_ip=1", FORM, 100)
    assert f.get("comment_content").endswith("abc") and "\ufffd" in f.get("comment_content")
    assert f.decode_errors == 1


def test_raw_unencoded_bytes_and_nul() -> None:
    f = parse_form(b"", b"comment_content=\xe2\x99\xa5 hi\x00", FORM, 100)
    assert f.get("comment_content") == "♥ hi"


def test_repeated_fields_keep_all_values_and_body_wins_over_query() -> None:
    f = parse_form(b"api_key=fromquery&x=1", b"comment_context[]=a&comment_context[]=b&api_key=frombody", FORM, 100)
    assert f.get("api_key") == "frombody" and f.get("x") == "1"
    assert f.comment.multi["comment_context[]"] == ("a", "b")
    assert f.comment.multi["api_key"] == ("fromquery", "frombody")


def test_too_many_fields_is_invalid_with_reason() -> None:
    with pytest.raises(InvalidAkismetRequest, match="at most 10"):
        parse_form(b"", b"&".join(b"f%d=1" % i for i in range(11)), FORM, 10)


def test_unknown_charset_falls_back_to_utf8() -> None:
    f = parse_form(b"", "a=é".encode(), FORM + "; charset=x-nonsense", 100)
    assert f.get("a") == "é"


def test_wordpress_comment_check_fields_are_unslashed() -> None:
    from tamis.web.forms import wordpress_unslash

    f = parse_form(b"", "comment_content=He+said+%5C%22don%5C%27t%5C%22+%5C%5Co%2F&comment_author=Pat+O%5C%27Brien"
                   .encode(), FORM, 100)
    wp = wordpress_unslash(f.comment, "WordPress/6.1.9 | Akismet/5.0.2")
    assert wp.content == 'He said "don\'t" \\o/' and wp.author == "Pat O'Brien"
    # Other clients, and WordPress's rechecks (values from its database), are taken as sent.
    assert wordpress_unslash(f.comment, "akismet.py/25.10.1").author == "Pat O\\'Brien"
    recheck = parse_form(b"", b"recheck_reason=recheck_queue&comment_author=O%5C%27B", FORM, 100).comment
    assert wordpress_unslash(recheck, "WordPress/6.1.9").author == "O\\'B"
