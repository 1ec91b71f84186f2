"""Hit names are public API: every one the engine can emit is documented in docs/engine.md, and every weight
in the bundled manifest names a known hit (datasette's docs-tested-against-code habit)."""

from __future__ import annotations

import json
from pathlib import Path

from tamis.engine import default_model_dir
from tamis.signals import DEFAULT_WEIGHTS, HIT_NAMES

DOC = Path(__file__).resolve().parents[2] / "docs" / "engine.md"


def test_every_hit_name_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [n for n in HIT_NAMES if f"`{n}`" not in text]
    assert not missing, f"undocumented hit names: {missing}"


def test_manifest_weights_name_known_hits() -> None:
    manifest = json.loads((default_model_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["weights"]) <= set(DEFAULT_WEIGHTS)
    assert set(DEFAULT_WEIGHTS) <= set(HIT_NAMES)
