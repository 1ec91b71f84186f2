"""LINK_* hits: what the links in a comment say, apart from the words (which the classifier reads).

##############################################################################################################
# Which link facts are evidence?  Genuine comments carry 0 or 1 link; spam carries several, often shortened,
# on raw IPs, punycode hosts, or hosts that cannot exist (the seed's "http://GoogleGroupHomeBasedBusiness/").
# A URL typed into the author *name* is a classic SEO trick.  An author URL on its own is normal on WordPress
# (the "Website" field), so it is weak.  Weights: manifest (fitted where the corpora show the fact).
##############################################################################################################
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis


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
    for lk in a.links:
        if lk.source == "author_name":
            out.append(w.hit("LINK_IN_AUTHOR_NAME", lk.host))
            break
    for lk in a.links:
        if lk.source == "author_url" and lk.host:
            out.append(w.hit("LINK_AUTHOR_URL", lk.host))
            break
    return out
