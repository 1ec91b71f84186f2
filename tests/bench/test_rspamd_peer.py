"""rspamd as a benchmark peer (bench/peers/rspamd.py): a private rspamd, its Bayes in Redis (slow: -m slow).

Needs the rspamd and redis-server packages (scripts/install-rspamd.sh).  Each rspamd here keeps its Bayes in a
redis-server of its own on a Unix socket, so a benchmark running at the same time is not disturbed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench import accuracy
from bench.peers import rspamd as rspamd_peer
from bench.report import BEGIN, END

SPAM = [
    "Buy cheap viagra and cialis pills online without prescription, discount pharmacy at http://pills{i}.example "
    "order now and save ninety percent today",
    "Win real money at our online casino, claim your free bonus spins and jackpot now at http://casino{i}.example "
    "register today limited offer",
    "Fast payday loans approved instantly, no credit check needed, get cash today at http://loans{i}.example "
    "apply now guaranteed approval",
]
HAM = [
    "I made this soup last night with fresh carrots and a bit of ginger, my kids loved it and asked for seconds "
    "so thanks for sharing the recipe {i}",
    "The match on Saturday was great, our goalkeeper saved two penalties and the whole stadium was singing until "
    "the final whistle {i}",
    "It rained all week here so the garden finally looks green again, the tomatoes are growing well and the "
    "roses are blooming {i}",
]


def rows(texts: list[str], label: str, start: int, n: int) -> list[dict]:
    return [{"id": f"t:{label}:{i}", "label": label, "source": "t", "comment_author": "Someone",
             "comment_author_email": f"user{i}@mail.example", "comment_content": texts[i % len(texts)].format(i=i)}
            for i in range(start, start + n)]  # fmt: skip


def require_rspamd(request: pytest.FixtureRequest) -> None:
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("starts a private rspamd (about 15 s); run with -m slow")
    why = rspamd_peer.available()
    if why:
        pytest.skip(f"rspamd not available: {why}")


@pytest.mark.slow
def test_rspamd_learns_and_separates(request: pytest.FixtureRequest) -> None:
    require_rspamd(request)
    # In a new directory under the system temp dir (the default): run as root, rspamd's workers run as _rspamd,
    # which cannot reach pytest's tmp_path.
    peer = rspamd_peer.Rspamd(workers=1, min_learns=10)
    try:
        train = rows(SPAM, "spam", 0, 24) + rows(HAM, "ham", 0, 24)
        info = peer.train(train)
        assert info["learned"] == {"spam": 24, "ham": 24} and info["too_few_tokens"] == {"spam": 0, "ham": 0}
        assert info["db_counts"] == info["learned"] and info["bayes_active"]

        test = rows(SPAM, "spam", 100, 6) + rows(HAM, "ham", 100, 6)
        scores, timing = peer.score(test)
        y = np.array([r["label"] == "spam" for r in test])
        assert scores.score[y].min() > scores.score[~y].max(), (scores.score, [e["symbols"] for e in scores.extra])
        assert scores.spam[y].all() and not scores.spam[~y].any(), [e["action"] for e in scores.extra]
        assert any(s.startswith("BAYES_SPAM") for s in scores.extra[0]["symbols"])
        assert timing["per_second"] > 0

        # A new training replaces the old model (the database is flushed): with the labels swapped, the same
        # texts now score the other way round.
        swapped = [{**r, "label": "ham" if r["label"] == "spam" else "spam"} for r in train]
        assert peer.train(swapped)["db_counts"] == {"spam": 24, "ham": 24}
        again, _ = peer.score(test)
        assert again.score[~y].min() > again.score[y].max()
        assert peer.dns_requests() == 0  # local checks only
    finally:
        peer.close()
    assert not peer.workdir.exists()


@pytest.mark.slow
def test_suite_with_rspamd(data_dir: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    require_rspamd(request)
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\n{BEGIN}\nold\n{END}\n")
    results = accuracy.main(["--data", str(data_dir), "--folds", "3", "--sections", "loco,cv,seed", "--no-tamis",
                             "--no-spamassassin", "--rspamd-min-learns", "10", "--rspamd-workers", "1",
                             "--out", str(tmp_path / "out"), "--doc", str(doc)])  # fmt: skip
    assert "rspamd" in results["meta"]["peers"] and results["meta"]["rspamd_dns_requests"] == 0
    assert "rspamd_errors" not in results["meta"]
    loco = results["sections"]["loco"]["corpora"]
    for name, entry in loco.items():
        rs = entry["peers"]["rspamd"]
        assert rs["db_counts"] == rs["learned"], name
        assert rs["train_rows"] == entry["train_n"]  # the tiny corpora are below the cap
        assert rs["sample"]["n"] == entry["sample_n"] and "sample" in entry["peers"]["baseline"]
    alpha = results["sections"]["cv"]["alpha"]
    assert "rspamd" in alpha["pooled"] and "tamis_vs_rspamd_sample" not in alpha["won_lost_tied"]
    assert len(alpha["rspamd_folds"]) == 3
    assert all(f["db_counts"] == f["learned"] for f in alpha["rspamd_folds"])
    assert "rspamd (all corpora)" in results["sections"]["seed"]["peers"]
    page = doc.read_text()
    assert "**rspamd**" in page and "| rspamd, all rows |" in page
