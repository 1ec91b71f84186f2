"""The learning path: one ``Learning`` object per worker, registered on the Service by ``tamis.learning.install``.

- ``signal(ctx)``: a context signal run on every check.  Four indexed reads (layer weights, confirmed campaigns,
  recent near-duplicates, reputation), no writes.  Because it reads the database on every check, a correction
  stored by any worker changes the very next check in every worker: there is no cache to refresh.
- ``observe(ctx, guid, verdict)``: after a check is stored, index its fingerprint (velocity, later confirmation),
  add our own confident verdicts, weakly, to the reputation of its entities, and count a confident genuine
  verdict's script for its site (the "Everyday words" banner).
- ``learn(ctx, kind, result)``: after a moderator's report is stored (never is_test, never a repeat).  Idempotent
  and reversible through ``learn_ledger``: the same report again changes nothing; a report of the other class
  subtracts exactly what the first one added, then learns the new class.

##############################################################################################################
# Layers: how do the site and instance layers learn from corrections alone?
# WordPress sends a report only when a moderator acts, and moderators mostly act on mistakes, so the feedback is
# nearly all errors.  Naive-Bayes counts need both classes to know that "the" is not spam; with corrections only,
# every common word of a missed spam would look spammy.  So each layer is a linear model over the comment's
# tokens, fitted online to the *residual* of everything else: a report of class y on a comment whose verdict had
# log-odds m adds  eta * (y - sigmoid(m)) * x  to the weights of its tokens (x = 1/sqrt(#tokens)).  A confident
# mistake teaches a lot, a report that agrees with a confident verdict teaches nearly nothing, and the static
# model stays the background that tells common words from telling ones.  Updates are additions, so an undo is an
# exact subtraction.  Each token's weight is clipped at read time (TOKEN_CAP) and each layer's hit (LAYER_CAP).
# How much it takes: one report moves the same text by about eta * (1 - p) (2.7 log-odds for a confident miss at
# eta 3), a text sharing half its tokens by about half that; see docs/learning.md for the measured curves.
##############################################################################################################

##############################################################################################################
# Everyday words: why did a Russian chat's reports teach its site layer that English is spam?
# tg's replay (bench.learning, docs/benchmarks.md seventh session) had more false positives with feedback (24)
# than without (10): 11 were the English genuine messages that close its replay order, each pushed over by
# LEARNED_SITE +1.6 to +2.9.  Before them the site had reported ~110 missed spams, mostly English, and its
# genuine comments were 96% Russian: "and" +3.0, "to" +2.7, "the" +2.5 (raw site weights, 18-26 reports each),
# and no genuine English comment ever pulled them back, since there was none.  That is true of the site's history
# and wrong as a rule: a site's reports should teach what is specific to its spam, not the language it came in.
# What each token is, the site cannot tell (its reports put "the" in 26 and the spam emoji layout in 21); the
# corpora can.  So a model carries ``ham_df`` (model/train.py): per token, the share of genuine training comments
# containing it, averaged over corpora ("the" .53, "to" .30, "your" .085, "free" .024, "crypto" .0007, the spam
# topics ~0).  A positive site weight counts  1 / (1 + df * novelty / ham_df_ref)  (ham_df_ref .02: "the" 4%,
# "your" 19%, "free" 46%, "crypto" 97% when novelty is 1), where novelty says whether the comment's script
# (learning/features.py: script_token) is one the site's genuine comments use: each verdict at least
# ham_seen_margin below the threshold counts its script and "script:any" in ``learn_weights.ham_seen`` (two rows,
# by the background writer; only once a report made them known), and novelty falls from 1 to 0 as the script's
# share of those rises to script_share (.2).  On a site whose genuine comments are in the reported spam's
# language, the layer is exactly as before; the script rows never carry a weight.  Reports stay exact additions
# (the damping is applied at read time), and the model's df is read from the engine every check.
#
# Measured: `TAMIS_X_LEARNING='{...}' PYTHONPATH=src python -m bench.learning --data ../shared/data --corpora C
# --skip-synthetic`, errors with feedback (FP/FN); replays vary by about +-2 run to run.  The first six rows were
# measured on the way (before the script counters; the per-token gate at margin 3).
#   no damping (before)                                 tg 138 (24/114)  SMS 121 (4/117)  YouTube 135 (10/125)
#   df damping on every site, ham_df_ref .02             tg 171 (15/156)  SMS 142 (4/138)  YouTube 161 (7/154)
#   ... ham_df_ref .2                                    tg 147 (20/127)  SMS 138 (4/134)  YouTube 149 (8/141)
#   ... gated per token by that token's own ham_seen     tg 172 (15/157)  SMS 138 (3/135)  YouTube 169 (8/161)
#   a per-site bias token, no damping                    tg 128 (28/100)  SMS 124 (2/122)  YouTube 127 (12/115)
#   ... with damping .02                                 tg 146 (18/128)  SMS 145 (2/143)  YouTube 143 (8/135)
#   gated by a count of the script's genuine verdicts   tg 172 (17/155)  SMS 122 (3/119)  YouTube 139 (9/130)
#   gated by the script's share, margin 2                tg 138 (14/124)  SMS 120 (3/117)  YouTube 137 (9/128)
#   gated by the script's share, margin 1 (chosen)       tg 126 (14/112)  SMS 121 (3/118)  YouTube 134 (8/126)
# All corpora (`python -m bench.learning --data ../shared/data`), errors with feedback before -> after: tg 138 ->
# 126 (FP 24 -> 14), SMS 121 -> 121, YouTube 135 -> 137, e-mail 1,138 -> 1,141, Stack Exchange 147 -> 150, Reddit
# 2 -> 2; all 1,681 -> 1,677.  The +2/+3 are the replay's noise: the same code with ham_df_ref 0, run next, gave
# e-mail 1,142, Stack Exchange 148, YouTube 136.
# Damping everyday words everywhere costs SMS and YouTube 15-30 errors: there "out", "check", "make", "00" and the
# phone-number shape are everyday words that really are spam-specific, and the site's genuine comments show it.
# A per-token gate waits for each word's own evidence (YouTube's videos see few confident genuine verdicts), and a
# count waits for the first N; the share is right from the first genuine verdict on a one-language site.
# What it does not fix on tg (full run, 14 false positives): 10 are the static run's own, which no report undoes
# (links posted alone or nearly, one English post static flags too); one English post about search engines (the
# SEO spam topic, which is what the site's reports taught); three Russian messages moved by what the site's spam
# really has: "000" (prices, "100%"), a side-job offer worded like the reported ones, a t.me link.
##############################################################################################################
"""

from __future__ import annotations

import logging
import math
import time
from collections import namedtuple
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from tamis.engine.analysis import Analysis, analyze
from tamis.learning import reputation as rep
from tamis.learning.features import (
    Entity, Fingerprint, entities, fingerprint, h64, layer_tokens, logit, script_token, sigmoid, similarity,
)
from tamis.learning.schema import (
    campaign_bands, campaigns, fingerprints, fp_bands, learn_ledger, learn_scopes, learn_weights, reputation,
)
from tamis.store.db import match_hashes
from tamis.store.schema import checks
from tamis.learning.writer import Observation
from tamis.types import Comment, Hit, Verdict

log = logging.getLogger("tamis.learning")

INSTANCE = 0
SCRIPT_ANY = "script:any"  # counts every confident genuine verdict of the site, whatever its script
Confirmed = namedtuple("Confirmed", "id sig label site_id campaign_id excerpt spam ham")
Recent = namedtuple("Recent", "id sig ip post site_id")
_PG_FETCH = """
SELECT
 (SELECT coalesce(json_agg(json_build_array(w.scope, w.token, w.weight, w.multi_site, w.ham_seen)), '[]'::json)
    FROM learn_weights w WHERE w.scope IN (0, :site) AND w.token = ANY(:tokens)) AS layers,
 (SELECT coalesce(json_agg(json_build_array(x.id, encode(x.sig, 'hex'), x.label, x.site_id, x.campaign_id,
                                            x.excerpt, x.spam, x.ham)), '[]'::json)
    FROM (SELECT f.id, f.sig, f.label, f.site_id, f.campaign_id, c.excerpt, c.spam, c.ham
            FROM campaign_bands b JOIN fingerprints f ON f.id = b.fp_id LEFT JOIN campaigns c ON c.id = f.campaign_id
           WHERE b.band = ANY(:bands) AND f.label IS NOT NULL LIMIT :limit) x) AS confirmed,
 (SELECT coalesce(json_agg(json_build_array(x.id, encode(x.sig, 'hex'), x.ip, x.post, x.site_id)), '[]'::json)
    FROM (SELECT f.id, f.sig, f.ip, f.post, f.site_id
            FROM fp_bands b JOIN fingerprints f ON f.id = b.fp_id
           WHERE b.band = ANY(:bands) AND b.created_at >= :since LIMIT :limit) x) AS recent,
 (SELECT coalesce(json_agg(json_build_array(x.entity, x.site_id, x.kind, x.spam, x.ham)), '[]'::json)
    FROM (SELECT entity, site_id, kind, spam, ham FROM reputation WHERE entity = ANY(:entities) LIMIT 5000) x)
    AS reputation
"""
OWN_HITS = frozenset({
    "LEARNED_SITE", "LEARNED_INSTANCE", "CAMPAIGN_CONFIRMED", "CAMPAIGN_VELOCITY", "DUPLICATE_OF_HAM",
    "EMAIL_DISPOSABLE", *(name for name, _h, _k in rep.KINDS.values()),
})
VERDICT_SPAM_Z = logit(0.97)
VERDICT_HAM_Z = logit(0.05)


@dataclass(frozen=True)
class LearningConfig:
    eta_site: float = 2.0
    eta_instance: float = 1.0
    # Verdicts nobody corrected teach too, provisionally, where they were uncertain (|log-odds - threshold| below
    # provisional_band): they give the layers the ham (and spam) background that corrections alone lack.
    eta_provisional: float = 2.0
    provisional_band: float = 3.0
    token_cap: float = 3.0
    # Everyday words (banner above): a positive site weight counts 1 / (1 + df * novelty / ham_df_ref); a verdict
    # ham_seen_margin log-odds below the threshold counts as genuine use of its script; a script is the site's own
    # (novelty 0) once it makes up script_share of those.  ham_df_ref 0 turns the damping off.
    ham_df_ref: float = 0.02
    ham_seen_margin: float = 1.0
    script_share: float = 0.2
    site_cap: float = 5.0
    instance_cap: float = 1.5
    min_layer_weight: float = 0.2
    near_dup: float = 0.5           # estimated Jaccard at which two comments are the same message
    campaign_min: float = 4.0       # CAMPAIGN_CONFIRMED weight at near_dup similarity ...
    campaign_max: float = 10.0      # ... rising to this at similarity 1.0
    ham_dup_weight: float = -6.0    # DUPLICATE_OF_HAM at similarity 1.0 (scaled like the campaign weight)
    velocity_window: timedelta = timedelta(minutes=10)
    velocity_min: int = 3           # distinct IPs, sites or posts before CAMPAIGN_VELOCITY fires
    velocity_cap: float = 3.0
    recent_retention: timedelta = timedelta(days=7)
    max_candidates: int = 400


@dataclass
class Extract:
    """What one comment gives the learning path, computed once per check and stashed on the Analysis."""

    tokens: list[str]
    token_hashes: list[int]
    fp: Fingerprint | None
    ents: list[Entity]
    # Tokens the check found in the site / instance layer (filled by the signal): provisional learning touches only
    # these, the tokens some report already moved, so a site without reports costs no layer writes at all.
    known_site: list[int] = field(default_factory=list)
    known_instance: list[int] = field(default_factory=list)

    @property
    def script_hashes(self) -> tuple[int, ...]:
        """The hashes of the script counters (the comment's script, then ``script:any``), () for a text without
        letters: extract() appends both last."""
        if len(self.tokens) >= 2 and self.tokens[-1] == SCRIPT_ANY:
            return tuple(self.token_hashes[-2:])
        return ()

    @property
    def x(self) -> float:
        """Each token's feature value, 1/sqrt(#tokens), the script counters not counted (they carry no weight)."""
        return 1.0 / math.sqrt(max(len(self.token_hashes) - len(self.script_hashes), 1))


def extract(analysis: Analysis) -> Extract:
    cached = analysis.extra.get("learning") if isinstance(analysis.extra, dict) else None
    if isinstance(cached, Extract):
        return cached
    toks = layer_tokens(analysis.text, analysis.meta_tokens)
    script = script_token(analysis.text)
    if script is not None:
        toks += [script, SCRIPT_ANY]
    ents = entities(dict(analysis.comment.fields), analysis.author, analysis.email_domain,
                    tuple((lk.source, lk.domain) for lk in analysis.links if lk.source != "author_url"))
    ex = Extract(toks, [h64(t) for t in toks], fingerprint(analysis.text), ents)
    if isinstance(analysis.extra, dict):
        analysis.extra["learning"] = ex
    return ex


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Learning:
    store: Any  # tamis.store.Store
    config: LearningConfig = field(default_factory=LearningConfig)
    engine_ref: Any = None  # a callable returning the current Engine (for scoring untied reports)
    writer: Any = None  # tamis.learning.writer.Writer once start_writer() ran (workers)
    _last_prune: float = 0.0

    @property
    def is_sqlite(self) -> bool:
        return bool(self.store.is_sqlite)

    def _in(self, col: Any, name: str) -> Any:
        """``col IN (:name)`` as an expanding bind parameter; on PostgreSQL ``col = ANY(:name)`` with an array, one
        SQL text whatever the count, so psycopg prepares it once per connection.  The statements using it are built
        once (``_queries``): building a select with a 400-value IN list cost ~0.6 ms of Python per check."""
        if self.is_sqlite:
            return col.in_(sa.bindparam(name, expanding=True))
        from sqlalchemy.dialects.postgresql import ARRAY

        return col == sa.any_(sa.bindparam(name, type_=ARRAY(sa.BigInteger)))

    @property
    def _queries(self) -> dict[str, Any]:
        q = self.__dict__.get("_q")
        if q is not None:
            return q
        cfg = self.config
        q = {
            "layers": sa.select(learn_weights.c.scope, learn_weights.c.token, learn_weights.c.weight,
                                learn_weights.c.multi_site, learn_weights.c.ham_seen)
            .where(learn_weights.c.scope.in_([INSTANCE, sa.bindparam("site")]),
                   self._in(learn_weights.c.token, "tokens")),
            "confirmed": sa.select(fingerprints.c.id, fingerprints.c.sig, fingerprints.c.label, fingerprints.c.site_id,
                                   fingerprints.c.campaign_id, campaigns.c.excerpt, campaigns.c.spam, campaigns.c.ham)
            .select_from(campaign_bands.join(fingerprints, fingerprints.c.id == campaign_bands.c.fp_id)
                         .outerjoin(campaigns, campaigns.c.id == fingerprints.c.campaign_id))
            .where(self._in(campaign_bands.c.band, "bands"), fingerprints.c.label.is_not(None))
            .limit(cfg.max_candidates),
            "recent": sa.select(fingerprints.c.id, fingerprints.c.sig, fingerprints.c.ip, fingerprints.c.post,
                                fingerprints.c.site_id)
            .select_from(fp_bands.join(fingerprints, fingerprints.c.id == fp_bands.c.fp_id))
            .where(self._in(fp_bands.c.band, "bands"), fp_bands.c.created_at >= sa.bindparam("since"))
            .limit(cfg.max_candidates),
            "reputation": sa.select(reputation.c.entity, reputation.c.site_id, reputation.c.kind, reputation.c.spam,
                                    reputation.c.ham).where(self._in(reputation.c.entity, "entities")).limit(5000),
        }
        self.__dict__["_q"] = q
        return q

    def _insert(self, table: sa.Table) -> Any:
        if self.is_sqlite:
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        return insert(table)

    # ========================================================================================= check time

    def signal(self, ctx: Any) -> Sequence[Hit]:
        analysis = ctx.analysis if ctx.analysis is not None else analyze(ctx.comment, None)
        ex = extract(analysis)
        site_id = ctx.site.id
        since = _now() - self.config.velocity_window
        with self.store.engine.connect() as conn:
            rows = self._fetch(conn, ex, site_id, since)
        hits = self._layer_hits(rows["layers"], ex)
        hits += self._campaign_hits(rows["confirmed"], rows["recent"], ex, site_id)
        hits += self._reputation_hits(rows["reputation"], ex, site_id)
        return hits

    def _fetch(self, conn: Connection, ex: Extract, site_id: int, since: datetime) -> dict[str, list[Any]]:
        """The four lookups a check needs.  On PostgreSQL one statement, one round trip (``_PG_FETCH``); on SQLite,
        which has no round trips, the four prebuilt selects."""
        bands = list(ex.fp.bands) if ex.fp is not None else []
        ents = [e.hash for e in ex.ents]
        if not self.is_sqlite:
            from sqlalchemy.dialects.postgresql import ARRAY

            stmt = self.__dict__.get("_pg_fetch")
            if stmt is None:
                stmt = sa.text(_PG_FETCH).bindparams(
                    *(sa.bindparam(n, type_=ARRAY(sa.BigInteger)) for n in ("tokens", "bands", "entities")))
                self.__dict__["_pg_fetch"] = stmt
            r = conn.execute(stmt, {"site": site_id, "tokens": ex.token_hashes, "bands": bands, "entities": ents,
                                    "since": since, "limit": self.config.max_candidates}).one()
            return {"layers": [tuple(x) for x in r.layers],
                    "confirmed": [Confirmed(x[0], bytes.fromhex(x[1]), *x[2:]) for x in r.confirmed],
                    "recent": [Recent(x[0], bytes.fromhex(x[1]), *x[2:]) for x in r.recent],
                    "reputation": [tuple(x) for x in r.reputation]}
        q = self._queries
        out: dict[str, list[Any]] = {"layers": [], "confirmed": [], "recent": [], "reputation": []}
        if ex.token_hashes:
            out["layers"] = [tuple(x) for x in conn.execute(q["layers"], {"site": site_id,
                                                                         "tokens": ex.token_hashes})]
        if bands:
            out["confirmed"] = [Confirmed(*x) for x in conn.execute(q["confirmed"], {"bands": bands})]
            out["recent"] = [Recent(*x) for x in conn.execute(q["recent"], {"bands": bands, "since": since})]
        if ents:
            out["reputation"] = [tuple(x) for x in conn.execute(q["reputation"], {"entities": ents})]
        return out

    def _layer_hits(self, rows: list[Any], ex: Extract) -> list[Hit]:
        if not ex.token_hashes:
            return []
        if not rows:
            return []
        cfg = self.config
        x = ex.x
        name_of = dict(zip(ex.token_hashes, ex.tokens))
        contrib: dict[str, list[tuple[float, str]]] = {"site": [], "instance": []}
        ex.known_site = [r[1] for r in rows if r[0] != INSTANCE]
        ex.known_instance = [r[1] for r in rows if r[0] == INSTANCE]
        novelty, counters = self._novelty(rows, ex)
        df = self._everyday([name_of.get(r[1], "") for r in rows]) if novelty > 0 else None
        for i, (scope, token, weight, multi, _seen) in enumerate(rows):
            if token in counters:
                continue  # script tokens only count genuine comments: the layers never learn a script
            w = max(-cfg.token_cap, min(cfg.token_cap, weight)) * x
            if df is not None and scope != INSTANCE and w > 0:
                w /= 1.0 + float(df[i]) * novelty / cfg.ham_df_ref
            if scope == INSTANCE:
                if multi:
                    contrib["instance"].append((w, name_of.get(token, "?")))
            else:
                contrib["site"].append((w, name_of.get(token, "?")))
        hits = []
        for layer, name, cap in (("site", "LEARNED_SITE", cfg.site_cap), ("instance", "LEARNED_INSTANCE",
                                                                          cfg.instance_cap)):
            parts = contrib[layer]
            total = max(-cap, min(cap, sum(w for w, _ in parts)))
            if abs(total) >= cfg.min_layer_weight:
                top = sorted(parts, key=lambda p: -abs(p[0]))[:3]
                ev = ", ".join(f"{t}{w:+.2f}" for w, t in top)
                hits.append(Hit(name, round(total, 3), f"{len(parts)} learned tokens: {ev}"))
        return hits

    @staticmethod
    def _script_seen(ex: Extract) -> tuple[int, ...]:
        """The site rows a confident genuine verdict counts in: its script's and ``script:any``, once known."""
        return tuple(t for t in ex.script_hashes if t in ex.known_site)

    def _novelty(self, rows: list[Any], ex: Extract) -> tuple[float, tuple[int, ...]]:
        """How new the comment's script is to the site's genuine comments: 1 when none of the site's confident
        genuine verdicts were in it, 0 once it makes up ``script_share`` of them.  Also the script tokens' hashes."""
        if not ex.script_hashes:
            return 1.0, ()
        sh, anyh = ex.script_hashes
        seen = {r[1]: float(r[4]) for r in rows if r[0] != INSTANCE and r[1] in (sh, anyh)}
        total = seen.get(anyh, 0.0)
        share = seen.get(sh, 0.0) / total if total > 0 else 0.0
        return max(0.0, 1.0 - share / self.config.script_share), (sh, anyh)

    def _everyday(self, tokens: list[str]) -> Any:
        """Per token, its document frequency among the active model's genuine training comments (``Engine.ham_df``,
        by the model's own token hash); None when the damping is off or the model predates ham_df."""
        engine = self.engine_ref() if self.engine_ref is not None else None
        df = getattr(engine, "ham_df", None)
        if self.config.ham_df_ref <= 0 or df is None or not tokens:
            return None
        from tamis.model.features import hash_tokens

        return df[hash_tokens(tokens, engine.classifier.config.n_bits)]

    def _campaign_hits(self, rows: list[Any], recent: list[Any], ex: Extract, site_id: int) -> list[Hit]:
        fp = ex.fp
        if fp is None:
            return []
        cfg = self.config
        hits: list[Hit] = []
        best_spam: tuple[float, Any] | None = None
        best_ham: tuple[float, Any] | None = None
        seen: set[int] = set()
        for r in rows:
            if r.id in seen:
                continue
            seen.add(r.id)
            sim = similarity(fp.sig, r.sig)
            if sim < cfg.near_dup:
                continue
            # Short texts (exact hashes) and ham confirmations act on the reporting site only.
            if (fp.exact or r.label == "ham") and r.site_id != site_id:
                continue
            if r.label == "spam" and (best_spam is None or sim > best_spam[0]):
                best_spam = (sim, r)
            elif r.label == "ham" and (best_ham is None or sim > best_ham[0]):
                best_ham = (sim, r)
        span = cfg.campaign_max - cfg.campaign_min
        if best_spam is not None and (best_ham is None or best_spam[0] > best_ham[0]):
            sim, r = best_spam
            w = cfg.campaign_min + span * (sim - cfg.near_dup) / (1.0 - cfg.near_dup)
            name = f"campaign #{r.campaign_id}" if r.campaign_id else "confirmed spam"
            ex_ = f' "{r.excerpt}"' if r.excerpt else ""
            hits.append(Hit("CAMPAIGN_CONFIRMED", round(w, 3),
                            f"{name}{ex_}: similarity {sim:.2f}, {r.spam or 1} confirmed spam"))
        elif best_ham is not None:
            sim, r = best_ham
            w = cfg.ham_dup_weight * (0.5 + 0.5 * (sim - cfg.near_dup) / (1.0 - cfg.near_dup))
            hits.append(Hit("DUPLICATE_OF_HAM", round(w, 3),
                            f"near-duplicate (similarity {sim:.2f}) of a comment this site's moderators marked "
                            "not spam"))
        # Velocity: the same message from many IPs, posts or sites within the window.
        ips: set[int] = set()
        posts: set[int] = set()
        sites: set[int] = set()
        seen = set()
        for r in recent:
            if r.id in seen or similarity(fp.sig, r.sig) < cfg.near_dup:
                continue
            seen.add(r.id)
            ips.add(r.ip)
            posts.add(r.post)
            sites.add(r.site_id)
        spread = max(len(ips), len(posts), len(sites))
        if len(seen) + 1 >= cfg.velocity_min and spread + 1 >= cfg.velocity_min:
            w = min(cfg.velocity_cap, 1.0 + 0.5 * math.log2(spread + 1))
            mins = int(cfg.velocity_window.total_seconds() // 60)
            hits.append(Hit("CAMPAIGN_VELOCITY", round(w, 3),
                            f"{len(seen)} near-duplicates in {mins} min from {len(ips)} IPs, {len(posts)} posts, "
                            f"{len(sites)} sites"))
        return hits

    def _reputation_hits(self, rows: list[Any], ex: Extract, site_id: int) -> list[Hit]:
        if not ex.ents:
            return []
        hits = rep.score(rows, ex.ents, site_id, _now())
        from tamis.learning.disposable import is_disposable

        for e in ex.ents:
            if e.kind == "email_domain" and is_disposable(e.value):
                hits.append(Hit("EMAIL_DISPOSABLE", 1.0, f"{e.value} is a disposable e-mail provider"))
        return hits

    # ========================================================================================= after a check

    def observation(self, ctx: Any, guid: str, verdict: Verdict) -> Observation | None:
        """What a stored check teaches, computed without I/O (the writes are ``write_observations``)."""
        # Akismet's documented test values (TEST_GUARANTEED_SPAM, TEST_ADMINISTRATOR) are client probes, not
        # evidence about the commenter: a client checking its integration must not give its own IP a bad name.
        if ctx.comment.is_test or any(h.name.startswith("TEST_") for h in verdict.hits):
            return None
        analysis = ctx.analysis if ctx.analysis is not None else analyze(ctx.comment, None)
        ex = extract(analysis)
        now = _now()
        rep_rows: list[tuple[int, str, float, float]] = []
        # Reputation learns from verdicts only where the rest of the engine was confident on its own: hits of the
        # learning path itself are left out, or one report would echo through every later verdict.
        z = math.fsum(h.weight for h in verdict.hits if h.name not in OWN_HITS)
        if z >= max(self._z_spam(), VERDICT_SPAM_Z) or z <= VERDICT_HAM_Z:
            for e in ex.ents:
                d = rep.VERDICT_WEIGHT * rep.scale_at(e.kind, now)
                rep_rows.append((e.hash, e.kind, d, 0.0) if z > 0 else (e.hash, e.kind, 0.0, d))
        step = self._provisional(verdict.score, verdict.spam, False)
        x = ex.x if ex.token_hashes else 0.0
        # A confident genuine verdict counts its script for the site (the "Everyday words" banner): two rows at most.
        margin = logit(float(verdict.score)) - self._z_spam()
        confident_ham = not verdict.spam and margin <= -self.config.ham_seen_margin
        ip = ctx.comment.user_ip or ctx.comment.get("comment_author_IP")
        return Observation(guid=guid, site_id=ctx.site.id, at=now, fp=ex.fp, ip_hash=h64("ip:" + ip.strip()),
                           post_hash=h64("post:" + ctx.comment.permalink.strip()), rep=tuple(rep_rows),
                           site_tokens=tuple(ex.known_site) if step else (),
                           inst_tokens=tuple(ex.known_instance) if step else (),
                           site_step=step * x, inst_step=step * self._inst_ratio * x,
                           ham_tokens=self._script_seen(ex) if confident_ham else ())

    def observe(self, ctx: Any, guid: str, verdict: Verdict) -> None:
        """Index a stored check now (tests, tools).  Workers use ``observe_later``."""
        obs = self.observation(ctx, guid, verdict)
        if obs is not None:
            self.write_observations([obs])
        self._maybe_prune()

    def observe_later(self, ctx: Any, guid: str, verdict: Verdict) -> None:
        """Queue a stored check for the background writer (``start_writer``); index it now without one."""
        if self.writer is None:
            self.observe(ctx, guid, verdict)
            return
        obs = self.observation(ctx, guid, verdict)
        if obs is not None:
            self.writer.submit(obs)
        self._maybe_prune()

    def start_writer(self) -> Any:
        from tamis.learning.writer import Writer

        if self.writer is None:
            import atexit

            self.writer = Writer(self)
            atexit.register(self.writer.close)  # a clean shutdown writes what is still queued
        return self.writer

    def write_observations(self, batch: list[Observation]) -> None:
        from tamis.learning.writer import aggregate

        rep_sum, weights, inst_sites = aggregate(batch)
        with self.store.write() as conn:
            with_fp = [o for o in batch if o.fp is not None]
            if with_fp:
                ids = dict(conn.execute(sa.select(checks.c.guid, checks.c.id)
                                        .where(checks.c.guid.in_([o.guid for o in with_fp]))).all())
                rows = [{"check_id": ids.get(o.guid), "site_id": o.site_id, "created_at": o.at, "sig": o.fp.sig,
                         "ip": o.ip_hash, "post": o.post_hash, "excerpt": o.fp.excerpt} for o in with_fp]
                fp_ids = conn.execute(fingerprints.insert().returning(fingerprints.c.id,
                                                                      sort_by_parameter_order=True), rows
                                      ).scalars().all()
                conn.execute(fp_bands.insert(), [{"band": b, "created_at": o.at, "fp_id": fid}
                                                 for o, fid in zip(with_fp, fp_ids) for b in o.fp.bands])
            if rep_sum:
                now = max(o.at for o in batch)
                ins = self._insert(reputation)
                conn.execute(ins.on_conflict_do_update(
                    index_elements=["entity", "site_id"],
                    set_={"spam": reputation.c.spam + ins.excluded.spam, "ham": reputation.c.ham + ins.excluded.ham,
                          "updated_at": ins.excluded.updated_at}),
                    [{"entity": e, "site_id": sid, "kind": kind, "spam": v[0], "ham": v[1], "updated_at": now}
                     for (e, sid, kind), v in sorted(rep_sum.items())])
            if weights:
                ins = self._insert(learn_weights)
                conn.execute(ins.on_conflict_do_update(
                    index_elements=["scope", "token"],
                    set_={"weight": learn_weights.c.weight + ins.excluded.weight,
                          "ham_seen": learn_weights.c.ham_seen + ins.excluded.ham_seen,
                          "multi_site": sa.or_(learn_weights.c.multi_site, ins.excluded.multi_site, sa.func.coalesce(
                              learn_weights.c.first_site != ins.excluded.first_site, sa.false()))}),
                    [{"scope": scope, "token": t, "weight": w, "ham_seen": seen, "reports": 0,
                      "first_site": min(inst_sites[t]) if scope == INSTANCE else None,
                      "multi_site": scope == INSTANCE and len(inst_sites[t]) > 1}
                     for (scope, t), (w, seen) in sorted(weights.items())])

    def _index_fp(self, conn: Connection, fp: Fingerprint, comment: Comment, site_id: int, check_id: int | None,
                  now: datetime) -> int:
        ip = comment.user_ip or comment.get("comment_author_IP")
        fp_id = conn.execute(fingerprints.insert().values(
            check_id=check_id, site_id=site_id, created_at=now, sig=fp.sig, ip=h64("ip:" + ip.strip()),
            post=h64("post:" + comment.permalink.strip()), excerpt=fp.excerpt,
        ).returning(fingerprints.c.id)).scalar_one()
        conn.execute(fp_bands.insert(), [{"band": b, "created_at": now, "fp_id": fp_id} for b in fp.bands])
        return int(fp_id)

    def _add_reputation(self, conn: Connection, ents: list[Entity], site_id: int, amount: float, spam: bool,
                        now: datetime) -> list[list[Any]]:
        """Add ``amount`` (negative to undo) to each entity's spam or ham evidence; return what was added."""
        applied: list[list[Any]] = []
        for e in sorted(ents, key=lambda e: e.hash):
            delta = amount * rep.scale_at(e.kind, now)
            ds, dh = (delta, 0.0) if spam else (0.0, delta)
            self._bump_reputation(conn, e.hash, site_id, e.kind, ds, dh, now)
            applied.append([e.hash, e.kind, ds, dh])
        return applied

    def _bump_reputation(self, conn: Connection, entity: int, site_id: int, kind: str, ds: float, dh: float,
                         now: datetime) -> None:
        ins = self._insert(reputation).values(entity=entity, site_id=site_id, kind=kind, spam=max(ds, 0.0),
                                              ham=max(dh, 0.0), updated_at=now)
        conn.execute(ins.on_conflict_do_update(
            index_elements=["entity", "site_id"],
            set_={"spam": reputation.c.spam + ds, "ham": reputation.c.ham + dh, "updated_at": now},
        ))

    def _maybe_prune(self) -> None:
        mono = time.monotonic()
        if mono - self._last_prune < 600:
            return
        self._last_prune = mono
        try:
            prune(self.store, self.config.recent_retention)
        except Exception:  # pruning is housekeeping: never fail a check for it
            log.exception("pruning fingerprints failed")

    # ========================================================================================= reports

    def learn(self, ctx: Any, kind: str, result: Any) -> str:
        """Learn one report.  Returns what happened: 'learned', 'relearned' (reversal), 'unchanged'."""
        if ctx.comment.is_test or kind not in ("spam", "ham"):
            return "unchanged"
        now = _now()
        check = None
        if result is not None and getattr(result, "check_guid", None):
            with self.store.engine.connect() as conn:
                check = conn.execute(sa.select(checks.c.id, checks.c.site_id, checks.c.key_id, checks.c.score,
                                               checks.c.spam, checks.c.fields, checks.c.is_test)
                                     .where(checks.c.guid == result.check_guid)).first()
        if check is not None:
            if check.is_test:
                return "unchanged"
            doc = check.fields or {}
            comment = Comment.from_dict({**doc.get("fields", {}), **{k: v for k, v in doc.get("multi", {}).items()}})
            site_id, key_id = int(check.site_id), int(check.key_id)
            # The item is the comment (its content, author, e-mail and IP), not the check: WordPress re-sends the
            # same fields, and a comment checked again meanwhile must still be the same item for a reversal.
            item = "match:" + match_hashes(comment)[0]
            margin = logit(float(check.score)) - self._z_spam()
        else:
            comment = ctx.comment
            site_id, key_id = ctx.site.id, ctx.key.id
            item = "match:" + match_hashes(comment)[0]
            margin = self._margin(ctx)
        analysis = analyze(comment, None)
        ex = extract(analysis)
        with self.store.write() as conn:
            ins = self._insert(learn_ledger).values(site_id=site_id, key_id=key_id, item=item,
                                                    check_id=check.id if check is not None else None, label="",
                                                    applied={}, reports=0, created_at=now, updated_at=now)
            conn.execute(ins.on_conflict_do_nothing(index_elements=["site_id", "item"]))
            q = sa.select(learn_ledger).where(learn_ledger.c.site_id == site_id, learn_ledger.c.item == item)
            if not self.is_sqlite:
                q = q.with_for_update()
            row = conn.execute(q).one()
            if row.label == kind:
                conn.execute(learn_ledger.update().where(learn_ledger.c.id == row.id)
                             .values(reports=learn_ledger.c.reports + 1))
                return "unchanged"
            outcome = "learned"
            if row.label:
                self._undo(conn, row.applied, site_id, now)
                outcome = "relearned"
            applied = self._apply(conn, ex, comment, kind, margin, site_id,
                                  check.id if check is not None else None, now)
            conn.execute(learn_ledger.update().where(learn_ledger.c.id == row.id).values(
                label=kind, applied=applied, reports=learn_ledger.c.reports + 1, updated_at=now))
        return outcome

    @property
    def _inst_ratio(self) -> float:
        return self.config.eta_instance / self.config.eta_site

    def _provisional(self, score: float, spam: bool, is_test: bool) -> float:
        """The step an uncorrected verdict teaches the layers (0 outside the uncertainty band).  It is applied only
        to tokens some report already moved, and a later correction simply adds its own step on top."""
        if is_test:
            return 0.0
        m = logit(float(score)) - self._z_spam()
        if abs(m) >= self.config.provisional_band:
            return 0.0
        return self.config.eta_provisional * ((1.0 if spam else 0.0) - sigmoid(m))

    def _z_spam(self) -> float:
        """The verdict's spam threshold in log-odds: residuals are measured from the decision, not from 0.5."""
        engine = self.engine_ref() if self.engine_ref is not None else None
        th = getattr(engine, "spam_threshold", 0.5)
        return logit(float(th))

    def _margin(self, ctx: Any) -> float:
        """Log-odds the current model (with every learned layer) gives a comment we never checked."""
        engine = self.engine_ref() if self.engine_ref is not None else None
        if engine is None:
            return 0.0
        try:
            analysis = engine.analyze(ctx.comment)
            extra = list(self.signal(type(ctx)(ctx.key, ctx.site, ctx.comment, analysis)))
            return logit(engine.check(ctx.comment, extra_hits=extra, analysis=analysis).score) - self._z_spam()
        except Exception:
            log.exception("scoring an untied report failed; learning it from an even prior")
            return 0.0

    def _apply(self, conn: Connection, ex: Extract, comment: Comment, kind: str, margin: float, site_id: int,
               check_id: int | None, now: datetime) -> dict[str, Any]:
        cfg = self.config
        y = 1.0 if kind == "spam" else 0.0
        resid = y - sigmoid(margin)
        applied: dict[str, Any] = {"kind": kind, "margin": round(margin, 4)}
        if ex.token_hashes:
            x = ex.x
            gs, gi = cfg.eta_site * resid * x, cfg.eta_instance * resid * x
            self._bump_weights(conn, site_id, ex.token_hashes, gs, site_id, +1)
            self._bump_weights(conn, INSTANCE, ex.token_hashes, gi, site_id, +1)
            applied.update(tokens=ex.token_hashes, gs=gs, gi=gi)
        for scope in (site_id, INSTANCE):
            self._bump_scope(conn, scope, kind, +1, now)
        applied["rep"] = self._add_reputation(conn, ex.ents, site_id, rep.REPORT_WEIGHT, kind == "spam", now)
        if ex.fp is not None:
            applied.update(self._confirm(conn, ex.fp, comment, kind, site_id, check_id, now))
        return applied

    def _undo(self, conn: Connection, applied: dict[str, Any], site_id: int, now: datetime) -> None:
        if applied.get("tokens"):
            self._bump_weights(conn, site_id, applied["tokens"], -applied["gs"], site_id, -1)
            self._bump_weights(conn, INSTANCE, applied["tokens"], -applied["gi"], site_id, -1)
        if applied.get("kind"):
            for scope in (site_id, INSTANCE):
                self._bump_scope(conn, scope, applied["kind"], -1, now)
        for entity, kind, ds, dh in applied.get("rep", []):
            self._bump_reputation(conn, entity, site_id, kind, -ds, -dh, now)
        if applied.get("fp"):
            conn.execute(fingerprints.update().where(fingerprints.c.id == applied["fp"]).values(label=None))
            if applied.get("campaign"):
                col = "spam" if applied["kind"] == "spam" else "ham"
                conn.execute(campaigns.update().where(campaigns.c.id == applied["campaign"])
                             .values({col: getattr(campaigns.c, col) - 1, "updated_at": now}))

    def _bump_weights(self, conn: Connection, scope: int, tokens: list[int], step: float, site_id: int,
                      sign: int) -> None:
        ins = self._insert(learn_weights)
        # Sorted, so that concurrent transactions lock shared rows in one order (no deadlocks on PostgreSQL).
        values = [{"scope": scope, "token": t, "weight": step, "reports": max(sign, 0),
                   "first_site": site_id if scope == INSTANCE else None, "multi_site": False}
                  for t in sorted(set(tokens))]
        set_: dict[str, Any] = {"weight": learn_weights.c.weight + ins.excluded.weight,
                                "reports": learn_weights.c.reports + sign}
        if scope == INSTANCE:
            set_["multi_site"] = sa.or_(learn_weights.c.multi_site,
                                        learn_weights.c.first_site != ins.excluded.first_site)
        conn.execute(ins.on_conflict_do_update(index_elements=["scope", "token"], set_=set_), values)

    def _bump_scope(self, conn: Connection, scope: int, kind: str, sign: int, now: datetime) -> None:
        ins = self._insert(learn_scopes).values(scope=scope, spam=max(sign, 0) * (kind == "spam"),
                                                ham=max(sign, 0) * (kind == "ham"), updated_at=now)
        col = getattr(learn_scopes.c, kind)
        conn.execute(ins.on_conflict_do_update(index_elements=["scope"], set_={kind: col + sign, "updated_at": now}))

    def _confirm(self, conn: Connection, fp: Fingerprint, comment: Comment, kind: str, site_id: int,
                 check_id: int | None, now: datetime) -> dict[str, Any]:
        """File the reported comment's fingerprint as moderator-confirmed, under a campaign when it is spam."""
        fp_id = None
        if check_id is not None:
            fp_id = conn.execute(sa.select(fingerprints.c.id).where(fingerprints.c.check_id == check_id)
                                 .order_by(fingerprints.c.id).limit(1)).scalar()
        if fp_id is None:
            fp_id = self._index_fp(conn, fp, comment, site_id, check_id, now)
        campaign_id = None
        if kind == "spam":
            rows = conn.execute(
                sa.select(fingerprints.c.id, fingerprints.c.sig, fingerprints.c.campaign_id)
                .select_from(campaign_bands.join(fingerprints, fingerprints.c.id == campaign_bands.c.fp_id))
                .where(campaign_bands.c.band.in_(fp.bands), fingerprints.c.label == "spam",
                       fingerprints.c.campaign_id.is_not(None), fingerprints.c.id != fp_id)
                .limit(self.config.max_candidates)
            ).all()
            best = max(((similarity(fp.sig, r.sig), r.campaign_id) for r in rows), default=(0.0, None))
            if best[0] >= self.config.near_dup:
                campaign_id = best[1]
            else:
                prior = conn.execute(sa.select(fingerprints.c.campaign_id).where(fingerprints.c.id == fp_id)).scalar()
                campaign_id = prior or conn.execute(campaigns.insert().values(
                    excerpt=fp.excerpt, spam=0, ham=0, created_at=now, updated_at=now).returning(campaigns.c.id)
                ).scalar_one()
        else:
            campaign_id = conn.execute(sa.select(fingerprints.c.campaign_id)
                                       .where(fingerprints.c.id == fp_id)).scalar()
        if campaign_id is not None:
            col = getattr(campaigns.c, kind)
            conn.execute(campaigns.update().where(campaigns.c.id == campaign_id)
                         .values({kind: col + 1, "updated_at": now}))
        conn.execute(fingerprints.update().where(fingerprints.c.id == fp_id)
                     .values(label=kind, campaign_id=campaign_id))
        ins = self._insert(campaign_bands)
        conn.execute(ins.on_conflict_do_nothing(index_elements=["band", "fp_id"]),
                     [{"band": b, "fp_id": fp_id} for b in fp.bands])
        return {"fp": int(fp_id), "campaign": int(campaign_id) if campaign_id is not None else None}


def prune(store: Any, retention: timedelta, batch: int = 20_000, slice_: timedelta = timedelta(hours=1)) -> int:
    """Drop recent-history rows older than ``retention`` in bounded steps: band rows one time slice at a time (the
    oldest hour, by the created_at index), fingerprints nobody confirmed ``batch`` at a time.  Confirmed ones stay
    (their campaign_bands rows are what CAMPAIGN_CONFIRMED looks up).  Returns the rows deleted."""
    cutoff = _now() - retention
    with store.write() as conn:
        oldest = conn.execute(sa.select(sa.func.min(fp_bands.c.created_at))).scalar()
        n = 0
        if oldest is not None:
            if oldest.tzinfo is None:
                oldest = oldest.replace(tzinfo=UTC)
            upto = min(cutoff, oldest + slice_) if oldest + slice_ < cutoff else cutoff
            n = conn.execute(fp_bands.delete().where(fp_bands.c.created_at < upto)).rowcount or 0
        old = sa.select(fingerprints.c.id).where(fingerprints.c.created_at < cutoff,
                                                 fingerprints.c.label.is_(None)).limit(batch)
        n += conn.execute(fingerprints.delete().where(fingerprints.c.id.in_(old.scalar_subquery()))).rowcount or 0
    return n
