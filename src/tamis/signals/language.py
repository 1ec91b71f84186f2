"""LANG_MISMATCH: the comment's language is not one the blog declares (``blog_lang``: ``en``, ``en_US``,
``en, fr_ca``).  Evidence, never proof: visitors write in other languages, and detection on short texts errs,
so it fires only on texts with >= 40 letters and a detection confidence >= 0.9 (py3langid, normalised
probabilities), with a modest weight."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

_CODE = re.compile(r"[A-Za-z]{2,3}")
# The length rule: >= MIN_LETTERS letters in the first WINDOW characters.  engine/analysis.py does not run
# detection at all below it (its result would go unread), so both read these.
WINDOW, MIN_LETTERS = 300, 40


def blog_languages(blog_lang: str) -> set[str]:
    out = set()
    for part in re.split(r"[,;\s]+", blog_lang):
        m = _CODE.match(part.strip())
        if m:
            out.add(m.group(0).lower())
    return out


def language(a: Analysis, w: Weights) -> list[Hit | None]:
    wanted = blog_languages(a.comment.blog_lang)
    if not wanted or a.language is None or a.language_confidence < 0.9:
        return []
    if sum(map(str.isalpha, a.text[:WINDOW])) < MIN_LETTERS:
        return []
    if a.language in wanted:
        return []
    return [w.hit("LANG_MISMATCH", f"{a.language} ({a.language_confidence:.2f}) not in blog_lang "
                                   f"{a.comment.blog_lang!r}")]
