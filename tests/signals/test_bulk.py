"""BULK_MAILING: a mass mailing's opt-out footer, legal cover and ADV: label, and the everyday uses of the same
words that must not fire (measured on ../shared/data: see signals/bulk.py)."""

from __future__ import annotations

import pytest

from tamis.engine import Engine
from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.bulk import bulk, bulk_phrases
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def hits(text: str):
    a = analyze(Comment.from_dict({"comment_content": text}), None)
    return [h for h in bulk(a, W) if h is not None]


@pytest.mark.parametrize("text", [
    "To be removed from our mailing list, reply with REMOVE in the subject line.",
    "If you wish to be removed, please click here.",
    "Click here to be removed.",
    "We will remove your e-mail address from our database on request.",
    "You may opt out of future mailings at any time.",
    "Hey I am really horny want to chat? text hot to 69698. to unsubscribe text stop 69698",
    "Free entry in 2 a wkly comp. Send STOP to 87239 to end",
    "Reply STOP to opt out.",
    "If you'd rather not hear from me again, just reply with \"no thanks\".",
    "If you do not wish to receive further offers, write to us.",
    "This message is sent in compliance of the new e-mail bill: SECTION 301. Per Section 301, Paragraph (a)(2)(C) "
    "of S. 1618.",
    "This is not spam: you signed up with one of our partners.",
    "ADV: Lowest life insurance rates available!",
    "Re: ADV: Extended auto warranties",
])
def test_mailing_marks_fire(text: str) -> None:
    got = hits(text)
    assert got and got[0].name == "BULK_MAILING", text


@pytest.mark.parametrize("text", [
    "This post needs to be removed, it breaks rule 3.",
    "You should remove yourself from the situation before it gets worse.",
    "The BuildRequires on kernel-source will also need to be removed because it won't be true.",
    "Just unsubscribe from the list if the newsletter annoys you.",
    "I told them to stop calling me and they stopped.",
    "Please stop to think before you post.",
    "Is this spam? I got it twice.",
    "I'd reply no to that offer.",
    "Advice: keep your receipts.",
    "The ADV: prefix used to be required in some states.",  # the label quoted mid-sentence, not opening the text
])
def test_everyday_uses_do_not_fire(text: str) -> None:
    assert hits(text) == [], text


def test_footer_of_a_long_mailing_is_read() -> None:
    body = "Great savings on every policy. " * 300  # ~9,300 characters, the footer past the first 4,000
    assert bulk_phrases(body + "\n\nTo be removed from our list, reply REMOVE.")
    assert not bulk_phrases(body)


def test_one_instruction_counts_once() -> None:
    assert bulk_phrases("To be removed from this list, use this link.") == ["to be removed from this list"]


def test_counts_in_the_verdict() -> None:
    """The engine runs it: a mass mailing's footer is named among the reasons."""
    v = Engine.load().check(Comment.from_dict({"comment_content": (
        "Lowest mortgage rates in 40 years! Refinance today.\n\n"
        "To be removed from our mailing list, reply with REMOVE in the subject line.")}))
    assert "BULK_MAILING" in {h.name for h in v.hits}


@pytest.mark.parametrize("text", [
    "Your email address was obtained from a purchased list, Reference # 1220-14000.",
    "You are receiving this letter because you have expressed an interest in receiving information about online "
    "business opportunities. If this is erroneous then please accept our most sincere apology.",
    "You are receiving this mailing because you opted in at one of our partner sites.",
])
def test_how_the_address_was_got(text: str) -> None:
    assert bulk_phrases(text), text


@pytest.mark.parametrize("text", [
    "I opted in to the beta last week and it crashes on start.",  # a user's own choice, not the mailer's claim
    "The address was found to be wrong, so the parcel came back.",
    "If you have received this e-mail in error please notify the sender.",  # a company's confidentiality footer
])
def test_how_the_address_was_got_near_misses(text: str) -> None:
    assert not bulk_phrases(text), text
