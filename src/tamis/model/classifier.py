"""The linear content classifier at inference: a dot product over hashed indices (no scikit-learn import at
run time: loading stays well under a second and a check costs microseconds)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import FeatureConfig, Features


@dataclass(frozen=True, slots=True)
class LinearClassifier:
    """``logit(x) = coef · x + intercept`` over the hashed feature space of ``config``."""

    coef: np.ndarray  # float32, shape (2**n_bits,)
    intercept: float
    config: FeatureConfig

    def logit(self, f: Features) -> float:
        if len(f.indices) == 0:
            return float(self.intercept)
        return float(np.dot(self.coef[f.indices], f.values)) + float(self.intercept)

    def clues(self, f: Features, k: int = 5, spam: bool = True) -> list[tuple[str, float]]:
        """The word and meta tokens that pushed hardest towards spam (or ham), with their contributions."""
        if len(f.token_indices) == 0:
            return []
        contrib = self.coef[f.token_indices] * f.token_values
        order = np.argsort(-contrib if spam else contrib)[:k]
        # compared as Python floats (.tolist()), not numpy scalars: the same values, a few µs less
        return [(f.tokens[i], c) for i, c in zip(order.tolist(), contrib[order].tolist())
                if (c > 0) == spam and c != 0]
