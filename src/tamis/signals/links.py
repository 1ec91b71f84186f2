"""LINK_* hits: what the links in a comment say, apart from the words (which the classifier reads).

##############################################################################################################
# Which link facts are evidence?  Genuine comments carry 0 or 1 link; spam carries several, often shortened,
# on raw IPs, punycode hosts, or hosts that cannot exist (the seed's "http://GoogleGroupHomeBasedBusiness/").
# A URL typed into the author *name* is a classic SEO trick.  An author URL on its own is normal on WordPress
# (the "Website" field), so it is weak.  Weights: manifest (fitted where the corpora show the fact).
##############################################################################################################
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis


##############################################################################################################
# Keyword-stuffed link domains.  Stack Exchange's supplement spam links to "supertestoboostsfacts.com",
# "ketoneadvancedfacts.co.uk", "pureslimdiet.com"; blog spam to "best-cheap-loans-online.com".  A domain
# built from two or more sales words is an SEO landing page, almost never the site of a person who comments.
# Decision: LINK_KEYWORD_DOMAIN fires when the registrable name (TLD dropped, hyphens and digits ignored)
# contains >= 2 distinct words of DOMAIN_WORDS (>= 4 letters each, found as substrings: spammers run them
# together) covering at least half of its letters.  Short words (buy, bet, sex, seo) are left out: they hide
# in ordinary names (Essex, Seoul, alphabet).  Over ../shared/data it fires on 1,188 Stack Exchange spam rows
# (11.7%), 13 e-mail spam and 1 ham (freehackers.org): hand-set +2, since only a spam-only corpus shows it.
##############################################################################################################
DOMAIN_WORDS = tuple(sorted(set("""
keto ketone testo testosterone boost boosts booster muscle muscles supplement supplements diet diets slim
slimming garcinia forskolin skin skincare serum cream derma wrinkle pill pills pharma pharmacy meds viagra cialis
health healthy fitness natural trial review reviews facts fact advice loan loans cash money payday credit
casino casinos poker slots betting jackpot porn dating escort escorts replica replicas cheap discount coupon
coupons deal deals promo sale sales outlet online order free best essay essays writing hack hacks crack
download downloads torrent keygen crypto bitcoin forex trading invest profit profits income earn rich wealth
marketing traffic backlink backlinks followers likes vape weight loss enhancement male libido
""".split()), key=lambda x: (-len(x), x)))  # longest first; ties by name (set order varies per process)
_DIGITS_HYPHENS = re.compile(r"[\d-]+")


@functools.lru_cache(maxsize=4096)
def domain_keywords(domain: str) -> tuple[str, ...]:
    """The sales words a registrable domain is built from, when it is keyword-stuffed (else ())."""
    labels = domain.split(".")
    # the registrable label: "x.com" -> x, "x.co.uk" -> x (registrable() keeps three labels for those)
    name = _DIGITS_HYPHENS.sub("", labels[0] if len(labels) <= 3 else labels[-3])
    if len(name) < 8:
        return ()
    found: list[str] = []
    covered = 0
    rest = name
    for word in DOMAIN_WORDS:  # longest first, each taken once
        if word in rest:
            found.append(word)
            covered += len(word)
            rest = rest.replace(word, "|", 1)
    if len(set(found)) >= 2 and covered * 2 >= len(name):
        return tuple(found)
    return ()


def links(a: Analysis, w: Weights) -> list[Hit | None]:
    out: list[Hit | None] = []
    body = a.body_links
    n = len(body)
    hosts = sorted({lk.host for lk in body if lk.host})
    if n >= 2:
        out.append(w.hit("LINK_MANY", f"{n} links: {', '.join(hosts[:5])}", count=n - 1))
    words = max(a.word_count, 1)
    if n >= 1 and n / words >= 0.1 and words >= 3:
        out.append(w.hit("LINK_DENSITY", f"{n} links in {words} words"))
    elif n >= 1 and words < 3:
        out.append(w.hit("LINK_ONLY", f"{n} link(s), {words} word(s)"))
    for name, attr in (("LINK_SHORTENER", "shortener"), ("LINK_MESSENGER", "messenger"), ("LINK_IP_HOST", "is_ip"), ("LINK_PUNYCODE", "punycode"),
                       ("LINK_BOGUS_HOST", "bogus")):
        bad = sorted({lk.host or lk.url for lk in a.links if getattr(lk, attr)})
        if bad:
            out.append(w.hit(name, ", ".join(bad[:5]), count=len(bad)))
    stuffed = sorted({f"{lk.domain} ({'+'.join(kw)})" for lk in a.links if lk.domain and not lk.is_ip
                      and (kw := domain_keywords(lk.domain))})
    if stuffed:
        out.append(w.hit("LINK_KEYWORD_DOMAIN", ", ".join(stuffed[:3]), count=len(stuffed)))
    for lk in a.links:
        if lk.source == "author_name":
            out.append(w.hit("LINK_IN_AUTHOR_NAME", lk.host))
            break
    for lk in a.links:
        if lk.source == "author_url" and lk.host:
            out.append(w.hit("LINK_AUTHOR_URL", lk.host))
            break
    return out
