"""Learning from moderators: per-site and instance layers, campaigns, reputation, model versions.

``install(service)`` registers the context signal, the check observer and the learner on a Service (web/asgi.py
calls it in build_service).  See docs/learning.md for how the layers combine and how much feedback moves a verdict.
Imports are lazy: tamis.store.schema imports ``tamis.learning.schema`` while the store package is still loading.
"""

from __future__ import annotations

from typing import Any

HIT_NAMES = (
    "LEARNED_SITE", "LEARNED_INSTANCE",
    "CAMPAIGN_CONFIRMED", "CAMPAIGN_VELOCITY", "DUPLICATE_OF_HAM",
    "REPUTATION_IP", "REPUTATION_NETWORK", "REPUTATION_EMAIL", "REPUTATION_EMAIL_DOMAIN", "REPUTATION_AUTHOR_URL",
    "REPUTATION_AUTHOR", "REPUTATION_LINK_DOMAIN", "EMAIL_DISPOSABLE",
)


def enabled(settings: Any) -> bool:
    """The ``learning`` setting (TAMIS_LEARNING; true by default)."""
    return bool(settings.learning)


def _config() -> Any:
    """LearningConfig, with EXPERIMENTAL overrides from ``TAMIS_X_LEARNING`` (JSON: {"eta_site": 2.0, ...}) for the
    learning benchmark's parameter sweeps.  Not a supported setting: measured values become the defaults."""
    import dataclasses
    import json
    import os

    from tamis.learning.core import LearningConfig

    raw = os.environ.get("TAMIS_X_LEARNING", "").strip()
    if not raw:
        return LearningConfig()
    known = {f.name for f in dataclasses.fields(LearningConfig)}
    overrides = {k: v for k, v in json.loads(raw).items() if k in known and not k.endswith("_window")
                 and not k.endswith("_retention")}
    return dataclasses.replace(LearningConfig(), **overrides)


def install(service: Any) -> Any:
    """Register the learning path on ``service``; returns the ``Learning`` object (None when learning is off:
    the static model alone, as the learning benchmark's baseline runs)."""
    from tamis.learning.core import Learning
    from tamis.learning.models import ModelSwitcher

    if not enabled(service.settings):
        return None

    learning = Learning(service.store, config=_config(), engine_ref=lambda: service.engine)
    switcher = ModelSwitcher(service)
    switcher.poll()

    def signal(ctx: Any) -> Any:
        switcher.poll()
        return learning.signal(ctx)

    service.context_signals.append(("learning", signal))
    if hasattr(service, "observers"):
        learning.start_writer()  # index checks off the request path (learning/writer.py)
        service.observers.append(("learning", learning.observe_later))
    service.learners.append(("learning", lambda ctx, kind, result: learning.learn(ctx, kind, result)))
    service.learning = learning  # for tests and the dashboard
    return learning
