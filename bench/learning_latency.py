"""What learning costs per check, and whether its lookups stay fast as history grows to millions of comments.

In one process, on the real PostgreSQL (a fresh schema, dropped afterwards): the bundled model, a Service with and
without the learning path, and comments from the corpora.  Measures the learning signal (the four indexed reads)
and the observer (indexing the fingerprint, reputation, provisional learning) per check, at p50 and p99, first on
an empty history, then after filling the tables with HISTORY synthetic comments (fingerprints with their 16 band
rows each, reputation rows, layer weights) the way `generate_series` can, plus a few hundred real reports.

    .venv/bin/python -m bench.learning_latency --data ../shared/data --history 1000000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def fill(url: str, n: int) -> float:
    """n synthetic comments of history: fingerprints + 16 band rows each, 2 reputation rows each, layer weights."""
    import sqlalchemy as sa

    t0 = time.monotonic()
    eng = sa.create_engine(url)
    with eng.begin() as conn:
        conn.exec_driver_sql(f"""
            INSERT INTO fingerprints (check_id, site_id, created_at, sig, ip, post, label, excerpt)
            SELECT NULL, 1 + (g %% 50), now() - (g %% 86400) * interval '1 second',
                   decode(md5(g::text) || md5((g+1)::text) || md5((g+2)::text) || md5((g+3)::text), 'hex'),
                   (g %% 100000)::bigint, (g %% 5000)::bigint, CASE WHEN g %% 1000 = 0 THEN 'spam' END, ''
            FROM generate_series(1, {n}) g""")
        conn.exec_driver_sql("""
            INSERT INTO fp_bands (band, created_at, fp_id)
            SELECT ('x' || substr(md5(f.id::text || ':' || b), 1, 16))::bit(64)::bigint, f.created_at, f.id
            FROM fingerprints f CROSS JOIN generate_series(0, 15) b""")
        conn.exec_driver_sql("""
            INSERT INTO campaign_bands (band, fp_id)
            SELECT b.band, b.fp_id FROM fp_bands b JOIN fingerprints f ON f.id = b.fp_id WHERE f.label = 'spam'
            ON CONFLICT DO NOTHING""")
        conn.exec_driver_sql(f"""
            INSERT INTO reputation (entity, site_id, kind, spam, ham, updated_at)
            SELECT ('x' || substr(md5('e' || g), 1, 16))::bit(64)::bigint, 1 + (g %% 50),
                   (ARRAY['ip','email','author','link_domain'])[1 + g %% 4], random() * 1e6, random() * 1e6, now()
            FROM generate_series(1, {2 * n}) g ON CONFLICT DO NOTHING""")
        conn.exec_driver_sql(f"""
            INSERT INTO learn_weights (scope, token, weight, reports, first_site, multi_site)
            SELECT g %% 51, ('x' || substr(md5('t' || g), 1, 16))::bit(64)::bigint, random() - 0.5, 1, NULL, g %% 2 = 0
            FROM generate_series(1, {n}) g ON CONFLICT DO NOTHING""")
        for table in ("fingerprints", "fp_bands", "campaign_bands", "reputation", "learn_weights"):
            conn.exec_driver_sql(f"ANALYZE {table}")
    eng.dispose()
    return time.monotonic() - t0


def measure(service: Any, learning: Any, comments: list[Any], key: Any, sites: list[Any]) -> dict[str, Any]:
    from tamis.service import CheckContext

    sig: list[float] = []
    obs: list[float] = []
    total: list[float] = []
    for i, c in enumerate(comments):
        site = sites[i % len(sites)]
        t0 = time.perf_counter()
        analysis = service.engine.analyze(c)
        ctx = CheckContext(key, site, c, analysis)
        t1 = time.perf_counter()
        extra = list(learning.signal(ctx)) if learning else []
        t2 = time.perf_counter()
        verdict = service.engine.check(c, extra_hits=extra, analysis=analysis)
        guid = str(uuid.uuid4())
        service.store.record_check(guid=guid, key_id=key.id, site_id=site.id, comment=c, verdict=verdict)
        t3 = time.perf_counter()
        if learning:
            learning.observe_later(ctx, guid, verdict)
        t4 = time.perf_counter()
        sig.append((t2 - t1) * 1e3)
        obs.append((t4 - t3) * 1e3)
        total.append((t4 - t0) * 1e3)
    return {"signal_p50": statistics.median(sig), "signal_p99": pct(sig, 99),
            "observe_p50": statistics.median(obs), "observe_p99": pct(obs, 99),
            "check_p50": statistics.median(total), "check_p99": pct(total, 99), "n": len(comments)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--history", type=int, default=1_000_000)
    ap.add_argument("--n", type=int, default=1000, help="checks measured per phase")
    args = ap.parse_args()
    import sqlalchemy as sa

    from bench.data import public_fields, read_jsonl
    from tamis.config import load_settings
    from tamis.engine import Engine
    from tamis.learning import install
    from tamis.service import CheckContext, Service
    from tamis.store import Store, migrate
    from tamis.types import Comment

    schema = "bench_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(PG)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = f"{PG}?options=-csearch_path%3D{schema}"
    results: dict[str, Any] = {}
    try:
        store = Store.open(url)
        migrate(store.engine)
        service = Service(settings=load_settings(environ={}), store=store, engine=Engine.load())
        learning = install(service)
        key = store.get_key(store.create_key())
        sites = [store.site_for(key.id, f"https://s{i}.example") for i in range(5)]
        rows: list[dict[str, Any]] = []
        for name in ("youtube_spam_collection", "sms_spam_collection", "tg_spam_samples", "goemotions_reddit_ham"):
            rows += read_jsonl(args.data / f"{name}.jsonl")[:600]
        comments = [Comment.from_dict({**public_fields(r), "user_ip": f"10.0.{i % 250}.{i % 200 + 1}",
                                       "comment_author_email": f"user{i % 300}@example.org"})
                    for i, r in enumerate(rows)]
        measure(service, None, comments[:100], key, sites)  # warm up
        results["no_learning"] = measure(service, None, comments[: args.n], key, sites)
        results["empty_history"] = measure(service, learning, comments[: args.n], key, sites)
        # a few hundred real reports, so the layers and campaigns have rows to find
        for i, (r, c) in enumerate(zip(rows[:300], comments[:300])):
            learning.learn(CheckContext(key, sites[i % 5], c), r["label"], None)
        results["fill_seconds"] = fill(url, args.history)
        results["history"] = args.history
        results["with_history"] = measure(service, learning, comments[-args.n:], key, sites)
        learning.writer.close()
        with store.engine.connect() as conn:
            results["rows"] = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                               for t in ("fingerprints", "fp_bands", "reputation", "learn_weights")}
        store.close()
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "learning_latency.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    json.dump(results, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
