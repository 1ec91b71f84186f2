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
# L2 makes a long text's logit grow as sqrt(n) x its mean weight (held-out e-mails score 10-16 log-odds, ham and
# spam alike).  Measured against values (50/n)**p / sqrt(50) (p = 0.5 is today's), nested leave-one-corpus-out,
# p = 0.5 -> 0.75 -> 1.0: e-mail AUC .757 -> .725 -> .732, tg AUC .961 -> .937 -> .832, YouTube recall at the
# fold's threshold 61.1% -> 52.9% -> 52.1%, Stack Exchange 38.6% -> 28.7% -> 26.5%; only SMS gained (recall @1%
# FP 81.5% -> 83.2% -> 82.6%).  L2 kept.
# The same effect undone after the fact instead, on the per-row scores of the nested leave-one-corpus-out:
# (a) model 826b6f05's code, the calibrated classifier term times min(1, sqrt(k / characters)): e-mail recall
# @1% FP 16.6% -> 30.0 / 32.9 / 31.7% for k = 300 / 600 / 1,000, but e-mail AUC down (.757 -> .745-.753) and
# Stack Exchange recall at the fold's threshold 38.6% -> 32.2 / 36.2% (k = 600 / 1,000); and k would be chosen
# on the e-mail fold itself.  (b) Model 52d8b3be's code, the classifier term capped at +6 log-odds: no comment or
# chat corpus moves (held out, the term never exceeds +3.2 on SMS, tg and YouTube, and +6 on 0.2% of Stack
# Exchange posts, max 9.4), e-mail AUC .762 -> .800 and recall @1% FP 16.4% -> 23.5%, still under
# SpamAssassin's 32.5%.  The spam threshold (1.5) is far below the cap, so no decision on a long genuine text
# changes (e-mail ham is 98% flagged at the shipped threshold either way).  (a) not taken: it costs Stack
# Exchange and k would be tuned on the e-mail fold.  (b) taken in the thirteenth session, beside BULK_MAILING
# and LINK_MANY per length, which give the signals enough to rank long texts on their own: model/train.py,
# "How far may the classifier alone go?".
# Words at 0.5, characters at 1.0 (fifteenth session): the word block's strongest held-out clues were style
# words ("i", "you", "my": ham in Reddit and SMS; "subscribe": ham in the e-mail ham's list footers); halving
# it lets the n-grams and meta tokens weigh more.  Nested leave-one-corpus-out, 1.0 -> 0.5: Stack Exchange
# recall at the fold's threshold 48.3% -> 50.0%, tg recall @1% FP 78.8% -> 79.3%, YouTube AUC .948 -> .950,
# e-mail recall @0.1% FP 11.7% -> 11.0% (docs/engine.md, "Weight of the word block").
##############################################################################################################
"""

from __future__ import annotations

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
_MUL32 = np.uint64(0x9E3779B1)
_U32_15 = np.uint32(15)
MAX_CHARS = 1500  # char n-grams look at the first 1,500 characters (comments are shorter; long e-mails gain little)
MAX_WORDS = 300


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    n_bits: int = 20
    ngram_min: int = 3
    ngram_max: int = 5
    word_bigrams: bool = True
    scale_words: float = 0.5
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


def hash_token(token: str, n_bits: int) -> int:
    """The index of one token: the definition ``hash_tokens`` vectorises (and the tests pin across processes)."""
    h = zlib.crc32(token.encode("utf-8", "surrogatepass"))
    h = (h * 0x9E3779B1) & 0xFFFFFFFF
    return (h ^ (h >> 15)) & ((1 << n_bits) - 1)


def hash_tokens(tokens: Sequence[str], n_bits: int) -> np.ndarray:
    """``hash_token`` of every token, as int64.  One crc32 per token, the mixing in numpy: the same numbers.
    featurize uses this rather than ``hash_token`` per token (formerly behind an lru_cache that most tokens of a
    new comment, bigrams above all, missed at ~1 µs a miss); with the n-gram change below, featurize went from 150 to 105 µs a
    comment (bench.speed sample, each comment once as in the benchmark)."""
    crc = np.fromiter([zlib.crc32(t.encode("utf-8", "surrogatepass")) for t in tokens], np.uint64, len(tokens))
    h = (crc * _MUL32).astype(np.uint32)  # the product is exact in 64 bits; keeping its low 32 is "& 0xFFFFFFFF"
    h ^= h >> _U32_15
    h &= np.uint32((1 << n_bits) - 1) if n_bits < 32 else np.uint32(0xFFFFFFFF)
    return h.astype(np.int64)


def char_ngram_hashes(text: str, nmin: int, nmax: int, n_bits: int) -> np.ndarray:
    if not text:
        return np.empty(0, dtype=np.int64)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    n_codes = len(codes)
    lo = max(nmin, 2)  # n-grams start at 2 characters
    if lo > nmax:
        return np.empty(0, dtype=np.int64)
    if n_codes < nmax:
        return _char_ngram_hashes_short(codes, nmin, nmax, n_bits)
    # All n in one (rows x positions) array, so that the mixing below is three vector ops rather than three per
    # n: row r holds the (lo + r)-grams, which are r positions fewer than the first row's; the unused tail of a
    # row repeats its first hash, which the unique step then drops.  24 -> 15 µs for a short comment.
    m = np.empty((nmax - lo + 1, n_codes - lo + 1), dtype=np.uint64)
    h = codes
    for n in range(2, nmax + 1):
        k = n_codes - n + 1
        if n >= lo:
            row = m[n - lo, :k]
            np.multiply(h[:k], _PRIME, out=row)
            row += codes[n - 1:]
            m[n - lo, k:] = row[0]
            h = row
        else:
            h = h[:-1] * _PRIME + codes[n - 1:]
    m += np.arange(lo, nmax + 1, dtype=np.uint64)[:, None]
    m *= _MIX
    m >>= np.uint64(64 - n_bits)
    # Sorted unique values, as np.unique gives, but by sort + mask: numpy 2's np.unique hashes, which measured
    # 3-4x slower on these arrays (21 -> 5 µs for 300 n-grams, 335 -> 98 µs for 4,500).  The values fit in
    # n_bits: sorting them as uint32 halves the sort (26 -> 11 µs for 4,500).
    flat = (m.astype(np.uint32) if n_bits <= 32 else m).ravel()
    flat.sort()
    keep = np.empty(len(flat), dtype=bool)
    keep[0] = True
    np.not_equal(flat[1:], flat[:-1], out=keep[1:])
    return flat[keep].astype(np.int64)


def _char_ngram_hashes_short(codes: np.ndarray, nmin: int, nmax: int, n_bits: int) -> np.ndarray:
    """char_ngram_hashes for a text shorter than nmax characters (the original one-array-per-n form)."""
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
    h = np.sort(np.concatenate(out))
    return h[np.concatenate(([True], h[1:] != h[:-1]))].astype(np.int64)


def word_tokens(text: str) -> list[str]:
    """Lower-cased words with digits folded to 0; very long words become a length token (SpamBayes 'skip:')."""
    low = text.lower()
    # Only the first MAX_WORDS words count: past ~2,000 characters, stopping there beats finding every word
    # (a 5,000+ character e-mail: 240 -> 93 µs); below, findall is faster.
    if len(low) > 2000:
        words = [m.group() for m in itertools.islice(_WORD.finditer(low), MAX_WORDS)]
    else:
        words = _WORD.findall(low)[:MAX_WORDS]
    toks = []
    for w in words:
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
    tokens = (*wtok_set, *dict.fromkeys(meta))
    nw = len(wtok_set)
    nm = len(tokens) - nw
    t_idx = hash_tokens(tokens, nb)  # words, then meta tokens
    ctext = " " + " ".join(low[:MAX_CHARS].translate(_DIGIT_TABLE).split()) + " "
    c_idx = char_ngram_hashes(ctext, cfg.ngram_min, cfg.ngram_max, nb) if len(ctext) > 2 else np.empty(0, np.int64)
    nc = len(c_idx)
    if not tokens and not nc:
        return Features(np.empty(0, np.int64), np.empty(0, np.float32), (), np.empty(0, np.int64),
                        np.empty(0, np.float32))
    # Per block (words, n-grams, meta) one value scale/sqrt(n): built with one np.repeat, not three np.full
    vw, vc, vm = (scale / np.sqrt(max(n, cfg.min_norm)) for scale, n in
                  ((cfg.scale_words, nw), (cfg.scale_chars, nc), (cfg.scale_meta, nm)))
    ind = np.concatenate((t_idx[:nw], c_idx, t_idx[nw:]))
    val = np.repeat(np.array((vw, vc, vm), dtype=np.float32), (nw, nc, nm))
    tvals = np.repeat(np.array((vw, vm), dtype=np.float32), (nw, nm))
    return Features(ind, val, tokens, t_idx, tvals)
