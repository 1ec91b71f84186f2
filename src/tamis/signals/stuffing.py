"""PROMO_KEYWORD_STUFFED: one capitalised name repeated through a short text, the SEO article spinner's mark
("Kronos Muscle isn't one of the more uncommon things ... I'm betting the farm on Kronos Muscle ... Kronos Muscle
is a good touch. It is my secret Kronos Muscle weapon").

##############################################################################################################
# Why?  Of the Stack Exchange spam that nested leave-one-corpus-out left under the fold's threshold (5,091 of
# 10,187 rows, model 29ed728e's code with the word block at 0.5), the largest family is the spun product
# "review": a supplement's or a gadget's name, two to four capitalised words, repeated in every other sentence so
# that a search engine ties the page to the name.  The classifier reads the words, but a spinner's synonyms
# ("hostile to maturing item") make them unlike any training text; the repetition survives the spinning.  It
# is what blog comment spam has done since the first pharmacy links, and the author-name version has long been
# AUTHOR_KEYWORD_STUFFED.
#
# What counts?  A pair of adjacent capitalised words (Latin, Cyrillic or Greek capitals; the first not a sentence
# opener such as "The", "On", "Dear": "The Xmas story is peace.. The Xmas msg is love.." is an SMS greeting)
# that occurs at least three times in a text of at most 1,500 characters.  Pairs, not whole runs: a sentence's
# first word joins the name it precedes ("Only Kronos Muscle", "Купите Супер Крем"), and a three-word name
# holds its pairs as often as itself.  Not a word twice ("Yeah Yeah Yeah! Im still Standing Yeah Yeah Yeah!", a
# Reddit comment quoting a song).  Longer texts are left out: e-mail threads repeat their participants' names
# ("Chris Garrigues" in every quoted header) and newsletters their subjects.  Counted over ../shared/data (rows,
# spam / ham), the first draft without the opener list and the length limit: Stack Exchange 683 / 0, tg 21 / 0,
# YouTube 3 / 1, e-mail 126 / 177, Reddit 0 / 1, SMS 0 / 1.
# This module (pairs, the opener list, 1,500 characters, not a word twice): Stack Exchange 718 / 0, tg 27 / 0,
# e-mail 65 / 68 (short list messages naming a product or a person), YouTube 2 / 1 (a fan's "Katy Perry is part
# of me Katy Perry is my firework Katy Perry, I love you"), Reddit 0 / 1 ("Fire Emblem channel ... plays Fire
# Emblem and Fire Emblem Heroes"), SMS 0 / 0.
#
# Fitted or hand-set?  Hand-set at +1.5 (signals/__init__.py): the ham that shows the pattern is e-mail, whose
# weight in stacking would set the weight for comments, where it is on 2 genuine rows of 46,942.  Evidence,
# never proof: a fan's comment or a review that names its subject three times scores +1.5 on top of a
# classifier that reads it as conversation.  Simulated on the per-row dump of the first draft (the hit's rows
# +w): Stack Exchange recall at the fold's threshold 50.0% -> 51.4% (+1.0) / 52.1% (+1.5), e-mail recall @1% FP
# 35.6% -> 36.0%, no other corpus moves a row.  Measured with this module (nested leave-one-corpus-out, the word
# block at 0.5 before and after): Stack Exchange 50.0% -> 52.4%, e-mail recall @1% FP 35.6% -> 36.3%, tg
# 79.3% -> 79.5%, YouTube 81.0% -> 81.2%, SMS unchanged (docs/benchmarks.md, "Fifteenth session").
##############################################################################################################
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis
    from ..types import Hit

MAX_CHARS = 1500
MIN_REPEATS = 3
_UP, _LOW = "A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω", "a-zß-öø-ÿа-яёά-ώ"
# a run of capitalised words; all but the first may hold digits ("Galaxy S5", "Xtreme 2")
# (the look-behind after the first capital, not before it: the same matches, and the regex tries it only where a
# capital is, 5.5 -> 2.2 µs a text on the bench.speed sample)
_NAME = re.compile(rf"[{_UP}](?<![\w'’-].)[{_LOW}]+(?:[ \t]+[{_UP}][{_LOW}0-9]+)+(?![\w'’-])")
# words that open a sentence or a salutation: a pair starting with one is a sentence start, not a name
_OPENERS = frozenset("""
    the a an on in at of for to and but or if it its this that these those my our your his her their we you he
    she they i is are was re dear hi hello hey thanks thank yes no so then when what why how who where here there
    happy merry good best
""".split())


def repeated_name(text: str) -> tuple[str, int] | None:
    """The most repeated capitalised name of ``text`` and its count, if it is repeated MIN_REPEATS times."""
    if len(text) > MAX_CHARS:
        return None
    names: Counter[str] = Counter()
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        names.update(f"{a} {b}" for a, b in zip(words, words[1:]) if a.lower() not in _OPENERS and a != b)
    if not names:
        return None
    name, n = names.most_common(1)[0]
    return (name, n) if n >= MIN_REPEATS else None


def stuffing(a: Analysis, w: Weights) -> list[Hit | None]:
    got = repeated_name(a.text)
    if got is None:
        return []
    name, n = got
    return [w.hit("PROMO_KEYWORD_STUFFED", f"{name!r} {n} times in {len(a.text):,} characters")]
