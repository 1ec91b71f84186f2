"""BULK_MAILING: the marks of a mass mailing, which a person writing one comment never leaves: instructions for
stopping further messages ("to be removed from our mailing list, reply with REMOVE in the subject", "txt STOP to
87070", "if you do not wish to receive further offers"), the bulk mailer's legal cover ("sent in compliance with
Bill S.1618 Title III", "this is not unsolicited e-mail") and the "ADV:" label some laws asked of adverts.

##############################################################################################################
# Why a signal of its own?  A comment is written to one page; a mailing is sent to a list, and tells the list how
# to leave it.  Contact forms and comment sections receive the same mass mailings (the agency's "reply 'no' if
# you'd rather not hear from me again", the SMS marketer's "reply STOP"), pasted by the same software.  PROMO_OFFER
# already counted "reply STOP" and "to be removed from our list" as two of its forty sales calls (hand-set +2.5,
# at most three phrases); the mailing's footer says more than "click here" does, and stacking can now weigh it on
# its own (FITTABLE in model/train.py).  The phrases stay in PROMO_OFFER too: stacking fits this weight on top.
#
# Counted over ../shared/data (rows with at least one phrase below, head and tail of the text):
#   e-mail spam 796 of 1,809, e-mail genuine 35 of 4,109 (solicited newsletters' footers: "to be removed from
#   this list, use this link", "reply with REMOVE in the subject"); SMS spam 56, SMS genuine 0; Stack Exchange
#   spam 2; no genuine row of Reddit (46,037), YouTube or tg.
# Measured and left out:
#   - "unsubscribe" alone: 353 genuine e-mails against 335 spam (every newsletter says it); "to unsubscribe,
#     send/click ...": 27 genuine against 75 spam.  A legitimate list says "unsubscribe"; the 2002 spammer said
#     "remove", and the SMS marketer says "STOP".
#   - "you are receiving this because you signed up / opted in": 13 spam, 3 genuine.
#   - "if you prefer not to receive" / "no longer wish to receive": 22 spam, 5 genuine newsletters.
#   - a random token at the end of an e-mail's subject ("Save on Term Life... LEKOT", "... 26583", the hash
#     buster): 195 e-mail spam but 13 genuine, and the same shape ends 66 Reddit comments ("...lol", "... 8000").
# Scanned: the first 4,000 characters (the shared phrase view, its anchors found in the one automaton pass) and
# the last 2,000 (a footer sits at the end of a long e-mail).
##############################################################################################################
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights
from .promotion import MAX_CHARS, phrase_view, phrases_hit, register_anchors

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

HEAD_CHARS = MAX_CHARS  # 4,000: the shared phrase view's text (promotion.phrase_view)
TAIL_CHARS = 2000
# what a removal notice removes you from (PROMO_OFFER's removal notice names it too)
LIST_WORDS = r"(?:list|lists|mailings?|database|distribution|e-?mails?|messages?|correspondence|offers?)"
_BULK = [
    # the list owner's instruction, not a reader's "this post needs to be removed": the list or the way named
    rf"\bto\s+be\s+removed\b[^.\n]{{0,60}}?\b{LIST_WORDS}\b",
    r"\bto\s+be\s+removed\s*[,:.]?\s*(?:please\s+|simply\s+|just\s+)?(?:reply|click|send|e-?mail|write|call|visit|"
    r"go|hit|respond|contact|type)\b",
    r"\b(?:reply|respond|click|send)\b[^.\n]{0,60}?\bto\s+be\s+removed\b",
    rf"\bremoved?\s+(?:yourself|you|your\s+(?:name|address|e-?mail(?:\s+address)?))\s+from\s+(?:our|this|the|future|"
    rf"any|all)\s+(?:\w+\s+){{0,3}}{LIST_WORDS}\b",
    rf"\bremoved?\s+from\s+(?:our|this|future|any|all)\s+(?:\w+\s+){{0,3}}{LIST_WORDS}\b",
    # the keyword to send back: "with REMOVE in the subject", "subject line: remove", "reply STOP", "txt stop"
    r"\bremove\b[^.\n]{0,30}\bsubject\b|\bsubject(?:\s+line)?\b[^.\n]{0,30}\bremove\b",
    r"\b(?:reply|respond|text|txt|send)\s+(?:back\s+)?(?:with\s+)?(?:the\s+word\s+)?[\"'“]?(?:stop|remove|"
    r"unsubscribe)\b",
    r"\b(?:reply|respond)\s+(?:back\s+)?(?:with\s+)?[\"'“](?:no|no\s+thanks|not\s+interested)[\"'”]",
    r"\bstop\s*(?:to|2)\s*(?:\d{3,}|end|opt|unsub|cancel|quit)",
    r"\bopt[\s-]?out\s+of\s+(?:future|receiving|this|our|these|further)\b",
    r"\bif\s+you\s+(?:do\s+not|don'?t|no\s+longer|would\s+(?:rather|prefer)\s+not\s+to)\s+(?:want|wish|care|like)?"
    r"\s*(?:to\s+)?(?:receive|hear\s+from|get)\s+(?:any\s+)?(?:further|future|more|these|our|this)\b",
    # how the mailer came by the address: "your email address was obtained from a purchased list", "you are
    # receiving this letter because you have expressed an interest in receiving information", "you opted in"
    r"\b(?:your\s+(?:e-?mail\s+)?|e-?mail\s+)address\s+(?:was|has\s+been)\s+(?:obtained|collected|acquired|"
    r"gathered|harvested|added|found)\b|\bpurchased\s+(?:mailing\s+|e-?mail\s+|opt[\s-]?in\s+)?list\b",
    r"\bexpressed\s+(?:an\s+)?interest\s+in\s+receiving\b|\bif\s+this\s+is\s+erroneous\b",
    r"\byou\s+(?:have\s+)?(?:previously\s+)?opted[\s-]in\b|\bopt[\s-]in\s+(?:list|e-?mail\s+list|database|"
    r"mailing\s+list)\b",
    # the bulk mailer's legal cover
    r"\bs\.?\s?1618\b|\bsection\s+301\b|\bcannot\s+be\s+considered\s+spam\b|"
    r"\bthis\s+(?:e-?mail\s+|message\s+)?is\s+not\s+(?:spam|unsolicited)\b",
]
_ANCHORS = [("removed",), ("removed",), ("removed",), ("remove",), ("removed",), ("subject",),
            ("reply", "respond", "text", "txt", "send"), ("reply", "respond"), ("stop",), ("opt",), ("if you",),
            ("address", "purchased"), ("expressed", "erroneous"), ("opted", "opt-in", "opt in"),
            ("1618", "301", "spam", "unsolicited")]
_RX = [(a, re.compile(p)) for p, a in zip(_BULK, _ANCHORS, strict=True)]
_ADV = re.compile(r"(?:(?i:re|fwd?):\s*)*\[?ADV\]?\s*:")  # the label opens the text (an e-mail's subject)


def _scan(part: str, present: set[str] | None, found: list[str]) -> None:
    """Append the phrases in ``part`` (lower-cased) to ``found``; ``present``: the anchors known to be in it (None:
    test each pattern's anchors here)."""
    spans: list[tuple[int, int]] = []
    for anchors, rx in _RX:
        if present is not None and present.isdisjoint(anchors):
            continue
        if present is None and not any(x in part for x in anchors):
            continue
        for m in rx.finditer(part):
            # "to be removed from this list" is one instruction, not two ("removed from this list")
            if not any(a < m.end() and m.start() < b for a, b in spans):
                spans.append(m.span())
                found.append(" ".join(m.group(0).split()))


def bulk_phrases(text: str, head: tuple[str, set[str] | None] | None = None) -> list[str]:
    """The mass mailing's phrases in ``text`` (normalised), in the order found.  ``head``: the shared phrase view
    of the first HEAD_CHARS characters (promotion.phrase_view: lower-cased, with the registered anchors present),
    which the engine has already computed; without it the text is lower-cased here."""
    found = ["ADV:"] if _ADV.match(text) else []
    low, present = head if head is not None else (text[:HEAD_CHARS].lower(), None)
    _scan(low, present, found)
    if len(text) > HEAD_CHARS:  # a long mailing's footer
        _scan(text[max(HEAD_CHARS, len(text) - TAIL_CHARS):].lower(), None, found)
    return found


register_anchors(_ANCHORS)


def bulk(a: Analysis, w: Weights) -> list[Hit | None]:
    return phrases_hit(w, "BULK_MAILING", bulk_phrases(a.text, phrase_view(a)))
