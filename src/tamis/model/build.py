"""Build the bundled model from the corpora, and optionally measure it leave-one-corpus-out.

    python -m tamis.model.build --data ../shared/data --out src/tamis/models/default [--evaluate]

``--evaluate`` runs model/evaluate.py's leave-one-corpus-out first and stores the per-corpus table in the
manifest (``metrics``) so the model card can quote it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .corpora import load_corpora
from .train import DEFAULTS, train


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tamis.model.build", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="directory of *.jsonl corpora")
    p.add_argument("--out", type=Path, default=Path("src/tamis/models/default"))
    p.add_argument("--evaluate", action="store_true", help="also run leave-one-corpus-out and record it")
    p.add_argument("--quiet", action="store_true")
    ns = p.parse_args(argv)
    rows = load_corpora(ns.data)
    metrics = None
    if ns.evaluate:
        from .evaluate import leave_one_corpus_out, markdown_table

        metrics = leave_one_corpus_out(rows, {}, progress=not ns.quiet)
        print(markdown_table(metrics))
    t = time.time()
    engine = train(rows, progress=not ns.quiet)
    if metrics is not None:
        engine.manifest["metrics"] = {"leave_one_corpus_out": metrics["corpora"]}
    engine.manifest["training"]["seconds"] = round(time.time() - t, 1)
    engine.manifest["training"]["rebuild"] = "python -m tamis.model.build --data ../shared/data --out " \
                                             "src/tamis/models/default --evaluate"
    engine.save(ns.out)
    print(json.dumps({"model_version": engine.model_version, "thresholds": engine.manifest["thresholds"],
                      "calibration": engine.manifest["calibration"], "out": str(ns.out)}, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
