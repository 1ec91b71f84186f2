"""Tables of the learning path, on the store's one ``metadata`` (tamis.store.schema imports this module last).

Everything here is counts, weights and hashes that can be rebuilt from the ``feedback`` ledger and the ``checks``
table: no pickles, no raw personal data (IPs, e-mails and names appear only as 64-bit hashes).

- ``learn_ledger``: what each reported item taught, exactly, so that the same report twice changes nothing and a
  report of the other class undoes the first (rspamd's learn cache, SpamBayes' ``unlearn``).
- ``learn_weights``: the per-site layer (scope = site id) and the instance layer (scope = 0): one weight per token;
  ``ham_seen`` counts a site's confident genuine verdicts per script (rows ``script:<name>`` and ``script:any``).
- ``learn_scopes``: reports learned per scope (the layers' confidence grows with it).
- ``fingerprints`` / ``fp_bands``: MinHash signatures of recent comments and their LSH band hashes (velocity).
- ``campaign_bands`` / ``campaigns``: band hashes of moderator-confirmed comments only (small, kept long).
- ``reputation``: decayed spam/ham evidence per entity (IP, network, e-mail, domain, URL, name) and per site.
- ``model_versions``: trained models, which one is active (workers switch to it without a restart).
"""

from __future__ import annotations

import sqlalchemy as sa

from tamis.store.schema import Doc, Id, metadata

learn_ledger = sa.Table(
    "learn_ledger", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("site_id", Id, nullable=False),
    sa.Column("key_id", Id, nullable=False),
    # 'match:<match_hash>': the reported comment (content, author, e-mail, IP), whichever check it is tied to.
    sa.Column("item", sa.String(80), nullable=False),
    sa.Column("check_id", Id, nullable=True),
    # The class currently learned for this item: 'spam', 'ham'.
    sa.Column("label", sa.String(4), nullable=False),
    # Exactly what was applied (token hashes and steps, reputation deltas, fingerprint id): undo = subtract it.
    sa.Column("applied", Doc, nullable=False),
    sa.Column("reports", sa.Integer, nullable=False, server_default="1"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("site_id", "item"),
)

learn_weights = sa.Table(
    "learn_weights", metadata,
    sa.Column("scope", Id, primary_key=True, autoincrement=False),  # 0 = instance layer, else the site id
    sa.Column("token", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("reports", sa.Integer, nullable=False),
    # Instance layer only: the first site that taught the token, and whether another site did too.  A token
    # taught by one site alone never moves another site's verdicts (poisoning guard).
    sa.Column("first_site", Id, nullable=True),
    sa.Column("multi_site", sa.Boolean, nullable=False, server_default=sa.false()),
    # Site layer only: how many of the site's confident genuine verdicts contained the token since a report made it
    # known (written by the background writer).  An everyday word the site's genuine comments never showed learns
    # spam-ward only damped (tamis.learning.core, "Everyday words").
    sa.Column("ham_seen", sa.Float, nullable=False, server_default="0"),
)

learn_scopes = sa.Table(
    "learn_scopes", metadata,
    sa.Column("scope", Id, primary_key=True, autoincrement=False),
    sa.Column("spam", sa.Integer, nullable=False, server_default="0"),
    sa.Column("ham", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

fingerprints = sa.Table(
    "fingerprints", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("check_id", Id, nullable=True, index=True),
    sa.Column("site_id", Id, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("sig", sa.LargeBinary, nullable=False),  # 64 little-endian uint32 minima, or one exact hash
    sa.Column("ip", sa.BigInteger, nullable=False),  # hashes, for distinct counts (velocity)
    sa.Column("post", sa.BigInteger, nullable=False),
    # Moderator-confirmed class ('spam' | 'ham') and the campaign it was filed under.
    sa.Column("label", sa.String(4), nullable=True),
    sa.Column("campaign_id", Id, nullable=True),
    sa.Column("excerpt", sa.String(80), nullable=False, server_default=""),
)

fp_bands = sa.Table(
    "fp_bands", metadata,
    sa.Column("band", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("created_at", sa.DateTime(timezone=True), primary_key=True),
    sa.Column("fp_id", Id, primary_key=True, autoincrement=False),
    sa.Index("ix_fp_bands_created_at", "created_at"),
)

campaign_bands = sa.Table(
    "campaign_bands", metadata,
    sa.Column("band", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("fp_id", Id, primary_key=True, autoincrement=False),
)

campaigns = sa.Table(
    "campaigns", metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("excerpt", sa.String(80), nullable=False),
    sa.Column("spam", sa.Integer, nullable=False, server_default="0"),
    sa.Column("ham", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

reputation = sa.Table(
    "reputation", metadata,
    sa.Column("entity", sa.BigInteger, primary_key=True, autoincrement=False),  # hash of 'kind:value'
    sa.Column("site_id", Id, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(16), nullable=False),
    # Evidence as of updated_at; readers decay it to now (half-life per kind).
    sa.Column("spam", sa.Float, nullable=False),
    sa.Column("ham", sa.Float, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

model_versions = sa.Table(
    "model_versions", metadata,
    sa.Column("version", sa.String(64), primary_key=True),
    sa.Column("path", sa.String(1024), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("info", Doc, nullable=False),
)
