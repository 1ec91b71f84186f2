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


def test_emoji_sequences_are_not_invisible_disguise() -> None:
    f = fold("👨\u200d👩\u200d👧 ❤\ufe0f ok")
    assert "invisible" not in f.counts
