"""The observer's writes, batched off the request path.

##############################################################################################################
# Why a background writer?  Indexing a check (its fingerprint and 16 band rows, reputation from the verdict,
# provisional layer steps for ~100 tokens) is a dozen statements.  Done inside the request it cost ~12 ms at p50
# on this 2-core machine (bench/learning_latency.py, first version).  Here each worker queues what a check
# teaches and one thread writes the queue every INTERVAL seconds in one transaction, with the same rows summed
# (common tokens of many checks become one upsert).  What is queued is derived data (it can be recomputed from
# the checks table), so a killed worker loses at most INTERVAL seconds of velocity and verdict-reputation
# evidence, never a check or a report: those are written in the request, by the store.
##############################################################################################################
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

log = logging.getLogger("tamis.learning")
INTERVAL = 0.1
MAX_QUEUE = 20_000


@dataclass(frozen=True)
class Observation:
    """What one stored check teaches: computed in the request (cheap, no I/O), written later."""

    guid: str
    site_id: int
    at: datetime
    fp: Any  # Fingerprint | None
    ip_hash: int
    post_hash: int
    rep: tuple[tuple[int, str, float, float], ...]  # (entity, kind, spam delta, ham delta), pre-scaled
    site_tokens: tuple[int, ...]  # provisional learning: the tokens found in each layer at check time
    inst_tokens: tuple[int, ...]
    site_step: float  # per-token step for the site layer (0: none)
    inst_step: float
    ham_tokens: tuple[int, ...] = ()  # a confident genuine verdict: the site tokens it shows in genuine use (ham_seen)


class Writer:
    def __init__(self, learning: Any, interval: float = INTERVAL) -> None:
        self.learning = learning
        self.interval = interval
        self.queue: queue.Queue[Observation] = queue.Queue(maxsize=MAX_QUEUE)
        self._dropped = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tamis-learning-writer", daemon=True)
        self._thread.start()

    def submit(self, obs: Observation) -> None:
        try:
            self.queue.put_nowait(obs)
        except queue.Full:
            self._dropped += 1
            if self._dropped in (1, 100, 10_000):
                log.warning("learning writer queue full: %d observations dropped so far", self._dropped)

    def flush(self) -> int:
        batch: list[Observation] = []
        while len(batch) < 5000:
            try:
                batch.append(self.queue.get_nowait())
            except queue.Empty:
                break
        # On SQLite every write holds the store's one writer lock, which the requests' record_check needs too:
        # short transactions of a few observations let them interleave (p99 at 200 req/s: 161 ms with one
        # transaction per batch).  PostgreSQL takes the whole batch at once.
        step = 4 if self.learning.is_sqlite else len(batch) or 1
        for i in range(0, len(batch), step):
            try:
                self.learning.write_observations(batch[i:i + step])
            except Exception:  # derived data: log, drop the batch, keep serving
                log.exception("writing %d learning observations failed", len(batch[i:i + step]))
        return len(batch)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.flush() == 0:
                self._stop.wait(self.interval)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        while self.flush():
            pass


def aggregate(batch: list[Observation]) -> tuple[dict[tuple[int, int, str], list[float]],
                                                 dict[tuple[int, int], list[float]], dict[int, set[int]]]:
    """Sum the batch: reputation per (entity, site, kind), [weight step, ham_seen] per (scope, token), sites per
    token (scope 0)."""
    rep: dict[tuple[int, int, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    weights: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
    inst_sites: dict[int, set[int]] = defaultdict(set)
    for o in batch:
        for entity, kind, ds, dh in o.rep:
            acc = rep[(entity, o.site_id, kind)]
            acc[0] += ds
            acc[1] += dh
        if o.site_step:
            for t in o.site_tokens:
                weights[(o.site_id, t)][0] += o.site_step
        if o.inst_step:
            for t in o.inst_tokens:
                weights[(0, t)][0] += o.inst_step
                inst_sites[t].add(o.site_id)
        for t in o.ham_tokens:
            weights[(o.site_id, t)][1] += 1.0
    return rep, weights, inst_sites
