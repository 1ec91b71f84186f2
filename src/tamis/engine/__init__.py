"""The detection engine: ``Engine.load() -> engine; engine.check(comment) -> Verdict``; ``train(rows) -> Engine``.

See docs/engine.md for the pipeline, the hit names and the measured numbers."""

from __future__ import annotations

from ..model.io import SCHEMA_VERSION, ModelFormatError
from .analysis import Analysis
from .engine import Engine, default_model_dir


def train(rows, *, progress: bool = True, **options):  # type: ignore[no-untyped-def]
    """Train an Engine on corpus rows (dicts with Akismet fields and ``label`` spam/ham); see model/train.py."""
    from ..model.train import train as _train

    return _train(rows, progress=progress, **options)


__all__ = ["SCHEMA_VERSION", "Analysis", "Engine", "ModelFormatError", "default_model_dir", "train"]
