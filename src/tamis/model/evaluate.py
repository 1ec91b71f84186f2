"""Leave-one-corpus-out evaluation: train on every corpus but one, score the one left out.

    python -m tamis.model.evaluate --data ../shared/data [--json out.json] [--solver sgd] [--alpha 0.5] ...

Per held-out corpus: spam recall and false-positive rate at the thresholds the fold's model chose for itself
(never tuned on the held-out corpus), discard rates, ROC AUC, and recall at 1% / 0.5% / 0.1% FP (thresholds
taken from the held-out corpus's own ham, so they are optimistic: a ranking measure, not an operating point).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .corpora import load_corpora
from .features import FeatureConfig
from .train import DEFAULTS, analyze_rows, fit_engine


def _auc(z_spam: np.ndarray, z_ham: np.ndarray) -> float | None:
    if not len(z_spam) or not len(z_ham):
        return None
    from sklearn.metrics import roc_auc_score

    y = np.r_[np.ones(len(z_spam)), np.zeros(len(z_ham))]
    return float(roc_auc_score(y, np.r_[z_spam, z_ham]))


def _recall_at_fp(z_spam: np.ndarray, z_ham: np.ndarray, fp: float) -> float | None:
    if not len(z_spam) or not len(z_ham):
        return None
    t = np.quantile(z_ham, 1 - fp, method="higher")
    return float(np.mean(z_spam > t))


def leave_one_corpus_out(rows: Sequence[dict[str, Any]], opt: dict[str, Any], progress: bool = True,
                         only: Sequence[str] = (), shipped_z: float | None = None) -> dict[str, Any]:
    """``shipped_z``: a spam threshold in log-odds (the bundled model's) at which recall and FP are also
    reported, next to those at each fold's own thresholds."""
    opt = {**DEFAULTS, **opt}
    cfg = FeatureConfig(n_bits=int(opt["n_bits"]))
    data = [r for r in rows if r.get("label") in ("spam", "ham")]
    y = np.array([1 if r["label"] == "spam" else 0 for r in data])
    groups = np.array([str(r.get("source") or "unknown") for r in data])
    t0 = time.time()
    analyses = analyze_rows(data, cfg, progress)
    results: dict[str, Any] = {"options": {k: opt[k] for k in DEFAULTS}, "corpora": {}}
    for s in sorted(set(groups.tolist())):
        if only and s not in only:
            continue
        te = groups == s
        tr_idx = np.flatnonzero(~te)
        t = time.time()
        eng = fit_engine([analyses[i] for i in tr_idx], y[tr_idx], groups[tr_idx].tolist(), cfg, opt, progress)
        fit_s = time.time() - t
        z = []
        spam_v = []
        disc_v = []
        for i in np.flatnonzero(te):
            v = eng.check(analyses[i].comment, analysis=analyses[i])
            s_ = min(max(v.score, 1e-15), 1 - 1e-15)
            z.append(float(np.log(s_ / (1 - s_))))
            spam_v.append(v.spam)
            disc_v.append(v.discard)
        z_a = np.array(z)
        yt = y[te]
        sp, dv = np.array(spam_v), np.array(disc_v)
        zs, zh = z_a[yt == 1], z_a[yt == 0]
        res = {
            "spam": int((yt == 1).sum()), "ham": int((yt == 0).sum()),
            "recall": float(sp[yt == 1].mean()) if (yt == 1).any() else None,
            "fp_rate": float(sp[yt == 0].mean()) if (yt == 0).any() else None,
            "discard_spam": float(dv[yt == 1].mean()) if (yt == 1).any() else None,
            "discard_ham": float(dv[yt == 0].mean()) if (yt == 0).any() else None,
            "auc": _auc(zs, zh),
            "recall_at_1pct_fp": _recall_at_fp(zs, zh, 0.01),
            "recall_at_0.5pct_fp": _recall_at_fp(zs, zh, 0.005),
            "recall_at_0.1pct_fp": _recall_at_fp(zs, zh, 0.001),
            "recall_at_shipped": float(np.mean(zs >= shipped_z)) if shipped_z is not None and len(zs) else None,
            "fp_at_shipped": float(np.mean(zh >= shipped_z)) if shipped_z is not None and len(zh) else None,
            "thresholds": eng.manifest["thresholds"],
            "fit_seconds": round(fit_s, 1),
        }
        results["corpora"][s] = res
        if progress:
            print(f"{s}: {format_row(res)}", file=sys.stderr, flush=True)
    results["seconds"] = round(time.time() - t0, 1)
    return results


def _f(x: float | None, pct: bool = True) -> str:
    if x is None:
        return "–"
    return f"{100 * x:.1f}%" if pct else f"{x:.3f}"


def format_row(r: dict[str, Any]) -> str:
    return (f"spam={r['spam']} ham={r['ham']} recall={_f(r['recall'])} FP={_f(r['fp_rate'])} "
            f"discard(spam/ham)={_f(r['discard_spam'])}/{_f(r['discard_ham'])} AUC={_f(r['auc'], False)} "
            f"R@1%={_f(r['recall_at_1pct_fp'])} R@0.5%={_f(r['recall_at_0.5pct_fp'])}")


def markdown_table(results: dict[str, Any]) -> str:
    lines = ["| held-out corpus | spam | ham | spam recall | FP rate | recall @shipped | FP @shipped | discard spam | "
             "discard ham | AUC | recall @1% FP | recall @0.5% FP | recall @0.1% FP |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s, r in results["corpora"].items():
        lines.append(f"| {s} | {r['spam']} | {r['ham']} | {_f(r['recall'])} | {_f(r['fp_rate'])} | "
                     f"{_f(r.get('recall_at_shipped'))} | {_f(r.get('fp_at_shipped'))} | "
                     f"{_f(r['discard_spam'])} | {_f(r['discard_ham'])} | {_f(r['auc'], False)} | "
                     f"{_f(r['recall_at_1pct_fp'])} | {_f(r['recall_at_0.5pct_fp'])} | {_f(r['recall_at_0.1pct_fp'])} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tamis.model.evaluate", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--json", type=Path, help="write the results as JSON here")
    p.add_argument("--only", nargs="*", default=(), help="held-out corpora to run (default: all)")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--model", type=Path, default=None, help="model whose spam threshold is also applied "
                   "(default: the bundled one)")
    for k, v in DEFAULTS.items():
        p.add_argument(f"--{k.replace('_', '-')}", type=type(v) if not isinstance(v, bool) else int, default=v)
    ns = p.parse_args(argv)
    opt = {k: getattr(ns, k) for k in DEFAULTS}
    opt["calibrate"] = bool(opt["calibrate"])
    shipped_z = None
    try:
        from ..engine import Engine

        shipped_z = Engine.load(ns.model).spam_logit
    except (ValueError, OSError):
        pass
    res = leave_one_corpus_out(load_corpora(ns.data), opt, progress=not ns.quiet, only=ns.only,
                               shipped_z=shipped_z)
    res["shipped_spam_logit"] = shipped_z
    print(markdown_table(res))
    if ns.json:
        ns.json.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
