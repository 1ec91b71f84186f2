"""PROMO_EMOJI_BULLETS: a broadcast advert's layout, lines that start with a pictograph ("✅ Fast payouts",
"🔥 Join now", "💰 Bonus 200%").

##############################################################################################################
# Why look at layout?  Leave-one-corpus-out left 568 of tg's 1,497 spam rows under the shipped threshold (model
# 52d8b3be, bench/out scratch dump of the tg-held-out fold).  Most of them are channel and crypto adverts that
# the other corpora have no words for ("Lifafa giveaway", "drop your wallet", "airdrop live", Chinese bank-card
# offers), but they are laid out the same way: one short line per selling point, each opened by an emoji.
# That layout is what a broadcast advert looks like in every language, and the classifier cannot see it
# (emoji are not words, and the line breaks are gone from its tokens).
#
# What counts as a bullet?  A run of pictographs (arrows, dingbats, geometric shapes, the emoji planes; with
# variation selectors, joiners and skin tones) at the start of a line, followed by a word or an amount.  A line
# starts at the start of the text, after a newline or a closing markup tag, after a run of two or more spaces (a
# line break flattened by a form, an export or a corpus: tg's rows carry their line breaks as double spaces),
# and after a sentence's end.  The hit needs two bullets.  Counted over ../shared/data, rows (spam / ham):
#   rule                                           >= 2 bullets                  >= 3 bullets
#   emoji after any space, then a letter           tg 533/0, Reddit 0/10,        tg 451/0, Reddit 0/5,
#     (first draft)                                YouTube 3/1, e-mail 3/0       YouTube 2/0, e-mail 3/0
#   at line starts only                            tg 349/0, e-mail 2/0          tg 295/0, e-mail 2/0
#   at line starts and sentence ends               tg 386/0, e-mail 2/0,         tg 316/0, e-mail 2/0,
#                                                  YouTube 1/0                   YouTube 1/0
#   the same, then a letter, digit or currency     tg 396/0, e-mail 2/0,
#     sign ("💰 200%"; this module)                YouTube 1/0
# Of 71,000 rows (46,000 of them genuine Reddit comments, many with emoji) no genuine one has two bullets at
# line starts.  The first draft's Reddit ham is the emoji-between-words style: "WE 👏LOVE 👏PAT", "when 😤
# mommy 🤨 gets 👀 the": emoji after a space inside a sentence, which the line-start rule leaves out.
#
# Fitted or hand-set?  Hand-set (signals/__init__.py), like PROMO_OFFER: only tg shows the layout, so with tg
# held out stacking would see no row that has it and could not weigh it, and with tg in training it would
# take whatever tg's 0 ham allow.  +1.5 for two bullets, +0.5 for each further one, up to +2.5: evidence
# that, with the words of an advert, makes a broadcast spam, and that alone leaves a genuine announcement
# ("✅ fixed the login bug / ✅ added dark mode", which a forum's own release notes can look like) to the
# classifier, whose score for a genuine comment is far below zero.  Measured (nested leave-one-corpus-out,
# python -m tamis.model.evaluate): tg held out, recall at the fold's threshold 69.2% -> 74.4% at the same 2.2%
# FP, recall @1% FP 55.2% -> 62.3%; no other fold moves (docs/benchmarks.md, "Seventh session").
##############################################################################################################
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis
    from ..types import Hit

# Pictographs: arrows, misc technical, geometric shapes, misc symbols and dingbats, supplemental arrows,
# misc symbols and arrows, circled ideographs, and the emoji planes (U+1F000-U+1FAFF).
_PICTO = "\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\u3297\u3299\U0001F000-\U0001FAFF"
_MODIFIERS = "\ufe0f\u200d\U0001F3FB-\U0001F3FF"
# The run of pictographs, then spaces, then a word ([^\W_]: any script's letters and digits, styled ones
# included) or an amount ("💰 $500").
_BULLET = re.compile(f"[{_PICTO}][{_PICTO}{_MODIFIERS}]*[ \\t\\u00a0]*(?=[^\\W_]|[$€£₹¥])")
_SENTENCE_END = frozenset(".!?:")
MAX_CHARS = 4000  # an advert's bullets are near its start


def _at_line_start(s: str, i: int) -> bool:
    if i == 0:
        return True
    prev = s[i - 1]
    if prev in "\n\r>":
        return True
    if not prev.isspace():
        return False
    if i == 1:
        return True
    before = s[i - 2]
    return before.isspace() or before in _SENTENCE_END


def count_bullets(raw: str) -> int:
    """Pictograph bullets at line starts in ``raw`` (the comment body as sent, markup included)."""
    s = raw[:MAX_CHARS]
    if s.isascii():  # most comments; otherwise the scan skips ahead to each pictograph (~6 µs on 800 characters)
        return 0
    return sum(1 for m in _BULLET.finditer(s) if _at_line_start(s, m.start()))


def layout(a: Analysis, w: Weights) -> list[Hit | None]:
    n = count_bullets(a.body.raw)
    if n < 2:
        return []
    return [w.hit("PROMO_EMOJI_BULLETS", f"{n} lines open with an emoji", count=n - 1)]
