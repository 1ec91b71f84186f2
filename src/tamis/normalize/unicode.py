"""Unicode folding: undo the disguises spammers use and count each one as evidence.

The folded text feeds the classifier and the link extractor; the counts feed the DISGUISE_* hits.  Every table
here is built once, lazily, from data that ships with Python (``unicodedata``) or with a maintained package
(``confusable_homoglyphs``' copy of Unicode's confusables.txt), never typed in by hand.

##############################################################################################################
# Which disguises, and why count them rather than just undo them?
#
# Seen in ../shared/data: tg spam writes whole messages in MATHEMATICAL BOLD letters and mixes Cyrillic "а", "о",
# "с", "р" into English words; the seed spam interleaves letters with hearts ("♥♥j♥♥♥u♥♥z"); YouTube ham
# carries a trailing U+FEFF.  Genuine writers almost never type math-bold or a Cyrillic "о" inside a Latin
# word, so the *act* of disguising is itself strong evidence, and undoing it lets the classifier see the words.
# Decision: undo all of them for the classifier (so a disguised spam scores like the plain one) and report the
# counts; the signal layer turns counts into DISGUISE_* hits with weights from the manifest.
#
# Which zero-width characters count?  ZWJ (U+200D) and variation selectors are part of ordinary emoji
# sequences ("👨‍👩‍👧", "❤️"), so they are removed but only counted when they sit between two letters.
##############################################################################################################
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field

# Characters removed outright: zero-width, bidi controls, soft hyphen, word joiner, BOM, tag characters.
_INVISIBLE = {
    0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180E, 0x200B, 0x200C,
    0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
    0x2066, 0x2067, 0x2068, 0x2069, 0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F, 0x3164, 0xFEFF, 0xFFA0,
}
_INVISIBLE.update(range(0xE0000, 0xE0080))  # tag characters
_VARIATION = set(range(0xFE00, 0xFE10)) | set(range(0xE0100, 0xE01F0))

_STYLED_NAME = re.compile(
    r"^(?:MATHEMATICAL|FULLWIDTH|CIRCLED|NEGATIVE CIRCLED|PARENTHESIZED|SQUARED|NEGATIVE SQUARED|"
    r"LATIN LETTER SMALL|MODIFIER LETTER|SUPERSCRIPT|SUBSCRIPT|DOUBLE-STRUCK"
    r"|SCRIPT|BLACK-LETTER|LATIN SUBSCRIPT)"
    r".*?(?:(CAPITAL|SMALL) |LETTER |DIGIT )([A-Z]|ZERO|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE)$"
)
_DIGITS = {"ZERO": "0", "ONE": "1", "TWO": "2", "THREE": "3", "FOUR": "4", "FIVE": "5", "SIX": "6",
           "SEVEN": "7", "EIGHT": "8", "NINE": "9"}


@functools.cache
def styled_table() -> dict[int, str]:
    """Styled letters (math bold/italic/script, fullwidth, circled, squared, small capitals...) -> ASCII."""
    table: dict[int, str] = {}
    for cp in range(0x80, 0x1FBFF):
        if 0x3400 <= cp < 0x1D000 and not (0xFF00 <= cp < 0xFF70) and not (0x1D00 <= cp < 0x1DC0) \
                and not (0x2070 <= cp < 0x2100) and not (0x2460 <= cp < 0x2500) \
                and not (0xA700 <= cp < 0xA800):
            continue
        name = unicodedata.name(chr(cp), "")
        m = _STYLED_NAME.match(name)
        if not m:
            continue
        case, ch = m.group(1), m.group(2)
        if len(ch) > 1:
            table[cp] = _DIGITS[ch]
        else:
            table[cp] = ch.lower() if case == "SMALL" else ch
    return table


_LATIN_SCRIPT_HINT = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "LISU", "LATIN")


@functools.cache
def homoglyph_table() -> dict[int, str]:
    """Non-Latin letters that look like a Latin letter or digit (Unicode confusables), e.g. Cyrillic а -> a."""
    import confusable_homoglyphs

    path = confusable_homoglyphs.__file__.rsplit("/", 1)[0] + "/confusables.json"
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    table: dict[int, str] = {}
    for target in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        for alt in data.get(target, ()):
            c = alt["c"]
            if len(c) != 1 or c.isascii():
                continue
            name = alt["n"]
            if name.startswith(_LATIN_SCRIPT_HINT) and not name.startswith("LATIN CAPITAL LETTER") \
                    and not name.startswith("LATIN SMALL LETTER") or name.startswith("LATIN LETTER"):
                table.setdefault(ord(c), target)
    return table


_WORD = re.compile(r"\w+")
# A run of >= 4 single letters separated by runs of the same kind of symbol: "♥♥j♥♥♥u♥♥z", "v.i.a.g.r.a".
# Possessive quantifiers (Python 3.11+): no backtracking, ~9x faster than the plain form on long e-mails.
# Combining marks belong to the letter before them, never separate letters (_interleaved_rx builds the class).
_INTERLEAVED_FORM = r"(?<![\w{M}])\w[{M}]*+(?:[^\w\s{M}]{{1,6}}+\w[{M}]*+){{3,}}+"
# Necessary conditions for a match, tested first because they are cheaper (the big pattern with its mark
# class costs ~30 µs on an average comment, _SPACED ~7 µs).  A run "a♥b♥♥c♥d" holds symbol, letter, symbols,
# letter, symbol (combining marks, which may follow a letter, are [^\w\s] too); a spaced run "a b c d" holds
# " b c ".  On the bench.speed sample they pass 60 and 40 of 5,000 comments, against 375 for [^\w\s]\w[^\w\s].
_INTERLEAVED_HINT = re.compile(r"[^\w\s]\w[^\w\s]+\w[^\w\s]")
_SPACED_HINT = re.compile(r" [A-Za-z] [A-Za-z] ")
_SPACED = re.compile(r"(?<!\S)(?:[A-Za-z] ){3,}[A-Za-z](?!\S)")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_HINT = re.compile(r"[a-zA-Z][0134578@$]+[a-zA-Z]")
_LEET_CHARS = "0134578@$"
_LEET_WORD = re.compile(r"(?<![\w@$])[a-z]*[a-z][0134578@$]+[a-z][a-z0134578@$]*(?![\w@$])", re.IGNORECASE)
# Not leetspeak (see _unleet): e-mail addresses, hex, numbers, and technical names that carry a digit.
_ADDRESS = re.compile(r"[\w.+-]*@(?:[\w-]+\.[\w.-]|localhost\b)")  # also Yahoo Groups' "forteana@y..."
_HEX = re.compile(r"(?:0?x[0-9a-f]{2}|[0-9a-f]+$)", re.IGNORECASE)
_NUMBER = re.compile(r"\d{3}|@\d")
_TECH = re.compile(  # anywhere in the word; the short ones that could hide in leet ("sm4rt", "v14gra") whole
    r"mp[34]|md5|sha[1-5]|ext[2-4]|pop3|imap4|ipv[46]|w3c|p2p|b2[bc]|i18n|l10n|a11y|k8s|h26[45]|x86|x64"
    r"|win(?:32|64)|utf(?:8|16|32)|k3b|3gp|^m4[abprv]s?$|^[a-z]*[345]gs?$", re.IGNORECASE)


@dataclass(slots=True)
class Folded:
    text: str
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, n: int) -> None:
        if n:
            self.counts[kind] = self.counts.get(kind, 0) + n


def _char_class(cps: set[int] | dict[int, str]) -> re.Pattern[str]:
    """A character class written as ranges: a class of a thousand single characters costs ~0.5 ms a search."""
    parts = []
    run: list[int] = []
    for c in sorted(cps):
        if run and c == run[-1] + 1:
            run.append(c)
            continue
        if run:
            parts.append((run[0], run[-1]))
        run = [c]
    if run:
        parts.append((run[0], run[-1]))
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in parts)
    return re.compile("[" + body + "]")


_INVISIBLE_RX = _char_class(_INVISIBLE | _VARIATION)
_COUNTED_ALWAYS = {0x200B, 0x2060, 0x2062, 0x2063, 0x2064, 0x180E, 0x3164, 0x115F, 0x1160, 0xFFA0}


def _strip_invisible(s: str, out: Folded, probe: str | None = None) -> str:
    if not _INVISIBLE_RX.search(s if probe is None else probe):
        return s
    n = 0
    for m in _INVISIBLE_RX.finditer(s):
        cp = ord(m.group(0))
        if cp in _VARIATION:
            continue
        i = m.start()
        if cp in _COUNTED_ALWAYS or cp >= 0xE0000:
            n += 1
            continue
        # between two letters/digits (skipping other invisibles): a split word, not an emoji joiner
        j = i - 1
        while j >= 0 and _INVISIBLE_RX.match(s, j):
            j -= 1
        k = i + 1
        while k < len(s) and _INVISIBLE_RX.match(s, k):
            k += 1
        if j >= 0 and k < len(s) and s[j].isalnum() and s[k].isalnum():
            n += 1
    out.add("invisible", n)
    return _INVISIBLE_RX.sub("", s)


_OVERLAYS = dict.fromkeys(range(0x0334, 0x0339))  # combining strike-through/slash overlays: ̶D̶u̶t̶c̶h̶
_OVERLAY_RX = re.compile("[\u0334-\u0338]")


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


@functools.cache
def _styled_rx() -> re.Pattern[str]:
    return _char_class(styled_table())


def _unstyle(s: str, out: Folded, probe: str | None = None) -> str:
    rx = _styled_rx()
    if probe is None:
        probe = s
    if rx.search(probe):
        found = rx.findall(s)
        fullwidth = sum(1 for c in found if 0xFF00 <= ord(c) < 0xFF70)
        # Fullwidth Latin is what a Japanese/Chinese keyboard types: not a disguise in CJK text.
        if fullwidth and sum(1 for c in s if _is_cjk(c)) >= 2:
            out.add("styled", len(found) - fullwidth)
        else:
            out.add("styled", len(found))
        s = s.translate(styled_table())
    if _OVERLAY_RX.search(probe):  # the translation maps letters only: the overlays are where they were
        s = s.translate(_OVERLAYS)
    if not unicodedata.is_normalized("NFKC", s):
        s = unicodedata.normalize("NFKC", s)
    return s


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha() or ("LATIN" in unicodedata.name(ch, "") and ch.isalpha())


# Latin letters that look like Cyrillic ones: for Cyrillic words with a Latin letter slipped in ("Рабoта").
# Greek alpha and omicron too ("дoxoдα", a tg recruiter's "income").
_LOOKALIKES_OF_CYRILLIC = "aeopcxyAEOPCXHKMTBαοΑΟ"
_LATIN_TO_CYRILLIC = str.maketrans(_LOOKALIKES_OF_CYRILLIC, "аеорсхуАЕОРСХНКМТВаоАО")
# Cyrillic letters no Latin letter looks like: one of them in a word proves the word Cyrillic, however many Latin
# look-alikes surround it ("зapaбoткa": з б т, and six Latin letters).
_ONLY_CYRILLIC = re.compile(r"[бвгдёжзийлмнптфцчшщъыьэюяБГДЁЖЗИЙЛПФЦЧШЩЪЫЬЭЮЯ]")


_MIXED_HINT = re.compile(r"[A-Za-z][^\W\d_A-Za-z]|[^\W\d_A-Za-z][A-Za-z]")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTERS = re.compile(r"[\u0400-\u04ff]")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _dehomoglyph(s: str, out: Folded, probe: str | None = None) -> str:
    """Words that mix scripts are folded to the script of the text around them: Cyrillic or Greek look-alikes
    in a mostly-Latin text become Latin ("Неllо" -> "Hello"), Latin look-alikes in a mostly-Cyrillic text
    become Cyrillic ("Рабoта" -> "Работа").  Words in one script are never touched (Russian stays Russian)."""
    if probe is not None and not _NON_ASCII_LETTER.search(probe):  # _MIXED_HINT needs a non-ASCII letter
        return s
    if not _MIXED_HINT.search(s):  # no word mixes an ASCII letter with another letter: nothing to do
        return s
    table = homoglyph_table()
    latin_total = len(_ASCII_LETTERS.findall(s))
    cyr_total = len(_CYRILLIC_LETTERS.findall(s))
    n = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal n
        w = m.group(0)
        if w.isascii():
            return w
        latin = sum(1 for c in w if c.isascii() and c.isalpha())
        if not latin:
            return w
        if cyr_total > latin_total:
            cyr = sum(1 for c in w if _is_cyrillic(c))
            # more Latin letters than Cyrillic ones: Cyrillic still, if a letter only Cyrillic has is in it
            if not cyr or cyr < latin and not _ONLY_CYRILLIC.search(w):
                return w
            lat = [c for c in w if not _is_cyrillic(c) and c.isalpha()]
            if all(c in _LOOKALIKES_OF_CYRILLIC for c in lat):
                n += len(lat)
                return w.translate(_LATIN_TO_CYRILLIC)
            return w
        swapped = [table.get(ord(c)) for c in w]
        k = sum(1 for c, r in zip(w, swapped) if r is not None and not c.isascii())
        if not k:
            return w
        # Every non-Latin letter must have a Latin look-alike, else it is a genuinely mixed word (rare) - leave it.
        if any(not c.isascii() and r is None and c.isalpha() and not _is_latin_letter(c) for c, r in zip(w, swapped)):
            return w
        n += k
        return "".join(r if r is not None and not c.isascii() else c for c, r in zip(w, swapped))

    s = _WORD.sub(fix, s)
    out.add("homoglyph", n)
    return s


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _is_sep(ch: str) -> bool:
    return not (ch.isalnum() or ch.isspace() or ch == "_" or _is_mark(ch))


@functools.cache
def _interleaved_rx() -> re.Pattern[str]:
    marks = {cp for cp in range(0x300, 0x20000) if _is_mark(chr(cp))}
    return re.compile(_INTERLEAVED_FORM.format(M=_char_class(marks).pattern[1:-1]))


##############################################################################################################
# Which runs of symbol-separated letters are a disguise?
#
# Measured over ../shared/data (every row through the engine, DISGUISE_INTERLEAVED on ham): the plain regex
# also caught a stretched word on Reddit ("Change it a^r^o^o^o^o^o^o^o^n^d"), a stutter on YouTube
# ("*D-D-D-D-D-D--DROP THE BASS!!*"), a ^H joke ("H^H^H^H^H^H"), an emoticon and a contraction in SMS
# ("K.k:)i'm going to tirunelvali"), and code in e-mail: query strings "f=G&l=5", C "a=0;a<s", sed
# "s/\s/_/g", "O(n^(2+1/2+e)", uuencoded lines "M(&,P,V$W".  Hindi, Tamil, Telugu and Sinhala words in tg
# spam ("निःशुल्क") were runs too: their vowel signs and viramas are combining marks, not \w.  Spam's
# interleaving puts one symbol (or a repeated one) between almost every letter of a real word: "♥♥j♥♥♥u♥♥z",
# "v.i.a.g.r.a", "D-A-N-G-E-R-O-U-S", "C*O*C*K*S", "B!l!a~c", "银.行.卡", "国|内|外".  Decision: a run counts when
#   - its letters are mostly not digits, and it is not a short "a/b/c/d", "e.g.", "K..k..i'm" run (as before);
#   - it has >= 3 distinct letters, case folded (a stutter or the ^H joke has fewer; "f♥r♥e♥e" has 3);
#   - at most a third of its letters repeat the one before ("a^r^o^o^o^o^n^d" is a word stretched, not hidden);
#   - its separators are at most 3 distinct characters, none of them a code or markup character
#     (= & ; < > \ ( ) [ ] { } " ` %): query strings, code, uuencode and emoticons use those, disguises do not;
#   - combining marks are part of their letter, so Indic words are never runs.
# Rows with the hit, before -> after: spamassassin ham 17 -> 2 ("M*A*S*H", initials "(a.a.h.i.h.l.n.o.o.)"),
# Reddit, SMS and YouTube ham 1 -> 0 each; spam: seed 1 -> 1, tg 74 -> 61, spamassassin 27 -> 19 (mojibake and
# "_/_/_/" rules were most of the loss), SMS 4 -> 0 ("T's&C's"), stackexchange 4 -> 3.
##############################################################################################################
_CODE_SEPS = frozenset("=&;<>\\()[]{}\"`%")


def _is_disguise_run(run: str) -> bool:
    letters = [c.lower() for c in run if c.isalnum()]
    seps = {c for c in run if _is_sep(c)}
    # "3.14.15.92"-like numbers, dates, "a/b/c/d" paths and "K..k..i'm" are not disguise.
    if sum(c.isdigit() for c in letters) > len(letters) // 2 or seps <= {"/", "-", ".", ":", ",", "'"} \
            and len(letters) < 6:
        return False
    if len(set(letters)) < 3 or 3 * sum(a == b for a, b in zip(letters, letters[1:])) > len(letters):
        return False
    return len(seps) <= 3 and not seps & _CODE_SEPS


def _uninterleave(s: str, out: Folded) -> str:
    n = 0
    s2 = s
    if _INTERLEAVED_HINT.search(s):
        parts = []
        last = 0
        for m in _interleaved_rx().finditer(s):
            run = m.group(0)
            if not _is_disguise_run(run):
                continue
            letters = [c for c in run if not _is_sep(c)]
            a, b = m.span()
            while a > last and _is_sep(s[a - 1]):  # the symbols around the run go too ("♥♥j♥u♥z♥i♥♥")
                a -= 1
            while b < len(s) and _is_sep(s[b]):
                b += 1
            parts.append(s[last:a])
            parts.append(" " + "".join(letters) + " ")
            last = b
            n += 1
        if n:
            parts.append(s[last:])
            s2 = "".join(parts)
    out.add("interleaved", n)
    n = 0

    def fix_spaced(m: re.Match[str]) -> str:
        nonlocal n
        run = m.group(0)
        # fewer than 3 distinct letters (the set holds the space too) are kisses, "x x x x", not a word hidden (as for
        # interleaving): over ../shared/data 1 SMS genuine row and 1 Stack Exchange spam row lose the hit
        if len(set(run.lower())) < 4:
            return run
        n += 1
        return run.replace(" ", "")

    if _SPACED_HINT.search(s2):
        s2 = _SPACED.sub(fix_spaced, s2)
    out.add("spaced", n)
    if not s2.isascii() and _HAN_SPACED.search(s2):
        s2, k = _unspace_han(s2)
        out.add("interleaved", k)
    return s2


##############################################################################################################
# Chinese written with spaces between its characters: "电 报 微 信 QQ拉 人，中英文炒 群，专 业代发， 群 发 炸 群" (Telegram,
# WeChat, QQ; pulling members, group raids, bulk posting).  Chinese puts no space inside a word, so a keyword filter
# looking for 拉人 or 电报 misses "拉 人" and "电 报"; the grey-market service ads do it to every few characters.
# A space between two Han characters is removed when the character on either side stands alone (a
# one-character "word" between spaces or punctuation); a space between two longer runs ("你好 世界", how informal
# Chinese separates phrases) stays.  Three or more lone characters joined count as one interleaving disguise:
# in a script written without spaces a space inside a word is a separator, as the dots of "v.i.a.g.r.a" are.
# Not as a "spaced" one: "F R E E" and "x x x" are also how people write emphasis and kisses, and counted there
# the Chinese rows doubled DISGUISE_SPACED's fitted weight (+1.0 -> +1.9 with YouTube held out), which lifted
# YouTube's "P E A C E & L O V E" and an SMS "Loads of love nicky x x x x" above the 1% FP line.
# Over ../shared/data the text changes in 144 tg and 6 e-mail spam rows, in no genuine row of any corpus (two
# e-mail genuine rows have Han, space, Han between longer runs).
##############################################################################################################
_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Han, then the space (the match ends after it): 1.6 µs a search on tg's non-ASCII texts, against 5.7 µs for the
# space with a look-behind
_HAN_SPACED = re.compile(f"[{_HAN_CLASS}][ \u00a0\u3000](?=[{_HAN_CLASS}])")
_HAN_CHAR = re.compile(f"[{_HAN_CLASS}]")


def _unspace_han(s: str) -> tuple[str, int]:
    """The text with the spaces inside spaced-out Chinese removed, and 1 if three or more lone characters were
    joined (else 0)."""
    n = len(s)

    def alone(i: int) -> bool:  # the Han character at i has no Han neighbour
        return not (i > 0 and _HAN_CHAR.match(s, i - 1)) and not (i + 1 < n and _HAN_CHAR.match(s, i + 1))

    drop: list[int] = []
    lone: set[int] = set()
    for m in _HAN_SPACED.finditer(s):
        k = m.start() + 1  # the space
        ends = [i for i in (k - 1, k + 1) if alone(i)]
        if ends:
            drop.append(k)
            lone.update(ends)
    if not drop:
        return s, 0
    parts, last = [], 0
    for k in drop:
        parts.append(s[last:k])
        last = k + 1
    parts.append(s[last:])
    return "".join(parts), int(len(lone) >= 3)


##############################################################################################################
# Which words are leetspeak?
#
# Measured over ../shared/data: DISGUISE_LEET fired on 34.6% of spamassassin_public ham.  Counting the words
# it rewrote there: 880 of 886 distinct words were e-mail addresses ("listmaster@linux" from
# listmaster@linux.ie: 576 rows, "ilug@linux" 541, "users@lists" 198 ...), the "@" read as an "a"; the rest were
# hex escapes ("x3f", "x00tb"), file formats and program names ("mp3s", "ext3fs", "md5sums", "pop3proxy", "k3b")
# and a few real jokes ("Micro$oft", "L0pht", "fux0red").  SMS spam adds prices ("Msg150p", "msg@150p").
# Decision: a leet-looking word is left alone (and not counted) when it is
#   - part of an e-mail address (user@host.tld, either side of the "@"; also "user@localhost" and the
#     truncated "forteana@y..." of Yahoo Groups quotes), or an "@" before a number ("@150p");
#   - hex: "x3f", "0x1f" escapes, or made only of hex digits ("d4d", "a1c");
#   - a number: a run of 3+ digits is a quantity, not three swapped letters ("cc100p");
#   - a technical name with a digit: mp3, md5, sha1, ext3, pop3, ipv4, w3c, p2p, b2b, i18n, k8s, h264, x86,
#     win32, utf8, 3gp ... anywhere in the word ("Gnump3d", "mp3s"); m4v, m4a and 3g/4g/5g only as the whole
#     word, or "sm4rt" and "v14gra" would hide behind them;
#   - a model code (as before): two capitals or a final digit ("AR3BT", "SR80e", "B4S").
# Spam's leetspeak ("v1agra", "c4sh", "p0rn", "s3x", "Opp0rtunity", "R@pe", "funkyf@ctory") keeps counting.
# Rows with the hit, before -> after: spamassassin ham 1423 (34.6%) -> 20 (0.5%: "Micro$oft", "L0pht",
# uuencode), spamassassin spam 210 -> 7, stackexchange spam 38 -> 8, tg spam 8 -> 2, SMS spam 2 -> 1: spam's
# count was mostly e-mail addresses too.
##############################################################################################################
def _not_leet(w: str, start: int, addresses: list[tuple[int, int]]) -> bool:
    letters = sum(c.isalpha() for c in w)
    if letters < 2 or letters < len(w) / 2:
        return True
    if sum(c.isupper() for c in w) >= 2 or w[-1].isdigit():  # model codes: AR3BT, SR80e, B4S
        return True
    if any(a < start + len(w) and start < b for a, b in addresses):
        return True
    return bool(_HEX.match(w) or _NUMBER.search(w) or _TECH.search(w))


##############################################################################################################
# Speed.  _ADDRESS and _LEET_WORD start with a class repeat or a look-behind, so the engine tries them at every
# position and rescans each word: 5 µs a comment each on the bench.speed sample, 140 µs on an e-mail.  The same
# spans are found from cheaper anchors:
#   _ADDRESS: from each "@" that has a domain after it (_AT_DOMAIN), back over the address characters before it,
#       but not into the previous match (finditer's matches do not overlap);
#   _LEET_WORD: a match is a whole run of [\w@$] (its look-around refuses a neighbour of that class, and all its
#       characters are of it), so each run around a _LEET_CANDIDATE (a part every match has) is tried whole.
##############################################################################################################
_AT_DOMAIN = re.compile(r"@(?:[\w-]+\.[\w.-]|localhost\b)")  # _ADDRESS from its "@"
_LEET_CANDIDATE = re.compile(r"[a-z][0134578@$]+[a-z]", re.IGNORECASE)


def _is_address_char(c: str) -> bool:  # [\w.+-]
    return c.isalnum() or c in "_.+-"


def _is_leet_run_char(c: str) -> bool:  # [\w@$]
    return c.isalnum() or c in "_@$"


def _address_spans(s: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _ADDRESS.finditer(s)]``."""
    spans: list[tuple[int, int]] = []
    last = 0
    for m in _AT_DOMAIN.finditer(s):
        i = m.start()
        while i > last and _is_address_char(s[i - 1]):
            i -= 1
        spans.append((i, m.end()))
        last = m.end()
    return spans


def _leet_spans(s: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _LEET_WORD.finditer(s)]``."""
    spans: list[tuple[int, int]] = []
    end = -1
    for m in _LEET_CANDIDATE.finditer(s):
        if m.start() < end:  # in the run tried last
            continue
        a, b = m.start(), m.end()
        while a and _is_leet_run_char(s[a - 1]):
            a -= 1
        while b < len(s) and _is_leet_run_char(s[b]):
            b += 1
        end = b
        # pos/endpos: the look-behind still sees s[a - 1]; the look-ahead sees the end where s[b] is not [\w@$]
        if _LEET_WORD.fullmatch(s, a, b):
            spans.append((a, b))
    return spans


def _unleet(s: str, out: Folded) -> str:
    n = 0
    if any(c in s for c in _LEET_CHARS) and _LEET_HINT.search(s):  # substring tests first: 0.7 vs 4.7 µs
        addresses = _address_spans(s) if "@" in s else []
        parts = []
        last = 0
        for a, b in _leet_spans(s):  # as _LEET_WORD.sub
            w = s[a:b]
            if not _not_leet(w, a, addresses):
                n += 1
                w = "".join(_LEET.get(c, c) for c in w)
            parts.append(s[last:a])
            parts.append(w)
            last = b
        if parts:
            parts.append(s[last:])
            s = "".join(parts)
    out.add("leet", n)
    return s


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_PROBE_MIN = 500  # characters; below, the extra pass costs more than it saves


def fold_unicode(s: str, out: Folded) -> str:
    """Invisible characters first (they split words), then styled letters and NFKC (math bold becomes ASCII),
    then homoglyphs (which need ASCII neighbours to be recognised)."""
    if s.isascii():
        return s
    # Every character these steps look for is non-ASCII: in a long, mostly ASCII text (e-mail) they look in its
    # non-ASCII characters only (``probe``) instead of scanning the whole text with their big character classes
    # (119 -> 69 µs a comment over the 400 bench.speed comments of 1,000+ characters).  A step that changed the
    # text (NFKC can make new letters) gets a fresh probe.
    probe = "".join(_NON_ASCII.findall(s)) if len(s) > _PROBE_MIN else None
    s2 = _strip_invisible(s, out, probe)
    if s2 is not s and probe is not None:
        probe = "".join(_NON_ASCII.findall(s2))
    s3 = _unstyle(s2, out, probe)
    if s3 is not s2 and probe is not None:
        probe = "".join(_NON_ASCII.findall(s3))
    # Turkish and Azerbaijani capital dotted I: str.lower() makes it "i" + U+0307 (a combining dot), so
    # "FREESPİN", "KİŞİ", "İNVESTASİ" never equal "freespin", "kişi", "investasi" in any lexicon, phrase or word
    # token.  Folded to "I" (whose lower case is "i", as Turkish wants for İ).  Over ../shared/data 44 rows hold
    # İ (tg 40 spam, e-mail 2 spam, YouTube 1 spam and 1 genuine); "250 FREESPİN KODU" now names its topic.
    if "\u0130" in (probe if probe is not None else s3):
        s3 = s3.replace("\u0130", "I")
    return _dehomoglyph(s3, out, probe)


def fold_tricks(s: str, out: Folded) -> str:
    """Interleaved symbols and leetspeak.  Run after links are cut out (a URL path is not leetspeak)."""
    s = _uninterleave(s, out)
    return _unleet(s, out)


def fold(s: str) -> Folded:
    """Undo every disguise in a plain string; return the folded text (case kept) and the counts."""
    out = Folded(s)
    out.text = fold_tricks(fold_unicode(s, out), out)
    return out
