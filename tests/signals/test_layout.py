"""PROMO_EMOJI_BULLETS: lines opened by emoji, and the emoji styles of genuine comments that must not fire
(measured on ../shared/data: see signals/layout.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tamis.engine import Engine
from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.layout import count_bullets, layout
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def hit(text: str):
    a = analyze(Comment.from_dict({"comment_content": text}), None)
    got = [h for h in layout(a, W) if h is not None]
    return got[0] if got else None


@pytest.mark.parametrize("text, n", [
    # tg's rows carry line breaks as double spaces
    ("😍 Biggest Mega Giveaway\u00a0  Claim & Share 🔥  ✅ Link :  https://example.in/l?id=3  🎁 Per User : 40", 3),
    ("🚀 Airdrop is LIVE\n💰 200% bonus on first deposit\n✅ Instant withdrawals\n👉 Join now", 4),
    ("<p>🔥 Hot offer</p><p>💎 VIP signals</p>", 2),
    ("Новый канал! ✅ Бесплатные сигналы  ✅ Ежедневный доход", 2),
    ("🇺🇸 USA cards\n🇬🇧 UK cards", 2),  # flags: regional indicators
    ("✔️ Verified accounts\n➡️ Message me", 2),  # with the variation selector
    ("👍🏽 Great seller\n👍🏽 Fast", 2),  # skin tone
])
def test_bullets_counted(text: str, n: int) -> None:
    assert count_bullets(text) == n


@pytest.mark.parametrize("text", [
    "Say it with me now: WE 👏LOVE 👏PAT 👏C 👏AND 👏WE 👏DON'T 👏CARE",  # emoji between words (Reddit ham)
    "when 😤 mommy 🤨 gets 👀 the 🤔 bendies 😫 just 🔥🔥🔥 right 👌",
    "Poor kitty.💗 I can hear that howl and see that face! You betrayed her! 😛",
    "😂 this is the best thing I have read today",  # one emoji at the start is one bullet, not a list
    "Loved it 😍😍😍",
    "Arrow keys -> and <- work; ✓",
    "",
    "plain ascii text\nwith lines\n- and a list",
])
def test_genuine_emoji_styles_do_not_fire(text: str) -> None:
    assert hit(text) is None


def test_weight_grows_with_bullets_and_is_capped() -> None:
    two = hit("✅ one\n✅ two")
    three = hit("✅ one\n✅ two\n✅ three")
    many = hit("\n".join(f"✅ item {i}" for i in range(10)))
    assert two is not None and three is not None and many is not None
    assert two.name == "PROMO_EMOJI_BULLETS"
    assert two.weight == 1.5 and three.weight == 2.0 and many.weight == 2.5
    assert "10 lines" in many.evidence


def test_engine_reports_the_hit() -> None:
    v = Engine.load().check(Comment.from_dict({
        "comment_content": "🚀 Airdrop is LIVE\n💰 200% bonus\n✅ Instant withdrawals\n👉 Join our channel"}))
    assert any(r.startswith("PROMO_EMOJI_BULLETS(") for r in v.reasons(20))


_EMOJI = st.sampled_from(["👏", "😂", "🔥", "✅", "❤️", "👍🏽", "💯", "🚀"])
_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежз", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORD, _EMOJI), min_size=1, max_size=30))
def test_emoji_between_words_never_counts(pairs: list[tuple[str, str]]) -> None:
    """The Reddit style: emoji after a word and a space, inside one line, however many."""
    text = "Word " + " ".join(f"{w} {e}{w}" for w, e in pairs)
    assert count_bullets(text) == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_EMOJI, _WORD), min_size=2, max_size=12), st.sampled_from(["\n", "  ", "\r\n", ". "]))
def test_each_line_opened_by_an_emoji_counts(items: list[tuple[str, str]], sep: str) -> None:
    text = sep.join(f"{e} {w}" for e, w in items)
    assert count_bullets(text) == len(items)
