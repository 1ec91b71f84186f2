"""Hashed features: namespaced word tokens (SpamBayes style) plus character n-grams, any script.

##############################################################################################################
# Which hash?  Python's hash() is salted per process, so a model trained in one process would be scored with
# different indices in the next.  Word-like tokens use zlib.crc32 (stable, in the standard library, ~0.1 µs),
# remixed with a multiplier so nearby CRCs spread over the table.  Character n-grams are hashed all at once
# with numpy: a polynomial rolling hash over the code points, computed for n = 3..5 in a few vector ops
# (~15 µs for a 300-character comment, against ~250 µs for one crc32 call per n-gram in a Python loop).
#
# Why character n-grams at all?  CJK and Thai have no spaces, and disguises we fail to undo still leave most
# trigrams intact.  Why 3..5 and not 2..5 as the baseline?  Bigrams add ~25% more non-zeros and, on the
# leave-one-corpus-out runs in docs/engine.md, nothing measurable.
#
# Feature values: three blocks (words, char n-grams, meta tokens), each binary and L2-normalised on its own
# (1/sqrt(n) per present feature), then scaled by a per-block factor from the manifest.  Binary rather than
# counts because repetition is a spammer's choice and a long e-mail should not outvote a short comment.
# Digits fold to 0 in both blocks ("$14252" and "$99" share shape tokens: prices, phone numbers).
##############################################################################################################
"""

from __future__ import annotations

import functools
import itertools
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_DIGIT_TABLE = str.maketrans("0123456789", "0000000000")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_PRIME = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
MAX_CHARS = 1500  # char n-grams look at the first 1,500 characters (comments are shorter; long e-mails gain little)
MAX_WORDS = 300


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    n_bits: int = 20
    ngram_min: int = 3
    ngram_max: int = 5
    word_bigrams: bool = True
    scale_words: float = 1.0
    scale_chars: float = 1.0
    scale_meta: float = 0.5
    min_norm: int = 1  # a block with n features gets values scale/sqrt(max(n, min_norm))

    def to_json(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in self.__slots__}

    @classmethod
    def from_json(cls, d: dict[str, object]) -> FeatureConfig:
        return cls(**{k: v for k, v in d.items() if k in cls.__slots__})  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Features:
    """Sparse feature vector: unique ``indices`` with ``values``; ``words`` maps each word-block index to its
    token (for explanations: hashed n-grams have no inverse, words and meta tokens do)."""

    indices: np.ndarray
    values: np.ndarray
    tokens: tuple[str, ...]
    token_indices: np.ndarray
    token_values: np.ndarray


@functools.lru_cache(maxsize=1 << 17)
def hash_token(token: str, n_bits: int) -> int:
    h = zlib.crc32(token.encode("utf-8", "surrogatepass"))
    h = (h * 0x9E3779B1) & 0xFFFFFFFF
    return (h ^ (h >> 15)) & ((1 << n_bits) - 1)


def char_ngram_hashes(text: str, nmin: int, nmax: int, n_bits: int) -> np.ndarray:
    if not text:
        return np.empty(0, dtype=np.int64)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    out = []
    h = codes.copy()
    shift = np.uint64(64 - n_bits)
    with np.errstate(over="ignore"):
        for n in range(2, nmax + 1):
            if len(codes) < n:
                break
            h = h[:-1] * _PRIME + codes[n - 1:]
            if n >= nmin:
                out.append(((h + np.uint64(n)) * _MIX) >> shift)
    if not out:
        return np.empty(0, dtype=np.int64)
    # Sorted unique values, as np.unique gives, but by sort + mask: numpy 2's np.unique hashes, which measured
    # 3-4x slower on these arrays (21 -> 5 µs for 300 n-grams, 335 -> 98 µs for 4,500).
    h = np.sort(np.concatenate(out))
    return h[np.concatenate(([True], h[1:] != h[:-1]))].astype(np.int64)


def word_tokens(text: str) -> list[str]:
    """Lower-cased words with digits folded to 0; very long words become a length token (SpamBayes 'skip:')."""
    toks = []
    for w in _WORD.findall(text.lower())[:MAX_WORDS]:
        if len(w) > 24:
            toks.append(f"skip:{len(w) // 10}")
        elif w.isalpha():
            toks.append(w)
        else:
            toks.append(w.translate(_DIGIT_TABLE))
    return toks


def featurize(text: str, meta: Sequence[str], cfg: FeatureConfig) -> Features:
    """``text``: normalised body text.  ``meta``: namespaced tokens (url:, author:, email:, disguise:...)."""
    nb = cfg.n_bits
    low = text.lower()
    words = word_tokens(low)
    wtoks = ["w:" + w for w in words]
    if cfg.word_bigrams and len(words) > 1:
        wtoks += [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    wtok_set = dict.fromkeys(wtoks)
    mtok_set = dict.fromkeys(meta)
    w_idx = np.array(list(map(hash_token, wtok_set, itertools.repeat(nb))), dtype=np.int64)
    m_idx = np.array(list(map(hash_token, mtok_set, itertools.repeat(nb))), dtype=np.int64)
    ctext = " " + " ".join(low[:MAX_CHARS].translate(_DIGIT_TABLE).split()) + " "
    c_idx = char_ngram_hashes(ctext, cfg.ngram_min, cfg.ngram_max, nb) if len(ctext) > 2 else np.empty(0, np.int64)
    parts_i = []
    parts_v = []
    for idx, scale in ((w_idx, cfg.scale_words), (c_idx, cfg.scale_chars), (m_idx, cfg.scale_meta)):
        if len(idx):
            parts_i.append(idx)
            parts_v.append(np.full(len(idx), scale / np.sqrt(max(len(idx), cfg.min_norm)), dtype=np.float32))
    if not parts_i:
        return Features(np.empty(0, np.int64), np.empty(0, np.float32), (), np.empty(0, np.int64),
                        np.empty(0, np.float32))
    ind = np.concatenate(parts_i)
    val = np.concatenate(parts_v)
    tokens = tuple(wtok_set) + tuple(mtok_set)
    tvals = np.concatenate([
        np.full(len(w_idx), cfg.scale_words / np.sqrt(max(len(w_idx), cfg.min_norm)), dtype=np.float32),
        np.full(len(m_idx), cfg.scale_meta / np.sqrt(max(len(m_idx), cfg.min_norm)), dtype=np.float32),
    ])
    return Features(ind, val, tokens, np.concatenate([w_idx, m_idx]), tvals)
