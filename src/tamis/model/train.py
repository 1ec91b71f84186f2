"""Training: corpus rows -> hashed features -> logistic regression -> calibration, signal weights, thresholds.

##############################################################################################################
# How to keep huge one-class corpora from deciding everything?  (STYLE.md §1.8)
# GoEmotions is 46k ham, Stack Exchange 10k spam; the mixed corpora have 1.7k-6k rows.  Unweighted, the model
# learns "reads like Reddit = ham" and "Markdown-era Stack Exchange = spam".  Decision: sample weights that give
# each label half the total weight and, within a label, each corpus a share proportional to n ** alpha
# (alpha = 1 by default: measured against 0.5, which cost YouTube recall @1% FP 23.0% -> 20.5%).
#
# How are calibration, signal weights and thresholds set without fooling ourselves?
# Inner leave-one-corpus-out over the training corpora: every row gets a classifier logit from a model that
# never saw its corpus.  On those honest logits a small logistic regression ("stacking") fits the classifier's
# scale and bias (Platt) together with the weights of the signals the corpora can show (disguises, links,
# author), so evidence is not counted twice.  Thresholds then come from the same out-of-corpus scores:
# spam where every corpus of genuine comments is flagged at most ``fp_target`` (0.5%) of the time;
# discard above every genuine message seen, plus a margin.
#
# Which weights ship?  ("soup", option ``soup``, default on.)  The inner leave-one-corpus-out already fits one
# model per left-out corpus; the shipped weights are the mean of those and the model fitted on everything.  A
# word that only one corpus makes spammy (a Stack Exchange site name, a Reddit ``[NAME]``) keeps its weight in
# most members and loses it in one, so corpus-specific weights shrink while weights every corpus agrees on
# stay: a cheap domain-generalisation average.  Measured (nested leave-one-corpus-out, the same code
# otherwise), AUC / recall @1% FP: sms .957/63.1% -> .962/68.5%, e-mail .659/9.4% -> .664/9.5%, YouTube
# .909/57.6% -> .911/57.9%, tg .941/35.0% -> .941/34.4%.  Tried and not taken: NB-scaled features (NBSVM,
# option ``nb``: tg AUC .941 -> .925, e-mail .659 -> .591), L2 1e-4 or 1e-6 instead of 1e-5 (tg or SMS worse,
# the rest within noise), alpha 0.5.  Side effect, accepted: in `tamis train` the moderators' reports are one
# more corpus ("feedback"), so one member of the soup never saw them and what only they teach ships at 6/7 of
# its weight; the per-site and instance layers (learning/) carry corrections at full strength meanwhile.
#
# How far may the classifier alone go?  (option ``classifier_cap``, default 6 log-odds, both sides; the engine
# clips the calibrated term to it.)  Features are binary and L2-normalised per block, so a linear logit grows
# as sqrt(n) x the mean weight: a long text that reads like no training corpus gets an extreme term from many
# small, correlated weights, not from stronger evidence.  Held out, the term of a comment or a chat message
# stays within -4.3 .. +4.7 (0.1st-99th percentile, nested leave-one-corpus-out: Reddit, SMS, tg, YouTube,
# Stack Exchange; at most +8.5 on one Stack Exchange post), while held-out e-mails reach +19, genuine
# newsletters above most spam: the classifier alone ranks e-mail at AUC .66, and its term outvoted every signal.
# 6 log-odds (p = 0.9975) bounds it above everything a comment corpus shows; past it, the named signals decide.
# Measured (nested leave-one-corpus-out, per-row dumps, BULK_MAILING in): e-mail AUC .807 -> .843, recall @1%
# FP 23.5% -> 31.0%; no other fold moves a row (their terms never reach 6).  Earlier sessions measured the same
# cap and left it (model/features.py); what changed is that the signals can now carry long texts
# (BULK_MAILING, LINK_MANY per length).  Not symmetric in effect: no held-out genuine comment reaches -6.
#
# Pruning, measured and not taken: zeroing weights with |w| < 0.03 or < 0.1 (in every soup member and after the
# average) changed nothing beyond noise (nested leave-one-corpus-out: AUC within .002, recall @1% FP within 0.4
# points, Stack Exchange at the fold's threshold 38.6% -> 39.1 / 39.4%): the held-out e-mails' high scores come
# from weights far above 0.1 ("urlw:com" +13.9, "urltld:com" +13.3), not from many small ones.
#
# Which rows weigh what in stacking?  The same sample weights as the classifier (each label half, corpora in
# proportion to their size), so SMS and e-mail carry most of it.  Option ``stack_alpha`` (default -1: those
# weights) gives each corpus n ** stack_alpha of its label's half instead.  Measured (nested leave-one-corpus-
# out, PROMO_OFFER in, tg / YouTube / SMS folds), recall @1% FP: stack_alpha 0: YouTube 60.1% -> 52.4%, tg
# 49.4% -> 37.4%; 0.5: YouTube 57.9%, tg 41.0%.  Equal shares let the tiny tg and YouTube ham decide the
# signal weights and overfit them; not taken, the option is kept for reproduction.
##############################################################################################################
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..signals import DEFAULT_SIGNALS, DEFAULT_WEIGHTS, Weights, corroborate, run_signals
from ..types import Comment
from .classifier import LinearClassifier
from .features import FeatureConfig

if TYPE_CHECKING:
    from ..engine import Engine
    from ..engine.analysis import Analysis

# Signals whose weights are fitted by stacking when the corpora show them often enough (>= MIN_SUPPORT rows).
FITTABLE = ("DISGUISE_INVISIBLE", "DISGUISE_STYLED", "DISGUISE_HOMOGLYPH", "DISGUISE_INTERLEAVED", "DISGUISE_LEET",
            "DISGUISE_SPACED", "DISGUISE_URL", "LINK_MESSENGER", "LINK_MANY", "LINK_DENSITY", "LINK_ONLY", "LINK_SHORTENER", "LINK_IP_HOST",
            "LINK_PUNYCODE", "LINK_BOGUS_HOST", "LINK_KEYWORD_DOMAIN", "LINK_REFERRAL", "AUTHOR_KEYWORD_STUFFED", "PROMO_SELF", "PROMO_CONTACT",
            "SPAM_TOPIC", "BULK_MAILING")
# Not PROMO_OFFER: fitted, it took +4.4 and shrank the classifier's scale, costing comment corpora more than it
# gave (signals/offer.py has the measurement); it is hand-set in signals/__init__.py:DEFAULT_WEIGHTS.
MIN_SUPPORT = 30

DEFAULTS: dict[str, Any] = {
    "n_bits": 20,
    "solver": "sgd",
    "C": 4.0,
    "l2": 1e-5,
    "epochs": 8,
    "alpha": 1.0,
    "fp_target": 0.005,
    "discard_margin": 3.0,
    "calibrate": True,
    "cv_folds": 5,
    "stack_exclude": "",
    "max_iter": 200,
    "soup": 1,
    "nb": 0.0,
    "stack_alpha": -1.0,
    "classifier_cap": 6.0,
}


def _iter(xs: Iterable[Any], progress: bool, desc: str, total: int | None = None) -> Iterable[Any]:
    if not progress:
        return xs
    from tqdm import tqdm

    return tqdm(xs, desc=desc, total=total, unit="row", mininterval=0.5, leave=False)


def analyze_rows(rows: Sequence[dict[str, Any]], cfg: FeatureConfig, progress: bool) -> list[Analysis]:
    from ..engine.analysis import analyze

    return [analyze(Comment.from_dict({k: v for k, v in r.items() if k != "label"}), cfg, None)
            for r in _iter(rows, progress, "analyse", len(rows))]


def design_matrix(analyses: Sequence[Analysis], n_bits: int) -> Any:
    from scipy import sparse

    indptr = [0]
    ind = []
    val = []
    for a in analyses:
        f = a.features
        if f is None:
            raise ValueError("design_matrix needs analyses computed with a FeatureConfig")
        ind.append(f.indices)
        val.append(f.values)
        indptr.append(indptr[-1] + len(f.indices))
    X = sparse.csr_matrix(
        (np.concatenate(val) if val else np.empty(0, np.float32), np.concatenate(ind) if ind else np.empty(0, np.int64),
         np.array(indptr)), shape=(len(analyses), 1 << n_bits), dtype=np.float32)
    X.sum_duplicates()
    return X


def sample_weights(y: np.ndarray, groups: Sequence[str], alpha: float) -> np.ndarray:
    n = len(y)
    counts = Counter(zip(groups, y.tolist()))
    w = np.zeros(n, dtype=np.float64)
    for label in (0, 1):
        gs = {g: c for (g, lab), c in counts.items() if lab == label}
        if not gs:
            continue
        denom = sum(c ** alpha for c in gs.values())
        for g, c in gs.items():
            share = (c ** alpha / denom) * 0.5 * n
            mask = (np.asarray(groups) == g) & (y == label)
            w[mask] = share / c
    return w


def fit_linear(X: Any, y: np.ndarray, w: np.ndarray, opt: dict[str, Any]) -> tuple[np.ndarray, float]:
    """Logistic regression on the hashed features.  ``sgd`` (default) or ``liblinear``; see the banner of
    docs/engine.md "Which solver?" for the measurement (same accuracy within noise, ~20x faster)."""
    ww = w / w.mean()
    r = None
    if float(opt.get("nb", 0.0)) > 0:
        # NBSVM: scale each feature by its smoothed log-count ratio, fit, fold the ratio back into the weights
        beta = float(opt["nb"])
        Xb = X.copy()
        Xb.data = np.ones_like(Xb.data)
        p = np.asarray(Xb[y == 1].T @ ww[y == 1]).ravel() + 1.0
        q = np.asarray(Xb[y == 0].T @ ww[y == 0]).ravel() + 1.0
        r = np.log((p / p.sum()) / (q / q.sum()))
        r = (1 - beta) + beta * np.abs(r)
        from scipy import sparse as _sp

        X = X @ _sp.diags(r.astype(np.float32))
    if opt["solver"] == "liblinear":
        from sklearn.linear_model import LogisticRegression

        clf = LogisticRegression(C=float(opt["C"]), solver="liblinear", max_iter=int(opt["max_iter"]))
        clf.fit(X, y, sample_weight=ww)
    elif opt["solver"] == "sgd":
        from sklearn.linear_model import SGDClassifier

        clf = SGDClassifier(loss="log_loss", alpha=float(opt["l2"]), max_iter=int(opt["epochs"]), tol=None,
                            random_state=0)
        clf.fit(X, y, sample_weight=ww)
    else:
        raise ValueError(f"unknown solver {opt['solver']!r}: use 'sgd' or 'liblinear'")
    coef = clf.coef_.ravel()
    if r is not None:
        coef = coef * r
    return coef.astype(np.float32), float(clf.intercept_[0])


def signal_matrix(analyses: Sequence[Analysis], names: Sequence[str]) -> np.ndarray:
    """Rows x fittable hits: the hit's count-scaled strength with unit base weight (1 + per/w * extra)."""
    unit = Weights({n: {"w": 1.0, "per": 0.0, "cap": 1} for n in names}, {})
    idx = {n: i for i, n in enumerate(names)}
    S = np.zeros((len(analyses), len(names)), dtype=np.float64)
    # (not "offer": PROMO_OFFER is hand-set, see FITTABLE)
    sigs = [s for s in DEFAULT_SIGNALS if s.name in ("disguise", "links", "author", "promotion", "topic", "bulk")]
    for r, a in enumerate(analyses):
        hits, _ = run_signals(a, sigs, unit)
        for h in hits:
            if h.name in idx:
                S[r, idx[h.name]] = 1.0
    return S


def _stratified_folds(y: np.ndarray, groups: Sequence[str], k: int, seed: int = 0) -> np.ndarray:
    """Fold number per row, balanced over (corpus, label) cells; deterministic."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=np.int64)
    cells: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, (g, lab) in enumerate(zip(groups, y.tolist())):
        cells[(g, lab)].append(i)
    for idx in cells.values():
        perm = rng.permutation(len(idx))
        for j, p in enumerate(perm):
            fold[idx[p]] = j % k
    return fold


MAX_SIGNAL_WEIGHT = 5.0


def stack(held: np.ndarray, analyses: Sequence[Analysis], y: np.ndarray, groups: Sequence[str], w: np.ndarray,
          stack_groups: Sequence[str], stack_alpha: float = -1.0) -> tuple[float, float, dict[str, Any], dict[str, int]]:
    """Fit the classifier's scale and the fittable signals' weights on held-out classifier logits.

    Only corpora with both labels take part, each with its own intercept: within one corpus every row was
    scored by the same held-out model, so the fit measures how well logit and signals *separate* spam from
    ham there, not how the corpora's base rates differ.  The shipped bias is the mean of those intercepts.
    Signal weights are clipped to [0, MAX_SIGNAL_WEIGHT]: a disguise or a link kind is never evidence of ham,
    and a weight fitted on a few hundred rows should not decide alone.
    """
    from sklearn.linear_model import LogisticRegression

    garr = np.asarray(groups)
    m = np.isin(garr, list(stack_groups))
    S = signal_matrix(analyses, FITTABLE)
    support_all = {n: int((S[:, i] > 0).sum()) for i, n in enumerate(FITTABLE)}
    sup = (S[m] > 0).sum(axis=0)
    cols = [i for i in range(len(FITTABLE)) if sup[i] >= MIN_SUPPORT]
    G = np.column_stack([(garr[m] == s).astype(np.float64) for s in stack_groups])
    Z = np.column_stack([held[m]] + [S[m][:, i] for i in cols] + [G])
    ww = w[m] if stack_alpha < 0 else sample_weights(y[m], garr[m].tolist(), stack_alpha)
    ww = ww / ww.mean()
    st = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    st.fit(Z, y[m], sample_weight=ww)
    coef = st.coef_[0]
    a = float(coef[0])
    if a <= 0.05:  # held-out logits that do not rank at all: keep them, weakly, rather than invert them
        a = 0.05
    b = float(np.mean(coef[1 + len(cols):]))
    fitted = {}
    for j, i in enumerate(cols):
        fitted[FITTABLE[i]] = {"weight": round(float(min(max(coef[1 + j], 0.0), MAX_SIGNAL_WEIGHT)), 4),
                               "raw": round(float(coef[1 + j]), 4), "support": int(sup[i])}
    return a, b, fitted, support_all


COMMENT_TYPES = ("comment", "reply", "forum-post", "")


def choose_thresholds(z: np.ndarray, y: np.ndarray, groups: Sequence[str], types: Sequence[str], fp_target: float,
                      margin: float) -> tuple[float, float, dict[str, Any]]:
    """Spam threshold (log-odds): the smallest z at which every corpus of genuine *comments* (comment_type
    comment/reply/forum-post) has at most ``fp_target`` false positives, each scored by a model that never saw
    it.  E-mail, SMS and chat ham are reported but do not set it (they are not what a comment form receives, and
    2002 mailing-list mail scored by a comment model is a different problem).  Falls back to every ham corpus
    when there is no comment ham.  Discard: above the highest ham z of *any* corpus, plus ``margin``."""
    g = np.asarray(groups)
    t_arr = np.asarray(types)
    ham = y == 0
    comment_ham = ham & np.isin(t_arr, COMMENT_TYPES)
    basis = comment_ham if comment_ham.any() else ham
    per_group = {}
    for hg in sorted(set(g[basis].tolist())):
        zz = z[basis & (g == hg)]
        # the (1 - fp_target) quantile, taken 'higher' so that at most fp_target of the corpus is above it
        per_group[hg] = float(np.quantile(zz, 1 - fp_target, method="higher")) + 1e-6
    t_spam = max(per_group.values()) if per_group else 0.0
    t_discard = float(z[ham].max()) + margin if ham.any() else 10.0
    t_discard = max(t_discard, t_spam + margin)
    fp = {hg: float(np.mean(z[ham & (g == hg)] >= t_spam)) for hg in sorted(set(g[ham].tolist()))}
    info = {"threshold_basis": sorted(per_group), "loco_fp_at_spam": fp}
    return t_spam, t_discard, info


def train(rows: Iterable[dict[str, Any]], *, progress: bool = True, **options: Any) -> Engine:
    """Train an Engine from corpus rows (Akismet field names plus ``label``: spam/ham, optional ``source``).

    Options (defaults in DEFAULTS): ``n_bits`` (hash space), ``solver`` (sgd | liblinear), ``l2`` and
    ``epochs`` (sgd), ``C`` and ``max_iter`` (liblinear), ``alpha`` (per-corpus balancing exponent),
    ``fp_target`` (false-positive rate the spam threshold allows on held-out genuine comments),
    ``discard_margin`` (log-odds above the highest held-out ham), ``calibrate`` (inner leave-one-corpus-out
    for calibration, signal weights and thresholds), ``cv_folds`` (used when there is one corpus),
    ``stack_exclude`` (comma-separated corpora left out of the stacking fit), ``name``.
    Rows without ``source`` count as one corpus.  Progress bars (tqdm, stderr) when ``progress``.
    """
    from ..engine import Engine

    unknown = set(options) - set(DEFAULTS) - {"name"}
    if unknown:
        raise TypeError(f"unknown training option(s): {', '.join(sorted(unknown))}")
    opt = {**DEFAULTS, **options}
    data = [r for r in rows if r.get("label") in ("spam", "ham")]
    if not data or len({r["label"] for r in data}) < 2:
        raise ValueError("training needs rows of both labels (label = 'spam' or 'ham')")
    cfg = FeatureConfig(n_bits=int(opt["n_bits"]))
    y = np.array([1 if r["label"] == "spam" else 0 for r in data], dtype=np.int64)
    groups = [str(r.get("source") or "unknown") for r in data]
    analyses = analyze_rows(data, cfg, progress)
    return fit_engine(analyses, y, groups, cfg, opt, progress)


def fit_engine(analyses: Sequence[Analysis], y: np.ndarray, groups: Sequence[str], cfg: FeatureConfig,
               opt: dict[str, Any], progress: bool = False) -> Engine:
    """The training proper, on analyses already computed (evaluate.py reuses them across folds)."""
    from ..engine import Engine

    opt = {**DEFAULTS, **opt}
    data = analyses
    X = design_matrix(analyses, cfg.n_bits)
    w = sample_weights(y, groups, float(opt["alpha"]))
    sources = sorted(set(groups))
    manifest: dict[str, Any] = {
        "name": opt.get("name", "default"),
        "built": _dt.datetime.now(_dt.UTC).strftime("%Y%m%d"),
        "training": {
            "rows": len(data), "spam": int(y.sum()), "ham": int((y == 0).sum()),
            "sources": {s: {"spam": int(((np.asarray(groups) == s) & (y == 1)).sum()),
                            "ham": int(((np.asarray(groups) == s) & (y == 0)).sum())} for s in sources},
            "options": {k: opt[k] for k in DEFAULTS},
        },
    }
    weights: dict[str, Any] = dict(DEFAULT_WEIGHTS)
    soup: list[tuple[np.ndarray, float]] = []
    cal_a, cal_b = 1.0, 0.0
    t_spam, t_discard = 0.0, 8.0
    if opt["calibrate"]:
        garr = np.asarray(groups)
        excluded = {x.strip() for x in str(opt["stack_exclude"]).split(",") if x.strip()}
        two_class = [s for s in sources if len(set(y[garr == s].tolist())) == 2 and s not in excluded]
        held = np.zeros(len(data))
        if len(sources) >= 2 and two_class:
            # scores from models that never saw the row's corpus ("an unseen site")
            method = "leave-one-corpus-out"
            for s in _iter(sources, progress, "inner leave-one-corpus-out", len(sources)):
                test = garr == s
                if len(set(y[~test].tolist())) < 2:
                    continue
                coef, b0 = fit_linear(X[~test], y[~test], w[~test], opt)
                held[test] = X[test] @ coef + b0
                soup.append((coef, b0))
            stack_groups = two_class
        else:
            # one corpus (or no corpus with both labels): stratified k-fold instead
            method = f"{int(opt['cv_folds'])}-fold"
            fold = _stratified_folds(y, groups, int(opt["cv_folds"]))
            for k in _iter(range(int(opt["cv_folds"])), progress, "calibration folds", int(opt["cv_folds"])):
                test = fold == k
                if len(set(y[~test].tolist())) < 2:
                    continue
                coef, b0 = fit_linear(X[~test], y[~test], w[~test], opt)
                held[test] = X[test] @ coef + b0
            stack_groups = sorted(set(groups))
        cal_a, cal_b, fitted, support = stack(held, analyses, y, groups, w, stack_groups, float(opt["stack_alpha"]))
        for name, wt in fitted.items():
            spec = DEFAULT_WEIGHTS[name]
            base = dict(spec) if isinstance(spec, dict) else {"w": float(spec), "per": 0.0, "cap": 1}
            base["w"] = wt["weight"]
            weights[name] = base
        zsig = np.zeros(len(data))
        wts = Weights(weights, DEFAULT_WEIGHTS)
        for r, a in enumerate(analyses):
            hits, _ = run_signals(a, DEFAULT_SIGNALS, wts)
            zsig[r] = sum(h.weight for h in corroborate(hits))  # as Engine.check counts them
        cap = float(opt["classifier_cap"]) if float(opt["classifier_cap"]) > 0 else math.inf
        z = np.clip(cal_a * held + cal_b, -cap, cap) + zsig
        types = [a.comment.comment_type for a in analyses]
        t_spam, t_discard, info = choose_thresholds(z, y, groups, types, float(opt["fp_target"]),
                                                    float(opt["discard_margin"]))
        manifest["stacking"] = {"held_out": method, "groups": stack_groups, "fitted": fitted,
                                "support": support, **info}
    coef, b0 = fit_linear(X, y, w, opt)
    if int(opt["soup"]) and soup:
        soup.append((coef, b0))
        coef = np.mean([c for c, _ in soup], axis=0).astype(np.float32)
        b0 = float(np.mean([b for _, b in soup]))
    manifest["calibration"] = {"method": "stacked-platt", "a": cal_a, "b": cal_b}
    if float(opt["classifier_cap"]) > 0:
        manifest["calibration"]["cap"] = float(opt["classifier_cap"])
    manifest["weights"] = weights
    manifest["features"] = cfg.to_json()

    def sig(zv: float) -> float:
        return 1.0 / (1.0 + math.exp(-zv))

    manifest["thresholds"] = {"spam": sig(t_spam), "discard": sig(min(t_discard, 30.0)),
                              "spam_logit": t_spam, "discard_logit": t_discard}
    coef16 = coef.astype(np.float16).astype(np.float32)
    manifest["model_version"] = Engine.version_of(coef16, manifest)
    ham_df = ham_document_frequency(analyses, y, groups, cfg.n_bits).astype(np.float16).astype(np.float32)
    return Engine(LinearClassifier(coef16, b0, cfg), manifest, ham_df=ham_df)


def ham_document_frequency(analyses: Sequence[Analysis], y: np.ndarray, groups: Sequence[str],
                           n_bits: int) -> np.ndarray:
    """Per hashed word/meta token, the share of genuine rows containing it, averaged over the corpora that have
    genuine rows (so that 46,000 Reddit comments do not outvote 4,500 text messages).  The learning layers use it
    to damp what a site learns on everyday words (tamis.learning.core, "Everyday words")."""
    garr = np.asarray(groups)
    out = np.zeros(1 << n_bits, dtype=np.float64)
    sources = [s for s in sorted(set(groups)) if ((garr == s) & (y == 0)).any()]
    for s in sources:
        rows = np.flatnonzero((garr == s) & (y == 0))
        idx = [np.unique(analyses[r].features.token_indices) for r in rows if analyses[r].features is not None]
        if idx:
            out += np.bincount(np.concatenate(idx), minlength=1 << n_bits)[: 1 << n_bits] / len(rows)
    return out / max(len(sources), 1)


def rows_by_source(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[str(r.get("source") or "unknown")].append(r)
    return dict(out)
