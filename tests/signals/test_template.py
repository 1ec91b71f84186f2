"""COMMENT_TEMPLATE (signals/template.py): the blog-comment spammer's stock sentences, and a reader's near-misses."""

from __future__ import annotations

import pytest

from tamis.engine import Engine
from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.template import template
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)

# Sentences of the family as blogs receive them (spun synonyms, odd grammar and all).
STOCK = [
    "Hi there, I found your blog via Google while searching for a related topic, your website came up, it looks "
    "great. I have bookmarked it in my google bookmarks.",
    "Very nice post. I just stumbled upon your weblog and wanted to say that I've really enjoyed browsing your blog "
    "posts. After all I'll be subscribing to your rss feed and I hope you write again very soon!",
    "I was suggested this web site by my cousin. I'm not sure whether this post is written by him as no one else "
    "know such detailed about my problem. You're amazing! Thanks!",
    "Wow, awesome blog layout! How long have you been blogging for? you make blogging look easy.",
    "Hello would you mind stating which blog platform you're working with? I'm looking to start my own blog soon.",
    "Hey! This is kind of off topic but I need some advice from an established blog.",
    "This is my first time pay a quick visit at here and i am actually impressed to read everthing at one place.",
    "Thank you for the auspicious writeup. It in fact was a amusement account it.",
    "Hi, I think your site might be having browser compatibility issues.",
    "Its like you read my mind! You appear to know so much about this, like you wrote the book in it or something.",
    "Hello there! This post couldn't be written any better! Reading through this post reminds me of my old room mate!",
    "I've been browsing online more than 3 hours today, yet I never found any interesting article like yours.",
    "Excellent blog here! Also your website loads up very fast! What host are you using?",
    "Do you mind if I quote a couple of your articles as long as I provide credit and sources back to your blog?",
    "I'm not sure where you're getting your info, but good topic. I needs to spend some time learning more.",
    "Nice blog! Is your theme custom made or did you download it from somewhere? Is this a paid theme or did you "
    "customize it yourself?",
    "Hmm it seems like your site ate my first comment (it was super long) so I guess I'll just sum it up.",
    "I'm gone to tell my little brother, that he should also pay a quick visit this webpage on regular basis.",
    "Good day! I would like to propose a link exchange with your blog, please contact me.",
    "This piece of writing is truly a pleasant one, it helps new web people.",
]

# A reader's own sentences that share the words but not the template's turn of phrase.
NEAR_MISSES = [
    "I found your argument about heat pumps convincing, but the numbers in the second table look off.",
    "Keep up the good work! The photos of the harbour are lovely.",
    "We stumbled upon a great little cafe in Lisbon thanks to this post.",
    "I bookmarked the recipe and made it last night: the sauce needed more salt.",
    "Which platform did you use for the survey? I'd like to run one at our school.",
    "The page loads slowly on my phone, is there a lighter version of the map?",
    "My brother recommended the book you reviewed last month and I loved it.",
    "I spent three hours reading the court ruling you linked, thanks for the summary.",
    "Off topic, but does anyone know when the next meetup is?",
    "What a pleasant surprise to see my hometown mentioned!",
]


def hits(text: str) -> list[str]:
    a = analyze(Comment.from_dict({"comment_content": text}), None, None)
    return [h.evidence for h in template(a, W) if h is not None]


@pytest.mark.parametrize("text", STOCK)
def test_stock_sentences_are_found(text: str) -> None:
    assert hits(text), text


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not(text: str) -> None:
    assert hits(text) == [], text


def test_each_further_sentence_counts() -> None:
    one = W.weight("COMMENT_TEMPLATE", 1)
    assert W.weight("COMMENT_TEMPLATE", 2) > one
    a = analyze(Comment.from_dict({"comment_content": STOCK[0]}), None, None)
    [h] = template(a, W)
    assert h is not None and h.weight > one and h.evidence.startswith("found your blog via")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_verdicts_with_the_bundled_model(engine: Engine) -> None:
    """Two stock sentences are spam on their own; one is spam beside a keyword-stuffed author URL; a reader's
    single such sentence with nothing else against it is not (signals/template.py, "Weight")."""
    assert engine.check(Comment.from_dict({"comment_content": STOCK[1]})).spam
    lone = "I stumbled upon your blog while looking for advice on heat pumps, and the second table answered it."
    v = engine.check(Comment.from_dict({"comment_content": lone}))
    assert "COMMENT_TEMPLATE" in {h.name for h in v.hits} and not v.spam
    sold = engine.check(Comment.from_dict({"comment_content": STOCK[1].split(". After")[0],
                                           "comment_author": "replica watches",
                                           "comment_author_url": "http://www.replica-watches-uk.co/"}))
    assert sold.spam and {"COMMENT_TEMPLATE", "LINK_KEYWORD_DOMAIN"} <= {h.name for h in sold.hits}
