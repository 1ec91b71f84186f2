"""SPAM_TOPIC: the comment names a classic spam topic (gambling, pharma, supplements, loans, money-making,
crypto/investment, adult, prizes, SEO, advance-fee fraud, replicas) in any of the languages model/topics.py knows, *and* gives the
reader somewhere to go: a link, a phone number, an e-mail address, a price or a messenger @handle.

The same lexicon feeds the classifier as ``topic:`` tokens; this hit carries it as evidence a moderator can read
("earning: заработок, crypto: usdt") and with a weight fitted by stacking on held-out scores (model/train.py
FITTABLE), so what the topic adds on a site the classifier never saw is measured rather than assumed.  One hit
per comment; each further topic counts as one more occurrence (an investment scam names crypto *and* earning).
Why the call to action?  Genuine comments talk about these topics too ("crypto is a scam", "porn", "SEO is
dead"); offers point somewhere.  Measured over ../shared/data: a topic alone fires on 178 Reddit, 10 SMS and 5
Telegram genuine messages; with a call to action on 5, 0 and 0, while 91% of the spam that names a topic keeps
it (Stack Exchange 2,457 of 2,522, Telegram 470 of 537, SMS 103 of 113, YouTube 31 of 34).  Without it the
stacked weight (+2.65) pushed Reddit's false positives up and with them every fold's threshold (YouTube
recall at the fold's threshold 49.8% -> 42.1%).  Evidence, never proof: a forum about poker or a pharmacy's own comment section names its topic every day, and
the per-site learning layer (learning/) takes the weight back down there from the moderators' reports.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model.topics import topic_matches
from ..types import Hit
from .base import Weights
from .promotion import contact_requests

if TYPE_CHECKING:
    from ..engine.analysis import Analysis


# a messenger handle ("@chezarius", "✈️@pay9637"), not an e-mail address (no word or dot before the @)
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][A-Za-z0-9_]{4,}")
_CTA_SHAPES = (("shape:phone", "a phone number"), ("shape:email", "an e-mail address"), ("shape:money", "a price"))


def call_to_action(a: Analysis) -> str:
    """What the comment points the reader to, or "" (links, then phone, e-mail, price, @handle, and a
    PROMO_CONTACT phrase: "пишите + в лс", "contact me on WhatsApp", "加微信 abc123")."""
    if a.body_links:
        return "a link"
    for tok, what in _CTA_SHAPES:
        if tok in a.meta_tokens:
            return what
    if "@" in a.text and _HANDLE.search(a.text):
        return "an @handle"
    if contact_requests(a):
        return "a contact request"
    return ""


def topic(a: Analysis, w: Weights) -> list[Hit | None]:
    found = topic_matches(a.text)
    if not found:
        return []
    cta = call_to_action(a)
    if not cta:
        return []
    ev = ", ".join(f"{t}: {word}" for t, word in found)
    return [w.hit("SPAM_TOPIC", f"{ev}; with {cta}", count=len(found))]
