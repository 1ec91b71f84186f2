"""Unit tests for normalize/unicode.py: each disguise is undone and counted; plain text is left alone."""

from __future__ import annotations

import pytest

from tamis.normalize.unicode import fold


def test_hearts_interleaved_are_removed_and_counted() -> None:
    f = fold("♥♥j♥♥♥u♥♥z♥i♥♥♥w♥♥p♥♥♥r")
    assert "juziwpr" in f.text.split()
    assert f.counts["interleaved"] == 1


def test_symbol_interleaving_inside_a_sentence() -> None:
    f = fold("buy v.i.a.g.r.a now")
    assert "viagra" in f.text.split()
    assert f.counts.get("interleaved") == 1


def test_zero_width_characters_are_removed_and_counted() -> None:
    f = fold("fr\u200bee mo\u200cney\u2060 now")
    assert f.text == "free money now"
    assert f.counts["invisible"] >= 2


def test_bom_alone_is_removed() -> None:
    assert fold("nice song\ufeff").text == "nice song"


def test_math_bold_letters_fold_to_ascii() -> None:
    f = fold("𝐈 𝐬𝐭𝐚𝐫𝐭𝐞𝐝 𝐰𝐢𝐭𝐡 $𝟖𝟎𝟎")
    assert f.text == "I started with $800"
    assert f.counts["styled"] >= 10


@pytest.mark.parametrize("styled, plain", [
    ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
    ("ⓒⓘⓡⓒⓛⓔⓓ", "circled"),
    ("𝓼𝓬𝓻𝓲𝓹𝓽", "script"),
    ("𝕕𝕠𝕦𝕓𝕝𝕖", "double"),
])
def test_styled_alphabets(styled: str, plain: str) -> None:
    f = fold(styled)
    assert f.text.lower() == plain
    assert f.counts["styled"] == len(plain)


def test_fullwidth_in_japanese_text_is_not_a_disguise() -> None:
    f = fold("日本語のチケット ＯＴＣ について")
    assert "OTC" in f.text
    assert "styled" not in f.counts


def test_cyrillic_homoglyphs_in_latin_words() -> None:
    f = fold("Неllо frіеnd, visit my раgе")  # Н е о і е а are Cyrillic
    assert f.text == "Hello friend, visit my page"
    assert f.counts["homoglyph"] >= 6


def test_latin_homoglyphs_in_russian_words() -> None:
    f = fold("Удалённая рабoта, доход от 300$ в неделю")  # 'o' in рабoта is Latin
    assert "работа" in f.text
    assert f.counts["homoglyph"] == 1


def test_russian_words_with_mostly_latin_look_alikes() -> None:
    # more Latin letters than Cyrillic ones, but з б т are letters only Cyrillic has: the word is Russian
    f = fold("Boзмoжнocть зapaбoткa: oт 6000 $ в месяц, дoxoдα растёт")
    assert f.text == "Возможность заработка: от 6000 $ в месяц, дохода растёт"
    # an English word with a Russian ending keeps its Latin letters when one has no Cyrillic look-alike
    assert "Macbookи" in fold("Купил два Macbookи вчера").text


def test_plain_russian_is_untouched() -> None:
    s = "Привет, как дела? Розетка на 16 ампер выдержит."
    f = fold(s)
    assert f.text == s
    assert f.counts == {}


def test_leetspeak() -> None:
    f = fold("cheap v1agra and fr3e m0ney")
    assert f.text == "cheap viagra and free money"
    assert f.counts["leet"] == 3


@pytest.mark.parametrize("s", ["mp3 player", "Windows 10", "4k video", "the 3rd time", "AR3BT headphones",
                               "x86_64 build", "B2B sales", "100% sure"])
def test_codes_and_numbers_are_not_leet(s: str) -> None:
    assert "leet" not in fold(s).counts


@pytest.mark.parametrize("s", ["U.S.A. and e.g. i.e.", "pi is 3.14.15.92", "see a/b/c/d", "well-to-do"])
def test_ordinary_punctuation_is_not_interleaving(s: str) -> None:
    assert "interleaved" not in fold(s).counts


def test_spaced_letters_are_joined_but_counted_apart() -> None:
    f = fold("F R E E money")
    assert "FREE" in f.text
    assert f.counts == {"spaced": 1}


def test_kisses_are_not_spaced_letters() -> None:
    f = fold("Ill phone u when i get back. Loads of love nicky x x x x x x x x x")
    assert f.counts == {} and "x x x" in f.text


def test_spaced_out_chinese_is_joined_and_counted() -> None:
    f = fold("电 报 微 信 QQ拉 人，中英文炒 群，专 业代发")
    assert "电报微信" in f.text and "拉人" in f.text and "炒群" in f.text and "专业代发" in f.text
    assert f.counts == {"interleaved": 1}


@pytest.mark.parametrize("s", [
    "你好 世界，我们 明天见",  # spaces between words of two or more characters: informal Chinese, kept
    "好 谢谢",  # one lone character joined, but one is not a disguise
    "東京 タワー",  # kana is not Han
    "hello 好 world",  # Han between Latin words
])
def test_ordinary_spaces_in_chinese_are_not_a_disguise(s: str) -> None:
    f = fold(s)
    assert f.counts == {}
    if s != "好 谢谢":
        assert f.text.count(" ") == s.count(" ")  # (NFKC turns the full-width comma into ",")


def test_emoji_sequences_are_not_invisible_disguise() -> None:
    f = fold("👨\u200d👩\u200d👧 ❤\ufe0f ok")
    assert "invisible" not in f.counts


# ------------------------------------------------------------------------ interleaving: what ham does with symbols
@pytest.mark.parametrize("s", [
    "K.k:)i'm going to tirunelvali",                    # SMS ham: an emoticon and a contraction
    "Change it a^r^o^o^o^o^o^o^o^n^d",                  # Reddit ham: a word stretched
    "*D-D-D-D-D-D--DROP THE BASS!!*",                   # YouTube ham: a stutter
    "Ctrl-H prints H^H^H^H^H^H^H^H^H here",             # e-mail ham: the ^H joke
    "http-equiv? no: f=G&l=5 and a=c&e=2&s=P",          # e-mail ham: query strings
    "for (a=0;a<s;a++) if (c=*p)!=0;p++",               # e-mail ham: C
    "run s/\\s/_/g on it, it is O(n^(2+1/2+e))",        # e-mail ham: sed, maths
    "M(&,P,V$W E.R!C,#%F,3,Y.2",                        # e-mail ham: uuencode
    "Re: [SAtalk] Re: [SAtalk] Re: test",
    "Update of /cvsroot/spamassassin/spamassassin/masses mass-check,1.67,1.67.2.1",
    "निःशुल्क प्राप्त करें",                               # Hindi: vowel signs and viramas are combining marks
])
def test_genuine_symbol_runs_are_not_interleaving(s: str) -> None:
    f = fold(s)
    assert "interleaved" not in f.counts
    assert f.text == s


@pytest.mark.parametrize("s, word", [
    ("♥♥j♥♥♥u♥♥z♥i♥♥♥w♥♥p♥♥♥r", "juziwpr"),
    ("buy v.i.a.g.r.a now", "viagra"),
    ("D-A-N-G-E-R-O-U-S", "DANGEROUS"),
    ("C*O*C*K*S", "COCKS"),
    ("★f★r★e★e★ money", "free"),            # 3 distinct letters are enough
    ("•l•o•o•k• here", "look"),             # one doubled letter is a word, not a stretch
    ("~s~u~p~p~o~r~t~", "support"),
    ("B!l!a~c!k", "Black"),
    ("国|内|外|各|种", "国内外各种"),
])
def test_real_interleaving_still_counts(s: str, word: str) -> None:
    f = fold(s)
    assert f.counts.get("interleaved") == 1
    assert word in f.text.split()


# ------------------------------------------------------------------------ leetspeak: what ham does with digits
@pytest.mark.parametrize("s", [
    "[ILUG] Re: Problems with RAID1 on cobalt raq3\n\nOn Mon, Aug 19, 2002 at 03:08:16PM +0100",
    "mail listmaster@linux.ie or ilug-admin@linux.ie",   # the @ of an address is not an "a"
    "Tim Peters <tim.one@comcast.net> writes",
    "ox3rjarvis8830@gmail.com",
    "escape \\x3f and \\x00tb, 0x1fe, d4d",            # hex
    "my mp3s on ext3fs, md5sums, pop3proxy, Gnump3d, k3b",
    "w3c i18n l10n k8s ipv4 h264 x86 m4v iphone3G",
    "Msg150p, cc100p, only msg@150p",                  # prices
])
def test_technical_tokens_are_not_leet(s: str) -> None:
    assert "leet" not in fold(s).counts


@pytest.mark.parametrize("s, plain", [
    ("fr3e v1agra", "free viagra"), ("c4sh now", "cash now"), ("p0rn", "porn"), ("s3x", "sex"),
    ("sm4rt Opp0rtunity", "smart Opportunity"), ("R@pe c@sh", "Rape cash"),
])
def test_spam_leet_still_counts(s: str, plain: str) -> None:
    f = fold(s)
    assert f.text == plain
    assert f.counts["leet"] == sum(a != b for a, b in zip(s.split(), plain.split()))


@pytest.mark.parametrize(("raw", "lower"), [
    ("250 FREESPİN KODU", "250 freespin kodu"),
    ("İNVESTASİ", "investasi"),
    ("KİŞİLİK 🎁 bonus", "kişilik 🎁 bonus"),
    ("İstanbul'da " + "çok güzel bir gün. " * 40, "istanbul'da " + "çok güzel bir gün. " * 40),  # long-text path
])
def test_turkish_dotted_capital_i_lowercases_to_plain_i(raw: str, lower: str) -> None:
    # str.lower() turns "İ" into "i" + U+0307, which no lexicon or word token matches
    folded = fold(raw)
    assert folded.text.lower() == lower
    assert "\u0307" not in folded.text.lower()
    assert not folded.counts
