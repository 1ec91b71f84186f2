"""The whole suite end to end on a tiny synthetic data directory (seconds; SpamAssassin only under -m slow)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench import accuracy
from bench.peers import tamis as tamis_peer
from bench.report import BEGIN, END


def run(data_dir: Path, tmp_path: Path, *extra: str) -> tuple[dict, Path]:
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\n## Accuracy\n\n{BEGIN}\nSTALE-ACCURACY-TEXT\n{END}\n\n## HTTP latency\n\nkept\n")
    results = accuracy.main(["--data", str(data_dir), "--folds", "3", "--sections", "loco,cv,seed",
                             "--out", str(tmp_path / "out"), "--doc", str(doc), "--no-rspamd", *extra])  # fmt: skip
    return results, doc


def test_suite_with_the_baseline(data_dir: Path, tmp_path: Path) -> None:
    results, doc = run(data_dir, tmp_path, "--no-spamassassin", "--no-tamis")
    loco = results["sections"]["loco"]["corpora"]
    assert set(loco) == {"alpha", "beta", "gamma_spam_only", "delta_ham_only"}
    assert loco["delta_ham_only"]["peers"]["baseline"]["short_ham"]["n"] > 0  # genuine short rows counted
    assert loco["gamma_spam_only"]["peers"]["baseline"]["full"]["fpr"] is None  # spam only: no FP rate
    assert loco["delta_ham_only"]["peers"]["baseline"]["full"]["recall"] is None  # ham only: no recall
    cv = results["sections"]["cv"]
    assert set(cv) == {"alpha", "beta"} and len(cv["alpha"]["folds"]) == 3
    assert "baseline (all corpora)" in results["sections"]["seed"]["peers"]
    page = doc.read_text()
    assert "kept" in page and "STALE-ACCURACY-TEXT" not in page and "Leave one corpus out" in page
    assert "Genuine short comments" in page
    saved = json.loads((tmp_path / "out" / "accuracy.json").read_text())
    assert saved["meta"]["command"].startswith(".venv/bin/python -m bench.accuracy")


@pytest.mark.skipif(tamis_peer.available() is not None, reason="tamis.engine not importable yet")
def test_suite_with_tamis(data_dir: Path, tmp_path: Path) -> None:
    results, _ = run(data_dir, tmp_path, "--no-spamassassin", "--no-baseline")
    assert "tamis" in results["sections"]["loco"]["corpora"]["alpha"]["peers"]
    assert results["sections"]["cv"]["alpha"]["won_lost_tied"] == {}  # nothing to compare against


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("spamd") is None, reason="SpamAssassin not installed")
def test_suite_with_spamassassin(data_dir: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    # About a minute (a dozen spamd starts): opt in with `pytest -m slow`.
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("starts spamd a dozen times (about a minute); run with -m slow")
    results, _ = run(data_dir, tmp_path, "--no-tamis", "--sa-children", "1")
    sa = results["sections"]["loco"]["corpora"]["alpha"]["peers"]["spamassassin"]
    assert sa["db_counts"] == sa["expected_counts"]
    assert sa["sample"]["n"] == 60


@pytest.mark.skipif(tamis_peer.available() is not None, reason="tamis.engine not importable yet")
def test_speed_reports_throughput_by_length(data_dir: Path) -> None:
    from bench import speed
    from bench.report import render_speed

    sp = speed.run_child(data_dir, 40, 0)
    assert "error" not in sp, sp
    parts = sp["by_length"]
    assert sum(b["comments"] for b in parts.values()) == sp["comments"]
    assert all(b["per_second"] > 0 for b in parts.values())
    page = render_speed(sp)
    for k, b in parts.items():
        assert f"the {b['comments']:,} {k} comments" in page
