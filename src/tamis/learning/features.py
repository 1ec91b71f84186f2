"""What the learning path extracts from one comment: layer tokens, a near-duplicate fingerprint, and the entities
whose reputation is kept.  All of it starts from the engine's Analysis (tamis.engine.analysis), so the disguises the
engine undoes (interleaved symbols, homoglyphs, zero-width and styled characters, leetspeak, "dot com" links) are
undone here too: a disguised variant has the same tokens and nearly the same fingerprint as the plain text.

##############################################################################################################
# How short is too short for shingles?  (STYLE.md: rspamd's min_bytes, anti-pattern 9)
# A fingerprint of a 20-character comment ("great post, thanks!") matches thousands of innocent comments.  Texts
# whose canonical form has fewer than SHINGLE_MIN_CHARS characters get no MinHash signature; between
# EXACT_MIN_CHARS and SHINGLE_MIN_CHARS (and at least EXACT_MIN_WORDS words) they get an exact hash of the
# canonical text, which only ever matches the same words in the same order, and which the campaign signal uses
# for velocity and for the reporting site itself, never to brand another site's comment (campaigns.py).
#
# Why character 5-shingles and 64 minima in 16 bands of 4?  Word shingles break on every replaced word (a
# spinner's synonyms); character 5-grams keep most of a sentence when one word changes.  16 x 4 bands find a pair
# at Jaccard 0.7 with probability 0.99, at 0.5 with 0.64 and at 0.3 with 0.12; candidates are then verified on
# the full 64-value signature (estimated Jaccard >= NEAR_DUP), so the bands only bound the work.
##############################################################################################################
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np

from tamis.model.features import char_ngram_hashes, word_tokens

SHINGLE = 5
N_HASHES = 64
BANDS = 16
ROWS = N_HASHES // BANDS
SHINGLE_MIN_CHARS = 60
EXACT_MIN_CHARS = 24
EXACT_MIN_WORDS = 4
MAX_FP_CHARS = 2000
MAX_LAYER_TOKENS = 400

# Multiply-shift hashing (Dietzfelbinger): (a * x + b) mod 2**64 with random odd a, keep the high 32 bits.
# (A first version used (a * x + b) mod (2**61 - 1) with a < 2**29: nearly monotonic in x, so the minima were
# the smallest shingles and one replaced word in 150 characters dropped the similarity from 0.89 to 0.36.)
_rng = np.random.default_rng(20261125)  # fixed: signatures must agree across processes and releases
_A = (_rng.integers(0, np.iinfo(np.uint64).max, N_HASHES, dtype=np.uint64, endpoint=True)
      | np.uint64(1)).reshape(1, -1)
_B = _rng.integers(0, np.iinfo(np.uint64).max, N_HASHES, dtype=np.uint64, endpoint=True).reshape(1, -1)
_SHIFT = np.uint64(32)
_NONWORD = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS = str.maketrans("0123456789", "0000000000")


def h64(text: str) -> int:
    """A stable signed 64-bit hash (fits BIGINT on every backend)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


def canonical(text: str) -> str:
    """Lower case, digits folded to 0, punctuation and symbols to single spaces."""
    return " ".join(_NONWORD.sub(" ", text.lower().translate(_DIGITS)).split())


# ------------------------------------------------------------------------------------------- fingerprints

@dataclass(frozen=True, slots=True)
class Fingerprint:
    """``sig``: 64 uint32 minima (MinHash) or b'X' + 8 bytes (exact hash of a short text).  ``bands``: the hashes
    looked up and indexed.  ``excerpt``: the first words, to name a campaign."""

    sig: bytes
    bands: tuple[int, ...]
    excerpt: str

    @property
    def exact(self) -> bool:
        return self.sig[:1] == b"X"


def fingerprint(text: str) -> Fingerprint | None:
    canon = canonical(text)[:MAX_FP_CHARS]
    excerpt = canon[:77] + ("..." if len(canon) > 77 else "")
    if len(canon) >= SHINGLE_MIN_CHARS:
        shingles = char_ngram_hashes(canon, SHINGLE, SHINGLE, 32).astype(np.uint64).reshape(-1, 1)
        with np.errstate(over="ignore"):
            mins = ((shingles * _A + _B) >> _SHIFT).min(axis=0)
        sig32 = mins.astype("<u4")
        rows = sig32.reshape(BANDS, ROWS)
        bands = tuple(h64(f"b{i}:" + rows[i].tobytes().hex()) for i in range(BANDS))
        return Fingerprint(sig32.tobytes(), bands, excerpt)
    if len(canon) >= EXACT_MIN_CHARS and len(canon.split()) >= EXACT_MIN_WORDS:
        ex = h64("x:" + canon)
        return Fingerprint(b"X" + ex.to_bytes(8, "little", signed=True), (ex,), excerpt)
    return None


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets (1.0 or 0.0 for exact hashes)."""
    if a[:1] == b"X" or b[:1] == b"X":
        return 1.0 if a == b else 0.0
    if len(a) != len(b):
        return 0.0
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


# ------------------------------------------------------------------------------------------- layer tokens

def layer_tokens(text: str, meta_tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Words (2+ characters), word bigrams and the engine's namespaced meta tokens (url:, author:, email:), each
    once.  Interpretable on purpose: the LEARNED_* hits name the tokens that moved them."""
    words = word_tokens(text)
    toks = ["w:" + w for w in words if len(w) >= 2]
    toks += [f"b:{a} {b}" for a, b in zip(words, words[1:])]
    toks += list(meta_tokens)
    return list(dict.fromkeys(toks))[:MAX_LAYER_TOKENS]


def script_token(text: str, letters: int = 200) -> str | None:
    """``script:latin``, ``script:cyrillic``, ``script:cjk``...: the writing system of most of the first ``letters``
    letters (None without letters).  The site layer counts its genuine comments per script (core.py, "Everyday
    words"); it never learns a weight for it.
    It runs on every check: ASCII text (most comments) is Latin without a look at each letter, and each other
    letter's script is looked up once per process (33 -> 3 µs a check over a sample of ../shared/data)."""
    if text.isascii():
        return "script:latin" if any(map(str.isalpha, text)) else None
    counts: Counter[str] = Counter()
    n = 0
    for ch in text:
        if ch.isalpha():
            counts[_script_of(ch)] += 1
            n += 1
            if n >= letters:
                break
    if not counts:
        return None
    return "script:" + counts.most_common(1)[0][0]


@functools.lru_cache(maxsize=4096)
def _script_of(ch: str) -> str:
    """The first word of the letter's Unicode name ("latin", "cyrillic"...), CJK, kana and Hangul as "cjk"."""
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0] if name else ""
    return "cjk" if first in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL") else first.lower()


# ------------------------------------------------------------------------------------------- entities

@dataclass(frozen=True, slots=True)
class Entity:
    kind: str
    value: str

    @property
    def hash(self) -> int:
        return h64(f"{self.kind}:{self.value}")


def network_of(ip: str) -> str:
    """The /24 of an IPv4 address, the /64 of an IPv6 one ('' when the IP does not parse)."""
    try:
        addr = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    prefix = 24 if addr.version == 4 else 64
    return str(ipaddress.ip_network(f"{addr}/{prefix}", strict=False))


def entities(comment_fields: dict[str, str], author: str, email_domain: str,
             links: tuple[tuple[str, str], ...]) -> list[Entity]:
    """Reputation entities of a comment.  ``links`` are (source, registrable domain) pairs from the Analysis."""
    out: list[Entity] = []
    ip = (comment_fields.get("user_ip") or comment_fields.get("comment_author_IP") or "").strip()
    if ip:
        out.append(Entity("ip", ip))
        net = network_of(ip)
        if net:
            out.append(Entity("network", net))
    email = (comment_fields.get("comment_author_email") or "").strip().lower()
    if "@" in email:
        out.append(Entity("email", email))
    if email_domain:
        out.append(Entity("email_domain", email_domain))
    aurl = (comment_fields.get("comment_author_url") or "").strip().lower().rstrip("/")
    if aurl:
        out.append(Entity("author_url", aurl.split("://", 1)[-1]))
    if author and len(author) >= 3:
        out.append(Entity("author", " ".join(author.lower().split())))
    seen: set[str] = set()
    for _source, domain in links:
        if domain and domain not in seen and len(seen) < 10:
            seen.add(domain)
            out.append(Entity("link_domain", domain))
    return list(dict.fromkeys(out))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(x, 40.0), -40.0)))
