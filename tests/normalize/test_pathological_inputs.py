"""No input may make normalisation slow: every pattern is bounded (markup.py, urls.py, unicode.py).  Each of these
20-40k-character inputs took from 0.2 s to 64 s with an earlier, unbounded pattern; all now take milliseconds.
The bound asserted here is generous (machines under load), the point is catching quadratic blow-ups."""

from __future__ import annotations

import time

import pytest

from tamis.normalize import normalize_text
from tamis.normalize.unicode import fold

CASES = {
    "a_href": "<a href=" * 5000,
    "md_inline": "[x](" * 5000,
    "md_ref": "[a][b]" * 3000,
    "brackets": "[" * 20000,
    "less_than": "<" * 20000,
    "tags": "<b" * 10000,
    "dotted": "a." * 10000,
    "digits_dotted": "1." * 10000,
    "spaced_dots": "a . " * 5000,
    "dot_word": "example dot " * 3000,
    "hearts": "♥a" * 10000,
    "leet": "a1" * 10000,
    "spaced": "a " * 10000,
    "www": "www." * 5000,
    "at": "a@" * 10000,
    "hyphen_labels": "a-" * 10000 + ".com",
    "scheme": "http://" * 3000,
    "long_word": "x" * 40000,
    "cyrillic_mix": "аa" * 10000,
    "zero_width": "a\u200b" * 10000,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_normalisation_is_linear(name: str) -> None:
    s = CASES[name]
    t = time.perf_counter()
    normalize_text(s)
    fold(s)
    assert time.perf_counter() - t < 1.0, name
