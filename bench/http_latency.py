"""comment-check over HTTP: latency (p50, p99) at a fixed request rate, and the highest sustained throughput.

Starts a real `tamis serve` (one worker, SQLite in a temporary directory, bundled model), creates a key, and sends
real comments from the corpora (or the seed thread when no corpora are given) the way a client would: one form POST
per comment, keep-alive connections.  Open loop: requests are sent on a fixed schedule whatever the answers do, so
a slow server shows up as latency instead of silently lowering the rate (the coordinated-omission trap).

    .venv/bin/python -m bench.http_latency --rate 200 --seconds 20 --data ../shared/data --write-docs

The server and the load generator share this 2-core machine; the figures are therefore conservative.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from bench.sections import write_section  # noqa: E402
from tamis_testing import start_server, stop_server  # noqa: E402  (the same server start as the test suite)

FIELDS = ("comment_content", "comment_author", "comment_author_email", "comment_type", "blog_lang")


def load_comments(data_dir: Path | None, n: int, seed: int = 7) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    files = sorted(data_dir.glob("*.jsonl")) if data_dir else [REPO.parent / "shared/data/seed_thread.jsonl"]
    for path in files:
        with path.open(encoding="utf-8") as fh:
            rows.extend({k: str(v) for k, v in json.loads(line).items() if k in FIELDS} for line in fh if line.strip())
    random.Random(seed).shuffle(rows)
    while len(rows) < n:
        rows += rows
    return rows[:n]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Connection:
    """A minimal keep-alive HTTP/1.1 client over asyncio streams.

    httpx's async pool costs more CPU per request than the server's whole check once hundreds of requests are in
    flight (measured: its open-loop latency grew without bound at 200 req/s while the server alone sustained 250),
    and the load generator shares this 2-core machine with the server, so the generator must be cheap."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        return status, await self.reader.readexactly(length)


def encode(key: str, i: int, comment: dict[str, str]) -> bytes:
    data = {"api_key": key, "blog": "https://bench.example", "user_ip": f"198.51.100.{i % 250}",
            "user_agent": "Mozilla/5.0 (bench)", **comment}
    return urlencode(data).encode()


async def open_loop(url: str, key: str, comments: list[dict[str, str]], rate: float,
                    connections: int = 32) -> tuple[list[float], int]:
    host, port = url.split("//", 1)[1].split(":")
    idle: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(connections):
        idle.put_nowait(Connection(host, int(port)))
    bodies = [encode(key, i, c) for i, c in enumerate(comments)]
    latencies: list[float] = []
    errors = 0
    start = time.perf_counter()

    async def one(i: int) -> None:
        nonlocal errors
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        conn = await idle.get()
        try:
            status, body = await conn.post("/1.1/comment-check", bodies[i])
            if status != 200 or body not in (b"true", b"false"):
                errors += 1
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1
            conn.writer = None
        finally:
            idle.put_nowait(conn)
        latencies.append((time.perf_counter() - scheduled) * 1000)

    await asyncio.gather(*(one(i) for i in range(len(bodies))))
    return latencies, errors


async def closed_loop(url: str, key: str, comments: list[dict[str, str]], concurrency: int) -> float:
    """Throughput with `concurrency` clients each sending its next request as soon as the last is answered."""
    host, port = url.split("//", 1)[1].split(":")
    queue = [encode(key, i, c) for i, c in enumerate(comments)]

    async def worker() -> None:
        conn = Connection(host, int(port))
        while queue:
            await conn.post("/1.1/comment-check", queue.pop())

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return len(comments) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second in the open-loop phase")
    ap.add_argument("--seconds", type=float, default=20.0, help="length of the open-loop phase")
    ap.add_argument("--concurrency", type=int, default=16, help="clients in the closed-loop throughput phase")
    ap.add_argument("--data", type=Path, default=None, help="directory of corpora to draw comments from")
    ap.add_argument("--database-url", default=None, help="run the server on this database instead of SQLite")
    ap.add_argument("--write-docs", action="store_true", help="write the result into docs/benchmarks.md")
    args = ap.parse_args()

    n = int(args.rate * args.seconds)
    comments = load_comments(args.data, n + 2000)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                            text=True).stdout.strip()
    db = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    base_env = {k: v for k, v in os.environ.items() if k.startswith("TAMIS_")}  # e.g. TAMIS_THREADS
    # Both configurations in the same run, so the difference is the learning path and not the machine's mood.
    configs = [("learning on (default)", {**base_env, "TAMIS_LEARNING": "on"}),
               ("learning off", {**base_env, "TAMIS_LEARNING": "off"})]
    results = []
    for label, env in configs:
        with tempfile.TemporaryDirectory() as tmp:
            srv = start_server(Path(tmp), extra_env=env, db_url=args.database_url)
            try:
                # Warm-up: the first requests load caches; they are not measured.
                asyncio.run(closed_loop(srv.url, srv.key, comments[:200], 4))
                lat, errors = asyncio.run(open_loop(srv.url, srv.key, comments[200:200 + n], args.rate))
                throughput = asyncio.run(closed_loop(srv.url, srv.key, comments[200 + n:], args.concurrency))
            finally:
                stop_server(srv)
        result = {
            "config": label, "rate": args.rate, "requests": len(lat), "errors": errors,
            "p50_ms": round(statistics.median(lat), 2), "p90_ms": round(percentile(lat, 90), 2),
            "p99_ms": round(percentile(lat, 99), 2), "max_ms": round(max(lat), 2),
            "throughput_rps": round(throughput, 1), "concurrency": args.concurrency, "database": db,
            "cores": os.cpu_count(), "commit": commit,
        }
        print(json.dumps(result, indent=2))
        results.append(result)
    if args.write_docs:
        cmd = (f".venv/bin/python -m bench.http_latency --rate {args.rate:g} --seconds {args.seconds:g}"
               + (f" --data {args.data}" if args.data else "") + " --write-docs")
        rows = "".join(
            f"| {r['config']} | {r['requests']} | {r['errors']} | {r['p50_ms']} | {r['p90_ms']} | {r['p99_ms']} "
            f"| {r['max_ms']} | {r['throughput_rps']} req/s |\n" for r in results)
        write_section("http",
            "## comment-check over HTTP\n\n"
            f"One `tamis serve` worker on {db}, bundled model, real corpus comments, load generator on the same "
            f"{os.cpu_count()}-core machine, commit `{commit}`, {time.strftime('%Y-%m-%d')}. Latency: open loop at "
            f"{args.rate:g} req/s for {args.seconds:g} s (from each request's scheduled time, so queueing counts). "
            f"Throughput: closed loop, {args.concurrency} clients. Reproduce: `{cmd}`\n\n"
            "| configuration | requests | errors | p50 ms | p90 ms | p99 ms | max ms | throughput |\n"
            "|---|---|---|---|---|---|---|---|\n" + rows
        )


if __name__ == "__main__":
    main()
