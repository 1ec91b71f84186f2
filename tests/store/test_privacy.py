"""Retention: old rows lose their personal fields but keep what statistics and reports need."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tamis.store import Store
from tamis.store.db import utcnow
from tamis.store.privacy import purge
from tamis.store.schema import checks, feedback
from tamis.types import Comment, Verdict


def test_purge_strips_personal_fields_of_old_rows_only(store: Store) -> None:
    key = store.get_key(store.create_key())
    site = store.site_for(key.id, "https://p.example")  # type: ignore[union-attr]
    personal = {"comment_content": "hello", "user_ip": "203.0.113.5", "comment_author_email": "a@b.org",
                "HTTP_USER_AGENT": "Mozilla", "blog": "https://p.example", "comment_type": "comment"}
    v = Verdict(False, False, 0.1, (), "t")
    old = utcnow() - timedelta(days=40)
    store.record_check(guid="old", key_id=key.id, site_id=site.id, comment=Comment.from_dict(personal), verdict=v,  # type: ignore[union-attr]
                       at=old)
    store.record_check(guid="new", key_id=key.id, site_id=site.id, comment=Comment.from_dict(personal), verdict=v)  # type: ignore[union-attr]
    store.record_feedback(key_id=key.id, site_id=site.id, kind="spam", comment=Comment.from_dict(personal), at=old)  # type: ignore[union-attr]
    assert purge(store, 30) == 2
    assert purge(store, 30) == 0  # idempotent
    with store.engine.connect() as conn:
        rows = {r.guid: r.fields for r in conn.execute(sa.select(checks.c.guid, checks.c.fields))}
        fb = conn.execute(sa.select(feedback.c.fields)).scalar_one()
    assert rows["new"]["fields"]["user_ip"] == "203.0.113.5"
    assert rows["old"]["purged"] and rows["old"]["fields"] == {"blog": "https://p.example", "comment_type": "comment"}
    assert set(rows["old"]["hashes"]) == {"user_ip", "comment_author_email"}
    assert "203.0.113.5" not in str(rows["old"]) and "hello" not in str(fb)


def test_export_and_erase_one_commenter(store: Store) -> None:
    from tamis.store.privacy import erase_commenter, export_commenter

    key = store.get_key(store.create_key())
    site = store.site_for(key.id, "https://e.example")  # type: ignore[union-attr]
    v = Verdict(True, False, 0.9, (), "t")
    ann = {"comment_content": "ann's text", "user_ip": "203.0.113.7", "comment_author_email": "Ann@Example.org"}
    bob = {"comment_content": "bob's text", "user_ip": "203.0.113.8", "comment_author_email": "bob@example.org"}
    store.record_check(guid="a1", key_id=key.id, site_id=site.id, comment=Comment.from_dict(ann), verdict=v,  # type: ignore[union-attr]
                       at=utcnow() - timedelta(days=90))
    store.record_check(guid="a2", key_id=key.id, site_id=site.id, comment=Comment.from_dict(ann), verdict=v)  # type: ignore[union-attr]
    store.record_check(guid="b1", key_id=key.id, site_id=site.id, comment=Comment.from_dict(bob), verdict=v)  # type: ignore[union-attr]
    store.record_feedback(key_id=key.id, site_id=site.id, kind="ham", comment=Comment.from_dict(ann))  # type: ignore[union-attr]
    purge(store, 30)  # a1 is now only hashes: it must still be found
    doc = export_commenter(store, email="ann@example.org")
    assert sorted(c["guid"] for c in doc["checks"]) == ["a1", "a2"] and len(doc["reports"]) == 1
    assert len(export_commenter(store, ip="203.0.113.8")["checks"]) == 1
    assert erase_commenter(store, email="ANN@example.org") == 3
    assert export_commenter(store, email="ann@example.org") == {"checks": [], "reports": []}
    with store.engine.connect() as conn:
        text = str(conn.execute(sa.select(checks.c.fields)).all())
    assert "ann" not in text.lower() and "bob's text" in text
