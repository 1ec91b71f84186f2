"""The application service: what one check and one report do, independent of HTTP.

web/akismet.py (and the CLI, and later the dashboard) call this; it runs the engine, stores the result, and sends
moderators' reports down the one learning path.  Keeping it apart from the HTTP layer keeps the protocol code about
the protocol, and lets tests and benchmarks drive the same path without a server.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tamis.config import Settings
from tamis.engine import Engine
from tamis.store import FeedbackResult, KeyRow, SiteRow, Store
from tamis.types import Comment, Hit, Verdict

log = logging.getLogger("tamis.service")

# A context signal sees the comment with its key and site and may consult stored history (campaigns, reputation,
# learned per-site layers).  It returns hits that the engine folds into the verdict like its own.
ContextSignal = Callable[["CheckContext"], Sequence[Hit]]
# A learner is told about every moderator report (never is_test ones) after it is stored.
Learner = Callable[["CheckContext", str, FeedbackResult], None]
# An observer is told about every check after it is stored (guid, verdict): indexing for later lookups
# (near-duplicate fingerprints, velocity, reputation learned from verdicts).  It must not fail the check.
Observer = Callable[["CheckContext", str, Verdict], None]


@dataclass(frozen=True)
class CheckContext:
    key: KeyRow
    site: SiteRow
    comment: Comment
    analysis: object | None = None


@dataclass
class Service:
    settings: Settings
    store: Store
    engine: Engine
    context_signals: list[tuple[str, ContextSignal]] = field(default_factory=list)
    learners: list[tuple[str, Learner]] = field(default_factory=list)
    observers: list[tuple[str, Observer]] = field(default_factory=list)
    _key_cache: dict[str, tuple[float, KeyRow | None]] = field(default_factory=dict)
    _site_cache: dict[tuple[int, str], tuple[float, SiteRow]] = field(default_factory=dict)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock)

    # Key and site rows are cached briefly: a lookup per request would triple the database round trips of a check,
    # and a revoked key or site must still stop working quickly.
    KEY_TTL = 2.0

    def key(self, key: str) -> KeyRow | None:
        now = time.monotonic()
        with self._cache_lock:
            hit = self._key_cache.get(key)
        if hit is not None and now - hit[0] < self.KEY_TTL:
            return hit[1]
        row = self.store.get_key(key)
        with self._cache_lock:
            if len(self._key_cache) > 10_000:
                self._key_cache.clear()
            self._key_cache[key] = (now, row)
        return row

    def site(self, key: KeyRow, blog: str) -> SiteRow:
        """The site row for `blog` under `key` (created on first use), cached like keys."""
        now = time.monotonic()
        with self._cache_lock:
            hit = self._site_cache.get((key.id, blog))
        if hit is not None and now - hit[0] < self.KEY_TTL:
            return hit[1]
        row = self.store.site_for(key.id, blog)
        with self._cache_lock:
            if len(self._site_cache) > 10_000:
                self._site_cache.clear()
            self._site_cache[(key.id, blog)] = (now, row)
        return row

    def check(self, key: KeyRow, site: SiteRow, comment: Comment) -> tuple[str, Verdict]:
        guid = str(uuid.uuid4())
        engine = self.engine  # one engine for the whole check, even if a new model version is swapped in meanwhile
        analysis = engine.analyze(comment)
        ctx = CheckContext(key, site, comment, analysis)
        extra: list[Hit] = []
        skipped: list[str] = []
        for name, signal in self.context_signals:
            try:
                extra.extend(signal(ctx))
            except Exception:  # a failing signal never fails the check; the verdict says it was skipped
                log.exception("context signal %s failed", name)
                skipped.append(name)
        verdict = engine.check(comment, extra_hits=extra, analysis=analysis)
        if skipped:
            verdict = Verdict(verdict.spam, verdict.discard, verdict.score,
                              verdict.hits + tuple(Hit("SIGNAL_ERROR", 0.0, n) for n in skipped),
                              verdict.model_version, verdict.skipped + tuple(skipped))
        self.store.record_check(guid=guid, key_id=key.id, site_id=site.id, comment=comment, verdict=verdict)
        for name, observer in self.observers:
            try:
                observer(ctx, guid, verdict)
            except Exception:  # the check is stored and answered; indexing it is best effort
                log.exception("observer %s failed", name)
        return guid, verdict

    def report(self, key: KeyRow, site: SiteRow, comment: Comment, kind: str) -> FeedbackResult:
        result = self.store.record_feedback(key_id=key.id, site_id=site.id, kind=kind, comment=comment)
        if not comment.is_test and result.effect != "repeat":
            ctx = CheckContext(key, site, comment)
            for name, learner in self.learners:
                try:
                    learner(ctx, kind, result)
                except Exception:  # the report is stored; learning can be replayed from the ledger
                    log.exception("learner %s failed", name)
        return result
