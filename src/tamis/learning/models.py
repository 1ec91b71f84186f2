"""Model versions: trained models registered in the database, one active; workers switch without a restart.

`tamis train` writes a model directory under the models root and registers it (``model_versions``); `tamis models
activate VERSION` / `rollback` flip the ``active`` row.  Each worker's ``ModelSwitcher`` polls the active row at most
every POLL seconds (one primary-key read) and, when it changed, loads the new model in a background thread and
swaps ``service.engine`` in one assignment; checks already running finish on the engine they started with.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from tamis.learning.schema import model_versions

log = logging.getLogger("tamis.learning")
POLL = 1.0


@dataclass(frozen=True)
class ModelVersion:
    version: str
    path: str
    created_at: datetime
    activated_at: datetime | None
    active: bool
    info: dict[str, Any]


def _row(r: Any) -> ModelVersion:
    return ModelVersion(r.version, r.path, r.created_at, r.activated_at, bool(r.active), dict(r.info or {}))


def register(store: Any, version: str, path: Path, info: dict[str, Any], *, activate: bool = False) -> ModelVersion:
    now = datetime.now(UTC)
    with store.write() as conn:
        if conn.execute(sa.select(model_versions.c.version).where(model_versions.c.version == version)).first():
            raise ValueError(f"model version {version} is already registered")
        conn.execute(model_versions.insert().values(version=version, path=str(Path(path).resolve()), created_at=now,
                                                    active=False, info=info))
    if activate:
        return set_active(store, version)
    return get(store, version)


def get(store: Any, version: str) -> ModelVersion:
    with store.engine.connect() as conn:
        r = conn.execute(sa.select(model_versions).where(model_versions.c.version == version)).first()
    if r is None:
        raise LookupError(f"no model version {version!r} (see `tamis models list`)")
    return _row(r)


def list_versions(store: Any) -> list[ModelVersion]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(model_versions).order_by(model_versions.c.created_at)).all()
    return [_row(r) for r in rows]


def active(store: Any) -> ModelVersion | None:
    with store.engine.connect() as conn:
        r = conn.execute(sa.select(model_versions).where(model_versions.c.active.is_(True))).first()
    return _row(r) if r is not None else None


def set_active(store: Any, version: str) -> ModelVersion:
    mv = get(store, version)
    if not Path(mv.path).is_dir():
        raise LookupError(f"model version {version}: directory {mv.path} is gone")
    with store.write() as conn:
        conn.execute(model_versions.update().where(model_versions.c.active.is_(True)).values(active=False))
        conn.execute(model_versions.update().where(model_versions.c.version == version)
                     .values(active=True, activated_at=datetime.now(UTC)))
    return get(store, version)


def rollback(store: Any) -> ModelVersion:
    """Activate the version that was active before the current one (by activation time)."""
    versions = [v for v in list_versions(store) if v.activated_at is not None]
    versions.sort(key=lambda v: v.activated_at)  # type: ignore[arg-type, return-value]
    current = active(store)
    cutoff = current.activated_at if current is not None else None
    earlier = [v for v in versions if current is None or (
        v.version != current.version and cutoff is not None and v.activated_at is not None
        and v.activated_at <= cutoff)]
    if not earlier:
        raise LookupError("no earlier activated model version to roll back to")
    return set_active(store, earlier[-1].version)


@dataclass
class ModelSwitcher:
    """Keeps ``service.engine`` on the active model version."""

    service: Any
    loaded: str | None = None
    _next: float = 0.0
    _loading: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def poll(self) -> None:
        now = time.monotonic()
        if now < self._next or self._loading:
            return
        self._next = now + POLL
        try:
            mv = active(self.service.store)
        except Exception:
            log.exception("reading the active model version failed")
            return
        if mv is None or mv.version == self.loaded:
            return
        with self._lock:
            if self._loading:
                return
            self._loading = True
        threading.Thread(target=self._load, args=(mv,), name="tamis-model-switch", daemon=True).start()

    def _load(self, mv: ModelVersion) -> None:
        try:
            from tamis.engine import Engine

            s = self.service.settings
            engine = Engine.load(Path(mv.path), spam_threshold=s.spam_threshold,
                                 discard_threshold=s.discard_threshold)
            self.service.engine = engine
            self.loaded = mv.version
            log.info("switched to model version %s", mv.version)
        except Exception:
            log.exception("loading model version %s failed; keeping the current model", mv.version)
            self.loaded = mv.version  # do not retry a broken version every second
        finally:
            self._loading = False
