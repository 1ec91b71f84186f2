"""Features are stable across processes; training works on small data; the evaluation driver runs."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tamis.engine import Engine, train
from tamis.model.features import FeatureConfig, char_ngram_hashes, featurize, hash_token, word_tokens
from tamis.types import Comment


def test_hash_is_stable_across_processes() -> None:
    code = "from tamis.model.features import hash_token; print(hash_token('w:viagra', 20))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(out) == hash_token("w:viagra", 20)


def test_char_ngrams_cover_scripts_without_spaces() -> None:
    h = char_ngram_hashes(" 买卖银行账户高价收购 ", 3, 5, 20)
    assert len(h) > 10 and h.max() < 2**20 and len(np.unique(h)) == len(h)


def test_word_tokens_fold_digits_and_long_words() -> None:
    assert word_tokens("Win $14252 NOW " + "x" * 40) == ["win", "00000", "now", "skip:4"]


def test_featurize_blocks_are_normalised() -> None:
    f = featurize("free money now", ["url:bit.ly"], FeatureConfig(n_bits=18))
    assert len(f.indices) == len(f.values) and f.indices.max() < 2**18
    assert "w:free" in f.tokens and "url:bit.ly" in f.tokens


SPAM = ["buy cheap pills online http://pills.example.ru", "earn money fast click http://bit.ly/x now",
        "free bitcoin bonus join t.me/scam", "hot singles in your area http://dating.example.xyz"]
HAM = ["thanks for the article, very helpful", "I disagree with the second point", "what a great game last night",
       "my cat does the same thing", "this recipe worked for me", "see you at the meeting tomorrow"]


def rows() -> list[dict[str, str]]:
    out = []
    for k, src in enumerate(["a", "b", "c"]):
        for i, t in enumerate(SPAM * 5):
            out.append({"comment_content": f"{t} {i} {src}", "label": "spam", "source": src, "comment_type": "comment"})
        for i, t in enumerate(HAM * 5):
            out.append({"comment_content": f"{t} {i}", "label": "ham", "source": src, "comment_type": "comment"})
    return out


def test_train_small_and_round_trip(tmp_path: object) -> None:
    e = train(rows(), progress=False, n_bits=16)
    assert isinstance(e, Engine)
    assert e.check(Comment.from_dict({"comment_content": "buy cheap pills online http://pills.example.ru"})).score > \
        e.check(Comment.from_dict({"comment_content": "thanks for the article, very helpful"})).score
    e.save(tmp_path / "m")  # type: ignore[operator]
    e2 = Engine.load(tmp_path / "m")  # type: ignore[operator]
    assert e2.model_version == e.model_version
    assert e2.manifest["thresholds"]["spam"] == pytest.approx(e.spam_threshold)
    # ham_df (what the learning layers damp everyday words with) survives the round trip: "the" is in 4 of HAM's 6
    # texts, a spam-only word in none.
    assert e.ham_df is not None and e2.ham_df is not None
    assert np.allclose(e2.ham_df, e.ham_df, atol=1e-3)
    assert e2.ham_df[hash_token("w:the", 16)] == pytest.approx(4 / 6, abs=1e-3)
    assert e2.ham_df[hash_token("w:pills", 16)] == 0.0


def test_train_rejects_one_class_and_unknown_options() -> None:
    with pytest.raises(ValueError, match="both labels"):
        train([{"comment_content": "x", "label": "ham"}], progress=False)
    with pytest.raises(TypeError, match="unknown training option"):
        train(rows(), progress=False, bogus=1)


def test_train_without_sources_or_calibration() -> None:
    rs = [{k: v for k, v in r.items() if k != "source"} for r in rows()]
    e = train(rs, progress=False, n_bits=16)
    assert 0 < e.spam_threshold < 1


def test_leave_one_corpus_out_driver_runs() -> None:
    from tamis.model.evaluate import leave_one_corpus_out, markdown_table

    res = leave_one_corpus_out(rows(), {"n_bits": 16}, progress=False, shipped_z=0.0)
    assert sorted(res["corpora"]) == ["a", "b", "c"]
    r = res["corpora"]["a"]
    assert r["spam"] == 20 and r["ham"] == 30
    assert 0.0 <= r["auc"] <= 1.0 and r["recall_at_shipped"] is not None
    assert markdown_table(res).count("\n") == 4
