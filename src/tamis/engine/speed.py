"""Measure the engine in process: load time, memory, checks per second on one core, latency percentiles.

    python -m tamis.engine.speed [--data ../shared/data] [--n 5000] [--model DIR]

Comments are drawn from the corpora when they are there (every corpus in turn, so long e-mails and short
comments are mixed as in the data), else from a small built-in set.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from ..types import Comment
from .engine import Engine

BUILTIN = [
    "Great article, thanks for sharing! I learned a lot about this topic.",
    "Google pays all people $99 hourly to do some small tasks with a laptop ♥♥j♥♥♥u♥♥z♥i♥♥♥w http://Google/get/cash",
    "I disagree with the second point: the data in the appendix shows the opposite trend since 2019.",
    "Buy cheap viagra online <a href='http://pills.example.ru'>best price</a> <a href='http://bit.ly/x'>here</a>",
    "Привет! Заработок от 300$ в неделю, пишите в личку t.me/+abc",
    "这篇文章写得很好，谢谢分享",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def sample_comments(data: Path | None, n: int, exclude: Sequence[str] = ()) -> list[Comment]:
    rows: list[dict[str, str]] = []
    if data is not None and data.is_dir():
        per = max(n // 6, 1)
        files = [p for p in sorted(data.glob("*.jsonl")) if p.stem not in exclude]
        per = max(n // max(len(files), 1), 1)
        for p in files:
            with open(p, encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i >= per:
                        break
                    r = json.loads(line)
                    r.pop("label", None)
                    rows.append(r)
    if not rows:
        rows = [{"comment_content": t} for t in BUILTIN]
    out = [Comment.from_dict(rows[i % len(rows)]) for i in range(n)]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tamis.engine.speed", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--n", type=int, default=5000)
    p.add_argument("--model", type=Path, default=None)
    p.add_argument("--exclude", nargs="*", default=(), help="corpora (file stems) to leave out")
    ns = p.parse_args(argv)
    rss0 = rss_mb()
    t = time.perf_counter()
    engine = Engine.load(ns.model)
    load_s = time.perf_counter() - t
    comments = sample_comments(ns.data, ns.n, ns.exclude)
    for c in comments[:50]:  # warm-up
        engine.check(c)
    lat = []
    cpu_lat = []
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for c in comments:
        t1 = time.perf_counter()
        c1 = time.thread_time()
        engine.check(c)
        cpu_lat.append(time.thread_time() - c1)
        lat.append(time.perf_counter() - t1)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    lat.sort()
    q = statistics.quantiles(lat, n=1000)
    cq = statistics.quantiles(sorted(cpu_lat), n=1000)
    out = {
        "model_version": engine.model_version, "load_seconds": round(load_s, 3),
        "rss_mb_before_load": round(rss0, 1), "rss_mb_after": round(rss_mb(), 1),
        "checks": len(comments), "checks_per_second": round(len(comments) / wall, 1),
        "checks_per_cpu_second": round(len(comments) / cpu, 1),
        "p50_ms": round(q[499] * 1000, 3), "p99_ms": round(q[989] * 1000, 3), "p999_ms": round(q[998] * 1000, 3),
        "max_ms": round(lat[-1] * 1000, 3),
        "cpu_p50_ms": round(cq[499] * 1000, 3), "cpu_p99_ms": round(cq[989] * 1000, 3),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
