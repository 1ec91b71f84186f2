"""The filters compared in the accuracy suite.  Each peer module exposes a class with:

``name``               short name for tables
``fit(train_rows)``    learn from labeled rows (a fresh model; nothing else is reused)
``predict(rows)``      -> ``Scores``: a ranking score per row (higher = more spammy) and the decision at the peer's
                       shipped/default threshold

Rows are passed with their labels; a peer must strip them (``bench.data.public_fields``) before scoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Scores:
    score: np.ndarray  # float, higher = more spammy; a probability for Tamis and the baseline, points for SpamAssassin
    spam: np.ndarray  # bool, the decision at the peer's threshold
    extra: list[dict] = field(default_factory=list)  # per-row details for failure analysis (hits, symbols), optional
