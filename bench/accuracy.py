"""The accuracy suite: Tamis against a tuned scikit-learn baseline, SpamAssassin and rspamd, on the same splits.

    .venv/bin/python -m bench.accuracy                 # everything; writes bench/out/*.json and docs/benchmarks.md
    .venv/bin/python -m bench.accuracy --quick         # small samples, 3 folds, a few minutes; docs untouched
    .venv/bin/python -m bench.accuracy --no-spamassassin --no-rspamd --corpora youtube_spam_collection,tg_spam_samples

Sections (``--sections``):

- ``loco``: leave one corpus out.  Train on all corpora but one, score the one left out: the proxy for "a site it
  has never seen".  SpamAssassin is slow to score, so it scores a seeded, stratified sample of each held-out corpus
  (``--sa-sample``), rspamd scores the same rows, and every peer is also reported on exactly those rows.
- ``cv``: within-corpus k-fold cross-validation (SpamBayes' timcv style: per-fold FP/FN counts side by side,
  won/lost/tied on cost FP=10, FN=1), for corpora that hold both classes.
- ``seed``: the seed thread with the bundled Tamis model (and, for context, the peers trained on all corpora).
- ``speed``: the bundled engine's load time, RSS and comments per second on one core (``bench/speed.py``).

SpamAssassin and rspamd each run in a background thread (their work is in their own processes), overlapping the
Python peers' training.  rspamd has no "forget", so it learns every training split from scratch; its training rows
are capped per source corpus (``--rspamd-train-cap``) to keep that within ~10 minutes of a full run.

Calibration (reliability bins, Brier) is computed wherever Tamis is scored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from bench import metrics, speed
from bench.data import SEED_FILE, corpus_names, labels, load_corpora, read_jsonl
from bench.peers import Scores
from bench.peers import rspamd as rspamd_mod
from bench.peers import spamassassin as sa_mod
from bench.peers import tamis as tamis_mod
from bench.peers.sklearn_baseline import SklearnBaseline
from bench.report import write_report
from bench.splits import cv_scheme, kfold_indices, loco_splits, stratified_sample

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("loco", "cv", "seed", "speed")
FIT_PEERS = ("tamis", "baseline")  # trained with fit(train_rows); SpamAssassin and rspamd run in background threads
TOP_FAILURES = 8


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="corpus directory")
    ap.add_argument("--corpora", help="comma-separated corpus names (default: every *.jsonl but the seed thread)")
    ap.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    ap.add_argument("--no-spamassassin", action="store_true", help="leave SpamAssassin out")
    ap.add_argument("--no-rspamd", action="store_true", help="leave rspamd out")
    ap.add_argument("--no-baseline", action="store_true", help="leave the scikit-learn baseline out")
    ap.add_argument("--no-tamis", action="store_true", help="leave Tamis out")
    ap.add_argument("--quick", action="store_true",
                    help="sample each corpus to --quick-rows rows, 3 folds, small SpamAssassin samples; no docs")
    ap.add_argument("--quick-rows", type=int, default=600)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0, help="seed for every split and sample")
    ap.add_argument("--sa-sample", type=int, default=2000,
                    help="rows of each held-out corpus SpamAssassin scores in loco (0 = all)")
    ap.add_argument("--sa-cv-sample", type=int, default=2000,
                    help="rows of each corpus SpamAssassin scores across the cv folds (0 = all)")
    ap.add_argument("--sa-children", type=int, default=os.cpu_count() or 2, help="spamd children")
    ap.add_argument("--rspamd-train-cap", type=int, default=rspamd_mod.TRAIN_CAP,
                    help="rspamd learns at most this many rows of each source corpus per training split, a seeded "
                         "stratified sample (0 = all; it has no forget, so it learns every split from scratch)")
    ap.add_argument("--rspamd-workers", type=int, default=os.cpu_count() or 2,
                    help="rspamd normal and controller worker processes each")
    ap.add_argument("--rspamd-min-learns", type=int, default=rspamd_mod.MIN_LEARNS,
                    help="rspamd's min_learns: messages of each class before its Bayes votes (stock: 200)")
    ap.add_argument("--speed-n", type=int, default=5000, help="comments timed in the speed section")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="JSON and failure-analysis directory")
    ap.add_argument("--doc", type=Path, help="markdown file to update (default docs/benchmarks.md; not with --quick)")
    ap.add_argument("--no-doc", action="store_true", help="do not touch the markdown")
    args = ap.parse_args(argv)
    if args.quick:
        args.folds = min(args.folds, 3)
        args.sa_sample = min(args.sa_sample or 200, 200)
        args.sa_cv_sample = min(args.sa_cv_sample or 200, 200)
        args.speed_n = min(args.speed_n, 500)
    if args.doc is None and not args.quick and not args.no_doc:
        args.doc = ROOT / "docs" / "benchmarks.md"
    if args.no_doc:
        args.doc = None
    args.sections = [s for s in args.sections.split(",") if s]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args


def git_commit() -> str:
    def git(*a: str) -> str:
        r = subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, check=False)
        return r.stdout.strip() if r.returncode == 0 else ""

    commit = git("rev-parse", "--short=12", "HEAD") or "no commit yet"
    return commit + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")


def tamis_source_hash() -> str:
    """A hash of the engine's source and bundled model, to notice when they change during a (long) run.  The
    model card (``*.md``) is documentation, edited while the run that measures the model goes on: left out."""
    src = ROOT / "src" / "tamis"
    h = hashlib.sha1()
    for p in sorted([*src.rglob("*.py"), *(src / "models").rglob("*")]):
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".md":
            h.update(str(p.relative_to(src)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def make_peer(name: str, seed: int):  # -> object with fit/predict
    return tamis_mod.Tamis() if name == "tamis" else SklearnBaseline(seed=seed)


def failures(rows: list[dict], y: np.ndarray, s: Scores, k: int = TOP_FAILURES) -> dict:
    """The k ham rows with the highest scores and the k spam rows with the lowest, flagged or not.

    The highest-scoring ham decide what a filter can catch at 0.1% or 1% false positives, so they are worth
    reading even when the shipped threshold lets them through; ``flagged`` says whether the threshold caught them.
    """

    def item(i: int) -> dict:
        out = {"id": rows[i].get("id"), "score": float(s.score[i]), "flagged": bool(s.spam[i]),
               "text": rows[i].get("comment_content", "")[:300]}  # fmt: skip
        if s.extra:
            out.update(s.extra[i])
        return out

    ham, spam = np.flatnonzero(y == 0), np.flatnonzero(y == 1)
    return {
        "highest_scoring_ham": [item(i) for i in ham[np.argsort(-s.score[ham], kind="stable")][:k]],
        "lowest_scoring_spam": [item(i) for i in spam[np.argsort(s.score[spam], kind="stable")][:k]],
    }


class Suite:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.peers: list[str] = []
        self.unavailable: dict[str, str] = {}
        if not args.no_tamis:
            why = tamis_mod.available()
            if why:
                self.unavailable["tamis"] = why
            else:
                self.peers.append("tamis")
        if not args.no_baseline:
            self.peers.append("baseline")
        self.sa: sa_mod.SpamAssassin | None = None
        if not args.no_spamassassin:
            why = sa_mod.available()
            if why:
                self.unavailable["spamassassin"] = why
            else:
                self.sa = sa_mod.SpamAssassin(Path(tempfile.mkdtemp(prefix="tamis-bench-sa-")), args.sa_children)
        self.rs: rspamd_mod.Rspamd | None = None
        if not args.no_rspamd:
            why = rspamd_mod.available()
            if why:
                self.unavailable["rspamd"] = why
            else:
                self.rs = rspamd_mod.Rspamd(workers=args.rspamd_workers, train_cap=args.rspamd_train_cap,
                                            seed=args.seed, min_learns=args.rspamd_min_learns)  # fmt: skip
        self.rspamd_dns_requests: int | None = None
        self.rspamd_errors: dict[str, str] = {}
        self.fit_peers = [p for p in FIT_PEERS if p in self.peers]

    @property
    def sampled(self) -> bool:
        """True if a peer scores only the SA sample, so every peer is also reported on it."""
        return self.sa is not None or self.rs is not None

    # -- SpamAssassin, in a background thread -------------------------------------------------------------------
    # Its work is all in subprocesses (sa-learn, spamd), so a thread overlaps it with the Python peers' training.
    # The jobs are queued at the start, one at a time in order; each section waits for its own jobs' results.
    def start_spamassassin(self, corpora: dict[str, list[dict]]) -> None:
        if self.sa is None:
            return
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spamassassin")
        if "loco" in self.args.sections or "seed" in self.args.sections:
            self.sa_loco_job = self.pool.submit(self._sa_loco, corpora, "loco" in self.args.sections)
        if "cv" in self.args.sections:
            self.sa_cv_jobs = {name: self.pool.submit(self._sa_cv, name, rows)
                               for name, rows in corpora.items() if name in self.cv_plans}  # fmt: skip

    def stop_spamassassin(self) -> None:
        if self.sa is not None:
            if hasattr(self, "pool"):
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.sa.close()

    def _sa_loco(self, corpora: dict[str, list[dict]], score: bool) -> tuple:
        t = time.monotonic()
        every = [r for rows in corpora.values() for r in rows]
        tqdm.write(f"spamassassin: learns all {len(every):,} rows once (then forgets each held-out corpus)")
        base = self.sa.train(every)
        learn_s = time.monotonic() - t
        results = {}
        for name, _, test in loco_splits(corpora) if score else ():
            idx = self.loco_sample(test)
            s, info = self.sa.score_without(base, test, [test[i] for i in idx])
            results[name] = (idx, s, info)
            tqdm.write(f"spamassassin: loco {name}: {len(idx):,} rows at {info['per_second']:.0f}/s")
        return base, results, learn_s

    def _sa_cv(self, name: str, rows: list[dict]) -> list[tuple[np.ndarray, Scores]]:
        folds, in_sample = self.cv_plans[name]
        base = self.sa.train(rows)
        out = []
        for test_idx in folds:
            sidx = test_idx[in_sample[test_idx]]
            s, _ = self.sa.score_without(base, [rows[i] for i in test_idx], [rows[i] for i in sidx])
            out.append((sidx, s))
        tqdm.write(f"spamassassin: cv {name} done")
        return out

    # -- rspamd, in another background thread ----------------------------------------------------------------
    # One private rspamd serves the run and its Redis holds one model at a time, so its jobs run one after
    # another in their own single thread: loco (then the all-corpora model for the seed thread), then cv.
    def start_rspamd(self, corpora: dict[str, list[dict]]) -> None:
        if self.rs is None:
            return
        self.rs_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rspamd")
        if "loco" in self.args.sections or "seed" in self.args.sections:
            self.rs_loco_job = self.rs_pool.submit(self._rs_loco, corpora, "loco" in self.args.sections,
                                                   "seed" in self.args.sections)  # fmt: skip
        if "cv" in self.args.sections:
            self.rs_cv_jobs = {name: self.rs_pool.submit(self._rs_cv, name, rows)
                               for name, rows in corpora.items() if name in self.cv_plans}  # fmt: skip

    def stop_rspamd(self) -> None:
        if self.rs is not None:
            if hasattr(self, "rs_pool"):
                self.rs_pool.shutdown(wait=True, cancel_futures=True)
            self.rspamd_dns_requests = self.rs.dns_requests()
            self.rs.close()

    def rs_result(self, job, what: str):
        """A finished rspamd job's result, or None (the error recorded) if it failed: a broken rspamd must not
        cost the section's other peers."""
        try:
            return job.result()
        except Exception as e:
            traceback.print_exc()
            self.rspamd_errors[what] = f"{type(e).__name__}: {e}"
            return None

    def _rs_loco(self, corpora: dict[str, list[dict]], score: bool, seed: bool) -> tuple:
        results = {}
        for name, train, test in loco_splits(corpora) if score else ():
            idx = self.loco_sample(test)
            learn = self.rs.train(train)
            s, info = self.rs.score([test[i] for i in idx])
            results[name] = (idx, s, {**learn, **info})
            tqdm.write(f"rspamd: loco {name}: learned {learn['train_rows']:,} rows at "
                       f"{learn['learn_per_second']:.0f}/s, scored {len(idx):,} at {info['per_second']:.0f}/s")
        seed_result = None
        if seed and (self.args.data / SEED_FILE).exists():
            every = [r for rows in corpora.values() for r in rows]
            learn = self.rs.train(every)
            seed_result = (self.rs.score(read_jsonl(self.args.data / SEED_FILE))[0], learn)
            tqdm.write(f"rspamd: seed model learned {learn['train_rows']:,} rows")
        return results, seed_result

    def _rs_cv(self, name: str, rows: list[dict]) -> list[tuple[np.ndarray, Scores, dict]]:
        folds, in_sample = self.cv_plans[name]
        out = []
        for test_idx in folds:
            mask = np.zeros(len(rows), dtype=bool)
            mask[test_idx] = True
            learn = self.rs.train([rows[i] for i in np.flatnonzero(~mask)])
            sidx = test_idx[in_sample[test_idx]]
            s, info = self.rs.score([rows[i] for i in sidx])
            out.append((sidx, s, {**learn, **info}))
        tqdm.write(f"rspamd: cv {name} done")
        return out

    def loco_sample(self, test: list[dict]) -> np.ndarray:
        return stratified_sample(test, self.args.sa_sample or len(test), self.args.seed)

    def plan_cv(self, corpora: dict[str, list[dict]]) -> None:
        """Folds and the SpamAssassin sample of every two-class corpus, fixed before anything runs."""
        a = self.args
        self.cv_plans: dict[str, tuple[list[np.ndarray], np.ndarray]] = {}
        for name, rows in corpora.items():
            if len({r["label"] for r in rows}) == 2:
                in_sample = np.zeros(len(rows), dtype=bool)
                in_sample[stratified_sample(rows, a.sa_cv_sample or len(rows), a.seed)] = True
                self.cv_plans[name] = (kfold_indices(rows, a.folds, a.seed), in_sample)

    # -- leave one corpus out -------------------------------------------------------------------------------
    def loco(self, corpora: dict[str, list[dict]]) -> dict:
        a = self.args
        out: dict = {"corpora": {}, "failures": {}}
        bar = tqdm(loco_splits(corpora), total=len(corpora), desc="loco", unit="corpus")
        for name, train, test in bar:
            y = labels(test)
            idx = self.loco_sample(test)
            entry: dict = {"n": len(test), "n_spam": int(y.sum()), "n_ham": int(len(y) - y.sum()),
                           "train_n": len(train), "sample_n": len(idx), "peers": {}, "calibration": {}}  # fmt: skip
            fails: dict = {}
            for peer in self.fit_peers:
                bar.set_postfix_str(f"{name}: {peer} fit on {len(train):,}")
                t = time.monotonic()
                model = make_peer(peer, a.seed).fit(train)
                fit_s = time.monotonic() - t
                bar.set_postfix_str(f"{name}: {peer} scores {len(test):,}")
                t = time.monotonic()
                s = model.predict(test)
                pred_s = time.monotonic() - t
                res = {"full": metrics.summarize(y, s.score, s.spam), "fit_seconds": fit_s, "predict_seconds": pred_s,
                       "short_ham": metrics.short_ham_fp(test, y, s.spam)}
                if self.sampled:
                    res["sample"] = metrics.summarize(y[idx], s.score[idx], s.spam[idx])
                    res["sample_short_ham"] = metrics.short_ham_fp([test[i] for i in idx], y[idx], s.spam[idx])
                if peer == "baseline":
                    res["C"] = model.c_
                entry["peers"][peer] = res
                entry["calibration"][peer] = metrics.calibration(y, s.score)
                fails[peer] = failures(test, y, s)
            out["corpora"][name] = entry
            out["failures"][name] = fails
        if self.sa is not None:
            tqdm.write("loco: waiting for SpamAssassin")
            _, sa_results, out["spamassassin_learn_seconds"] = self.sa_loco_job.result()
            for name, (idx, s, info) in sa_results.items():
                test, y = corpora[name], labels(corpora[name])
                out["corpora"][name]["peers"]["spamassassin"] = {
                    "sample": metrics.summarize(y[idx], s.score, s.spam),
                    "sample_short_ham": metrics.short_ham_fp([test[i] for i in idx], y[idx], s.spam), **info}
                out["failures"][name]["spamassassin"] = failures([test[i] for i in idx], y[idx], s)
        if self.rs is not None and "loco" in a.sections:
            tqdm.write("loco: waiting for rspamd")
            rs_results, _ = self.rs_result(self.rs_loco_job, "loco") or ({}, None)
            out["rspamd_learn_seconds"] = sum(info["learn_seconds"] for _, _, info in rs_results.values())
            for name, (idx, s, info) in rs_results.items():
                test, y = corpora[name], labels(corpora[name])
                out["corpora"][name]["peers"]["rspamd"] = {
                    "sample": metrics.summarize(y[idx], s.score, s.spam),
                    "sample_short_ham": metrics.short_ham_fp([test[i] for i in idx], y[idx], s.spam), **info}
                out["failures"][name]["rspamd"] = failures([test[i] for i in idx], y[idx], s)
        return out

    # -- within-corpus k-fold -----------------------------------------------------------------------------------
    def cv(self, corpora: dict[str, list[dict]]) -> dict:
        a = self.args
        out: dict = {}
        for name, (folds, in_sample) in self.cv_plans.items():
            rows = corpora[name]
            y = labels(rows)
            oof = {p: Scores(np.zeros(len(rows)), np.zeros(len(rows), dtype=bool)) for p in self.fit_peers}
            fold_rows = []
            bar = tqdm(folds, desc=f"cv {name}", unit="fold")
            for f, test_idx in enumerate(bar):
                mask = np.zeros(len(rows), dtype=bool)
                mask[test_idx] = True
                train = [rows[i] for i in np.flatnonzero(~mask)]
                test = [rows[i] for i in test_idx]
                for peer in self.fit_peers:
                    bar.set_postfix_str(f"fold {f + 1}: {peer}")
                    s = make_peer(peer, a.seed).fit(train).predict(test)
                    oof[peer].score[test_idx], oof[peer].spam[test_idx] = s.score, s.spam
                row = {"fold": f + 1, "n": len(test_idx), "n_spam": int(y[test_idx].sum()), "peers": {}, "sample": {}}
                for peer in self.fit_peers:
                    row["peers"][peer] = metrics.confusion(y[test_idx], oof[peer].spam[test_idx])
                fold_rows.append(row)
            entry: dict = {"n": len(rows), "n_spam": int(y.sum()), "n_ham": int(len(y) - y.sum()),
                           "scheme": cv_scheme(rows, a.folds), "folds": fold_rows,
                           "pooled": {}, "calibration": {}}  # fmt: skip
            for peer in self.fit_peers:
                entry["pooled"][peer] = {"full": metrics.summarize(y, oof[peer].score, oof[peer].spam)}
                entry["calibration"][peer] = metrics.calibration(y, oof[peer].score)
            if self.sampled:
                sampled: dict[str, Scores] = {}
                if self.sa is not None:
                    tqdm.write(f"cv {name}: waiting for SpamAssassin")
                    sampled["spamassassin"] = Scores(np.full(len(rows), np.nan), np.zeros(len(rows), dtype=bool))
                    for sidx, s in self.sa_cv_jobs[name].result():
                        sampled["spamassassin"].score[sidx], sampled["spamassassin"].spam[sidx] = s.score, s.spam
                rs_folds = None
                if self.rs is not None:
                    tqdm.write(f"cv {name}: waiting for rspamd")
                    rs_folds = self.rs_result(self.rs_cv_jobs[name], f"cv {name}")
                if rs_folds is not None:
                    sampled["rspamd"] = Scores(np.full(len(rows), np.nan), np.zeros(len(rows), dtype=bool))
                    for sidx, s, _ in rs_folds:
                        sampled["rspamd"].score[sidx], sampled["rspamd"].spam[sidx] = s.score, s.spam
                    entry["rspamd_folds"] = [info for _, _, info in rs_folds]
                entry["sample_n"] = int(in_sample.sum())
                for row, test_idx in zip(fold_rows, folds, strict=True):
                    sidx = test_idx[in_sample[test_idx]]
                    row["sample_n"] = len(sidx)
                    for peer, sc in [*((p, oof[p]) for p in self.fit_peers), *sampled.items()]:
                        row["sample"][peer] = metrics.confusion(y[sidx], sc.spam[sidx])
                for peer, sc in [*((p, oof[p]) for p in self.fit_peers), *sampled.items()]:
                    entry["pooled"].setdefault(peer, {})["sample"] = metrics.summarize(
                        y[in_sample], sc.score[in_sample], sc.spam[in_sample]
                    )
            entry["won_lost_tied"] = self._wlt(fold_rows)
            out[name] = entry
        return out

    @staticmethod
    def _wlt(fold_rows: list[dict]) -> dict:
        """Tamis against each peer, per fold, on cost (FP=10, FN=1): on full folds, and on the SA sample."""

        def cost(c: dict) -> float:
            return metrics.FP_COST * c["fp"] + metrics.FN_COST * c["fn"]

        res = {}
        for key in ("peers", "sample"):
            have = fold_rows[0][key] if fold_rows else {}
            if "tamis" not in have:
                continue
            for other in have:
                if other != "tamis":
                    ours = [cost(r[key]["tamis"]) for r in fold_rows]
                    theirs = [cost(r[key][other]) for r in fold_rows]
                    name = f"tamis_vs_{other}" + ("_sample" if key == "sample" else "")
                    res[name] = metrics.won_lost_tied(ours, theirs)
        return res

    # -- the seed thread ----------------------------------------------------------------------------------------
    def seed(self, corpora: dict[str, list[dict]]) -> dict:
        rows = read_jsonl(self.args.data / SEED_FILE)
        y = labels(rows)
        out: dict = {"rows": [{"id": r["id"], "label": r["label"]} for r in rows], "peers": {}}
        if "tamis" in self.peers:
            try:
                model = tamis_mod.Tamis.bundled()
            except Exception as e:  # no bundled model yet: say so in the table instead of failing the run
                out["errors"] = {"tamis (bundled model)": f"{type(e).__name__}: {e}"}
            else:
                s = model.predict(rows)
                out["model_version"] = str(getattr(model.engine_, "model_version", ""))
                out["peers"]["tamis (bundled model)"] = self._seed_result(y, s)
        every = [r for rs in corpora.values() for r in rs]
        if "baseline" in self.peers:
            tqdm.write(f"seed: baseline fits on all {len(every):,} rows")
            s = SklearnBaseline(seed=self.args.seed).fit(every).predict(rows)
            out["peers"]["baseline (all corpora)"] = self._seed_result(y, s)
        if self.sa is not None:
            base = self.sa_loco_job.result()[0]
            s, _ = self.sa.score_without(base, [], rows)
            out["peers"]["spamassassin (all corpora)"] = self._seed_result(y, s)
        rs_seed = (self.rs_result(self.rs_loco_job, "seed") or (None, None))[1] if self.rs is not None else None
        if rs_seed is not None:
            s, learn = rs_seed
            out["peers"]["rspamd (all corpora)"] = self._seed_result(y, s)
            out["rspamd_learned"] = learn
        return out

    @staticmethod
    def _seed_result(y: np.ndarray, s: Scores) -> dict:
        return {
            "all_right": bool(np.all(s.spam == y.astype(bool))),
            "rows": [{"score": float(sc), "spam": bool(sp), **(s.extra[i] if s.extra else {})}
                     for i, (sc, sp) in enumerate(zip(s.score, s.spam, strict=True))],  # fmt: skip
        }


def reproduce_command(argv: list[str]) -> str:
    return shlex.join([".venv/bin/python", "-m", "bench.accuracy", *argv])


def main(argv: list[str] | None = None) -> dict:
    argv = sys.argv[1:] if argv is None else argv
    a = parse_args(argv)
    started = time.monotonic()
    names = a.corpora.split(",") if a.corpora else corpus_names(a.data)
    corpora = load_corpora(a.data, names)
    if a.quick:
        corpora = {k: [v[i] for i in stratified_sample(v, a.quick_rows, a.seed)] for k, v in corpora.items()}
    suite = Suite(a)
    for peer, why in suite.unavailable.items():
        tqdm.write(f"NOTE: {peer} left out: {why}")
    results: dict = {
        "meta": {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": git_commit(),
            "command": reproduce_command(argv),
            "data": str(a.data),
            "corpora": {k: len(v) for k, v in corpora.items()},
            "quick": a.quick,
            "folds": a.folds,
            "seed": a.seed,
            "sa_sample": a.sa_sample,
            "sa_cv_sample": a.sa_cv_sample,
            "sa_children": a.sa_children,
            "rspamd_train_cap": a.rspamd_train_cap,
            "rspamd_workers": a.rspamd_workers,
            "rspamd_min_learns": a.rspamd_min_learns,
            "peers": suite.peers + (["spamassassin"] if suite.sa else []) + (["rspamd"] if suite.rs else []),
            "unavailable": suite.unavailable,
            "versions": {
                "python": platform.python_version(),
                "scikit-learn": __import__("sklearn").__version__,
                "spamassassin": sa_mod.version() if suite.sa else None,
                "rspamd": rspamd_mod.version() if suite.rs else None,
            },
            "cpus": os.cpu_count(),
            "loadavg_start": os.getloadavg()[0],
            "tamis_source_hash": tamis_source_hash(),
        },
        "sections": {},
        "timings": {},
    }
    a.out.mkdir(parents=True, exist_ok=True)
    suite.plan_cv(corpora)
    try:
        suite.start_spamassassin(corpora)
        suite.start_rspamd(corpora)
        for section in a.sections:
            t = time.monotonic()
            try:
                if section == "loco":
                    results["sections"]["loco"] = suite.loco(corpora)
                elif section == "cv":
                    results["sections"]["cv"] = suite.cv(corpora)
                elif section == "seed":
                    results["sections"]["seed"] = suite.seed(corpora)
                elif section == "speed" and "tamis" in suite.peers:
                    tqdm.write("speed: timing the bundled engine in a child process")
                    results["sections"]["speed"] = speed.run_child(a.data, a.speed_n, a.seed)
            except Exception as e:  # one broken section must not cost the others (a full run takes an hour)
                traceback.print_exc()
                results.setdefault("errors", {})[section] = f"{type(e).__name__}: {e}"
            results["timings"][section] = time.monotonic() - t
            (a.out / "accuracy.partial.json").write_text(json.dumps(results, indent=1, default=float))
    finally:
        suite.stop_spamassassin()
        suite.stop_rspamd()
    if suite.rs is not None:
        results["meta"]["rspamd_dns_requests"] = suite.rspamd_dns_requests  # must be 0: local checks only
        results["meta"]["rspamd_startup_seconds"] = suite.rs.startup_seconds
        if suite.rspamd_errors:
            results["meta"]["rspamd_errors"] = suite.rspamd_errors
    results["timings"]["total"] = time.monotonic() - started
    results["meta"]["loadavg_end"] = os.getloadavg()[0]
    results["meta"]["tamis_source_hash_end"] = tamis_source_hash()
    results["meta"]["tamis_model_version"] = results["sections"].get("seed", {}).get("model_version")
    a.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    failures_by_section = results["sections"].get("loco", {}).pop("failures", None)
    for path in (a.out / f"accuracy-{stamp}.json", a.out / "accuracy.json"):
        path.write_text(json.dumps(results, indent=1, default=float))
    if failures_by_section is not None:
        (a.out / "failures.json").write_text(json.dumps(failures_by_section, indent=1, ensure_ascii=False))
    write_report(results, failures_by_section, a.doc, a.out)
    tqdm.write(f"done in {results['timings']['total'] / 60:.1f} min; results in {a.out}"
               + (f", tables in {a.doc}" if a.doc else ""))  # fmt: skip
    return results


if __name__ == "__main__":
    main()
