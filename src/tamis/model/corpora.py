"""Reading the labelled corpora (JSON Lines in Akismet field names, ``label`` spam/ham).  Data never enters the
repository: these helpers read it where it lives (../shared/data by default)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SEED = "seed_thread"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                row = json.loads(line)
                row.setdefault("source", path.stem)
                yield row


def load_corpora(data_dir: Path, *, include_seed: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    files = sorted(Path(data_dir).glob("*.jsonl"))
    if not files:
        raise FileNotFoundError(f"no *.jsonl corpora in {data_dir}")
    for p in files:
        if p.stem == SEED and not include_seed:
            continue
        rows.extend(read_jsonl(p))
    return rows
