"""Property tests: disguising a spam (interleaved symbols, homoglyphs, zero-width characters, styled letters,
Chinese spaced out between its characters) never turns it into ham.  The disguise is undone for the classifier and counted as evidence on top."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tamis.engine import Engine
from tamis.types import Comment

@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


SPAMS = [
    "Earn $500 per day working from home!!! Click here http://bit.ly/x8Yz and join now, limited offer, "
    "contact us on WhatsApp for your free bonus",
    "Google pays all people $99 hourly to do some small tasks with a laptop. Anyone can join this job, "
    "I bought a car after making $14252 in six weeks. Take a look at http://GoogleHomeBasedJobs/get/cash",
    "Buy cheap viagra online without prescription, best price pharmacy, fast delivery, order now at "
    "www.cheap-pills-online.example.ru",
]
CYRILLIC = str.maketrans("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ")
BOLD = {**{c: chr(0x1D41A + i) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")},
        **{c: chr(0x1D400 + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}}
ZW = ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad"]
SYMBOLS = ["♥", "♥♥", "*", "★", "•", "~", "♦♦"]


def interleave(word: str, sym: str) -> str:
    return sym + sym.join(word) + sym


def disguise(text: str, kind: str, data: st.DataObject) -> str:
    words = text.split(" ")
    out = []
    for w in words:
        if not (w.isalpha() and len(w) >= 4 and data.draw(st.booleans())):
            out.append(w)
            continue
        if kind == "interleave":
            out.append(interleave(w, data.draw(st.sampled_from(SYMBOLS))))
        elif kind == "homoglyph":
            out.append(w.translate(CYRILLIC))
        elif kind == "zero_width":
            z = data.draw(st.sampled_from(ZW))
            out.append(z.join(w))
        elif kind == "styled":
            out.append("".join(BOLD.get(c, c) for c in w))
        else:  # pragma: no cover
            raise AssertionError(kind)
    return " ".join(out)


@pytest.mark.parametrize("spam", SPAMS)
def test_plain_spam_is_spam(engine: Engine, spam: str) -> None:
    assert engine.check(Comment.from_dict({"comment_content": spam})).spam


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), spam=st.sampled_from(SPAMS),
       kind=st.sampled_from(["interleave", "homoglyph", "zero_width", "styled"]))
def test_disguised_spam_stays_spam(engine: Engine, data: st.DataObject, spam: str, kind: str) -> None:
    plain = engine.check(Comment.from_dict({"comment_content": spam}))
    disguised = disguise(spam, kind, data)
    v = engine.check(Comment.from_dict({"comment_content": disguised}))
    assert v.spam, (disguised, v.reasons())
    assert v.score >= plain.score - 0.05 or v.spam


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kind=st.sampled_from(["interleave", "homoglyph", "zero_width", "styled"]))
def test_disguise_is_counted(engine: Engine, data: st.DataObject, kind: str) -> None:
    text = "Please visit wonderful website today friends"
    d = disguise(text, kind, data)
    a = engine.analyze(Comment.from_dict({"comment_content": d}))
    if d != text:
        expected = {"interleave": "interleaved", "homoglyph": "homoglyph", "zero_width": "invisible",
                    "styled": "styled"}[kind]
        assert a.disguises.get(expected, 0) >= 1
        assert a.text.lower().split() == text.lower().split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.text(max_size=400), author=st.text(max_size=40), url=st.text(max_size=60))
def test_any_text_gives_a_verdict(engine: Engine, content: str, author: str, url: str) -> None:
    v = engine.check(Comment.from_dict({"comment_content": content, "comment_author": author,
                                        "comment_author_url": url, "blog_lang": "en"}))
    assert 0.0 <= v.score <= 1.0
    assert v.skipped == ()


CHINESE_SPAMS = [
    "专业代发炸群，僵尸粉活粉在线粉，价格美丽，联系电报 @kk7985",
    "日赚500元，在家兼职，加微信 abc123 了解详情",
]


def space_out(text: str, data: st.DataObject) -> str:
    """A space after some Han characters, as the grey-market ads write them ("电 报 微 信 拉 人")."""
    out = []
    for i, c in enumerate(text):
        out.append(c)
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if "\u4e00" <= c <= "\u9fff" and "\u4e00" <= nxt <= "\u9fff" and data.draw(st.booleans()):
            out.append(" ")
    return "".join(out)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), spam=st.sampled_from(CHINESE_SPAMS))
def test_spaced_out_chinese_spam_stays_spam(engine: Engine, data: st.DataObject, spam: str) -> None:
    plain = engine.check(Comment.from_dict({"comment_content": spam}))
    assert plain.spam
    spaced = space_out(spam, data)
    v = engine.check(Comment.from_dict({"comment_content": spaced}))
    assert v.spam, (spaced, v.reasons())
    assert v.score >= plain.score - 0.05, (spaced, v.reasons(), plain.reasons())
