"""How rows are split: leave-one-corpus-out, within-corpus k-fold, and the seeded SpamAssassin sample.

Every split is a pure function of (rows, seed), so all peers see exactly the same rows in the same run and a re-run
with the same seed reproduces them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold


def loco_splits(corpora: dict[str, list[dict]]) -> Iterator[tuple[str, list[dict], list[dict]]]:
    """Leave one corpus out: ``(held_out_name, train_rows, test_rows)`` for every corpus.

    The proxy for "a site Tamis has never seen": nothing of the held-out corpus (its vocabulary, its markup, its
    language mix) is in training.
    """
    for name in corpora:
        train = [r for other, rows in corpora.items() if other != name for r in rows]
        yield name, train, corpora[name]


def strata(rows: list[dict]) -> list[str]:
    """Stratum of a row: its label and its group (video, site, sub-folder) when it has one."""
    return [f"{r['label']}|{r.get('group', '')}" for r in rows]


def cv_scheme(rows: list[dict], k: int) -> str:
    """Which k-fold scheme fits a corpus.

    Grouped folds (every group's rows in one fold) only make sense when there are at least k groups and each group
    holds both classes; otherwise a fold could hold one class only.  In our corpora the groups are few (YouTube: 5
    videos) or label-pure (SpamAssassin's sub-folders), so this returns ``stratified`` for all of them today, and
    the folds are stratified by label *and* group (each fold has the same mix of videos / sub-folders).
    """
    groups = Counter(r.get("group") for r in rows if r.get("group") is not None)
    if len(groups) >= k:
        mixed = {g for g in groups if len({r["label"] for r in rows if r.get("group") == g}) == 2}
        if len(mixed) >= k:
            return "grouped"
    return "stratified"


def kfold_indices(rows: list[dict], k: int, seed: int) -> list[np.ndarray]:
    """Test-fold index arrays for a seeded, stratified k-fold split (grouped when :func:`cv_scheme` says so)."""
    y = np.array([r["label"] for r in rows])
    idx = np.arange(len(rows))
    if cv_scheme(rows, k) == "grouped":
        groups = np.array([r.get("group", "") for r in rows])
        splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
        return [test for _, test in splitter.split(idx, y, groups)]
    strat = np.array(strata(rows))
    # A stratum smaller than k cannot be spread over every fold; fall back to the label for those rows.
    small = {s for s, n in Counter(strat).items() if n < k}
    strat = np.where(np.isin(strat, list(small)), y, strat) if small else strat
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [test for _, test in splitter.split(idx, strat)]


def stratified_sample(rows: list[dict], n: int, seed: int) -> np.ndarray:
    """Sorted indices of a seeded sample of ``n`` rows with the corpus's label/group proportions (all if n >= len).

    Used where a peer is too slow to score a whole held-out corpus (SpamAssassin): every peer is then also reported
    on exactly these rows.  Each stratum gets ``round(n * share)`` rows (largest remainders first, at least one
    row for a non-empty stratum when n allows).
    """
    if n >= len(rows):
        return np.arange(len(rows))
    rng = np.random.default_rng(seed)
    strat = strata(rows)
    by_stratum: dict[str, list[int]] = {}
    for i, s in enumerate(strat):
        by_stratum.setdefault(s, []).append(i)
    keys = sorted(by_stratum)
    exact = {s: n * len(by_stratum[s]) / len(rows) for s in keys}
    quota = {s: int(exact[s]) for s in keys}
    for s in sorted(keys, key=lambda s: exact[s] - quota[s], reverse=True)[: n - sum(quota.values())]:
        quota[s] += 1
    chosen: list[int] = []
    for s in keys:
        members = np.array(by_stratum[s])
        chosen.extend(rng.choice(members, size=min(quota[s], len(members)), replace=False).tolist())
    return np.array(sorted(chosen))
