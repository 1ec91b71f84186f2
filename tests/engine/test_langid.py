"""engine/langid.py: the fast classify gives py3langid's results exactly, and only for an automaton it verified."""

from __future__ import annotations

import random

import pytest

from tamis.engine import langid


@pytest.fixture(scope="module")
def ident():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_the_bundled_automaton_is_verified_aho_corasick(ident) -> None:  # type: ignore[no-untyped-def]
    fp = langid.fingerprint(ident)
    if fp not in langid.VERIFIED:
        pytest.skip(f"py3langid's model changed ({fp}): the engine uses the library's classify")
    assert langid.aho_corasick_depth(ident) == langid.VERIFIED[fp]


def test_same_results_as_the_library(ident) -> None:  # type: ignore[no-untyped-def]
    fast = langid.fast_classifier(ident)
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(32, 127)] + list("éàüßñçабвгдежзийклмнопрстуфхцчшщыэюя的一是不了人我\n") + ["\ud800"]
    texts = [*langid._SELF_TEST, "A" * 300, bytes(range(256)).decode("latin-1")]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(2000)]
    for text in texts:
        assert fast(text) == ident.classify(text), text


def test_an_unverified_automaton_falls_back_to_the_library(ident, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(langid, "VERIFIED", {})
    assert langid.fast_classifier(ident) == ident.classify
