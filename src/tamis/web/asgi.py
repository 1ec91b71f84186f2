"""The ASGI entry point for `tamis serve` workers (and for any ASGI server: `uvicorn --factory
tamis.web.asgi:create_app`).  Settings come from the environment and the TOML file, as everywhere."""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.applications import Starlette

from tamis.config import load_settings
from tamis.engine import Engine
from tamis.service import Service
from tamis.store import Store, migrate
from tamis.web.app import build_app


def build_service() -> Service:
    settings = load_settings()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    store = Store.open(settings.effective_database_url)
    migrate(store.engine)  # a no-op when `tamis serve` already did it; makes a bare ASGI start safe too
    engine = Engine.load(Path(settings.model_dir) if settings.model_dir else None,
                         spam_threshold=settings.spam_threshold, discard_threshold=settings.discard_threshold)
    engine.ready()  # the language identifier loads in the background; wait here, not in the first request
    service = Service(settings=settings, store=store, engine=engine)
    from tamis.learning import install

    install(service)  # per-site and instance layers, campaigns, reputation, model versions (docs/learning.md)
    return service


def create_app() -> Starlette:
    return build_app(build_service())
