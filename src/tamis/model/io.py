"""Model files: ``manifest.json`` (schema version, config, weights of every hit, thresholds, metrics) plus
``weights.npz`` (the classifier's arrays).  No pickle (STYLE.md §4.9): arrays and JSON only, so a model can be
inspected, diffed and loaded without executing anything.  An unknown schema version is refused, never guessed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
WEIGHTS = "weights.npz"


class ModelFormatError(ValueError):
    """The model directory is missing, damaged, or written with a schema this version cannot read."""


def save_model(model_dir: Path, manifest: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    manifest = {"schema_version": SCHEMA_VERSION, **manifest}
    np.savez_compressed(model_dir / WEIGHTS, **arrays)
    (model_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def load_model(model_dir: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    model_dir = Path(model_dir)
    mpath = model_dir / MANIFEST
    if not mpath.is_file():
        raise ModelFormatError(f"no {MANIFEST} in model directory {model_dir}")
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelFormatError(f"cannot read {mpath}: {e}") from e
    version = manifest.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ModelFormatError(
            f"model {model_dir} has schema_version {version!r}; this Tamis reads schema_version {SCHEMA_VERSION} "
            "only. Rebuild the model with `python -m tamis.model.build` or install the Tamis that wrote it."
        )
    try:
        with np.load(model_dir / WEIGHTS, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (OSError, ValueError) as e:
        raise ModelFormatError(f"cannot read {model_dir / WEIGHTS}: {e}") from e
    return manifest, arrays
