"""Loading the labeled corpora (JSON Lines, Akismet field names; see ../shared/data/README.md).

The corpora stay outside the repository: every path comes from ``--data``.  A row is a plain ``dict``; ``label`` is
``spam`` or ``ham``, ``source`` the corpus short name and ``group`` a natural grouping (video, site, sub-folder).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

SEED_FILE = "seed_thread.jsonl"

# Keys that describe the corpus, not the comment.  A site never sends them, so no filter may see them at check time
# (``source`` would name the corpus outright).  ``id`` is kept out too: some ids embed the label (``tgspam:spam:...``).
META_KEYS = frozenset({"label", "source", "group", "id"})


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def corpus_names(data_dir: Path) -> list[str]:
    """Every ``*.jsonl`` corpus in ``data_dir`` except the seed thread, sorted."""
    return sorted(p.stem for p in data_dir.glob("*.jsonl") if p.name != SEED_FILE)


def load_corpora(data_dir: Path, names: Iterable[str]) -> dict[str, list[dict]]:
    corpora = {}
    for name in names:
        rows = read_jsonl(data_dir / f"{name}.jsonl")
        for r in rows:
            r.setdefault("source", name)
        corpora[name] = rows
    return corpora


def labels(rows: list[dict]) -> np.ndarray:
    """1 for spam, 0 for ham."""
    return np.fromiter((r["label"] == "spam" for r in rows), dtype=np.int8, count=len(rows))


def public_fields(row: dict) -> dict:
    """The row as a site would submit it: the Akismet fields without label and corpus metadata."""
    return {k: v for k, v in row.items() if k not in META_KEYS}


def short_name(corpus: str) -> str:
    """``youtube_spam_collection`` -> ``youtube`` for table headers."""
    return corpus.split("_")[0]
