"""PROMO_KEYWORD_STUFFED: a capitalised name repeated through a short text (signals/stuffing.py), and the
repetitions of genuine texts that must not fire."""

from __future__ import annotations

import pytest

from tamis.engine import Engine
from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.stuffing import MAX_CHARS, repeated_name, stuffing
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def hits(text: str):
    a = analyze(Comment.from_dict({"comment_content": text}), None)
    return [h for h in stuffing(a, W) if h is not None]


SPUN = ("Kronos Muscle isn't one of the more uncommon things around the world today. I'm betting the farm on "
        "Kronos Muscle. In spite of that, what do I imply by that? Kronos   Muscle is a good touch. It is my "
        "secret Kronos Muscle weapon.")


@pytest.mark.parametrize("text, name, n", [
    (SPUN, "Kronos Muscle", 4),
    ("By a rapid edge at least Testo Muscle Fuel perpetual number of Testo Muscle Fuel usual open, Testo Muscle "
     "Fuel are taking", "Testo Muscle", 3),
    ("Now is a wicked time as this regards to T Boost Max. Using a T Boost Max is real. It is another T Boost Max "
     "that you might think", "Boost Max", 3),
    # other scripts have capitals too
    ("Купите Супер Крем сегодня. Супер Крем работает. Только Супер Крем!", "Супер Крем", 3),
    # a model number after the name
    ("Galaxy S5 cases here. The Galaxy S5 deal. Best Galaxy S5 price", "Galaxy S5", 3),
])
def test_repeated_names_found(text: str, name: str, n: int) -> None:
    assert repeated_name(text) == (name, n)


@pytest.mark.parametrize("text", [
    # twice is a conversation
    "Red Hat ships it, and Red Hat supports it for ten years.",
    # a sentence opener repeated is a greeting, not a name (an SMS in ../shared/data)
    "The Xmas story is peace.. The Xmas msg is love.. The Xmas miracle is jesus.. Hav a blessed month ahead",
    "Dear Sir, thanks. Dear Sir, again. Dear Sir, once more.",
    # a word repeated is a song, not a name (a Reddit comment in ../shared/data)
    "Yeah Yeah Yeah! Im still Standing Yeah Yeah Yeah!",
    # lower case is no name
    "kronos muscle, kronos muscle, kronos muscle",
    # one capitalised word is not a name of two
    "Linux here, Linux there, Linux everywhere: Linux!",
])
def test_no_stuffing(text: str) -> None:
    assert repeated_name(text) is None
    assert hits(text) == []


def test_long_texts_left_out() -> None:
    """An e-mail thread repeats its participants' names: past MAX_CHARS the text is not read."""
    text = SPUN + " filler" * (MAX_CHARS // 7)
    assert len(text) > MAX_CHARS
    assert repeated_name(text) is None


def test_hit_evidence_and_weight() -> None:
    [h] = hits(SPUN)
    assert h.name == "PROMO_KEYWORD_STUFFED"
    assert "'Kronos Muscle' 4 times" in h.evidence
    assert h.weight == pytest.approx(1.5)


def test_bundled_engine_reports_it() -> None:
    v = Engine.load().check(Comment.from_dict({"comment_content": SPUN}))
    assert any(r.startswith("PROMO_KEYWORD_STUFFED(") for r in v.reasons(20))
