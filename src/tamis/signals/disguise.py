"""DISGUISE_* hits: the disguises normalize/ undid in the body and the author name, with their counts.

##############################################################################################################
# How much is a disguise worth?  In ../shared/data, styled letters, homoglyphs inside Latin words and
# interleaved symbols occur in spam (tg, the seed) and almost never in ham; leetspeak-looking words also occur
# in ham (product codes, "l33t" jokes), so leet is weak.  The weights in the manifest are fitted on
# leave-one-corpus-out classifier scores together with the classifier (model/train.py, "stacking"); the
# defaults below are the hand-set starting point used when a manifest names no weight.
##############################################################################################################
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

# kind -> (hit name, minimum count before it counts)
# Homoglyphs count from the second word: one look-alike letter is a keyboard-layout slip, several are evasion.
# Over ../shared/data, texts with exactly one mixed-script word: 4 genuine ("Оh boy!" with a Cyrillic О,
# "Keychron K2С3H", a Greek "Οh my god") and 9 spam; with two or more: 56 spam, no genuine one.  At one word the
# fitted +2.5 made those genuine chat messages the tg fold's top false positives.  The single word is still
# folded back (the classifier and the topic lexicon read "трусиков", not "тpусиков").
KINDS = {
    "invisible": ("DISGUISE_INVISIBLE", 1),
    "styled": ("DISGUISE_STYLED", 3),
    "homoglyph": ("DISGUISE_HOMOGLYPH", 2),
    "interleaved": ("DISGUISE_INTERLEAVED", 1),
    "spaced": ("DISGUISE_SPACED", 1),
    "leet": ("DISGUISE_LEET", 1),
    "url": ("DISGUISE_URL", 1),
}


def disguise(a: Analysis, w: Weights) -> list[Hit | None]:
    counts = dict(a.disguises)
    for k, v in a.author_disguises.items():
        counts[k] = counts.get(k, 0) + v
    out: list[Hit | None] = []
    for kind, n in counts.items():
        name, floor = KINDS.get(kind, (None, 0))
        if name is None or n < floor:
            continue
        out.append(w.hit(name, f"{kind}={n}", count=n))
    return out
