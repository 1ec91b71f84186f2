"""Speed and memory of the bundled Tamis model, in process: load time, RSS, comments per second on one core.

Run in a fresh child process (``python -m bench.speed``) so the RSS numbers are the engine's own and not the
benchmark's: the parent writes the sampled comments to a small file, and the child reads RSS from /proc/self/status
before ``import tamis.engine``, after it, after ``Engine.load()``, after the warm-up checks (lazily loaded parts)
and at the end.
The child is pinned to one CPU and BLAS threads are limited to one, so "per second" means one core.  The
comments are a fixed, seeded sample across all corpora (real lengths), checked one at a time like the web layer
does; the first ``WARMUP`` checks are not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

WARMUP = 50
SHORT_CHARS = 500  # a comment of at most this many characters counts as short in the by-length figures


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def sample_comments(data_dir: Path, n: int, seed: int) -> list[dict]:
    """``n + WARMUP`` rows drawn uniformly from all corpora (seeded), as a site would send them."""
    from bench.data import corpus_names, load_corpora, public_fields

    corpora = load_corpora(data_dir, corpus_names(data_dir))
    rows = [r for rs in corpora.values() for r in rs]
    rng = np.random.default_rng(seed)
    return [public_fields(rows[i]) for i in rng.choice(len(rows), size=min(n + WARMUP, len(rows)), replace=False)]


def reference_ms() -> float:
    """The machine's speed at plain CPython, to compare runs across machines: the best of five timings of a
    fixed loop (the sum of a million squares through a generator), in milliseconds.  The VMs these benchmarks
    ran on differed by 2x in it (115 ms against ~60 ms), and the engine's throughput with it."""
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        best = min(best, time.perf_counter() - t)
    return best * 1000


def measure(sample_file: Path) -> dict:
    with sample_file.open(encoding="utf-8") as f:
        sample = [json.loads(line) for line in f]

    rss_before_import = rss_mb()
    from tamis.engine import Engine
    from tamis.types import Comment

    rss_imported = rss_mb()
    t0 = time.perf_counter()
    engine = Engine.load()
    load_s = time.perf_counter() - t0
    rss_loaded = rss_mb()

    comments = [Comment.from_dict(r) for r in sample]
    for c in comments[:WARMUP]:
        engine.check(c)
    rss_warm = rss_mb()
    lat = []
    t_all = time.perf_counter()
    for c in comments[WARMUP:]:
        t = time.perf_counter()
        engine.check(c)
        lat.append(time.perf_counter() - t)
    total = time.perf_counter() - t_all
    lat_ms = np.array(lat) * 1000
    # The cost of a check grows with the text (normalisation and the phrase signals read up to thousands of
    # characters): the sample's long e-mails and Stack Exchange posts take 1-2 ms each, a short comment ~0.3 ms.
    # Throughput by length says what a site whose comments are short gets.
    long = np.array([len(c.content) > SHORT_CHARS for c in comments[WARMUP:]])
    by_length = {k: {"comments": int(m.sum()), "per_second": float(m.sum() / (lat_ms[m].sum() / 1000))}
                 for k, m in (("short", ~long), ("long", long)) if m.any()}
    return {
        "comments": len(lat),
        "per_second": len(lat) / total,
        "latency_ms_p50": float(np.percentile(lat_ms, 50)),
        "latency_ms_p99": float(np.percentile(lat_ms, 99)),
        "latency_ms_max": float(lat_ms.max()),
        "short_chars": SHORT_CHARS,
        "by_length": by_length,
        "load_seconds": load_s,
        "rss_mb_before_import": rss_before_import,
        "rss_mb_after_import": rss_imported,
        "rss_mb_loaded": rss_loaded,
        "model_rss_mb": rss_loaded - rss_imported,
        "rss_mb_after_warmup": rss_warm,
        "rss_mb_after_checks": rss_mb(),
        "loadavg": os.getloadavg()[0],
        "reference_ms": reference_ms(),
        "model_version": str(getattr(engine, "model_version", "")),
    }


def run_child(data_dir: Path, n: int, seed: int) -> dict:
    """Run :func:`measure` in a fresh interpreter pinned to one core; returns its JSON."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    root = Path(__file__).resolve().parent.parent
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as f:
        f.writelines(json.dumps(r) + "\n" for r in sample_comments(data_dir, n, seed))
        f.flush()
        cmd = [sys.executable, "-m", "bench.speed", "--sample-file", f.name]
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=root, check=False)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="corpus directory: sample from it and time in a child process")
    ap.add_argument("-n", type=int, default=5000, help="comments to time (default 5000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample-file", type=Path, help=argparse.SUPPRESS)  # the child's input, written by run_child
    args = ap.parse_args()
    if args.sample_file is None:
        if args.data is None:
            ap.error("--data is required")
        print(json.dumps(run_child(args.data, args.n, args.seed), indent=1))
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(json.dumps(measure(args.sample_file)))


if __name__ == "__main__":
    main()
