"""Persistence: keys, sites, checks, feedback, statistics."""

from tamis.store.db import FeedbackResult, KeyRow, SiteRow, Store, canonical_site, looks_like_key, match_hashes
from tamis.store.migrate import migrate

__all__ = ["FeedbackResult", "KeyRow", "SiteRow", "Store", "canonical_site", "looks_like_key", "match_hashes",
           "migrate"]
