"""AUTHOR_* hits: keyword-stuffed names ("Buy Cheap Viagra Online") and disposable e-mail domains.

The disposable list is the maintained PyPI package ``disposable-email-domains`` (shipped data, no download).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

# Words that a person's name or handle almost never contains but an SEO "author" does.
COMMERCIAL = frozenset("""
buy cheap online casino loan loans viagra cialis pharmacy pills escort escorts seo discount sale shop store
best free review reviews insurance service services company agency marketing repair cleaning lawyer attorney
dentist clinic rehab bitcoin crypto forex trading invest investment replica outlet bags shoes jerseys download
hack generator porn sex dating hookup essay writing cbd keto diet weight slim supplement price prices deals
delivery rental rentals hotel tours travel movers plumbing roofing solar kratom vape coupon coupons
""".split())
_WORD = re.compile(r"[a-z]+")


@functools.cache
def disposable_domains() -> frozenset[str]:
    from disposable_email_domains import blocklist

    return frozenset(blocklist)


def author(a: Analysis, w: Weights) -> list[Hit | None]:
    out: list[Hit | None] = []
    name = a.author.lower()
    if name:
        words = _WORD.findall(name)
        kw = [x for x in words if x in COMMERCIAL]
        if kw and (len(words) >= 2 or len(kw) >= 1 and len(name) > 12):
            out.append(w.hit("AUTHOR_KEYWORD_STUFFED", " ".join(kw[:5]), count=len(kw)))
    dom = a.email_domain
    if dom:
        dd = disposable_domains()
        parts = dom.split(".")
        if any(".".join(parts[i:]) in dd for i in range(len(parts) - 1)):
            out.append(w.hit("AUTHOR_DISPOSABLE_EMAIL", dom))
    return out
