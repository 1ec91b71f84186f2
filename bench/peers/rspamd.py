"""rspamd (Debian's package) as a peer: its Bayes trained on the benchmark's training split, scored by a private rspamd.

Setup, all private to a work directory so nothing touches the system's rspamd (whose packaged service
``scripts/install-rspamd.sh`` stops and disables):

- ``conf/rspamd.conf``: our own top-level file, passed with ``-c``.  It includes the packaged
  ``/etc/rspamd/common.conf`` (stock rules, scores, actions and classifier) and defines only a ``normal`` worker
  (scanning) and a ``controller`` (learning) on free ports of 127.0.0.1 picked at start: no proxy, no fuzzy
  storage.  ``--var`` points ``LOCAL_CONFDIR`` at ``conf/`` (so only our ``conf/local.d`` and
  ``conf/override.d`` apply, never /etc/rspamd/local.d) and ``DBDIR``/``RUNDIR``/``LOGDIR`` at private
  directories (pid file, ``rspamd.log``, the symbols and hyperscan caches).  Run as root, the workers run as the
  package's ``_rspamd`` user, so the work directory must be reachable by it: the default is a new directory under
  the system temp directory.  At start a probe message is learned and the counter checked (:meth:`Rspamd.start`):
  rspamd answers a learn it cannot store (Redis unreachable) with the same HTTP 204 as a too-short message.
- Local checks only: every module that queries DNS or HTTP or loads a remote map is switched off in
  ``conf/local.d`` (RBL/SURBL/emails, fuzzy_check, phishing, SPF, DKIM, DMARC, ARC, ASN, hfilter, MX check, URL
  redirector, rspamd_update, multimap and whitelist (remote freemail/whitelist maps), mid and mime_types (remote
  maps), external services, antivirus, DCC, p0f, BIMI), and so is every module that keeps state in Redis between
  messages (neural, reputation, ratelimit, greylist, replies, history, exporters): :data:`DISABLED_MODULES`.
  What remains is the stock regexp/Lua rules (headers, content, HTML, subject, MIME structure, bitcoin...),
  chartable and the Bayes classifier.  The log's ``dns req`` fields are summed at the end of a run and must be 0
  (:meth:`RspamdServer.dns_requests`; ``meta.rspamd_dns_requests`` in the results).
- Bayes statistics in a private ``redis-server`` (:class:`PrivateRedis`): a Unix socket in the work directory, no
  TCP port, no persistence, FLUSHALLed before each training and stopped at the end.  Not the shared Redis on
  127.0.0.1:6379: a numbered database there is shared by every run on the machine, and two runs at once (a full
  benchmark and someone's ``pytest tests``, say) flushed each other's model mid-training when this peer used db 11.
  The stock classifier (OSB tokenizer, new schema, ``min_tokens`` 11) with: no autolearn, no per-user statistics,
  ``min_learns`` as shipped (200 of each class before Bayes votes, like SpamAssassin's 200; every split of the full
  run has more), and no learn cache (``cache = null``: rspamd would otherwise skip, or for the other label
  "relearn", a message whose tokens it has learned before, and with parallel learning which of two identical texts
  won would depend on timing; ``sa-learn`` keys messages by Message-ID and learns both, so this matches the
  SpamAssassin peer).  Learning sends ``Learn-Type: bulk``, which makes rspamd's stock learn condition learn every
  row as ``sa-learn`` does (without it rspamd refuses to learn a message its Bayes already classifies with 95%
  certainty).  rspamd still refuses to learn (HTTP 204) a message with fewer than ``min_tokens`` tokens, and its
  Bayes does not vote on one: short comments get no Bayes opinion.  The counts are recorded per split
  (``too_few_tokens``).

Each comment is wrapped as the same minimal RFC 822 message the SpamAssassin peer uses
(:func:`bench.peers.spamassassin.to_message`), so headers carry no label information.

Training: rspamd has no "forget" (no unlearn command in ``rspamc --commands`` or the controller; learning a known
message as the other class relearns it, but only through the learn cache switched off above), so SpamAssassin's
learn-all-then-forget trick is not available: the database is flushed and the training split learned for every
split.  Learning goes through the controller's ``/learnspam`` and ``/learnham`` over keep-alive HTTP connections
from a few threads: about as fast as ``rspamc learn_spam`` on a directory of files (measured 470-520/s against 560/s
on 2 busy cores; the controller and Redis are the bottleneck, not the client) and it gives the outcome of every row.
To keep the run time in bounds, the training rows of each source corpus are capped (``train_cap``, a seeded sample
stratified by label and group; the 46,000 GoEmotions rows would otherwise dominate the learning time); the cap and
the numbers actually learned are recorded.

Scoring: ``/checkv2`` on the normal worker, several connections in parallel.  The ranking score is rspamd's
score; the decision is the packaged actions as shipped (``/etc/rspamd/actions.conf``: ``greylist`` at 4,
``add_header`` at 6, ``reject`` at 15, no ``rewrite_subject``): ``spam`` = action in {reject, add header,
rewrite subject}, which with the stock thresholds means score >= 6.  Greylisting (``soft reject``) is not counted
as spam: it delays mail, it does not mark it.  BAYES_SPAM is worth at most 5.1 points, so the wrapping matters:
its constant 2024 ``Date`` fires DATE_IN_PAST (+1) on every row, and rows without a usable e-mail address get
``nobody@comments.invalid``, which fires FROM_SERVICE_ACCT (+1); with those a confident Bayes verdict crosses 6.
They are the same for both labels (as SpamAssassin's header rules are), but they shift every score.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from bench.peers import Scores
from bench.peers.spamassassin import to_message
from bench.splits import stratified_sample

SPAM_ACTIONS = ("reject", "add header", "rewrite subject")
THRESHOLD = 6.0  # the stock add_header score: the lowest action counted as spam (for the report's text only)
MIN_LEARNS = 200  # rspamd's stock min_learns
TRAIN_CAP = 5000  # default rows per source corpus in a training split

DISABLED_MODULES = (
    # network: DNS lists, URL lists, hash lookups, DNS-based checks, remote maps, external scanners
    "rbl", "surbl", "emails", "fuzzy_check", "phishing", "spf", "dkim", "dmarc", "arc", "asn", "hfilter",
    "mx_check", "url_redirector", "rspamd_update", "multimap", "whitelist", "mid", "mime_types", "dcc",
    "antivirus", "external_services", "p0f", "bimi", "spamassassin", "dkim_signing",
    # state in Redis, or exports: would learn or remember something between rows
    "neural", "reputation", "ratelimit", "greylist", "replies", "history_redis", "clickhouse", "elastic",
    "metric_exporter", "metadata_exporter", "aws_s3", "spamtrap",
)  # fmt: skip

RSPAMD_CONF = """\
# Written by bench/peers/rspamd.py: a private, local-only rspamd for the accuracy benchmark.
.include "$CONFDIR/common.conf"

options {{
    pidfile = "$RUNDIR/rspamd.pid";
    .include "$CONFDIR/options.inc"
    .include(try=true; priority=1,duplicate=merge) "$LOCAL_CONFDIR/local.d/options.inc"
}}

logging {{
    type = "file";
    filename = "$LOGDIR/rspamd.log";
    .include "$CONFDIR/logging.inc"
    .include(try=true; priority=1,duplicate=merge) "$LOCAL_CONFDIR/local.d/logging.inc"
}}

worker "normal" {{
    bind_socket = "127.0.0.1:{normal_port}";
    .include "$CONFDIR/worker-normal.inc"
    count = {workers};
}}

worker "controller" {{
    bind_socket = "127.0.0.1:{controller_port}";
    .include "$CONFDIR/worker-controller.inc"
    count = {workers};
    secure_ip = "127.0.0.1";
}}
"""


def local_conf(redis_socket: Path, min_learns: int) -> dict[str, str]:
    """The files of ``conf/local.d`` and ``conf/override.d`` (paths relative to ``conf/``)."""
    files = {
        # Merged into the stock classifier "bayes" of /etc/rspamd/statistic.conf.
        "local.d/classifier-bayes.conf": f"""\
backend = "redis";
servers = "{redis_socket}";
autolearn = false;
per_user = false;
min_learns = {min_learns};
""",
        # No learn cache (see the module docstring); an override, because the stock file defines `cache {}`.
        "override.d/classifier-bayes.conf": "cache = null;\n",
        # A slow check under load must not time out into a different result.
        "local.d/options.inc": "task_timeout = 60s;\n",
        "local.d/logging.inc": 'level = "notice";\n',  # keeps the per-message log line (and its dns req count)
    }
    for module in DISABLED_MODULES:
        files[f"local.d/{module}.conf"] = "enabled = false;\n"
    return files


def available() -> str | None:
    """None if rspamd can run, else a sentence saying what is missing and how to install it."""
    missing = [tool for tool in ("rspamd", "rspamc", "redis-server", "redis-cli") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not found; run scripts/install-rspamd.sh (apt-get, needs root)"
    return None


def version() -> str:
    out = subprocess.run(["rspamd", "--version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0].replace("Rspamd daemon version", "rspamd").strip() if out else "unknown"


def _stop(proc: subprocess.Popen | None) -> None:
    """Terminate a server we started (kill it if it does not exit within 30 s)."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateRedis:
    """A ``redis-server`` of our own on a Unix socket in ``workdir`` (no TCP, nothing saved); a context manager.

    Its few commands (PING, FLUSHALL, HGETALL, INFO) go through ``redis-cli`` from the same packages, so the
    benchmark needs no Redis client library.
    """

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.socket_path = self.workdir / "redis.sock"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> PrivateRedis:
        self.workdir.mkdir(parents=True, exist_ok=True)
        cmd = ["redis-server", "--port", "0", "--unixsocket", str(self.socket_path), "--unixsocketperm", "777",
               "--save", "", "--appendonly", "no", "--databases", "1", "--dir", str(self.workdir),
               "--logfile", str(self.workdir / "redis.log")]  # fmt: skip
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = (self.workdir / "redis.log").read_text(errors="replace").strip().splitlines()[-3:]
                raise RuntimeError(f"redis-server exited with {self.proc.returncode}: " + " / ".join(log))
            try:
                if self.command("PING") == ["PONG"]:
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("redis-server did not answer PING within 30 s")

    def __exit__(self, *exc: object) -> None:
        _stop(self.proc)

    def command(self, *args: str) -> list[str]:
        """One command through ``redis-cli --raw``: the reply's lines.  OSError if the server did not answer."""
        out = subprocess.run(["redis-cli", "-s", str(self.socket_path), "--raw", *args], capture_output=True,
                             text=True, timeout=60, check=False)  # fmt: skip
        if out.returncode != 0 or out.stdout.startswith(("ERR", "Could not connect")):
            raise OSError(f"redis-cli {' '.join(args)}: {(out.stderr or out.stdout).strip()}")
        return out.stdout.splitlines()


class RspamdServer:
    """A private rspamd (our config, free ports on 127.0.0.1) in ``workdir``; a context manager."""

    def __init__(self, workdir: Path, redis_socket: Path, workers: int = 2, min_learns: int = MIN_LEARNS):
        self.workdir = Path(workdir)
        self.conf = self.workdir / "conf"
        self.dirs = {name: self.workdir / name for name in ("db", "run", "log")}
        self.workers = workers
        self.normal_port, self.controller_port = _free_port(), _free_port()
        for rel, text in {
            "rspamd.conf": RSPAMD_CONF.format(normal_port=self.normal_port, controller_port=self.controller_port,
                                              workers=workers),
            **local_conf(redis_socket, min_learns),
        }.items():  # fmt: skip
            (self.conf / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.conf / rel).write_text(text)
        for d in self.dirs.values():
            d.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen | None = None
        self._local = threading.local()

    @property
    def log_path(self) -> Path:
        return self.dirs["log"] / "rspamd.log"

    def __enter__(self) -> RspamdServer:
        cmd = ["rspamd", "-f", "-c", str(self.conf / "rspamd.conf"), "--var", f"LOCAL_CONFDIR={self.conf}",
               "--var", f"DBDIR={self.dirs['db']}", "--var", f"RUNDIR={self.dirs['run']}",
               "--var", f"LOGDIR={self.dirs['log']}"]  # fmt: skip
        if os.geteuid() == 0:  # rspamd will not run its workers as root: hand them to the package's user
            cmd += ["-u", "_rspamd", "-g", "_rspamd"]
            subprocess.run(["chown", "-R", "_rspamd:_rspamd", str(self.workdir)], check=True)
        self.output = open(self.workdir / "output.log", "w")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(cmd, stdout=self.output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300  # the first start compiles the hyperscan databases (~10 s)
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.output.close()
                lines = (self.workdir / "output.log").read_text(errors="replace").splitlines()
                if self.log_path.exists():
                    lines += self.log_path.read_text(errors="replace").splitlines()
                raise RuntimeError(f"rspamd exited with {self.proc.returncode}: " + " / ".join(lines[-6:]))
            try:
                if all(self._get(port, "/ping").strip() == b"pong" for port in (self.normal_port,
                                                                               self.controller_port)):
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("rspamd did not answer /ping within 300 s")

    def __exit__(self, *exc: object) -> None:
        _stop(self.proc)
        if hasattr(self, "output"):
            self.output.close()

    def _get(self, port: int, path: str) -> bytes:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", path)
            return conn.getresponse().read()
        finally:
            conn.close()

    def _post(self, port: int, path: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """POST over this thread's keep-alive connection to ``port`` (reconnects once if rspamd closed it)."""
        conns = self._local.__dict__.setdefault("conns", {})
        for attempt in (1, 2):
            conn = conns.get(port)
            if conn is None:
                conn = conns[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            try:
                conn.request("POST", path, body, headers or {})
                resp = conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                del conns[port]
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def learn_one(self, message: bytes, spam: bool) -> str:
        """``learned``; ``short`` when rspamd will not learn it (fewer than ``min_tokens`` tokens: HTTP 204)."""
        status, body = self._post(self.controller_port, "/learnspam" if spam else "/learnham", message,
                                  {"Learn-Type": "bulk"})  # fmt: skip
        if status == 200:
            return "learned"
        if status == 204:
            return "short"
        raise RuntimeError(f"rspamd learn: HTTP {status}: {body[:300].decode('utf-8', 'replace')}")

    def check_one(self, message: bytes) -> dict:
        status, body = self._post(self.normal_port, "/checkv2", message)
        if status != 200:
            raise RuntimeError(f"rspamd check: HTTP {status}: {body[:300].decode('utf-8', 'replace')}")
        return json.loads(body)

    def dns_requests(self) -> int:
        """The sum of the log's per-message ``dns req: N`` fields (0 when every check stayed local)."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return sum(int(n) for n in re.findall(r"dns req: (\d+)", text))


class Rspamd:
    """The peer as the suite uses it: ``train(rows)`` flushes the Redis DB and learns the (capped) rows; ``score``
    scores rows against what was learned last.  One rspamd process (started on first use) serves a whole run, so
    the calls must not overlap: the suite makes them from one thread."""

    name = "rspamd"

    def __init__(self, workdir: Path | None = None, workers: int = 2, train_cap: int = TRAIN_CAP, seed: int = 0,
                 min_learns: int = MIN_LEARNS):  # fmt: skip
        self.workdir = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="tamis-bench-rspamd-"))
        self.workers, self.train_cap, self.seed = workers, train_cap, seed
        self.min_learns = min_learns
        self.connections = 2 * workers  # keeps every worker busy while the client waits for a reply
        self.redis: PrivateRedis | None = None
        self.server: RspamdServer | None = None
        self.startup_seconds: float | None = None

    def start(self) -> RspamdServer:
        """Start Redis and rspamd (once; every later call returns the running rspamd)."""
        if self.server is None:
            t = time.monotonic()
            self.workdir.mkdir(parents=True, exist_ok=True)
            self.workdir.chmod(0o755)  # the workers run as _rspamd when started as root
            self.redis = PrivateRedis(self.workdir / "redis").__enter__()
            server = RspamdServer(self.workdir / "rspamd", self.redis.socket_path, self.workers, self.min_learns)
            self.server = server.__enter__()
            self._probe()
            self.startup_seconds = time.monotonic() - t
        return self.server

    def _probe(self) -> None:
        """Learn one long message and check that Redis counted it: a Redis rspamd cannot reach fails here, loudly."""
        probe = to_message({"comment_content": " ".join(f"probe{i} word{i}" for i in range(30))})
        outcome = self.server.learn_one(probe, spam=False)
        if outcome != "learned" or self.learned_counts() != {"spam": 0, "ham": 1}:
            path = self.server.log_path
            log = path.read_text(errors="replace").splitlines() if path.exists() else []
            errors = [line for line in log if "redis" in line or "cannot" in line][-3:]
            raise RuntimeError(f"rspamd did not store a learned message in its Redis ({outcome}): "
                               + " / ".join(errors))  # fmt: skip
        self.flush()

    def flush(self) -> None:
        """Forget everything learned (the Redis server is ours alone)."""
        self.redis.command("FLUSHALL")

    def capped(self, rows: Sequence[dict]) -> list[dict]:
        """At most ``train_cap`` rows of each source corpus (seeded, stratified by label and group; 0 = all)."""
        if not self.train_cap:
            return list(rows)
        by_source: dict[str, list[dict]] = {}
        for r in rows:
            by_source.setdefault(r.get("source", ""), []).append(r)
        return [part[i] for part in by_source.values() for i in stratified_sample(part, self.train_cap, self.seed)]

    def learned_counts(self) -> dict[str, int]:
        """Learns per class as rspamd's statistics in Redis hold them (``learns_spam``/``learns_ham`` of ``RS``)."""
        reply = [x for x in self.redis.command("HGETALL", "RS") if x]  # an empty hash prints one empty line
        fields = dict(zip(reply[::2], reply[1::2], strict=True))
        return {c: int(fields.get(f"learns_{c}", 0)) for c in ("spam", "ham")}

    def redis_mb(self) -> float:
        """Memory of the Bayes statistics in Redis (``used_memory``), in MB."""
        info = "\n".join(self.redis.command("INFO", "memory"))
        return int(re.search(r"used_memory:(\d+)", info).group(1)) / 1e6

    def train(self, rows: Sequence[dict]) -> dict:
        """Flush, learn ``rows`` (capped); return what was sent, what rspamd learned and how fast."""
        server = self.start()
        t0 = time.monotonic()
        rows = self.capped(rows)
        self.flush()
        jobs = [(to_message(r), r["label"] == "spam") for r in rows]
        with ThreadPoolExecutor(max_workers=self.connections) as pool:
            outcomes = list(pool.map(lambda job: server.learn_one(*job), jobs))
        seconds = time.monotonic() - t0
        n = Counter(("spam" if spam else "ham", outcome) for (_, spam), outcome in zip(jobs, outcomes, strict=True))
        learned = {c: n[(c, "learned")] for c in ("spam", "ham")}
        counts = self.learned_counts()
        return {
            "train_rows": len(rows),
            "learned": learned,  # HTTP 200
            "too_few_tokens": {c: n[(c, "short")] for c in ("spam", "ham")},  # HTTP 204: not learned
            "db_counts": counts,  # what rspamd's statistics say it learned: must equal `learned`
            "bayes_active": min(counts.values()) >= self.min_learns,
            "redis_mb": self.redis_mb(),
            "learn_seconds": seconds,
            "learn_per_second": len(rows) / seconds if rows else None,
        }

    def score(self, rows: Sequence[dict], progress=None) -> tuple[Scores, dict]:
        """Scores of ``rows`` (``extra``: the action and the symbols that fired, largest first) and timings."""
        server = self.start()
        t0 = time.monotonic()
        results: list[dict] = []
        with ThreadPoolExecutor(max_workers=self.connections) as pool:
            for res in pool.map(server.check_one, (to_message(r) for r in rows)):
                results.append(res)
                if progress is not None:
                    progress.update(1)
        seconds = time.monotonic() - t0
        score = np.array([float(r["score"]) for r in results])
        spam = np.array([r["action"] in SPAM_ACTIONS for r in results], dtype=bool)
        extra = []
        for r in results:
            fired = sorted(r.get("symbols", {}).values(), key=lambda s: (-abs(s.get("score", 0.0)), s["name"]))
            extra.append({"action": r["action"],
                          "symbols": [f"{s['name']}({s.get('score', 0.0):.2f})" for s in fired]})  # fmt: skip
        info = {"score_seconds": seconds, "per_second": len(rows) / seconds if rows else None}
        return Scores(score=score, spam=spam, extra=extra), info

    def dns_requests(self) -> int:
        return self.server.dns_requests() if self.server is not None else 0

    def close(self) -> None:
        """Stop rspamd and Redis and delete the work directory."""
        if self.server is not None:
            self.server.__exit__()
            self.server = None
        if self.redis is not None:
            self.redis.__exit__()
            self.redis = None
        shutil.rmtree(self.workdir, ignore_errors=True)
