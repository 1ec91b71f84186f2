"""The store against SQLite and the real PostgreSQL: keys, sites, checks, reports and the statistics they feed."""

from __future__ import annotations

import sqlalchemy as sa

from tamis.store import Store, canonical_site, match_hashes
from tamis.store import stats
from tamis.store.schema import checks, feedback
from tamis.types import Comment, Hit, Verdict


def verdict(spam: bool, score: float = 0.5) -> Verdict:
    return Verdict(spam=spam, discard=False, score=score, hits=(Hit("CLASSIFIER", 1.0, "x"),), model_version="t1")


def comment(content: str, **fields: str) -> Comment:
    return Comment.from_dict({"comment_content": content, "user_ip": "203.0.113.9", "comment_author": "Ann",
                              "comment_author_email": "ann@example.org", **fields})


def test_keys_are_12_hex_and_revocable(store: Store) -> None:
    key = store.create_key(["https://Blog.Example.com/"], "ann's blog")
    assert len(key) == 12 and all(c in "0123456789abcdef" for c in key)
    row = store.get_key(key)
    assert row is not None and row.active and row.label == "ann's blog"
    [(k, sites)] = store.list_keys()
    assert k.key == key and [s.url for s in sites] == ["https://blog.example.com"]
    store.revoke_key(key)
    assert not store.get_key(key).active  # type: ignore[union-attr]
    assert store.get_key("000000000000") is None


def test_site_for_creates_once_and_canonicalises(store: Store) -> None:
    key = store.create_key()
    kid = store.get_key(key).id  # type: ignore[union-attr]
    a = store.site_for(kid, "https://EXAMPLE.com/")
    b = store.site_for(kid, "https://example.com")
    assert a.id == b.id and a.url == canonical_site("https://example.com/")
    # No `blog`: the key's first site.
    assert store.site_for(kid, "").id == a.id


def test_check_stored_with_everything(store: Store) -> None:
    key = store.get_key(store.create_key(["https://a.example"]))
    site = store.site_for(key.id, "https://a.example")  # type: ignore[union-attr]
    c = Comment.from_dict({"comment_content": "hi", "user_ip": "1.2.3.4", "POST_ak_js": "123",
                           "comment_context[]": ["a", "b"]})
    store.record_check(guid="g-1", key_id=key.id, site_id=site.id, comment=c, verdict=verdict(True, 0.97))  # type: ignore[union-attr]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(checks).where(checks.c.guid == "g-1")).one()
    assert row.spam and row.score == 0.97 and row.model_version == "t1"
    assert row.fields["fields"]["POST_ak_js"] == "123"
    assert row.fields["multi"]["comment_context[]"] == ["a", "b"]
    assert row.reasons == [["CLASSIFIER", 1.0, "x"]]


def test_reports_tie_back_without_guid_and_are_idempotent_and_reversible(store: Store) -> None:
    key = store.get_key(store.create_key())
    site = store.site_for(key.id, "https://b.example")  # type: ignore[union-attr]
    kid = key.id  # type: ignore[union-attr]
    store.record_check(guid="g-ham", key_id=kid, site_id=site.id, comment=comment("nice post"), verdict=verdict(False))
    store.record_check(guid="g-spam", key_id=kid, site_id=site.id, comment=comment("buy pills"), verdict=verdict(True))

    # WordPress re-sends the fields (with extra ones and different whitespace), never the guid.
    r1 = store.record_feedback(key_id=kid, site_id=site.id, kind="spam",
                               comment=comment("nice  post ", reporter="admin", comment_ID="7"))
    assert (r1.check_guid, r1.effect) == ("g-ham", "new")
    r2 = store.record_feedback(key_id=kid, site_id=site.id, kind="spam", comment=comment("nice post"))
    assert r2.effect == "repeat"
    month, rows, total = stats.key_sites(store, kid, month=None, url_filter=None, order="total", limit=10, offset=0)
    assert total == 1 and (rows[0].api_calls, rows[0].spam, rows[0].ham, rows[0].missed_spam) == (2, 1, 1, 1)

    # The other class undoes the first: missed spam goes back to 0, nothing becomes a false positive.
    r3 = store.record_feedback(key_id=kid, site_id=site.id, kind="ham", comment=comment("nice post"))
    assert (r3.effect, r3.previous) == ("reversal", "spam")
    _, rows, _ = stats.key_sites(store, kid, month=None, url_filter=None, order="total", limit=10, offset=0)
    assert (rows[0].missed_spam, rows[0].false_positives) == (0, 0)

    # By guid, and a false positive.
    r4 = store.record_feedback(key_id=kid, site_id=site.id, kind="ham",
                               comment=Comment.from_dict({"guid": "g-spam", "comment_content": "different"}))
    assert r4.check_guid == "g-spam"
    doc = stats.get_stats(store, kid, None, "6-months")
    assert (doc["spam"], doc["ham"], doc["missed_spam"], doc["false_positives"]) == (1, 1, 0, 1)
    assert doc["accuracy"] == 50.0
    with store.engine.connect() as conn:
        effects = [r.effect for r in conn.execute(sa.select(feedback.c.effect).order_by(feedback.c.id))]
    assert effects == ["new", "repeat", "reversal", "new"]


def test_untied_report_is_kept_and_counted(store: Store) -> None:
    key = store.get_key(store.create_key())
    site = store.site_for(key.id, "https://c.example")  # type: ignore[union-attr]
    r = store.record_feedback(key_id=key.id, site_id=site.id, kind="spam", comment=comment("never checked"))  # type: ignore[union-attr]
    assert r.effect == "untied" and r.check_guid is None
    assert stats.get_stats(store, key.id, site.id, "60-days")["missed_spam"] == 1  # type: ignore[union-attr]


def test_key_sites_filter_order_paging_and_month(store: Store) -> None:
    key = store.get_key(store.create_key())
    kid = key.id  # type: ignore[union-attr]
    for i, url in enumerate(["https://one.example", "https://two.example", "https://three.example"]):
        site = store.site_for(kid, url)
        for j in range(i + 1):
            store.record_check(guid=f"g{i}-{j}", key_id=kid, site_id=site.id, comment=comment(f"c{i}{j}"),
                               verdict=verdict(j % 2 == 0))
    _, rows, total = stats.key_sites(store, kid, month=None, url_filter=None, order="total", limit=2, offset=0)
    assert total == 3 and [r.site for r in rows] == ["https://three.example", "https://two.example"]
    _, rows, total = stats.key_sites(store, kid, month=None, url_filter="one", order="spam", limit=10, offset=0)
    assert total == 1 and rows[0].site == "https://one.example"
    _, rows, total = stats.key_sites(store, kid, month="2001-01", url_filter=None, order="total", limit=10, offset=0)
    assert total == 0 and rows == []
    assert stats.usage(store, kid) == 6


def test_match_hash_ignores_whitespace_and_case_of_email() -> None:
    a = match_hashes(Comment.from_dict({"comment_content": "Hello  world", "comment_author_email": "A@B.org"}))
    b = match_hashes(Comment.from_dict({"comment_content": "Hello world\n", "comment_author_email": "a@b.org"}))
    assert a == b


def test_test_calls_count_as_api_calls_only(store: Store) -> None:
    key = store.get_key(store.create_key())
    site = store.site_for(key.id, "https://t.example")  # type: ignore[union-attr]
    test_comment = comment("probe", is_test="1")
    store.record_check(guid="t1", key_id=key.id, site_id=site.id, comment=test_comment, verdict=verdict(True))  # type: ignore[union-attr]
    store.record_feedback(key_id=key.id, site_id=site.id, kind="ham", comment=test_comment)  # type: ignore[union-attr]
    doc = stats.get_stats(store, key.id, None, "60-days")  # type: ignore[union-attr]
    assert (doc["spam"], doc["ham"], doc["false_positives"]) == (0, 0, 0)
    assert stats.usage(store, key.id) == 1  # type: ignore[union-attr]
