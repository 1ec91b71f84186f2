"""The Analysis: every normalised view of one comment, computed once and shared by all signals, the classifier
and (outside the engine) near-duplicate fingerprints and per-site learned layers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model.features import Features, FeatureConfig, featurize
from ..model.topics import topic_tokens
from ..normalize import Link, NormalizedText, fold, make_link, normalize_text
from ..normalize.urls import timestamp_link
from ..signals.language import MIN_LETTERS as _LANG_MIN_LETTERS
from ..signals.language import WINDOW as _LANG_WINDOW
from ..signals.language import blog_languages
from ..types import Comment

_EMAIL_DOMAIN = re.compile(r"@([^@\s>]+)\s*>?\s*$")


@dataclass(frozen=True, slots=True)
class Analysis:
    """Normalised views of one comment.

    ``text``: body without markup and disguise, links cut out.  ``links``: body links, then the author URL
    (source ``author_url``) and links typed into the author name (source ``author_name``).
    ``disguises``: kind -> count over the body.  ``author``: the folded author name.  ``email_domain``: the
    lower-cased domain of comment_author_email.  ``language``/``language_confidence``: py3langid's guess on
    the body, computed on first use (``detected_language``; None when the text is too short to say, and when
    LANG_MISMATCH could not use it: blog_lang names no language, or the text has fewer than 40 letters in its
    first 300 characters).  ``meta_tokens``:
    namespaced tokens (url:, author:, email:, disguise:) fed to the classifier with ``text``.  ``features``:
    the hashed vector, when a model computed it.
    """

    comment: Comment
    body: NormalizedText
    text: str
    links: tuple[Link, ...]
    disguises: dict[str, int]
    author: str
    author_disguises: dict[str, int]
    email_domain: str
    meta_tokens: tuple[str, ...]
    features: Features | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    lang_identify: Any = None

    def detected_language(self) -> tuple[str | None, float]:
        """py3langid's (language, confidence) on the body, computed once, on the first call.

        ######################################################################################################
        # Why lazily?  Detection was 15% of a check (~170 of 1,110 µs on the bench.speed sample, this VM),
        # and only LANG_MISMATCH reads it, a hit that counts only beside other evidence (signals/base.py,
        # "Evidence, never proof"): the engine runs that signal, and so detection, only when another signal
        # already gave a hit of at least +0.5, which most comments never do.  A failure is recorded in
        # ``extra["language_error"]`` (the engine names it in Verdict.skipped), never raised.
        ######################################################################################################
        """
        got = self.extra.get("language")
        if got is not None:
            return got
        lang, conf = None, 0.0
        # only when LANG_MISMATCH could fire: blog_lang names a language and the text has the letters the
        # signal asks for (signals/language.py: >= 40 in its first 300 characters)
        if self.lang_identify is not None and blog_languages(self.comment.blog_lang) \
                and count_letters(self.text[:_LANG_WINDOW]) >= _LANG_MIN_LETTERS:
            # 200 characters are plenty for py3langid and keep a check fast (its cost grows with the text)
            sample = self.text[:200]
            if count_letters(sample) >= 12:
                try:
                    lang, conf = self.lang_identify(sample)
                except Exception as e:  # noqa: BLE001 - reported in Verdict.skipped by the engine
                    self.extra["language_error"] = repr(e)
        self.extra["language"] = (lang, conf)
        return lang, conf

    @property
    def language(self) -> str | None:
        return self.detected_language()[0]

    @property
    def language_confidence(self) -> float:
        return self.detected_language()[1]

    @property
    def body_links(self) -> tuple[Link, ...]:
        return tuple(lk for lk in self.links if lk.source not in ("author_url", "author_name"))

    @property
    def word_count(self) -> int:
        return len(self.text.split())


# Should tokens every link carries (www, com, html) be dropped, leaving "has a link" to the LINK_* signals?
# Measured (nested leave-one-corpus-out, docs/engine.md): dropping them lifted SpamAssassin's AUC .60 -> .72
# but cut held-out recall on Stack Exchange 14.6% -> 3.4%, YouTube 20.3% -> 8.9%, SMS 4.0% -> 1.2%.  On
# comment forms a link *is* evidence (WordPress itself holds comments with 2+ links): kept.


_URL_WORD = re.compile(r"[a-z]{3,}")
_AUTHOR_WORD = re.compile(r"\w+")


def meta_tokens_for(body: NormalizedText, links: tuple[Link, ...], author: str, email_domain: str) -> list[str]:
    """Namespaced tokens, SpamBayes style.  Kept deliberately few: url hosts and domains, link kinds, author
    words, e-mail domain, text shapes, spam topics named in any language (model/topics.py)."""
    toks: list[str] = []
    for lk in links:
        if lk.anchor and timestamp_link(lk):  # the video site's own link to a moment of the page (normalize/urls.py)
            continue
        ns = "aurl" if lk.source == "author_url" else "url"
        if lk.host:
            toks.append(f"{ns}:{lk.host}")
            toks.append(f"{ns}dom:{lk.domain}")
            tld = lk.host.rsplit(".", 1)[-1]
            toks.append(f"{ns}tld:{tld}")
        for part in _URL_WORD.findall(lk.url.lower().split("//", 1)[-1])[:12]:
            toks.append(f"{ns}w:{part}")
    # Link counts, link kinds and disguises are left to the signals (signals/links.py, signals/disguise.py),
    # whose weights are fitted on top of the classifier: giving them to both would count the evidence twice.
    # The generic URL tokens above ("urlw:www", "urlw:com", "urltld:com", ...) still say "there is a link" to the
    # classifier, with large weights (+10 to +14 unscaled): measured without them (nested leave-one-corpus-out),
    # e-mail AUC .757 -> .833 (every mailing-list footer has a link) and tg recall @1% FP 54.5% -> 60.3%, but SMS
    # 81.5% -> 77.3%, YouTube at the fold's threshold 61.1% -> 53.2% and Stack Exchange 38.6% -> 8.9%; with a
    # fitted LINK_PRESENT signal in their place, stacking gave it 0 in every fold but e-mail's.  On comment sites
    # a link is evidence the classifier reads best in its context (SMS's "www.", Stack Exchange's product pages):
    # kept, as when first measured on an older model (docs/engine.md, "URL stop-tokens").
    if author:
        for w in _AUTHOR_WORD.findall(author.lower())[:8]:
            toks.append(f"author:{w}")
    if email_domain:
        toks.append(f"email:{email_domain}")
    toks.extend(shape_tokens(body.text))
    toks.extend(topic_tokens(body.text))
    return toks


# A sum: a currency sign before or after the digits, or a currency word after them.  Until the fourteenth session
# the word boundary closing the pattern applied to the signs too, and a boundary after "$" needs a letter or digit
# next: "от 2000$ в день", "100€", "earn 100$ daily", "600$/54000рублей" were no sums (nor "рублей").  Fixed, and
# the signs of the lira, dong, naira, won, peso and hryvnia and the dollar emoji added.  Over ../shared/data the
# token is on 1,979 -> 2,099 rows: tg spam 319 -> 396 and genuine 1 -> 5, Reddit 177 -> 192, Stack Exchange 166 ->
# 179, e-mail 1,052 -> 1,063, SMS and YouTube unchanged (the effect on detection: docs/benchmarks.md, fourteenth
# session).
_MONEY = re.compile(r"[$€£¥₹₽₺₫₦₩₱₴💲]\s?\d|\d\s?(?:[$€£¥₹₽₺₫₦₩₱₴💲]|(?:usd|eur|usdt|btc|dollars?|euros?|руб\w*)\b)",
                    re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d.])\+?\d[\d \t().-]{7,16}\d(?![\d.])")
_COUNT = re.compile(r"[1-9]0{6,}|(\d)\1{6,}|\d{1,3}(?:,\d{3}){2,}")  # not a phone number: see shape_tokens
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PERCENT = re.compile(r"\d\s?%")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_DIGIT = re.compile(r"\d")
# What every _MONEY match holds besides a digit: a currency sign, or a currency word in any case ("ſ" is the one
# character that IGNORECASE reads as a letter of these words and str.lower does not turn into one: "uſd").
_MONEY_SIGNS = "$€£¥₹₽₺₫₦₩₱₴💲ſ"
_MONEY_WORDS = ("usd", "eur", "btc", "dollar", "руб")
# _EMAIL_IN_TEXT finds a match iff some "@" has an address character before it and a domain after it; starting
# at the "@" the search skips ahead to each "@" rather than trying every position (quadratic on long words).
_EMAIL_AT = re.compile(r"@(?<=[\w.+-]@)[\w-]+\.[\w.-]+")
_ASCII_DIGITS = b"0123456789"
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_UPPER = bytes(range(65, 91))


##############################################################################################################
# Speed (measured on the bench.speed sample; the same tokens): shape_tokens cost 38 µs a comment, most of it
# the money and phone patterns scanning every position (10 µs for the phone pattern on a 220-character comment
# without a digit) and str.isalpha/isupper called per character.  Both patterns need a digit, and a phone
# number 9 of them, a money amount also a currency sign or word: texts without are not scanned.  ASCII text
# (most comments) counts letters and digits with bytes.translate (0.4 µs instead of 6).
##############################################################################################################
def _count(s: str, ascii_set: bytes, pred: Callable[[str], bool]) -> int:
    """How many characters of ``s`` satisfy ``pred``; ``ascii_set``: the ASCII characters that do."""
    if s.isascii():
        b = s.encode("ascii")
        return len(b) - len(b.translate(None, ascii_set))
    return sum(map(pred, s))


def count_letters(s: str) -> int:
    """``sum(map(str.isalpha, s))``, faster on ASCII text."""
    return _count(s, _ASCII_LETTERS, str.isalpha)


def _digits_at_least(text: str, n: int) -> bool:
    """Whether ``text`` can hold n decimal digits (``\\d``): exact count on ASCII, "any digit" otherwise."""
    if text.isascii():
        return _count(text, _ASCII_DIGITS, str.isdecimal) >= n
    return _DIGIT.search(text) is not None


def _may_be_money(text: str) -> bool:
    """False only when _MONEY cannot match (see _MONEY_SIGNS)."""
    if not _digits_at_least(text, 1):
        return False
    if any(c in text for c in _MONEY_SIGNS):
        return True
    low = text.lower()
    return any(w in low for w in _MONEY_WORDS)


def shape_tokens(text: str) -> list[str]:
    """Spam cues that hold across sites and languages, as tokens for the classifier: money amounts, phone
    numbers, e-mail addresses in the text, percentages, shouting, emoji density (measured: docs/engine.md)."""
    out = []
    if _may_be_money(text) and _MONEY.search(text):
        out.append("shape:money")
    for m in _PHONE.finditer(text) if _digits_at_least(text, 9) else ():
        p = m.group(0)
        digits = sum(map(str.isdigit, p))
        # 9-15 digits; not an IP address or a version number (dots only), nor a count: a round number
        # ("1000000000 views."), one digit repeated ("X3333333333") or thousands in commas ("860,000,000"): view
        # counts under a music video, two of the YouTube fold's five highest-scored genuine comments (+1.6 and +1.5,
        # from this token alone).  Over ../shared/data the rule takes the token from those 2 YouTube genuine rows and
        # 1 Stack Exchange spam row.
        seps = set(p) - set("0123456789")
        if 9 <= digits <= 15 and not (seps and seps <= {"."}) and not _COUNT.fullmatch(p):
            out.append("shape:phone")
            break
    if "@" in text and _EMAIL_AT.search(text):  # as _EMAIL_IN_TEXT.search
        out.append("shape:email")
    if "%" in text and _PERCENT.search(text):
        out.append("shape:percent")
    head = text[:500]
    letters = count_letters(head)
    if letters >= 20:
        upper = _count(head, _ASCII_UPPER, str.isupper)
        if upper / letters > 0.5:
            out.append("shape:shouting")
    if not text.isascii():
        n = len(_EMOJI.findall(text[:1000]))
        if n >= 3:
            out.append("shape:emoji3")
    if "!!" in text:
        out.append("shape:bangs")
    return out


def analyze(comment: Comment, feature_config: FeatureConfig | None, lang_identify: Any = None) -> Analysis:
    body = normalize_text(comment.content)
    links = list(body.links)
    if comment.author_url.strip():
        links.append(make_link(comment.author_url, "author_url"))
    author_raw = comment.author
    author_f = fold(author_raw) if author_raw else None
    author = author_f.text if author_f else ""
    if author:
        from ..normalize.urls import extract_text_links

        _, alinks, _ = extract_text_links(author)
        links.extend(make_link(lk.url, "author_name") for lk in alinks)
    m = _EMAIL_DOMAIN.search(comment.author_email.strip())
    email_domain = m.group(1).lower().strip(".") if m else ""
    links_t = tuple(links)
    meta = meta_tokens_for(body, links_t, author, email_domain)
    feats = featurize(body.text, meta, feature_config) if feature_config is not None else None
    return Analysis(
        comment=comment, body=body, text=body.text, links=links_t, disguises=dict(body.disguises),
        author=author, author_disguises=dict(author_f.counts) if author_f else {}, email_domain=email_domain,
        meta_tokens=tuple(meta), features=feats, lang_identify=lang_identify,
    )
