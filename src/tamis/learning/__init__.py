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


def install(service: Any) -> Any:
    """Register the learning path on ``service``; returns the ``Learning`` object."""
    from tamis.learning.core import Learning
    from tamis.learning.models import ModelSwitcher

    learning = Learning(service.store, engine_ref=lambda: service.engine)
    switcher = ModelSwitcher(service)
    switcher.poll()

    def signal(ctx: Any) -> Any:
        switcher.poll()
        return learning.signal(ctx)

    service.context_signals.append(("learning", signal))
    if hasattr(service, "observers"):
        service.observers.append(("learning", learning.observe))
    service.learners.append(("learning", lambda ctx, kind, result: learning.learn(ctx, kind, result)))
    service.learning = learning  # for tests and the dashboard
    return learning
