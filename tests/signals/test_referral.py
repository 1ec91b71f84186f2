"""LINK_REFERRAL: links that carry the poster's referral or affiliate ID (signals/links.py banner), and the
look-alike parameters of genuine shares that must not fire."""

from __future__ import annotations

import pytest

from tamis.engine.analysis import analyze
from tamis.signals import DEFAULT_WEIGHTS, Weights
from tamis.signals.links import links
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def referral(text: str, **fields: str):
    a = analyze(Comment.from_dict({"comment_content": text, **fields}), None)
    got = [h for h in links(a, W) if h is not None and h.name == "LINK_REFERRAL"]
    return got[0] if got else None


@pytest.mark.parametrize("text, host", [
    ("Free sign up and win https://capital-hub.ltd/?ref=Sandraelina1", "capital-hub.ltd"),
    ("Tap to download: https://hwzat.in/referralt/?refCode=F3M2X", "hwzat.in"),
    ("https://php.id/ref/71824  Yang mau hoasting gratis nih", "php.id"),
    ("Join: http://www.gcmforex.com/partners/aw.aspx?Task=JoinT2&AffiliateID=9107", "gcmforex.com"),
    ('<a href="http://example.com/index.php?affid=1534">hot</a>', "example.com"),
    ("bot pays for subscriptions https://t.me/jiliijlbot?start=7716925fc9d4", "t.me"),
    ("sign up https://exchange.example/register?invite_code=ABC123 now", "exchange.example"),
    ("my portfolio http://audiojungle.net/user/EugeneK/portfolio?ref=EugeneK", "audiojungle.net"),
    ("https://accibis-acco-r-fn.top/h5/pages/createAccount/createAccount?invcode=153607", "accibis-acco-r-fn.top"),
    ("https://eseller58.de/invite/i=18742", "eseller58.de"),
    ("https://sendlink.store/ref18743_zjt", "sendlink.store"),
    ("http://www.amazon.com/Knight-Dawn-ebook/dp/B00MPPQHRI/ref=sr_1_7?s=digital-text&keywords=knight&tag=wattpad-20",
     "amazon.com"),
    ("best kettle https://www.amazon.co.uk/dp/B01N5IB20Q?tag=kettlereviews-21", "amazon.co.uk"),
    ("Lose weight now http://bob123.fatburn.hop.clickbank.net/", "bob123.fatburn.hop.clickbank.net"),
])
def test_referral_links_fire(text: str, host: str) -> None:
    h = referral(text)
    assert h is not None and host in h.evidence


@pytest.mark.parametrize("text", [
    "The cast list https://www.imdb.com/title/tt0111161/?ref_=fn_al_tt_1 is worth a look",  # IMDb navigation
    "see https://github.com/psf/requests/blob/main/setup.py?ref=v2.31.0",  # a git ref
    "our page https://www.facebook.com/pages/Some-Cafe/1626287084279761?ref=bookmarks",  # Facebook navigation
    "newsletter link http://www.tribute.ca/contest/details.asp?referrer=newsletter48",  # a source tag
    "read https://example.com/post?utm_source=newsletter&utm_medium=email",  # campaign tracking
    "discussed on /r/Python and https://www.reddit.com/r/Python/comments/abc123/",  # subreddits
    "https://www.amazon.com/dp/B00X4WHP5E/ref=sr_1_1 the one I bought",  # Amazon's path tag, not /ref/<id>
    "diary entries http://advogato.org/person/raph/diary.html?start=252",  # start= off Telegram
    "the bot docs https://t.me/BotFather",  # a bot link without a start payload
    "the manual https://docs.example.org/reference/api.html and /refs/heads/main",  # "ref" without digits
    "https://example.com/ref12/ chapter",  # a short number: a section, not an id
    "https://www.amazon.com/s?k=kettle&tag=kitchen",  # a tag without the store ID's number
    "https://example.com/post?tag=python-3.12",  # a tag parameter off Amazon
    "https://www.clickbank.com/affiliate-network/ how it works",  # the company's own site, not a hoplink
])
def test_lookalike_parameters_do_not_fire(text: str) -> None:
    assert referral(text) is None


def test_referral_in_author_url_counts() -> None:
    assert referral("Nice post!", comment_author_url="https://miner.example/?ref=alice99") is not None
