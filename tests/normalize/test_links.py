"""Link extraction (normalize/urls.py, normalize/markup.py): HTML, Markdown, plain and disguised forms."""

from __future__ import annotations

import pytest

from tamis.normalize import normalize_text
from tamis.normalize.markup import strip_markup
from tamis.normalize.urls import canonical_host, extract_text_links, make_link


def hosts(text: str) -> list[str]:
    return [lk.host for lk in normalize_text(text).links]


def test_html_anchor_with_text() -> None:
    text, links, _ = strip_markup('Nice<br />see <a href="http://spam.example.com/x" rel="nofollow">cheap pills</a>')
    assert "cheap pills" in text and "<" not in text
    assert links[0].host == "spam.example.com" and links[0].anchor == "cheap pills" and links[0].source == "html"


def test_markdown_reference_footnote() -> None:
    text, links, _ = strip_markup("Try [this converter][1] now\n\n  [1]: https://www.convert.example.net/ac3")
    assert text == "Try this converter now"
    assert [lk.host for lk in links] == ["convert.example.net"]
    assert links[0].source == "markdown"


def test_markdown_inline_and_autolink() -> None:
    assert sorted(hosts("[a](http://x.org) and <https://y.net/z>")) == ["x.org", "y.net"]


def test_relative_links_are_not_links() -> None:
    assert hosts("[](/ironwillthumbsup) True!") == []


def test_plain_scheme_www_and_bare_domains() -> None:
    assert hosts("go to http://a.example.com/x, www.b.example.org and c-shop.ru/buy.") == [
        "a.example.com", "b.example.org", "c-shop.ru"]


def test_file_names_are_not_domains() -> None:
    assert hosts("edit setup.py and node.js, e.g. this") == []


def test_disguised_dot_com() -> None:
    n = normalize_text("visit cheap-pills dot com or spam [dot] info today")
    assert [lk.host for lk in n.links] == ["cheap-pills.com", "spam.info"]
    assert n.disguises["url"] == 2


@pytest.mark.parametrize("text, host", [
    ("just check out Authenticviews*com and be famous", "authenticviews.com"),
    ("Check out -----------------> swagFriends com Make thousands of friends", "swagfriends.com"),
    ("information about the insurance ChinaTour com offers.", "chinatour.com"),
    ("go to www cheappills com now", "cheappills.com"),
    ("do vote daily for her: tv.  mtvema. com/vote (delete spaces)", "mtvema.com"),
])
def test_more_disguised_dots(text: str, host: str) -> None:
    n = normalize_text(text)
    assert [lk.host for lk in n.links] == [host] and n.disguises["url"] >= 1


@pytest.mark.parametrize("text", [
    "Anyone else getting stuck in the radio com loop?", "yeah delay com good yeah", "A jerk to *us* because",
    "with * spare room off * top of my head", "the com address would bounce", "2*com is 2 times com",
    "Its normally hot mail. Com you see!", "I was there. com on", "end of the sentence. org chart",
])
def test_words_beside_com_are_not_links(text: str) -> None:
    n = normalize_text(text)
    assert not n.links and not n.disguises.get("url")


def test_hxxp_and_spaced_scheme() -> None:
    _, links, disguised = extract_text_links("hxxp://evil.example.com/a")
    assert links[0].host == "evil.example.com" and disguised == 1


def test_seed_bogus_host() -> None:
    n = normalize_text("===>> http://GoogleGroupHomeBasedBusiness/get/cash/97$/per-hour ♥♥j♥♥♥u♥♥z♥i♥♥♥w")
    (lk,) = n.links
    assert lk.host == "googlegrouphomebasedbusiness" and lk.bogus
    assert "interleaved" in n.disguises


def test_ip_punycode_shortener_messenger() -> None:
    assert make_link("http://192.168.1.1/x", "text").is_ip
    assert make_link("http://3232235777/", "text").is_ip
    idn = make_link("http://пример.рф/x", "text")
    assert idn.punycode and idn.host == "xn--e1afmkfd.xn--p1ai" and not idn.bogus
    assert make_link("https://bit.ly/abc", "text").shortener
    assert make_link("https://t.me/+abc", "text").messenger


def test_canonical_host() -> None:
    assert canonical_host("HTTP://user:pw@WWW.Example.COM.:8080/path?q")[0] == "example.com"


def test_links_are_cut_from_the_text_and_leet_spared_in_urls() -> None:
    n = normalize_text("join t.me/+a2CESJk_nm1mYjE8 now")
    assert n.links[0].host == "t.me"
    assert "nm1m" not in n.text and "leet" not in n.disguises


def test_email_address_is_not_a_link() -> None:
    assert hosts("mail me at bob@gmail.com") == []


# ------------------------------------------------------------------- shorteners, missed spaces, e-mail local parts
def test_first_party_share_links_are_links_but_not_shorteners() -> None:
    # YouTube ham in ../shared/data: "Katy Perry - Roar (Official): http://youtu.be/CevxZvSJLk8"
    (yt,) = normalize_text("Katy Perry - Roar (Official): http://youtu.be/CevxZvSJLk8").links
    assert yt.host == "youtu.be" and not yt.shortener
    assert not make_link("https://fb.me/somepage", "text").shortener
    for url in ("https://bit.ly/abc", "https://amzn.to/3xYz", "https://t.co/abc", "https://lnkd.in/abc"):
        assert make_link(url, "text").shortener, url


@pytest.mark.parametrize("text", [
    "Sorry da thangam.it's my mistake.",               # SMS ham
    "Just now saw your message.it k da:)",             # SMS ham
    "Howz pain.it will come down today",               # SMS ham
    "Dear,Me at cherthala.in case u r coming",         # SMS ham
    "will ask my mom and send you.my mom is out",      # SMS ham
    "I like this song for two reasons: 1.it is about Africa",  # YouTube ham
    "of Beitbridge Zimbabwe.At the height of the war",
    "the benefits are seen.It can make you work",
    "ONLY TO MY WIFE OF MY LIKING.BE THAT AND SEE",
])
def test_a_missing_space_after_a_full_stop_is_not_a_link(text: str) -> None:
    n = normalize_text(text)
    assert n.links == ()
    assert n.text == text  # the words stay in the text


@pytest.mark.parametrize("text, host", [
    ("Hi check out magicalsongs.blogspot.com for songs", "magicalsongs.blogspot.com"),
    ("see murdev.com now", "murdev.com"),
    ("wellcomemd.blogfa.com", "wellcomemd.blogfa.com"),
    ("join t.me/foo today", "t.me"),
    ("read example.it/path please", "example.it"),
    ("sourcekey.in", "sourcekey.in"),
    ("click on this link to see if jmason.us is available", "jmason.us"),  # "us" is not a clause opener
    ("VISIT CASHNOW.BE", "cashnow.be"),
])
def test_real_bare_domains_stay_links(text: str, host: str) -> None:
    assert hosts(text) == [host]


def test_the_local_part_of_an_email_address_is_not_a_link() -> None:
    assert hosts("Tim Peters <tim.one@comcast.net> writes") == []


@pytest.mark.parametrize("text", [
    "watch?v=vtaRGgvGtWQ   Check this out .",
    "Check out my drum cover of E.T. here! thanks ->   /watch?v=NO9pOVZ9OIQ&list=UUltuCDIHsDeI01by1OW7WuQ",
])
def test_video_path_without_its_host_is_a_youtube_link(text: str) -> None:
    out, links, _ = extract_text_links(text)
    assert [lk.host for lk in links] == ["youtube.com"] and "watch?v=" not in out


def test_video_path_inside_a_full_link_counts_once() -> None:
    assert hosts("see https://www.youtube.com/watch?v=KQ6zr6kCPj8&t=2m19s and youtu.be/x") == ["youtube.com",
                                                                                              "youtu.be"]
    assert hosts("a page about watch?v=parameters") == []  # no video id (ids are 11 characters)
