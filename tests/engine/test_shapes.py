"""Shape tokens (engine/analysis.py shape_tokens): the text cues the classifier reads in any language."""

from __future__ import annotations

import pytest

from tamis.engine.analysis import shape_tokens


@pytest.mark.parametrize("text", [
    "You have won a prize! Call 09050005321 now",
    "WhatsApp: +44 7700 900123",
    "Call (555) 123-4567 for a free quote",
    "ring 0871 246 0002 today",
])
def test_phone_numbers_are_phones(text: str) -> None:
    assert "shape:phone" in shape_tokens(text)


@pytest.mark.parametrize("text", [
    "1000000000 views.",  # a round number
    "BEST SONG EVER X3333333333",  # one digit repeated
    "860,000,000 lets make it first female to reach one billion!!",  # thousands in commas
    "2.126.521.750  views!!!!!!!!!!!!!!!!!",  # dots only: a count, an IP address or a version
    "connect to 194.192.106.109 and retry",
])
def test_counts_and_addresses_are_not_phones(text: str) -> None:
    assert "shape:phone" not in shape_tokens(text)


def test_money_and_shouting() -> None:
    assert "shape:money" in shape_tokens("Earn $450 per day from home")
    assert "shape:shouting" in shape_tokens("THIS IS THE BEST OFFER YOU WILL EVER SEE, CLICK NOW")
    assert shape_tokens("just a normal comment about the weather") == []


@pytest.mark.parametrize("text", [
    "Earn $450 per day from home", "доход от 2000$ в день", "earn 100$ daily", "only 100€", "100€ bonus",
    "от 600$/54000рублей в день", "заработок от 750💲в неделю", "1000₺ bonus", "500 рублей", "12 euros", "5usdt",
])
def test_money_with_the_currency_before_or_after(text: str) -> None:
    # a sign after the digits used to need a letter after it (the pattern's closing word boundary)
    assert "shape:money" in shape_tokens(text)


@pytest.mark.parametrize("text", ["3000 смена", "room 101", "usd 5 and eur 7", "top 10 list", "500 rub-a-dub"])
def test_numbers_without_a_currency_are_not_money(text: str) -> None:
    assert "shape:money" not in shape_tokens(text)
