"""py3langid's ``LanguageIdentifier.classify``: the same (language, probability), about a quarter faster.

##############################################################################################################
# Why re-implement the library's classify?
#
# Language identification was the engine's biggest single cost: 120 µs of a 580 µs check on the bench.speed
# sample (measured by replaying its results from a dict).  Half of that is py3langid's tokenizer, a Python
# loop that walks its byte automaton one byte at a time with a cache miss per byte (the transition table is
# 39 MB).  The automaton is Aho-Corasick: its state after a byte is the longest suffix of the input read so
# far that is a node of its trie, and no node is deeper than DEPTH bytes (6 here); so the state after byte i
# depends only on bytes i-DEPTH+1..i, and all of them can be found at once, in DEPTH vectorised steps from the
# root (``_visits``).  That the automaton is Aho-Corasick is checked, not assumed: ``aho_corasick_depth`` verifies
# every transition (1-2 s, so it runs in the tests, tests/engine/test_langid.py) and the engine only takes the
# fast path for the automaton it verified, recognised by a CRC of its tables (``fast_classifier``); any other
# py3langid model falls back to the library's own classify.  The scoring and normalisation after the
# tokenizer are the library's, step for step, in float32, so the results are identical (checked over every
# row of ../shared/data, and by a self-test when the model loads).
#
# Measured on the bench.speed sample with the other checks in between (cache-cold, as in the engine): the
# tokenizer 48 -> 35 µs a check, identification 100 -> 74 µs, the whole check 595 -> 569 µs.  The scoring then
# multiplies the counts by rows of a float16 table, and numpy has no BLAS loop for float16: it converted element
# by element, 16 µs for a 70-feature comment against 2 µs in float32.  So the engine keeps a float32 copy of the
# table (57 MB instead of 28 MB; RSS after warm-up 127 -> 181 MB, the goal is < 300 MB): identification 68 ->
# 53 µs for a 100-character comment, with identical results (float16 -> float32 is exact; checked on 17,751
# corpus texts and by tests/engine/test_langid.py).
##############################################################################################################
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np

# CRC32 of (transition table, row offsets, outputs) of the automaton aho_corasick_depth verified -> its depth.
# py3langid 0.4.0's bundled model.
VERIFIED: dict[tuple[int, int, int], int] = {(655525188, 2753718946, 2259536855): 6}

_SELF_TEST = (
    "This is an ordinary comment about the article, and I think the author is right about most of it.",
    "Ceci est un commentaire tout à fait ordinaire sur l'article, merci beaucoup pour le partage.",
    "Это обычный комментарий к статье, спасибо автору за интересный материал и за ссылки.",
    "Dies ist ein ganz normaler Kommentar zum Artikel, vielen Dank für die Arbeit.",
    "这是一条关于文章的普通评论，谢谢作者的分享。", "Saya suka artikel ini, terima kasih banyak atas informasinya.",
    "x", "", "12345 !!!", "ПРИВЕТ ВСЕМ", "𝐇𝐞𝐥𝐥𝐨", "\ud800 broken surrogate",
)


def _tables(ident: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    nextmove = np.frombuffer(ident.tk_nextmove, dtype=np.uint32) if ident.tk_nextmove.itemsize == 4 \
        else np.asarray(ident.tk_nextmove, dtype=np.intp)
    rowbase = np.asarray(ident._rowbase, dtype=np.intp)
    output = np.asarray(ident.tk_output, dtype=np.intp)
    return nextmove, rowbase, output


def fingerprint(ident: Any) -> tuple[int, int, int]:
    """CRC32s of the automaton's tables (~40 ms)."""
    return tuple(zlib.crc32(np.ascontiguousarray(t)) for t in _tables(ident))  # type: ignore[return-value]


def aho_corasick_depth(ident: Any) -> int | None:
    """The depth of the automaton's trie if it is Aho-Corasick, else None.

    Breadth first from the root, a state first reached is a trie node one byte deeper (reached from exactly one
    state); every other transition of a state must go where its failure state's does (the failure state of a
    depth-1 node is the root, of a deeper one the parent's failure state's transition on the same byte), and
    every other transition of the root must stay at the root.  An automaton that passes is the Aho-Corasick
    automaton of that trie, whose state after any input is the longest suffix of the input that is a node."""
    nextmove, rowbase, _ = _tables(ident)
    n = len(rowbase)
    cols = np.arange(256, dtype=np.intp)
    depth = np.full(n, -1, dtype=np.intp)
    fail = np.zeros(n, dtype=np.intp)
    depth[0] = 0
    frontier = np.zeros(1, dtype=np.intp)
    d = 0
    while len(frontier):
        nxt = nextmove[rowbase[frontier][:, None] + cols]
        new = depth[nxt] < 0
        kids = nxt[new]
        if len(np.unique(kids)) != len(kids):
            return None
        src = np.broadcast_to(frontier[:, None], nxt.shape)[new]
        byte = np.broadcast_to(cols, nxt.shape)[new]
        depth[kids] = d + 1
        fail[kids] = 0 if d == 0 else nextmove[rowbase[fail[src]] + byte]
        expected = nextmove[rowbase[fail[frontier]][:, None] + cols] if d else np.zeros_like(nxt)
        if not np.array_equal(nxt[~new], expected[~new]):
            return None
        d += 1
        frontier = kids
    if (depth < 0).any():
        return None
    return d - 1


class FastClassifier:
    """``classify(text) -> (language, probability)`` as py3langid's LanguageIdentifier (norm_probs=True)."""

    def __init__(self, ident: Any, depth: int) -> None:
        self._ident = ident
        self._nextmove, self._rowbase, self._output = _tables(ident)
        self._depth = depth
        # float32 copy of the float16 score table (+29 MB): numpy's float16 matmul has no BLAS loop and converts
        # element by element, 16 µs of a 70-feature comment against 2 µs; float16 -> float32 is exact and the
        # product is the same float32 one, so the results stay identical (tests/engine/test_langid.py).
        self._ptc = np.asarray(ident.nb_ptc, dtype=np.float32)
        self._alias_first = np.array([i for i, _ in ident._alias_pairs], dtype=np.intp)
        self._alias_dupe = np.array([j for _, j in ident._alias_pairs], dtype=np.intp)
        if len(set(self._alias_first.tolist())) != len(self._alias_first):  # see classify
            raise ValueError("a label with more than one alias")

    def _visits(self, text: bytes) -> Counter[int] | None:
        """py3langid's visit_counts: the automaton's output feature after each byte, counted (in order of first
        occurrence).  Step k sets the state of every position i >= k from byte i-k, starting at the root: after
        the last step, position i has read bytes max(0, i-depth+1)..i, enough to be in its true state."""
        n = len(text)
        if not n:
            return None
        b = np.frombuffer(text, dtype=np.uint8)
        state = np.zeros(n, dtype=np.intp)
        for k in range(min(self._depth, n) - 1, -1, -1):
            s = state[k:]
            s[:] = self._nextmove[self._rowbase[s] + b[:n - k]]
        feats = self._output[state]
        feats = feats[feats >= 0]
        return Counter(feats.tolist()) if len(feats) else None

    def classify(self, text: str) -> tuple[str, float]:
        ident = self._ident
        raw = ident._encode(text)
        visits = self._visits(raw)
        # from here on py3langid's _sparse_score and _decide (norm_probs=True), the same float32 operations
        if visits:
            idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
            counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
            scores = np.log1p(counts) @ self._ptc[idx] + ident.nb_pc
        else:
            scores = np.full(len(ident.nb_classes), 0.0, dtype=np.float32)
        scores *= 1.0 / math.sqrt(len(raw) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        # the library's loop over the (first, dupe) pairs in two vector steps (no two pairs share a column)
        scores[self._alias_first] += scores[self._alias_dupe]
        scores[self._alias_dupe] = 0.0
        i = int(scores.argmax())
        return ident.nb_classes[i], float(scores[i])


def fast_classifier(ident: Any) -> Callable[[str], tuple[str, float]]:
    """``ident.classify``, or the same function faster when ``ident``'s automaton is the verified one and a
    self-test agrees with the library."""
    try:
        depth = VERIFIED.get(fingerprint(ident))
        if depth is None or not ident._norm_probs or ident.min_confidence is not None:
            return ident.classify
        fast = FastClassifier(ident, depth)
        if any(fast.classify(t) != ident.classify(t) for t in _SELF_TEST):
            return ident.classify
    except Exception:  # noqa: BLE001 - a py3langid whose internals differ: use its own classify
        return ident.classify
    return fast.classify
