"""SpamAssassin (Debian's packages) as a peer: Bayes trained on the benchmark's training split, scored with spamd.

Setup, all private to a work directory so nothing touches the system's SpamAssassin:

- ``site/``: a copy of the system ``*.pre`` plugin-loading files plus our ``local.cf`` (below), passed as
  ``--siteconfigpath``; ``-x`` (spamd) / ``-p /dev/null`` (sa-learn) keep any user prefs out.  The rules are the
  packaged ones in /usr/share/spamassassin (no ``sa-update``).
- ``bayes/``: the Bayes database, given by ``bayes_path`` in ``local.cf`` and ``--dbpath``.
- Local tests only: ``-L`` everywhere and the network plugins switched off in ``local.cf``.
- No learning while scoring (``bayes_auto_learn 0``) and no token expiry (``bayes_auto_expire 0``): the model
  must be exactly "trained on the training split".

Each comment is wrapped as a minimal RFC 822 message (:func:`to_message`).  The wrapping is the same for every row
and every label so that headers carry no label information: constant ``To``/``Date``/``Subject``, a ``From`` built
from ``comment_author``/``comment_author_email`` (which a site sends to Akismet too) and a ``Message-ID`` from a
hash of the row's source, id and text (sa-learn keys learned messages by it; :meth:`SpamAssassinBayes.forget`
relies on that).

Training cost is what limits SpamAssassin here (sa-learn learns a few hundred messages a second), so the suite
uses SpamBayes' timcv trick: learn *everything* once, then for each split copy the database and ``--forget`` the
held-out rows.  A forgotten message leaves the database exactly as if it had never been learned (token counts
and nspam/nham are decremented), so the result equals training on the training split, at the cost of one learn
plus one forget per row instead of k-1 learns.
"""

from __future__ import annotations

import hashlib
import mailbox
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from email.header import Header
from email.utils import formataddr
from pathlib import Path

import numpy as np

from bench.peers import Scores

THRESHOLD = 5.0  # SpamAssassin's default required_score
SYSTEM_SITE = Path("/etc/spamassassin")

LOCAL_CF = """\
# Written by bench/peers/spamassassin.py: local-only SpamAssassin with a private Bayes database.
use_bayes 1
bayes_path {bayes}/bayes
bayes_file_mode 0600
bayes_auto_learn 0
bayes_auto_expire 0
bayes_learn_during_report 0
lock_method flock
skip_rbl_checks 1
use_razor2 0
use_pyzor 0
use_dcc 0
dns_available no
report_safe 0
required_score {threshold}
"""


def available() -> str | None:
    """None if SpamAssassin can run, else a sentence saying what is missing and how to install it."""
    missing = [tool for tool in ("spamd", "sa-learn", "spamassassin") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not found; run scripts/install-spamassassin.sh (apt-get, needs root)"
    return None


def version() -> str:
    out = subprocess.run(["spamassassin", "--version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0] if out else "unknown"


def to_message(row: dict) -> bytes:
    """A comment as a minimal RFC 822 message (UTF-8, 8bit).  See the module docstring for the header choices."""
    text = row.get("comment_content", "")
    name = " ".join(row.get("comment_author", "").split())  # no newlines: they would end the header
    email = "".join(row.get("comment_author_email", "").split())
    if not (email.isascii() and "@" in email):  # a few e-mail corpus addresses are mangled; keep the header valid
        email = "nobody@comments.invalid"
    # Unique per row (not per text): the same short text can sit in two corpora, and forgetting one corpus must not
    # forget the other's copy.  Hashed, so nothing of the id (some ids embed the label) reaches SpamAssassin.
    key = f"{row.get('source', '')}\0{row.get('id', '')}\0{text}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    sender = formataddr((str(Header(name, "utf-8")) if name and not name.isascii() else name, email))
    headers = [
        f"From: {sender}",
        "To: comments@site.invalid",
        "Subject: New comment",
        "Date: Mon, 01 Jan 2024 00:00:00 +0000",
        f"Message-ID: <{digest}@comments.invalid>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    body = text.replace("\r\n", "\n")
    return ("\n".join(headers) + "\n\n" + body + "\n").encode("utf-8")


def _write_mbox(rows: Iterable[dict], path: Path) -> int:
    box = mailbox.mbox(str(path), create=True)
    n = 0
    box.lock()
    try:
        for row in rows:
            msg = mailbox.mboxMessage(to_message(row))
            msg.set_from("bench@comments.invalid", time.gmtime(0))
            box.add(msg)
            n += 1
        box.flush()
    finally:
        box.unlock()
        box.close()
    return n


class SpamAssassinBayes:
    """One private SpamAssassin configuration + Bayes database in ``workdir``."""

    def __init__(self, workdir: Path, threshold: float = THRESHOLD):
        self.workdir = Path(workdir)
        self.site = self.workdir / "site"
        self.bayes = self.workdir / "bayes"
        self.threshold = threshold
        self.expected: dict[str, int] = {}  # nspam/nham we asked it to learn (set by SpamAssassin.train)
        self.site.mkdir(parents=True, exist_ok=True)
        self.bayes.mkdir(parents=True, exist_ok=True)
        for pre in SYSTEM_SITE.glob("*.pre"):
            shutil.copy(pre, self.site / pre.name)
        (self.site / "local.cf").write_text(LOCAL_CF.format(bayes=self.bayes, threshold=threshold))

    def copy(self, workdir: Path) -> SpamAssassinBayes:
        """A new instance with a copy of this Bayes database (the config is rewritten for the new path)."""
        other = SpamAssassinBayes(workdir, self.threshold)
        for f in self.bayes.iterdir():
            if f.is_file() and not f.name.endswith(".lock"):
                shutil.copy(f, other.bayes / f.name)
        return other

    def _sa_learn(self, mode: str, rows: Sequence[dict]) -> None:
        if not rows:
            return
        with tempfile.TemporaryDirectory(dir=self.workdir) as tmp:
            mbox = Path(tmp) / "in.mbox"
            _write_mbox(rows, mbox)
            cmd = [
                "sa-learn", "-L", f"--{mode}", "--mbox", "--no-sync", "--max-size", "0",
                f"--siteconfigpath={self.site}", "-p", "/dev/null", f"--dbpath={self.bayes}/bayes", str(mbox),
            ]  # fmt: skip
            subprocess.run(cmd, check=True, capture_output=True)

    def learn(self, rows: Sequence[dict]) -> None:
        self._sa_learn("spam", [r for r in rows if r["label"] == "spam"])
        self._sa_learn("ham", [r for r in rows if r["label"] == "ham"])
        self.sync()

    def forget(self, rows: Sequence[dict]) -> None:
        self._sa_learn("forget", rows)
        self.sync()

    def sync(self) -> None:
        cmd = ["sa-learn", "-L", "--sync", f"--siteconfigpath={self.site}", "-p", "/dev/null",
               f"--dbpath={self.bayes}/bayes"]  # fmt: skip
        subprocess.run(cmd, check=True, capture_output=True)

    def counts(self) -> dict[str, int]:
        """``nspam``/``nham`` as the database holds them (sanity check after learn/forget)."""
        cmd = ["sa-learn", "-L", "--dump", "magic", f"--siteconfigpath={self.site}", "-p", "/dev/null",
               f"--dbpath={self.bayes}/bayes"]  # fmt: skip
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        counts = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 4 and parts[-1] in ("nspam", "nham"):
                counts[parts[-1]] = int(parts[2])
        return counts

    def spamd(self, children: int = 2) -> Spamd:
        return Spamd(self, children)


class Spamd:
    """A private spamd (``-L -x``, our site config) on a Unix socket; a context manager."""

    def __init__(self, sa: SpamAssassinBayes, children: int):
        self.sa = sa
        self.children = children
        self.socket_path = str(sa.workdir / "spamd.sock")
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Spamd:
        if os.path.exists(self.socket_path):
            os.unlink(self.socket_path)
        cmd = [
            "spamd", "-L", "-x", f"--siteconfigpath={self.sa.site}", f"--socketpath={self.socket_path}",
            f"--max-children={self.children}", f"--min-children={self.children}", f"--min-spare={self.children}",
            f"--max-spare={self.children}", "--max-conn-per-child=1000000", "--timeout-child=300",
            "-s", "stderr", "-u", "nobody",
        ]  # fmt: skip
        if os.geteuid() != 0:
            cmd = [c for c in cmd if c not in ("-u", "nobody")]
        # spamd drops privileges to `nobody` when run as root: give it the work directory.
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "nobody", str(self.sa.workdir)], check=True)
        self.log = open(self.sa.workdir / "spamd.log", "w")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.close()
                tail = (self.sa.workdir / "spamd.log").read_text().strip().splitlines()[-5:]
                raise RuntimeError(f"spamd exited with {self.proc.returncode}: " + " / ".join(tail))
            try:
                self._request(b"PING SPAMC/1.5\r\n\r\n")
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("spamd did not come up within 120 s")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()

    def _request(self, payload: bytes) -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(600)
            s.connect(self.socket_path)
            s.sendall(payload)
            s.shutdown(socket.SHUT_WR)
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def check(self, message: bytes) -> tuple[float, list[str]]:
        """Score one message with the SPAMC ``SYMBOLS`` command: (score, rule names that fired)."""
        head = f"SYMBOLS SPAMC/1.5\r\nContent-length: {len(message)}\r\nUser: nobody\r\n\r\n".encode()
        reply = self._request(head + message).decode("utf-8", "replace")
        header, _, body = reply.partition("\r\n\r\n")
        status = header.splitlines()[0]
        if " 0 EX_OK" not in status:
            raise RuntimeError(f"spamd: {status}")
        for line in header.splitlines():
            if line.startswith("Spam:"):
                # "Spam: True ; 15.3 / 5.0"
                score = float(line.split(";")[1].split("/")[0])
                return score, [s for s in body.strip().split(",") if s]
        raise RuntimeError(f"spamd reply without a Spam: header: {header!r}")

    def score(self, rows: Sequence[dict], progress=None) -> Scores:
        """Score rows with ``children`` concurrent connections (one per spamd child)."""
        messages = [to_message(r) for r in rows]
        results: list[tuple[float, list[str]]] = [(0.0, [])] * len(messages)
        with ThreadPoolExecutor(max_workers=self.children) as pool:
            for i, res in enumerate(pool.map(self.check, messages)):
                results[i] = res
                if progress is not None:
                    progress.update(1)
        score = np.array([r[0] for r in results])
        return Scores(score=score, spam=score >= self.sa.threshold, extra=[{"symbols": r[1]} for r in results])


class SpamAssassin:
    """The peer as the suite uses it: train a base database once, then score rows "without" some training rows.

    ``train(rows)`` learns every row into a new base database; ``score_without(base, excluded, rows)`` copies the
    base, forgets ``excluded`` (the held-out corpus or fold), checks the message counts, starts spamd on the copy
    and scores ``rows``.  Copies are deleted afterwards; the bases live until :meth:`close`.
    """

    name = "spamassassin"

    def __init__(self, workdir: Path, children: int = 2, threshold: float = THRESHOLD):
        self.workdir = Path(workdir)
        self.children = children
        self.threshold = threshold
        self._n = 0
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.workdir.chmod(0o755)  # spamd runs as `nobody` when started as root and must reach its socket

    def _next_dir(self, kind: str) -> Path:
        self._n += 1
        return self.workdir / f"{kind}-{self._n}"

    def train(self, rows: Sequence[dict]) -> SpamAssassinBayes:
        base = SpamAssassinBayes(self._next_dir("base"), self.threshold)
        base.learn(rows)
        n_spam = sum(r["label"] == "spam" for r in rows)
        base.expected = {"nspam": n_spam, "nham": len(rows) - n_spam}
        return base

    def score_without(self, base: SpamAssassinBayes, excluded: Sequence[dict], rows: Sequence[dict],
                      progress=None) -> tuple[Scores, dict]:  # fmt: skip
        """(scores of ``rows``, info) where info has the database's nspam/nham after forgetting and the timings."""
        t0 = time.monotonic()
        split = base.copy(self._next_dir("split"))
        split.forget(excluded)
        counts = split.counts()
        want = {
            "nspam": base.expected["nspam"] - sum(r["label"] == "spam" for r in excluded),
            "nham": base.expected["nham"] - sum(r["label"] == "ham" for r in excluded),
        }
        t1 = time.monotonic()
        with split.spamd(self.children) as spamd:
            t2 = time.monotonic()
            scores = spamd.score(rows, progress)
            t3 = time.monotonic()
        shutil.rmtree(split.workdir, ignore_errors=True)
        info = {"db_counts": counts, "expected_counts": want, "forget_seconds": t1 - t0, "start_seconds": t2 - t1,
                "score_seconds": t3 - t2, "per_second": len(rows) / (t3 - t2) if rows else None}  # fmt: skip
        return scores, info

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
