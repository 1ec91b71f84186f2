from __future__ import annotations

import numpy as np

from bench import metrics
from bench.report import BEGIN, END, replace_section
from bench.splits import kfold_indices, stratified_sample


def test_recall_at_fpr_counts_ties_against_the_filter() -> None:
    y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    score = np.array([0.1, 0.2, 0.3, 0.9, 0.9, 0.95, 0.5, 0.05])
    # One ham at 0.9 ties with a spam: catching that spam costs 25% FP.  At 0% FP only the 0.95 spam is caught.
    assert metrics.recall_at_fpr(y, score, 0.0) == 0.25
    assert metrics.recall_at_fpr(y, score, 0.25) == 0.75
    assert metrics.recall_at_fpr(np.zeros(3, dtype=int), score[:3], 0.01) is None


def test_summarize_leaves_undefined_metrics_out_for_one_class() -> None:
    m = metrics.summarize(np.ones(4, dtype=int), np.array([0.9, 0.8, 0.1, 0.7]), np.array([1, 1, 0, 1]))
    assert m["recall"] == 0.75 and m["fpr"] is None and m["mcc"] is None and m["auc"] is None
    assert m["cost"] == 1


def test_calibration_of_a_perfect_forecast() -> None:
    y = np.array([0, 1, 0, 1])
    c = metrics.calibration(y, y.astype(float))
    assert c["brier"] == 0 and c["ece"] == 0


def test_won_lost_tied() -> None:
    assert metrics.won_lost_tied([1, 5, 3], [2, 4, 3]) == (1, 1, 1)


def _rows(n_spam: int, n_ham: int) -> list[dict]:
    return [{"label": "spam", "group": f"g{i % 2}"} for i in range(n_spam)] + [
        {"label": "ham", "group": f"g{i % 2}"} for i in range(n_ham)
    ]


def test_stratified_sample_is_seeded_and_keeps_proportions() -> None:
    rows = _rows(100, 900)
    a, b = stratified_sample(rows, 100, seed=1), stratified_sample(rows, 100, seed=1)
    assert np.array_equal(a, b) and len(a) == 100 and len(set(a.tolist())) == 100
    assert sum(rows[i]["label"] == "spam" for i in a) == 10
    assert len(stratified_sample(rows, 5000, seed=1)) == 1000


def test_kfold_covers_every_row_once() -> None:
    rows = _rows(30, 70)
    folds = kfold_indices(rows, 10, seed=0)
    assert sorted(np.concatenate(folds).tolist()) == list(range(100))
    assert all(sum(rows[i]["label"] == "spam" for i in f) == 3 for f in folds)


def test_replace_section_keeps_the_rest_of_the_page() -> None:
    page = f"# B\n\n## Accuracy\n\n{BEGIN}\nold\n{END}\n\n## HTTP latency\n\nlead's text\n"
    new = replace_section(page, "new")
    assert "lead's text" in new and "new" in new and "old" not in new


def test_short_ham_fp_counts_only_short_genuine_rows() -> None:
    rows = [{"comment_content": "thanks, great point"}, {"comment_content": " ".join(["word"] * 21)},
            {"comment_content": "ok"}, {"comment_content": "buy pills"}, {}]
    y = np.array([0, 0, 0, 1, 0])
    spam = np.array([1, 1, 0, 1, 0])  # the long genuine row and the spam row are not short genuine comments
    assert metrics.short_ham_fp(rows, y, spam) == {"n": 3, "fp": 1, "fpr": 1 / 3}
    assert metrics.short_ham_fp(rows[3:4], y[3:4], spam[3:4]) == {"n": 0, "fp": 0, "fpr": None}
