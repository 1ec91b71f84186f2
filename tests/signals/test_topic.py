"""SPAM_TOPIC: a spam topic named in any language, with a call to action (signals/topic.py)."""

from __future__ import annotations

import pytest

from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.topic import topic
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def hits(text: str) -> list:
    return [h for h in topic(analyze(Comment.from_dict({"comment_content": text}), None), W) if h]


@pytest.mark.parametrize(("text", "cta"), [
    ("Best online casino, 200 free spins: https://spins.example", "a link"),
    ("Заработок в интернете от 5000 в день. Писать: @chezarius", "an @handle"),
    ("You have won a prize! Call 09050005321 now", "a phone number"),
    ("Invest in bitcoin now, $100 becomes $1,000", "a price"),
    ("Pinjaman online cepat cair, email pinjaman@cepat-cair.example", "an e-mail address"),
    ("Нужен человек для удаленного заработка, 2 часа в день. Для связи (+) в ЛС", "a contact request"),
    ("1000 ABONEDE 250 FREESPİN KODU https://t.me/example_slots", "a link"),  # Turkish dotted İ folded
    ("Ставим строго на тотал: https://t.me/example_bet", "a link"),
    ("13minutes before launch, BSC NETWORK! If you're here, you're lucky for the upcoming moonshot", "an offer"),
    ("Lose 11 pounds in 7 days with our diet pills, order now!", "an offer"),  # a PROMO_OFFER phrase
    ("LAUNCHING IN 7MINS, BSC CHAIN! Some Private Groups Were Hype About This Launch!", "an offer"),
    ("Lexmark printer tech support number: dial +1 (888) 555-0199 for help", "a phone number"),
    ("Best face serum for glowing skin: https://glow.example/serum", "a link"),
])
def test_topic_with_a_call_to_action_fires(text: str, cta: str) -> None:
    (h,) = hits(text)
    assert h.name == "SPAM_TOPIC"
    assert h.evidence.endswith(f"with {cta}")
    assert h.weight > 0


@pytest.mark.parametrize("text", [
    "crypto is a scam and everyone knows it",
    "My uncle won the lottery prize last year",
    "Is SEO still worth learning in 2024?",
    "porn addiction is a real thing, talk to someone",
    "Shill me your gems, what are you buying this week?",  # crypto slang, but nowhere to go
    "Is there a customer service number? If so, what is it?",  # a customer asking
    "The bitcoin launch party was fun, the slides are on the wiki",  # "launch", but no countdown to buy at
])
def test_topic_without_a_call_to_action_is_silent(text: str) -> None:
    assert hits(text) == []


def test_an_email_address_is_an_address_not_a_handle() -> None:
    assert [h.evidence for h in hits("crypto is a scam, ask user@example.org")] == [
        "crypto: crypto; with an e-mail address"]


def test_each_further_topic_counts_once_more() -> None:
    one = hits("Best casino here https://x.example")[0]
    two = hits("Best casino and usdt bonus here https://x.example")[0]
    assert two.weight > one.weight
    assert two.evidence.startswith("gambling: casino, crypto: usdt")


def test_reply_mention_is_not_a_handle_without_topic() -> None:
    assert hits("@johnny I agree with you, great post") == []


@pytest.mark.parametrize("text", [
    "I started trading with @CHRIS_USDTC just $100 and in 24 hours I was credited with $1800",
    "Would love to recommend John Weber to you all, BEST TRADER https://t.me/johnweber_fx",
    "Thank you for another successful withdrawal sent today https://t.me/joinchat/JlzD5qkk5",
    "Reach Mrs Alice on WhatsApp +1 555 0100 for investment, she is the best",
    # the testimonial, without a finance word of its own
    "I made $207k with https://t.me/Example_Phillip",
    "I have made $30,000 US dollars in 2 weeks with the help of @FxExample Join chat",
    "Started with $800 and received $7,500 after a week https://t.me/+ExAmPle123",
])
def test_finance_word_with_a_private_messenger_names_crypto(text: str) -> None:
    (h,) = hits(text)
    assert h.evidence.startswith("crypto: ")


@pytest.mark.parametrize("text", [
    "I invested in index funds for ten years, ask me at bob@example.com",  # an address, not a messenger
    "@johnny_b what's your trading strategy for next year? $500 a month?",  # a reply's leading mention
    "My profits went down 20% this year, taxes ate the rest",
    "I made $200 selling my old bike, ask me at bob@example.com",  # an address, not a messenger
    "@johnny_b I made $40 at the car boot sale, not bad",  # a reply's leading mention
    "I made 5 dollars on telegram stickers lol",  # the testimonial asks for a messenger link or @handle
])
def test_finance_word_without_a_private_messenger_is_silent(text: str) -> None:
    assert hits(text) == []


@pytest.mark.parametrize("text", [
    "PLEASE DONATE BITCOINS TO ME AT: 1FHeNqx1twqM153v2PTAyieJNEALAhZvEM",
    "the first BEP20 token launched 0xbbB2aaEB8c9dA72bb7faDB42A9c84AACF26974Fd buy now",
    "send usdt trc20 to TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL",
])
def test_a_wallet_address_is_a_call_to_action(text: str) -> None:
    (h,) = hits(text)
    assert h.evidence.endswith("with a wallet address")


@pytest.mark.parametrize("text", [
    "the casino commit 3f2a9c1b broke the build",  # a short hash
    "casino ticket 1234567891234567891234567891",  # digits only
    "casino see https://x.example/0x79C94a311402bC6e154b0d8c8Fdef1448B2fc560",  # in a link: the link is the cta
])
def test_wallet_lookalikes_are_not_addresses(text: str) -> None:
    got = hits(text)
    assert not any(h.evidence.endswith("with a wallet address") for h in got)
    if "https://" not in text:
        assert got == []
