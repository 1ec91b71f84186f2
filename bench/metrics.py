"""Accuracy metrics over (labels, scores, decisions).

Conventions: ``y`` is 1 for spam, 0 for ham; ``score`` ranks rows (higher = more spammy; a probability or
SpamAssassin points); ``spam`` is the decision at the filter's threshold.  A metric that a one-class corpus cannot
define (FP rate without ham, recall without spam, MCC, AUC) is ``None``, never a made-up 0.
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve

# SpamBayes' costs (Options.py): a false positive (a real comment lost) costs ten false negatives.
FP_COST = 10.0
FN_COST = 1.0
FPR_TARGETS = (0.01, 0.005, 0.001)


def confusion(y: np.ndarray, spam: np.ndarray) -> dict[str, int]:
    y = y.astype(bool)
    spam = spam.astype(bool)
    return {
        "tp": int(np.sum(y & spam)),
        "fn": int(np.sum(y & ~spam)),
        "fp": int(np.sum(~y & spam)),
        "tn": int(np.sum(~y & ~spam)),
    }


def mcc(c: dict[str, int]) -> float | None:
    tp, fn, fp, tn = c["tp"], c["fn"], c["fp"], c["tn"]
    denom = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)
    if (tp + fn) == 0 or (tn + fp) == 0:
        return None  # one class only: undefined
    if denom == 0:
        return 0.0  # the filter said the same thing for every row
    return (tp * tn - fp * fn) / math.sqrt(denom)


def recall_at_fpr(y: np.ndarray, score: np.ndarray, target: float) -> float | None:
    """Highest spam recall reachable with a threshold whose FP rate is at most ``target``.

    Ties are honoured (a threshold flags all rows with that score or higher), so a filter that gives many ham and
    spam rows the same score does not get credit for splitting them.  Needs both classes.  With ``n`` ham rows the
    FP rate moves in steps of ``1/n``: at 0.1% with fewer than 1,000 ham it means "no false positive at all".
    """
    if y.min() == y.max():
        return None
    fpr, tpr, _ = roc_curve(y, score)
    ok = fpr <= target + 1e-12
    return float(tpr[ok].max()) if ok.any() else 0.0


def auc(y: np.ndarray, score: np.ndarray) -> float | None:
    return None if y.min() == y.max() else float(roc_auc_score(y, score))


def summarize(y: np.ndarray, score: np.ndarray, spam: np.ndarray) -> dict:
    """Every per-corpus number the report uses."""
    c = confusion(y, spam)
    n_spam, n_ham = c["tp"] + c["fn"], c["fp"] + c["tn"]
    out = {
        "n": int(len(y)),
        "n_spam": n_spam,
        "n_ham": n_ham,
        **c,
        "recall": c["tp"] / n_spam if n_spam else None,
        "fpr": c["fp"] / n_ham if n_ham else None,
        "mcc": mcc(c),
        "auc": auc(y, score),
        "cost": FP_COST * c["fp"] + FN_COST * c["fn"],
    }
    for t in FPR_TARGETS:
        out[f"recall_at_fpr_{t:g}"] = recall_at_fpr(y, score, t)
    return out


# The bar for genuine *short* comments (at most 0.1% false positives) is stricter than for all of them:
# a short "thanks, great point" is the comment a site can least afford to lose.  Short = at most this many words.
SHORT_WORDS = 20


def short_ham_fp(rows: list[dict], y: np.ndarray, spam: np.ndarray) -> dict:
    """False positives among the genuine rows of at most ``SHORT_WORDS`` words: ``{"n", "fp", "fpr"}``."""
    short = np.array([len(str(r.get("comment_content") or "").split()) <= SHORT_WORDS for r in rows], dtype=bool)
    ham = short & (y == 0)
    n, fp = int(ham.sum()), int((ham & spam.astype(bool)).sum())
    return {"n": n, "fp": fp, "fpr": fp / n if n else None}


def brier(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean((p - y) ** 2))


def reliability(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Equal-width probability bins: rows, mean predicted spam probability, observed spam rate (empty bins left out)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    table = []
    for b in range(bins):
        m = which == b
        if m.any():
            table.append({
                "lo": float(edges[b]), "hi": float(edges[b + 1]), "n": int(m.sum()),
                "mean_predicted": float(p[m].mean()), "observed": float(y[m].mean()),
            })  # fmt: skip
    return table


def calibration(y: np.ndarray, p: np.ndarray, bins: int = 10) -> dict:
    """Brier score, expected calibration error (row-weighted |predicted - observed| over bins) and the bins."""
    table = reliability(y, p, bins)
    ece = sum(b["n"] * abs(b["mean_predicted"] - b["observed"]) for b in table) / max(len(y), 1)
    return {"brier": brier(y, p), "ece": float(ece), "bins": table}


def won_lost_tied(ours: list[float], theirs: list[float]) -> tuple[int, int, int]:
    """SpamBayes' paired count over folds, on a cost where lower is better."""
    won = sum(a < b for a, b in zip(ours, theirs, strict=True))
    lost = sum(a > b for a, b in zip(ours, theirs, strict=True))
    return won, lost, len(ours) - won - lost
