"""Behaviour signals on the fields a real WordPress 6.1.9 / Akismet 5.0.2 sends (captured; docs/wordpress.md)."""

from __future__ import annotations

from tamis.engine import Engine
from tamis.types import Comment

FORM = {"POST_comment": "Nice write-up", "POST_comment_post_ID": "7", "akismet_comment_nonce": "passed",
        "comment_post_modified_gmt": "2026-11-20 10:00:00", "user_ip": "203.0.113.4", "comment_content": "Nice"}


def names(engine: Engine, fields: dict[str, str]) -> set[str]:
    return {h.name for h in engine.check(Comment.from_dict(fields)).hits}


def test_no_javascript_is_seen_from_the_server_side_filler() -> None:
    engine = Engine.load()
    assert "WP_JS_MISSING" in names(engine, {**FORM, "POST_ak_js": "137"})  # what a script-less post carries
    assert "WP_JS_MISSING" not in names(engine, {**FORM, "POST_ak_js": "1795587583180",
                                                 "POST_ak_bfs": "1795587643180"})


def test_fast_post_from_browser_submit_time() -> None:
    engine = Engine.load()
    fast = {**FORM, "POST_ak_js": "1795587583180", "POST_ak_bfs": "1795587584180"}  # submitted 1 s after load
    assert "WP_FAST_POST" in names(engine, fast)
    slow = {**FORM, "POST_ak_js": "1795587583180", "POST_ak_bfs": "1795587643180"}  # 60 s of typing
    assert "WP_FAST_POST" not in names(engine, slow)


def test_old_post_without_comment_date() -> None:
    engine = Engine.load()
    old = {**FORM, "comment_post_modified_gmt": "2018-02-21 10:00:00", "POST_ak_js": "1795587583180"}
    assert "WP_OLD_POST" in names(engine, old)
    assert "WP_OLD_POST" not in names(engine, {**FORM, "POST_ak_js": "1795587583180"})
