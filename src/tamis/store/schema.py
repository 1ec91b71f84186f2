"""The database schema (SQLAlchemy Core), the single source the migrations are written against.

Changing a table means: change it here AND add a migration in src/tamis/migrations/versions/ (a test compares the
migrated schema with this metadata on SQLite and PostgreSQL, so the two cannot drift).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# BigInteger ids on PostgreSQL, INTEGER (the rowid alias that autoincrements) on SQLite.
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# JSON documents: JSONB on PostgreSQL, TEXT-backed JSON on SQLite.
Doc = sa.JSON().with_variant(JSONB(), "postgresql")

api_keys = sa.Table(
    "api_keys", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(12), nullable=False, unique=True),
    sa.Column("label", sa.String(200), nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)

sites = sa.Table(
    "sites", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("key_id", Id, sa.ForeignKey("api_keys.id"), nullable=False),
    # The site's front-page URL as the client sends it in `blog`, canonicalised (see store.sites.canonical_site).
    sa.Column("url", sa.String(2048), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("key_id", "url"),
)

checks = sa.Table(
    "checks", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("guid", sa.String(36), nullable=False, unique=True),
    sa.Column("key_id", Id, sa.ForeignKey("api_keys.id"), nullable=False),
    sa.Column("site_id", Id, sa.ForeignKey("sites.id"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("is_test", sa.Boolean, nullable=False),
    sa.Column("spam", sa.Boolean, nullable=False),
    sa.Column("discard", sa.Boolean, nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("reasons", Doc, nullable=False),
    sa.Column("model_version", sa.String(64), nullable=False),
    # Every field the client sent, as {"fields": {...}, "multi": {...}}.
    sa.Column("fields", Doc, nullable=False),
    # Hashes that tie a later submit-spam/ham back to this check when the client sends no guid (WordPress 5.0.2):
    # match_hash covers content + author + e-mail + IP, content_hash the content alone.
    sa.Column("match_hash", sa.String(64), nullable=False, index=True),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    # The moderators' last word on this check: NULL (none), 'spam' or 'ham'.
    sa.Column("feedback", sa.String(4), nullable=True),
    sa.Index("ix_checks_key_id_created_at", "key_id", "created_at"),
)

feedback = sa.Table(
    "feedback", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("key_id", Id, sa.ForeignKey("api_keys.id"), nullable=False),
    sa.Column("site_id", Id, sa.ForeignKey("sites.id"), nullable=False),
    sa.Column("check_id", Id, sa.ForeignKey("checks.id"), nullable=True, index=True),
    sa.Column("guid", sa.String(200), nullable=True),
    sa.Column("kind", sa.String(4), nullable=False),  # 'spam' | 'ham'
    sa.Column("is_test", sa.Boolean, nullable=False),
    # 'new' (first report for its check), 'repeat' (same class again: changes nothing), 'reversal' (the other class).
    sa.Column("effect", sa.String(10), nullable=False),
    sa.Column("match_hash", sa.String(64), nullable=False),
    sa.Column("reporter", sa.String(200), nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("fields", Doc, nullable=False),
)

# Per key, site and UTC day: what key-sites, usage-limit and get-stats report.  Kept up to date on every check and
# report so that the stats endpoints never scan the checks table (which grows to millions of rows).
daily_stats = sa.Table(
    "daily_stats", metadata,
    sa.Column("key_id", Id, sa.ForeignKey("api_keys.id"), primary_key=True),
    sa.Column("site_id", Id, sa.ForeignKey("sites.id"), primary_key=True),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("api_calls", sa.Integer, nullable=False, server_default="0"),
    sa.Column("spam", sa.Integer, nullable=False, server_default="0"),
    sa.Column("ham", sa.Integer, nullable=False, server_default="0"),
    sa.Column("missed_spam", sa.Integer, nullable=False, server_default="0"),
    sa.Column("false_positives", sa.Integer, nullable=False, server_default="0"),
)

# The learning path keeps its tables on the same metadata (src/tamis/learning/schema.py).
from tamis.learning import schema as _learning_schema  # noqa: E402,F401
