"""Normalised views of a comment: plain text without markup or disguise, the links it carries, and the
disguises that were undone (counted, because disguise is evidence).  See markup.py, unicode.py, urls.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markup import squeeze_spaces, strip_markup
from .unicode import Folded, fold, fold_tricks, fold_unicode
from .urls import Link, canonical_host, extract_text_links, find_emails, make_link, registrable

__all__ = [
    "Link", "NormalizedText", "canonical_host", "extract_text_links", "find_emails", "fold", "make_link",
    "normalize_text", "registrable", "strip_markup",
]

_WS = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u3000]+")
_WS_OTHER = "\t\f\v\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u3000"  # _WS's characters but " "
_NL = re.compile(r"\s*\n\s*")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """``text``: markup removed, disguises undone, links cut out, case kept.  ``links``: every link found, in
    markup first and then in the text.  ``disguises``: kind -> count (invisible, styled, homoglyph,
    interleaved, leet, url).  ``markup``: kind -> count (html_link, html_tag, markdown_link...)."""

    raw: str
    text: str
    links: tuple[Link, ...]
    disguises: dict[str, int] = field(default_factory=dict)
    markup: dict[str, int] = field(default_factory=dict)


def _collapse_space(s: str) -> str:
    r"""``_NL.sub("\n", _WS.sub(" ", s)).strip()``, 17 -> 3 µs a comment (bench.speed sample).

    _WS.sub is squeeze_spaces (markup.py).  _NL starts with \s* and so is tried at every position; what it does
    is replace each run of whitespace holding a newline by one newline, and after .strip() that is: strip every
    line, drop the empty ones, join them with newlines (str.strip and \s agree on what is whitespace)."""
    s = squeeze_spaces(s, _WS_OTHER)
    if "\n" not in s:
        return s.strip()
    return "\n".join(filter(None, map(str.strip, s.split("\n"))))


MAX_TEXT = 20_000  # characters of a comment that are analysed (a comment form rarely allows more)


def normalize_text(raw: str) -> NormalizedText:
    s, links, markup = strip_markup(raw[:MAX_TEXT])
    out = Folded(s)
    s = fold_unicode(s, out)
    # links may also hide in anchor text: only the text outside markup is searched here
    s, text_links, n_disguised = extract_text_links(s)
    out.add("url", n_disguised)
    s = fold_tricks(s, out)
    s = _collapse_space(s)
    return NormalizedText(raw=raw, text=s, links=tuple(links) + tuple(text_links), disguises=out.counts,
                          markup=markup)
