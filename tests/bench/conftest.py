"""A tiny synthetic data directory in the corpora's format (the real corpora never enter the repository)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

# `bench` is a top-level directory of the repository, not part of the installed package.
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SPAM = [
    "Buy cheap pills online at http://pills{i}.example now, best price guaranteed",
    "Earn $500 a day from home, contact me on telegram @money{i} for details",
    "Check out my channel and subscribe, free gift cards at http://gift{i}.example",
    "URGENT you have won a prize {i}, call 0900{i} to claim your reward now",
]
HAM = [
    "I think the article about the election {i} was fair, but the second point was weak",
    "Thanks for the recipe, I tried it with less sugar and it worked fine ({i})",
    "Does anyone know why the bus schedule changed on route {i} this week?",
    "Great song, I still listen to it every morning {i}",
]


def _rows(source: str, n_spam: int, n_ham: int, groups: int = 0) -> list[dict]:
    rows = []
    for label, texts, n in (("spam", SPAM, n_spam), ("ham", HAM, n_ham)):
        for i in range(n):
            row = {"id": f"{source}:{label}:{i}", "label": label, "comment_type": "comment",
                   "comment_content": texts[i % len(texts)].format(i=i), "source": source}  # fmt: skip
            if groups:
                row["group"] = f"g{i % groups}"
            rows.append(row)
    return rows


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("data")
    corpora = {
        "alpha": _rows("alpha", 30, 30, groups=3),
        "beta": _rows("beta", 20, 40),
        "gamma_spam_only": _rows("gamma_spam_only", 20, 0),
        "delta_ham_only": _rows("delta_ham_only", 0, 30),
    }
    for name, rows in corpora.items():
        (d / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    seed = [
        {"id": "seed:1", "label": "ham", "comment_content": "I hope you are wrong but it does not look that way."},
        {"id": "seed:2", "label": "ham", "comment_content": "Great song, I still listen to it every morning"},
        {"id": "seed:3", "label": "spam", "comment_content": "Earn $99 hourly from home, contact me on telegram"},
    ]
    (d / "seed_thread.jsonl").write_text("".join(json.dumps(r) + "\n" for r in seed))
    return d
