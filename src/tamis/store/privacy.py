"""Retention: after `retention_days`, a stored check or report keeps no raw personal data.

What survives is what statistics and learning need: the verdict, score, reasons, model version, the match hashes
that tie reports to checks, the site's own non-personal fields, and salted-free SHA-256 hashes of the commenter's
identifiers (so reputation can still count repeat offenders without knowing who they are).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from tamis.store.db import Store, utcnow
from tamis.store.schema import checks, feedback

# Fields about the site and the request's context, not about the person: kept after purging.
KEEP = frozenset({"blog", "permalink", "comment_type", "blog_lang", "blog_charset", "comment_date_gmt",
                  "comment_post_modified_gmt", "user_role", "is_test", "recheck_reason", "guid"})
# Identifiers kept as hashes after purging.
HASHED = ("user_ip", "comment_author_email", "comment_author", "comment_author_url")


def purged_fields(doc: dict[str, Any]) -> dict[str, Any]:
    fields = doc.get("fields", {})
    kept = {k: v for k, v in fields.items() if k in KEEP}
    hashes = {k: hashlib.sha256(fields[k].strip().lower().encode("utf-8")).hexdigest()
              for k in HASHED if fields.get(k)}
    return {"fields": kept, "multi": {}, "purged": True, "hashes": hashes}


def purge(store: Store, retention_days: int, *, batch: int = 1000) -> int:
    """Reduce checks and reports older than `retention_days` to their non-personal remains; returns rows changed.

    Works in batches so a large backlog never holds a long write lock (SQLite) or a huge transaction.
    """
    cutoff = utcnow() - timedelta(days=retention_days)
    changed = 0
    for table in (checks, feedback):
        last_id = 0
        while True:
            with store.engine.connect() as conn:
                rows = conn.execute(
                    sa.select(table.c.id, table.c.fields)
                    .where(table.c.created_at < cutoff, table.c.id > last_id)
                    .order_by(table.c.id).limit(batch)
                ).all()
            if not rows:
                break
            last_id = rows[-1].id
            todo = [(r.id, purged_fields(r.fields)) for r in rows if not r.fields.get("purged")]
            if todo:
                with store.write() as conn:
                    for row_id, doc in todo:
                        conn.execute(table.update().where(table.c.id == row_id).values(fields=doc))
                changed += len(todo)
    # The learning layer keeps an excerpt of each fingerprinted comment (campaign names quote their first spam,
    # which stays: it names the campaign in reasons).  Old fingerprints lose theirs like the checks lose their text.
    from tamis.learning.schema import fingerprints

    with store.write() as conn:
        res = conn.execute(fingerprints.update().where(fingerprints.c.created_at < cutoff, fingerprints.c.excerpt != "")
                           .values(excerpt=""))
        changed += res.rowcount or 0
    return changed


def _identity_filters(table: sa.Table, email: str | None, ip: str | None) -> list[Any]:
    """Rows about one commenter: by raw field, or by the hash a purged row keeps."""
    conds: list[Any] = []
    for name, value in (("comment_author_email", email), ("user_ip", ip)):
        if not value:
            continue
        value = value.strip().lower()
        digest = hashlib.sha256(value.encode("utf-8")).hexdigest()
        conds.append(sa.func.lower(table.c.fields["fields"][name].as_string()) == value)
        conds.append(table.c.fields["hashes"][name].as_string() == digest)
    return conds


def export_commenter(store: Store, *, email: str | None = None, ip: str | None = None) -> dict[str, list[dict]]:
    """Everything stored about one commenter (by e-mail and/or IP): checks with verdicts, and reports."""
    if not email and not ip:
        raise ValueError("give an e-mail address or an IP address")
    out: dict[str, list[dict]] = {"checks": [], "reports": []}
    with store.engine.connect() as conn:
        for r in conn.execute(sa.select(checks).where(sa.or_(*_identity_filters(checks, email, ip)))
                              .order_by(checks.c.id)):
            out["checks"].append({"guid": r.guid, "created_at": r.created_at.isoformat(), "spam": r.spam,
                                  "score": r.score, "reasons": r.reasons, "model_version": r.model_version,
                                  "moderator_label": r.feedback, "fields": r.fields})
        for r in conn.execute(sa.select(feedback).where(sa.or_(*_identity_filters(feedback, email, ip)))
                              .order_by(feedback.c.id)):
            out["reports"].append({"kind": r.kind, "created_at": r.created_at.isoformat(), "fields": r.fields})
    return out


def erase_commenter(store: Store, *, email: str | None = None, ip: str | None = None) -> int:
    """Erase one commenter's data: their stored checks and reports keep only the verdict and the site's own fields
    (no text, no identifiers, not even hashes).  Statistics are counts and stay.  Returns rows erased."""
    if not email and not ip:
        raise ValueError("give an e-mail address or an IP address")
    n = 0
    with store.write() as conn:
        for table in (checks, feedback):
            rows = conn.execute(sa.select(table.c.id, table.c.fields)
                                .where(sa.or_(*_identity_filters(table, email, ip)))).all()
            if table is checks and rows:
                from tamis.learning.schema import fingerprints

                conn.execute(fingerprints.update().where(fingerprints.c.check_id.in_([r.id for r in rows]))
                             .values(excerpt=""))
            for r in rows:
                kept = {k: v for k, v in r.fields.get("fields", {}).items() if k in KEEP}
                conn.execute(table.update().where(table.c.id == r.id)
                             .values(fields={"fields": kept, "multi": {}, "purged": True, "erased": True}))
            n += len(rows)
    return n
