"""The spam a news site's or blog's comment section gets today, beyond adverts: recovery-scam and spell-caster
testimonials, herbal cures, loan and hacker offers, blog-comment templates (model/topics.py, signals/template.py).
Each is caught by the bundled model with no feedback; a reader's comments on the same subjects are not.
Written for this test in the families' own words; the verdicts with model ecbf1d0c are in the comments."""

from __future__ import annotations

import pytest

from tamis.engine import Engine
from tamis.types import Comment

SPAM = [
    # recovery scam (crypto topic + e-mail address): +4.2
    "I lost about $75,000 to a fake crypto investment platform last year. I was devastated until I found Recovery "
    "Masters, they helped me get all my funds back within 48 hours. Contact them: recoverymasters@gmail.com",
    # spell caster (occult topic + WhatsApp contact): +5.8
    "I want to thank Dr. Ogun for bringing back my ex-husband after 3 years of separation. His love spell is real and "
    "works fast. Contact him on WhatsApp +2348123456789 or email drogunspelltemple@gmail.com",
    # herbal cure (supplement topic + e-mail address): +3.2, was +0.2 without "herbal medicine" in the lexicon
    "My name is Linda from Texas, I was diagnosed with herpes in 2019 and Dr. Ebomi cured me with his herbal "
    "medicine. You can reach him via his email dr.ebomiherbalhome@gmail.com",
    # hacker for hire (hacker topic + e-mail address): +2.7, was +0.4
    "If you need a hacker to fix your credit score or hack your spouse's phone, contact CYBERGENIE at "
    "cybergeniehack@proton.me, they are legit and fast.",
    "Are you in need of a loan? We offer loans at 2% interest rate. Contact us at fastloanfirm@outlook.com for more "
    "details.",
    "Hi there, I found your blog via Google while searching for a related topic, your website came up, it looks "
    "great. I have bookmarked it in my google bookmarks.",
]

GENUINE = [
    "My aunt lost her savings to one of those crypto platforms; the police said there is little they can do.",
    "I was diagnosed with herpes last year and my doctor's advice was the same as in this article.",
    "The loan calculator in the second table is wrong: 2% over 5 years is not what it shows.",
    "A hacker found the same bug in 2019 and the vendor never fixed it.",
    "Great article, thanks!",
    "I totally agree with you. I recently tried this and it worked for me too.",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


@pytest.mark.parametrize("text", SPAM)
def test_family_is_spam(engine: Engine, text: str) -> None:
    v = engine.check(Comment.from_dict({"comment_content": text, "comment_type": "comment"}))
    assert v.spam, [(h.name, h.weight) for h in v.hits]


@pytest.mark.parametrize("text", GENUINE)
def test_reader_on_the_same_subject_is_not(engine: Engine, text: str) -> None:
    v = engine.check(Comment.from_dict({"comment_content": text, "comment_type": "comment"}))
    assert not v.spam, [(h.name, h.weight) for h in v.hits]
