"""SPAM_TOPIC: the comment names a classic spam topic (gambling, pharma, supplements, loans, money-making,
crypto/investment, adult, prizes, SEO, advance-fee fraud, replicas, spell casters, hackers for hire, pirate
streaming, essay mills, romance scams, fake tech support) in any of the languages model/topics.py knows, *and*
gives the reader somewhere to go: a link, a phone number, an e-mail address, a price, a messenger @handle, a
crypto wallet address, or a contact or offer phrase.

The same lexicon feeds the classifier as ``topic:`` tokens; this hit carries it as evidence a moderator can read
("earning: заработок, crypto: usdt") and with a weight fitted by stacking on held-out scores (model/train.py
FITTABLE), so what the topic adds on a site the classifier never saw is measured rather than assumed.  One hit
per comment; each further topic counts as one more occurrence (an investment scam names crypto *and* earning).
Why the call to action?  Genuine comments talk about these topics too ("crypto is a scam", "porn", "SEO is
dead"); offers point somewhere.  Measured over ../shared/data: a topic alone fires on 178 Reddit, 10 SMS and 5
Telegram genuine messages; with a call to action on 5, 0 and 0, while 91% of the spam that names a topic keeps
it (Stack Exchange 2,457 of 2,522, Telegram 470 of 537, SMS 103 of 113, YouTube 31 of 34).  Without it the
stacked weight (+2.65) pushed Reddit's false positives up and with them every fold's threshold (YouTube
recall at the fold's threshold 49.8% -> 42.1%).
A PROMO_OFFER phrase counts as the call to action too (twelfth session): "order now!", "click here", "claim your
prize", a pump channel's "10MINS LEFT BEFORE LAUNCH" are what an advert asks the reader to do, even without a link
("Lose 11 pounds in 7 days ... order now!", "13minutes before launch, BSC NETWORK! ... the upcoming moonshot").
Over ../shared/data SPAM_TOPIC gains 83 e-mail, 43 tg and 9 SMS spam rows and no genuine row of any corpus (the
genuine rows that name a topic beside an offer phrase, e-mail newsletters, already have a link).  Nested
leave-one-corpus-out: tg recall @1% FP 75.0% -> 76.4% (@0.1% FP 37.3% -> 42.5%), e-mail AUC .759 -> .771,
Stack Exchange recall at the fold's threshold 40.8% -> 41.8%; YouTube, which gains no row, moves by 3 rows of 838
(retraining).  Evidence, never proof: a forum about poker or a pharmacy's own comment section names its topic every day, and
the per-site learning layer (learning/) takes the weight back down there from the moderators' reports.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model.topics import topic_matches
from ..types import Hit
from .base import Weights
from .offer import offer_phrases
from .promotion import contact_requests

if TYPE_CHECKING:
    from ..engine.analysis import Analysis


# a messenger handle ("@chezarius", "✈️@pay9637"), not an e-mail address (no word or dot before the @)
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][A-Za-z0-9_]{4,}")
# A crypto wallet or contract address: where to send the money ("DONATE BITCOINS TO ME AT: 1FHeNq…", "✅ CA:
# 0x79C9…").  Ethereum-style (0x and 40 hex digits), Bitcoin (base58 from 1 or 3, bech32 bc1…), Tron (T…).
# Over ../shared/data: 18 tg spam rows, 1 YouTube, 1 e-mail spam, no genuine row of any corpus.  A call to
# action only (fourteenth session): SPAM_TOPIC still needs the topic, so a crypto forum's "my address is 0x…"
# is no spam unless it sells.  SPAM_TOPIC gains 1 tg and 1 YouTube spam row (the others had a link already).
_WALLET = re.compile(r"(?<![\w/=.-])(?:0x[a-fA-F0-9]{40}|[13](?=[1-9]*[a-km-zA-HJ-NP-Z])[a-km-zA-HJ-NP-Z1-9]{25,34}|"
                     r"bc1[ac-hj-np-z02-9]{25,62}|T[1-9A-HJ-NP-Za-km-z]{33})(?![\w/])")
_DIGIT_RUN = re.compile(r"\d")  # every address holds a digit: texts without one are not scanned
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
    if _DIGIT_RUN.search(a.text, 0, 4000) and _WALLET.search(a.text, 0, 4000):
        return "a wallet address"
    if contact_requests(a):
        return "a contact request"
    if offer_phrases(a):
        return "an offer"
    return ""


##############################################################################################################
# The investment scam's funnel.  "invest", "trader", "profit", "withdrawal" are everyday words (Reddit: "invest*"
# in 41 rows, "profit*" in 26), so the lexicon leaves them out; but a finance word *and* a private messenger to
# reach someone on ("I invested $500 and got $4,500, thanks to @Trader_Ann", "her withdrawals are real
# t.me/+Ab3…", "reach Mr Davis on WhatsApp for trading") is how every investment and "fund recovery" scam
# ends.  Counted over ../shared/data (the normalised text's first 4,000 characters: a finance word and an
# @handle, a t.me or wa.me link, or the word WhatsApp or Telegram): 216 tg spam rows, 1 e-mail spam, and 1 e-mail
# genuine row (The Register's newsletter, which names "crypto" itself, so this rule adds nothing there); e-mail
# addresses are not handles, nor is a reply's leading "@name".  113 of the tg rows and the e-mail spam name no
# crypto word of the lexicon.  With tg held out, 30 of them were missed.  Such a text names the crypto topic, the messenger
# being the evidence ("crypto: trader with an @handle").  The other languages' words are written from how their
# scams say it (the corpora hold too few to count).
##############################################################################################################
# Speed: the messenger is looked for first (a substring test or two), the finance words only then, and on the
# lower-cased text: one case-insensitive search of this alternation over every text cost 190 µs on average (a
# whole check is ~400 µs), the gated one costs nothing on the texts that name no messenger.
_FINANCE = re.compile(
    r"\b(?:invest(?:ed|ing|ment|ments|or|ors)?|traders?|trading|profits?|withdrawals?|payouts?|"
    r"invers(?:i[oó]n|iones|or|ores)|invertir|ganancias|investimentos?|lucros?|investissements?|"
    r"investieren|yat[ıi]r[ıi]m\w*|трейдер\w*|профит\w*|вывод\w*\s+средств)\b")
_FINANCE_ANCHORS = ("invest", "trad", "profit", "withdraw", "payout", "invers", "invertir", "gananc", "lucro",
                    "yat", "трейдер", "профит", "вывод")
# The testimonial, which names no finance word: "I made $207k with https://t.me/Kevin_…", "I have made $30,000 US
# dollars during the last 2 weeks with the help of @FxAnthony", "With $1,000 start-up i made €11,000".  A sum
# made and a stranger to reach; only with a messenger link or @handle, not the messenger's bare name ("I made
# 5 dollars on telegram stickers").  Over ../shared/data: 7 more tg spam rows, no other row of any corpus (the
# sum alone: 41 tg and 32 e-mail spam rows, 3 Reddit rows: "I got $10 on Anzac Day").
_TESTIMONIAL = re.compile(
    r"\b(?:made|earned|received|gained|cashed\s+out)\s+(?:over\s+|about\s+|around\s+|more\s+than\s+)?"
    r"(?:[$£€₹]\s?\d[\d,.]*k?|\d[\d,.]*\s*(?:k\b|usd\b|dollars|euros|pounds|btc\b|usdt\b|eth\b|[$£€]))")
_TESTIMONIAL_ANCHORS = ("made", "earned", "received", "gained", "cashed")
_MESSENGER_WORDS = ("whatsapp", "whats app", "telegram", "телеграм")


def messenger_contact(a: Analysis, low: str) -> str:
    """A private messenger the comment sends the reader to: a t.me / wa.me link, an @handle, or its name
    (``low``: the lower-cased text)."""
    if any(lk.messenger for lk in a.body_links):
        return "a messenger link"
    # not a reply's leading mention ("@johnny what's your trading strategy?"): chats and forums address people so
    if "@" in low and any(m.start() > 0 for m in _HANDLE.finditer(a.text.lstrip())):
        return "an @handle"
    if any(x in low for x in _MESSENGER_WORDS):
        return "a messenger"
    return ""


def finance_via_messenger(a: Analysis) -> tuple[str, str] | None:
    """("crypto", "<finance word> with <messenger>") when the text names both (see the banner), else None."""
    low = a.text[:4000].lower()
    via = messenger_contact(a, low)
    if not via:
        return None
    m = _FINANCE.search(low) if any(x in low for x in _FINANCE_ANCHORS) else None
    if m is None and via != "a messenger" and any(x in low for x in _TESTIMONIAL_ANCHORS):
        m = _TESTIMONIAL.search(low)
    return ("crypto", f"{m.group(0)} with {via}") if m else None


def topic(a: Analysis, w: Weights) -> list[Hit | None]:
    found = topic_matches(a.text)
    if not found or all(t != "crypto" for t, _ in found):
        if (fin := finance_via_messenger(a)) is not None:
            found = (*found, fin)
    if not found:
        return []
    cta = call_to_action(a)
    if not cta:
        return []
    ev = ", ".join(f"{t}: {word}" for t, word in found)
    return [w.hit("SPAM_TOPIC", f"{ev}; with {cta}", count=len(found))]
