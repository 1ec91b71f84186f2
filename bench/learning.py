"""The learning benchmark: replay a corpus in time order through the HTTP API as a site would, with a moderator who
corrects every wrong verdict through submit-spam/submit-ham, against the same replay without feedback.

For each corpus, two real `tamis serve` processes (one worker each, SQLite in a temporary directory) run side by
side with the same model: "static" gets only comment-check calls, "feedback" also gets the moderator's report after
each wrong verdict.  The model is trained without the replayed corpus (leave-one-corpus-out, `tamis train
--exclude`), so the replay is a site whose traffic the shipped model never saw: a model trained on the corpus
itself would make almost no mistakes to learn from.  Rows are sent in `comment_date_gmt` order where the corpus has
dates (rows without one keep their file order, after the dated ones), in file order otherwise.  A row's `group`
(YouTube video, Stack Exchange site, SpamAssassin folder) becomes its site (`blog`), so one instance serves
several sites as it would in production.  Each row gets a client IP derived from its author (or its id), never
from its label.

Reported per corpus: errors (false positives + false negatives) of both replays, the ratio, and campaign speed:
near-duplicate clusters of spam in the corpus (the engine's fingerprint, similarity >= 0.5, three or more copies)
and how many of their copies got through in each replay.  A synthetic campaign (one message, then disguised
variants from other IPs on other sites) measures how many copies pass before the campaign is stopped.

    .venv/bin/python -m bench.learning --data ../shared/data --write-docs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from bench.data import corpus_names, public_fields, read_jsonl  # noqa: E402
from bench.sections import write_section  # noqa: E402

DEFAULT_LIMIT = 8000


def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dated = [r for r in rows if r.get("comment_date_gmt")]
    undated = [r for r in rows if not r.get("comment_date_gmt")]
    return sorted(dated, key=lambda r: r["comment_date_gmt"]) + undated


def fake_ip(row: dict[str, Any]) -> str:
    basis = row.get("comment_author") or row.get("comment_author_email") or row.get("id", "")
    d = hashlib.sha256(str(basis).encode()).digest()
    return f"10.{d[0]}.{d[1]}.{d[2] or 1}"


def form_of(row: dict[str, Any], key: str) -> dict[str, str]:
    f = {k: str(v) for k, v in public_fields(row).items() if not isinstance(v, (list, dict))}
    f.pop("comment_date_gmt", None)  # the replay happens now: a 2013 date would only confuse the timing signals
    site = "https://" + (row.get("group") or row.get("source") or "site").lower().replace(" ", "-")[:40] + ".example"
    slug = hashlib.sha256(str(row.get("id")).encode()).hexdigest()[:6]
    f.update(api_key=key, blog=site, user_ip=fake_ip(row), permalink=f"{site}/post/{slug[:2]}",
             user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
    return f


def ensure_model(corpus: str, data: Path, models: Path) -> Path:
    out = models / f"loco-{corpus}"
    if (out / "manifest.json").is_file():
        return out
    print(f"training a model without {corpus} -> {out}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "tamis", "train", "--no-feedback", "--data", str(data), "--out", str(out),
                    "--exclude", corpus], check=True)
    return out


def replay(corpus: str, rows: list[dict[str, Any]], model: Path, feedback: bool, tmp: Path,
           result: dict[str, Any]) -> None:
    import httpx

    from tamis_testing import start_server, stop_server

    env = {"TAMIS_MODEL_DIR": str(model), "TAMIS_LEARNING": "on" if feedback else "off"}
    if os.environ.get("TAMIS_X_LEARNING"):  # EXPERIMENTAL parameter sweeps (tamis.learning._config)
        env["TAMIS_X_LEARNING"] = os.environ["TAMIS_X_LEARNING"]
    srv = start_server(tmp, env)
    verdicts: list[bool] = []
    t0 = time.monotonic()
    try:
        with httpx.Client(base_url=srv.url, timeout=30) as client:
            for i, row in enumerate(rows):
                form = form_of(row, srv.key)
                r = client.post("/1.1/comment-check", data=form)
                spam = r.text == "true"
                verdicts.append(spam)
                truth = row["label"] == "spam"
                if feedback and spam != truth:
                    client.post("/1.1/submit-spam" if truth else "/1.1/submit-ham", data=form)
                if (i + 1) % 1000 == 0:
                    print(f"  {corpus} {'feedback' if feedback else 'static'}: {i + 1}/{len(rows)}",
                          file=sys.stderr)
    finally:
        stop_server(srv)
    result["verdicts"] = verdicts
    result["seconds"] = time.monotonic() - t0


def clusters(rows: list[dict[str, Any]]) -> list[list[int]]:
    """Indices (in replay order) of near-duplicate spam clusters with 3+ copies."""
    from tamis.engine.analysis import analyze
    from tamis.learning.features import fingerprint, similarity
    from tamis.types import Comment

    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[int, list[int]] = {}
    sigs: dict[int, bytes] = {}
    for i, row in enumerate(rows):
        if row["label"] != "spam":
            continue
        fp = fingerprint(analyze(Comment.from_dict(public_fields(row)), None).text)
        if fp is None or fp.exact:
            continue
        sigs[i] = fp.sig
        for b in fp.bands:
            for j in buckets.setdefault(b, [])[:50]:
                if find(i) != find(j) and similarity(fp.sig, sigs[j]) >= 0.5:
                    parent[find(i)] = find(j)
            buckets[b].append(i)
    groups: dict[int, list[int]] = {}
    for i in sigs:
        groups.setdefault(find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values() if len(g) >= 3), key=lambda g: g[0])


def synthetic_campaign(model: Path | None, tmp: Path, copies: int = 20) -> dict[str, Any]:
    """One campaign message checked and reported on site A, then disguised variants on sites B-D from other IPs."""
    import httpx

    from tamis_testing import start_server, stop_server

    base = ("Thanks for this article. I had the same problem with my roof last winter and the company I found fixed "
            "it in a day, very honest people and fair prices. Ask for Mike at Northside Roofing, tell him Linda "
            "sent you.")
    disguises = [
        lambda t: t.replace("Thanks", "Thank you"), lambda t: t.replace("roof", "r\u200boof"),
        lambda t: t.replace("honest", "h0nest"), lambda t: t.replace("last winter", "in January"),
        lambda t: t.replace("Linda", "Susan"), lambda t: t.replace("people", "p\u0435\u043epl\u0435"),
        lambda t: t.replace("Northside", "N\u2665o\u2665r\u2665t\u2665h\u2665side"), lambda t: t.upper(),
        lambda t: t.replace(".", " !!"), lambda t: t.replace("fair prices", "good prices"),
    ]
    out: dict[str, Any] = {}
    for feedback in (False, True):
        env = {"TAMIS_MODEL_DIR": str(model)} if model else {}
        env["TAMIS_LEARNING"] = "on" if feedback else "off"
        d = tmp / ("synthetic-" + ("feedback" if feedback else "static"))
        d.mkdir(parents=True, exist_ok=True)
        srv = start_server(d, env)
        through = 0
        first_caught: int | None = None
        try:
            with httpx.Client(base_url=srv.url, timeout=30) as client:
                for i in range(copies + 1):
                    text = base if i == 0 else disguises[(i - 1) % len(disguises)](
                        disguises[(i * 3) % len(disguises)](base))
                    site = "https://a.example" if i == 0 else f"https://{'bcd'[i % 3]}.example"
                    form = {"api_key": srv.key, "blog": site, "user_ip": f"192.0.2.{i + 1}",
                            "comment_author": f"Reader {i}", "comment_author_email": f"r{i}@example.net",
                            "comment_content": text, "permalink": site + "/p/1", "comment_type": "comment"}
                    spam = client.post("/1.1/comment-check", data=form).text == "true"
                    if not spam:
                        through += 1
                        if feedback:
                            client.post("/1.1/submit-spam", data=form)
                    elif first_caught is None:
                        first_caught = i
        finally:
            stop_server(srv)
        out["feedback" if feedback else "static"] = {"through": through, "copies": copies + 1,
                                                     "first_caught": first_caught}
    return out


def write_docs(results: dict[str, Any], command: str) -> None:
    lines = ["## Learning from moderators", "",
             "Replay of each corpus in time order through the HTTP API (one `tamis serve` worker, SQLite), with a "
             "model trained without that corpus; \"feedback\" has a moderator who reports every wrong verdict with "
             "submit-spam/submit-ham, \"static\" has none. Errors are false positives + false negatives over the "
             "whole replay. Campaigns: clusters of 3+ near-duplicate spams in the corpus; \"through\" counts their "
             "copies that were not caught.", "",
             "| corpus | rows | spam | static errors (FP/FN) | feedback errors (FP/FN) | feedback / static | "
             "campaigns | copies through static | copies through feedback |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results["corpora"].items():
        s, f = r["static"], r["feedback"]
        ratio = f"{f['errors'] / s['errors']:.2f}" if s["errors"] else "-"
        lines.append(f"| {name} | {r['rows']} | {r['spam']} | {s['errors']} ({s['fp']}/{s['fn']}) | "
                     f"{f['errors']} ({f['fp']}/{f['fn']}) | {ratio} | {r['campaigns']} | "
                     f"{r['campaign_through_static']} / {r['campaign_copies']} | "
                     f"{r['campaign_through_feedback']} / {r['campaign_copies']} |")
    tot_s = sum(r["static"]["errors"] for r in results["corpora"].values())
    tot_f = sum(r["feedback"]["errors"] for r in results["corpora"].values())
    if tot_s:
        lines.append(f"| **all** | | | {tot_s} | {tot_f} | {tot_f / tot_s:.2f} | | | |")
    syn = results.get("synthetic")
    if syn:
        lines += ["", f"Synthetic campaign (one message reported on site A, then {syn['feedback']['copies'] - 1} "
                  "disguised variants from other IPs on sites B-D: zero-width characters, homoglyphs, hearts, "
                  "leetspeak, edits, upper case): copies that got through: static "
                  f"{syn['static']['through']} of {syn['static']['copies']}, feedback {syn['feedback']['through']} "
                  f"of {syn['feedback']['copies']} (only the first, which the moderator then reported)."
                  if syn["feedback"]["through"] <= 1 else
                  f"copies that got through: static {syn['static']['through']}, feedback "
                  f"{syn['feedback']['through']} of {syn['feedback']['copies']}."]
    lines += ["", f"Reproduce: `{command}` (rows per corpus capped at {results['limit']}, first rows in replay "
              f"order; {results['seconds']:.0f} s on this 2-core machine). Raw results: "
              "`bench/out/learning.json`."]
    lat_path = REPO / "bench" / "out" / "learning_latency.json"
    if lat_path.exists():
        lat = json.loads(lat_path.read_text(encoding="utf-8"))
        lines += ["", "### Cost per check", "",
                  "In-process on PostgreSQL (`bench/learning_latency.py`): the learning signal (four indexed reads) "
                  "in the request, the observer's writes queued for the background writer; whole check = analyse, "
                  "signals, classify, store, observe.", "",
                  "| history | signal p50 / p99 (ms) | observe p50 / p99 (ms) | whole check p50 / p99 (ms) |",
                  "|---|---:|---:|---:|"]
        for label, key in (("learning off", "no_learning"), ("learning on, empty history", "empty_history"),
                           (f"learning on, {lat.get('history', 0):,} stored comments", "with_history")):
            r = lat.get(key)
            if r:
                lines.append(f"| {label} | {r['signal_p50']:.2f} / {r['signal_p99']:.2f} | "
                             f"{r['observe_p50']:.2f} / {r['observe_p99']:.2f} | "
                             f"{r['check_p50']:.2f} / {r['check_p99']:.2f} |")
        rows = lat.get("rows", {})
        if rows:
            lines += ["", "Rows at the end: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()) +
                      ". Reproduce: `.venv/bin/python -m bench.learning_latency --data ../shared/data "
                      f"--history {lat.get('history', 0)}`."]
    write_section("learning", "\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--corpora", nargs="*", default=None, help="corpus names (default: all but the seed thread)")
    ap.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="rows per corpus (first in replay order)")
    ap.add_argument("--models", type=Path, default=REPO / "bench" / "out" / "models",
                    help="where leave-one-corpus-out models are trained (reused when present)")
    ap.add_argument("--skip-synthetic", action="store_true", help="skip the synthetic campaign")
    ap.add_argument("--write-docs", action="store_true", help="rewrite the learning section of docs/benchmarks.md")
    ap.add_argument("--from-json", type=Path, default=None,
                    help="only rewrite docs/benchmarks.md from a saved bench/out/learning.json")
    args = ap.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        cmd = ".venv/bin/python -m bench.learning --data ../shared/data --write-docs"
        write_docs(saved, cmd + (f" --limit {saved['limit']}" if saved["limit"] != DEFAULT_LIMIT else ""))
        return
    t0 = time.monotonic()
    names = args.corpora or corpus_names(args.data)
    results: dict[str, Any] = {"limit": args.limit, "corpora": {}}
    tmp_root = Path(tempfile.mkdtemp(prefix="tamis-learning-"))
    for name in names:
        rows = ordered(read_jsonl(args.data / f"{name}.jsonl"))[: args.limit]
        for r in rows:
            r.setdefault("source", name)
        model = ensure_model(name, args.data, args.models)
        runs: dict[str, dict[str, Any]] = {"static": {}, "feedback": {}}
        threads = [threading.Thread(target=replay, args=(name, rows, model, mode == "feedback",
                                                         tmp_root / f"{name}-{mode}", runs[mode]))
                   for mode in runs]
        for d in (tmp_root / f"{name}-static", tmp_root / f"{name}-feedback"):
            d.mkdir(parents=True)
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        truth = [r["label"] == "spam" for r in rows]
        entry: dict[str, Any] = {"rows": len(rows), "spam": sum(truth)}
        for mode, run in runs.items():
            v = run["verdicts"]
            fp = sum(1 for s, t in zip(v, truth) if s and not t)
            fn = sum(1 for s, t in zip(v, truth) if t and not s)
            curve = []
            errs = 0
            for i, (s, t) in enumerate(zip(v, truth)):
                errs += s != t
                if (i + 1) % max(1, len(rows) // 20) == 0 or i + 1 == len(rows):
                    curve.append([i + 1, errs])
            entry[mode] = {"errors": fp + fn, "fp": fp, "fn": fn, "seconds": round(run["seconds"], 1),
                           "cumulative": curve}
        cl = clusters(rows)
        entry["campaigns"] = len(cl)
        entry["campaign_copies"] = sum(len(g) for g in cl)
        for mode in runs:
            v = runs[mode]["verdicts"]
            entry[f"campaign_through_{mode}"] = sum(1 for g in cl for i in g if not v[i])
        results["corpora"][name] = entry
        print(json.dumps({name: {k: v for k, v in entry.items() if k not in ("static", "feedback")}
                          | {m: {k: entry[m][k] for k in ("errors", "fp", "fn")} for m in runs}}), file=sys.stderr)
    if not args.skip_synthetic:
        results["synthetic"] = synthetic_campaign(None, tmp_root)
    results["seconds"] = time.monotonic() - t0
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    tag = os.environ.get("LEARNING_TAG", "")  # sweeps write learning<tag>.json and leave the main result alone
    (out / f"learning{tag}.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.write_docs:
        cmd = ".venv/bin/python -m bench.learning --data ../shared/data --write-docs"
        if args.limit != DEFAULT_LIMIT:
            cmd += f" --limit {args.limit}"
        write_docs(results, cmd)
    print(json.dumps({k: v for k, v in results.items() if k != "corpora"}, indent=1))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
