"""Tamis behind the same small interface as the other peers, so the suite does not care how the engine is built.

Promised engine API: ``tamis.engine.train(rows, progress=...) -> Engine`` trains a fresh engine from labeled corpus
rows; ``Engine.load()`` loads the bundled model; ``engine.check(Comment) -> Verdict`` with ``.score`` (calibrated
spam probability), ``.spam`` (decision at the shipped threshold) and ``.hits``.

Leave-one-corpus-out and cross-validation always use :meth:`Tamis.fit` (``train()`` on the training rows only):
the bundled model was trained on every corpus, so scoring a corpus with it would be scoring its own training data.
Only the seed thread and the speed measurements use :meth:`Tamis.bundled`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.data import public_fields
from bench.peers import Scores


def available() -> str | None:
    """None if the engine can be imported, else why not."""
    try:
        from tamis.engine import Engine, train  # noqa: F401
    except Exception as e:  # ImportError while the engine is being written, or a broken import
        return f"tamis.engine not importable ({type(e).__name__}: {e})"
    return None


def model_version() -> str:
    try:
        from tamis.engine import Engine

        return str(getattr(Engine.load(), "model_version", "") or "")
    except Exception as e:
        return f"unknown ({type(e).__name__})"


class Tamis:
    name = "tamis"

    def __init__(self, engine: Any = None):
        self.engine_ = engine

    @classmethod
    def bundled(cls) -> Tamis:
        from tamis.engine import Engine

        return cls(Engine.load())

    def fit(self, rows: Sequence[dict]) -> Tamis:
        from tamis.engine import train

        self.engine_ = train(list(rows), progress=False)
        return self

    def check(self, row: dict) -> Any:
        from tamis.types import Comment

        return self.engine_.check(Comment.from_dict(public_fields(row)))

    def predict(self, rows: Sequence[dict], progress: Any = None) -> Scores:
        assert self.engine_ is not None, "fit() or bundled() first"
        score = np.empty(len(rows))
        spam = np.empty(len(rows), dtype=bool)
        extra = []
        for i, row in enumerate(rows):
            v = self.check(row)
            score[i], spam[i] = v.score, v.spam
            extra.append({"reasons": v.reasons(6)})
            if progress is not None:
                progress.update(1)
        return Scores(score=score, spam=spam, extra=extra)
