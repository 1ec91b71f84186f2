"""Each built-in signal on hand-made comments, plus the contract every signal must keep (STYLE.md, river's
checks): pure (does not mutate the comment), deterministic, works on an empty comment, hits carry evidence
and have a weight in the defaults table."""

from __future__ import annotations

import pytest

from tamis.engine.analysis import Analysis, analyze
from tamis.signals import DEFAULT_SIGNALS, DEFAULT_WEIGHTS, Weights, run_signals
from tamis.signals.language import blog_languages
from tamis.types import Comment

W = Weights({}, DEFAULT_WEIGHTS)


def names(fields: dict[str, str], lang: tuple[str, float] | None = None) -> set[str]:
    a = analyze(Comment.from_dict(fields), None, (lambda text: lang) if lang else None)
    hits, skipped = run_signals(a, DEFAULT_SIGNALS, W)
    assert skipped == []
    return {h.name for h in hits}


def test_links() -> None:
    got = names({"comment_content": "a http://1.2.3.4/x b https://bit.ly/y c http://xn--80ak6aa92e.com d "
                                    "http://NoSuchHost/get/cash e"})
    assert {"LINK_MANY", "LINK_IP_HOST", "LINK_SHORTENER", "LINK_PUNYCODE", "LINK_BOGUS_HOST"} <= got


def test_one_ordinary_link_is_not_many() -> None:
    got = names({"comment_content": "I wrote about this at https://blog.example.org/post last year, with numbers"})
    assert not {"LINK_MANY", "LINK_SHORTENER", "LINK_BOGUS_HOST"} & got


def test_two_links_in_a_page_of_prose_are_not_many() -> None:
    """LINK_MANY counts links against the text they sit in (signals/links.py, PROSE_WORDS_PER_LINK)."""
    prose = " ".join(f"word{i % 50}" for i in range(700))  # 700 words: more than 300 a link for two links
    links2 = " see https://lists.example.org/listinfo/users and https://bugs.example.org/123 "
    assert "LINK_MANY" not in names({"comment_content": prose + links2})
    assert "LINK_MANY" in names({"comment_content": prose[:2000] + links2})  # ~250 words: two links are many
    assert "LINK_MANY" in names({"comment_content": "cheap pills https://a.example.net buy https://b.example.net"})
    three = " ".join(f"https://h{i}.example.net" for i in range(3))
    assert "LINK_MANY" in names({"comment_content": prose + three})  # 3 links x 300 >= 700 words


def test_url_in_author_name_and_author_url() -> None:
    got = names({"comment_author": "cheap-pills.example.com", "comment_author_url": "http://x.example.com",
                 "comment_content": "great post"})
    assert {"LINK_IN_AUTHOR_NAME", "LINK_AUTHOR_URL"} <= got


def test_keyword_stuffed_author() -> None:
    assert "AUTHOR_KEYWORD_STUFFED" in names({"comment_author": "Buy Cheap Viagra Online", "comment_content": "hi"})
    assert "AUTHOR_KEYWORD_STUFFED" not in names({"comment_author": "Maria Schmidt", "comment_content": "hi"})


def test_disposable_email() -> None:
    assert "AUTHOR_DISPOSABLE_EMAIL" in names({"comment_author_email": "x@mailinator.com", "comment_content": "hi"})
    assert "AUTHOR_DISPOSABLE_EMAIL" not in names({"comment_author_email": "x@gmail.com", "comment_content": "hi"})


def test_honeypot_named_field_and_wordpress_field() -> None:
    assert "HONEYPOT_FILLED" in names({"honeypot_field_name": "hp", "hp": "I am a bot"})
    assert "HONEYPOT_FILLED" in names({"honeypot_field_name": "akismet_api_honeypot_field",
                                       "akismet_api_honeypot_field": "x"})
    assert "HONEYPOT_FILLED" in names({"POST_ak_hp_textarea": "spam"})
    assert "HONEYPOT_FILLED" not in names({"honeypot_field_name": "hp", "hp": ""})


def test_wordpress_behaviour_fields() -> None:
    base = {"POST_comment": "hi", "POST_comment_post_ID": "7", "comment_date_gmt": "2024-05-01T10:00:02Z"}
    assert "WP_JS_MISSING" in names(base)
    assert "WP_FAST_POST" in names({**base, "POST_ak_js": "1714557601000"})  # page loaded 1 s before
    assert not {"WP_FAST_POST", "WP_JS_MISSING"} & names({**base, "POST_ak_js": "1714557000000"})
    assert "WP_NONCE_FAILED" in names({"akismet_comment_nonce": "failed"})
    assert "WP_NONCE_FAILED" not in names({"akismet_comment_nonce": "passed"})
    assert "WP_OLD_POST" in names({"comment_post_modified_gmt": "2018-02-21T10:00:00Z",
                                   "comment_date_gmt": "2024-02-21T10:00:00Z"})


@pytest.mark.parametrize("blog_lang, expected", [("en", {"en"}), ("en_US", {"en"}), ("en, fr_ca", {"en", "fr"}),
                                                 ("pt-BR", {"pt"}), ("", set())])
def test_blog_languages(blog_lang: str, expected: set[str]) -> None:
    assert blog_languages(blog_lang) == expected


def test_language_mismatch_is_evidence_only_when_sure() -> None:
    text = {"comment_content": "Заработок от 300$ в неделю удалённо, без опыта, пишите в личные сообщения"}
    assert "LANG_MISMATCH" in names({**text, "blog_lang": "en_US"}, ("ru", 0.99))
    assert "LANG_MISMATCH" not in names({**text, "blog_lang": "ru_RU"}, ("ru", 0.99))
    assert "LANG_MISMATCH" not in names({**text, "blog_lang": "en"}, ("ru", 0.5))
    assert "LANG_MISMATCH" not in names({**text}, ("ru", 0.99))


def test_disguise_hits_count() -> None:
    got = names({"comment_content": "𝐅𝐫𝐞𝐞 𝐦𝐨𝐧𝐞𝐲 ♥♥j♥♥♥u♥♥z♥i♥♥♥w vіsіt my раgе"})
    assert {"DISGUISE_STYLED", "DISGUISE_INTERLEAVED", "DISGUISE_HOMOGLYPH"} <= got


# Ham from ../shared/data on which these hits used to fire (normalize/urls.py and unicode.py banners).
@pytest.mark.parametrize("content, hit", [
    ("Katy Perry - Roar (Official): http://youtu.be/CevxZvSJLk8", "LINK_SHORTENER"),
    ("Sorry da thangam.it's my mistake.", "LINK_DENSITY"),
    ("Just now saw your message.it k da:)", "LINK_DENSITY"),
    ("K.k:)i'm going to tirunelvali", "DISGUISE_INTERLEAVED"),
    ("Change it a^r^o^o^o^o^o^o^o^n^d", "DISGUISE_INTERLEAVED"),
    ("*D-D-D-D-D-D--DROP THE BASS!!*", "DISGUISE_INTERLEAVED"),
    ("[ILUG] Re: Problems with RAID1 on cobalt raq3\n\nOn Mon, Aug 19, 2002 at 03:08:16PM +0100, "
     "Kevin wrote:\n> _______________________________________________\n> Irish Linux Users' Group: ilug@linux.ie\n"
     "> List maintainer: listmaster@linux.ie", "DISGUISE_LEET"),
])
def test_measured_false_firings_on_ham(content: str, hit: str) -> None:
    assert hit not in names({"comment_content": content})


def test_disguise_and_link_hits_still_fire_on_spam() -> None:
    got = names({"comment_content": "fr3e v1agra ♥♥j♥♥♥u♥♥z♥i♥♥♥w at http://bit.ly/x and cheap-pills.ru"})
    assert {"DISGUISE_LEET", "DISGUISE_INTERLEAVED", "LINK_SHORTENER"} <= got


# ------------------------------------------------------------------------------------------------ contract
SAMPLES = [
    {},
    {"comment_content": "plain words"},
    {"comment_content": "𝐅𝐫𝐞𝐞 http://1.2.3.4 bit.ly/x", "comment_author": "Buy Pills www.x.com",
     "comment_author_email": "a@mailinator.com", "honeypot_field_name": "hp", "hp": "x", "blog_lang": "en",
     "POST_comment": "x", "akismet_comment_nonce": "failed", "comment_date_gmt": "not a date"},
]


@pytest.mark.parametrize("fields", SAMPLES)
@pytest.mark.parametrize("signal", DEFAULT_SIGNALS, ids=lambda s: s.name)
def test_signal_contract(signal: object, fields: dict[str, str]) -> None:
    c = Comment.from_dict(fields)
    before = dict(c.fields)
    a: Analysis = analyze(c, None, None)
    first = [h for h in signal.fn(a, W) if h is not None]  # type: ignore[attr-defined]
    second = [h for h in signal.fn(a, W) if h is not None]  # type: ignore[attr-defined]
    assert first == second
    assert dict(c.fields) == before
    for h in first:
        assert h.name.isupper() and h.name in DEFAULT_WEIGHTS
        assert h.evidence
        assert h.weight != 0


def test_weights_spec_and_switch_off() -> None:
    w = Weights({"LINK_MANY": {"w": 1.0, "per": 0.5, "cap": 3}, "LINK_SHORTENER": 0}, DEFAULT_WEIGHTS)
    assert w.weight("LINK_MANY", 1) == 1.0
    assert w.weight("LINK_MANY", 10) == 2.0
    assert w.hit("LINK_SHORTENER", "bit.ly") is None


def test_keyword_stuffed_link_domain() -> None:
    got = names({"comment_content": "Great results with [this][1]\n\n[1]: http://supertestoboostsfacts.com/"})
    assert "LINK_KEYWORD_DOMAIN" in got
    for ordinary in ("https://www.bestbuy.com/site", "https://healthline.com/x", "http://moneysavingexpert.com/",
                     "https://sourceforge.net/projects/x", "https://www.alphabet.com/"):
        assert "LINK_KEYWORD_DOMAIN" not in names({"comment_content": f"see {ordinary} for more"}), ordinary


def test_links_to_the_site_itself_are_not_link_evidence() -> None:
    own = "https://www.example.com/2019/the-earlier-post/"
    site = {"blog": "https://example.com/", "permalink": "https://example.com/2026/this-post/"}
    assert {"LINK_ONLY"} <= names({"comment_content": own})
    assert not {"LINK_ONLY", "LINK_DENSITY", "LINK_MANY"} & names({**site, "comment_content": own})
    assert "LINK_DENSITY" not in names({**site, "comment_content": f"see {own} for the numbers"})
    # the other links still count
    both = names({**site, "comment_content": f"{own} and https://cheap-pills.example.net/buy"})
    assert "LINK_ONLY" in both and "LINK_MANY" not in both
    # this very page (any fragment) is first-party; the rest of a shared platform's host is not
    video = {"permalink": "https://www.youtube.com/watch?v=KQ6zr6kCPj8"}
    assert "LINK_ONLY" not in names({**video, "comment_content": "https://youtube.com/watch?v=KQ6zr6kCPj8#t=2m19s"})
    assert "LINK_ONLY" in names({**video, "comment_content": "https://www.youtube.com/user/spammer"})
    assert "LINK_ONLY" in names({"blog": "https://example.com/~alice/", "comment_content": "https://example.com/~bob/"})
    assert "LINK_ONLY" in names({"blog": "https://alice.wordpress.com", "comment_content": "https://bob.wordpress.com/"})


def test_links_to_reference_hosts_are_not_link_evidence() -> None:
    """Encyclopedias, journals, wire services, standards bodies and government hosts carry nobody's payload
    (signals/links.py, reference_link); platforms anyone can publish on and university hosts still count."""
    for text in ("see https://en.wikipedia.org/wiki/Bayesian_inference", "https://en.m.wikipedia.org/wiki/Spam",
                 "Here is the paper: https://arxiv.org/abs/2310.01234",
                 "This explains it better https://news.bbc.co.uk/2/hi/technology/123.stm",
                 "the form is at https://www.irs.gov/forms and https://www.gov.uk/tax-codes"):
        assert not {"LINK_ONLY", "LINK_DENSITY", "LINK_MANY"} & names({"comment_content": text}), text
    for text in ("https://github.com/someone/free-robux", "see https://www.youtube.com/watch?v=KQ6zr6kCPj8",
                 "https://seaquest.kusza.edu.my/~x/cheap.html", "https://wikipedia.org.cheap-pills.example.net/",
                 "https://fakewikipedia.org/wiki/x"):
        assert {"LINK_ONLY", "LINK_DENSITY"} & names({"comment_content": text}), text
    # the payload beside a reference link still counts; a reference link does not make it "many"
    got = names({"comment_content": "cheap pills https://pills.example.ru https://en.wikipedia.org/wiki/Pill"})
    assert "LINK_ONLY" in got and "LINK_MANY" not in got
    assert "LINK_IP_HOST" in names({"comment_content": "see http://1.2.3.4/wikipedia.org/x"})


def test_timestamp_links_are_not_link_evidence() -> None:
    # the video site's own link to a moment of the same video, which it makes of a time the reader typed
    stamp = '<a href="http://www.youtube.com/watch?v=KQ6zr6kCPj8&t=2m19s">2:19</a> best part'
    assert not {"LINK_ONLY", "LINK_DENSITY", "LINK_MANY"} & names({"comment_content": stamp})
    two = ('My favourite part is <a href="https://youtu.be/KQ6zr6kCPj8?t=220">3:40</a>-'
           '<a href="https://youtu.be/KQ6zr6kCPj8?t=251">4:11</a> in the video')
    assert not {"LINK_DENSITY", "LINK_MANY"} & names({"comment_content": two})
    # a time as the anchor of a link without a time parameter, or a time parameter under other words, still count
    assert "LINK_ONLY" in names({"comment_content": '<a href="https://cheap-pills.example.net/">2:19</a> wow'})
    assert "LINK_DENSITY" in names({"comment_content": '<a href="https://youtu.be/x?t=5">my new video</a> is up'})
    # nor does the classifier read its url tokens ("urlw:watch", "urlw:com"), which only say "a link"
    a = analyze(Comment.from_dict({"comment_content": stamp}), None, None)
    assert not [t for t in a.meta_tokens if t.startswith("url")]
    plain = "best part https://www.youtube.com/watch?v=KQ6zr6kCPj8"
    b = analyze(Comment.from_dict({"comment_content": plain}), None, None)
    assert "url:youtube.com" in b.meta_tokens


def test_corroborating_signal_runs_only_beside_evidence() -> None:
    """LANG_MISMATCH is evidence only beside another hit of at least +0.5 (signals/base.py, "Evidence, never
    proof"): run_signals does not run it without one, and corroborate() zeroes it when a signal list runs it
    regardless."""
    from tamis.signals import corroborate
    from tamis.signals.base import Signal
    from tamis.signals.language import language
    from tamis.types import Hit

    calls = []

    def identify(text: str) -> tuple[str, float]:
        calls.append(text)
        return ("fr", 0.99)

    plain = {"comment_content": "Merci pour cet article, nous avons installé une pompe à chaleur l'année dernière "
                                "et le premier hiver fut difficile", "blog_lang": "en"}
    a = analyze(Comment.from_dict(plain), None, identify)
    hits, _ = run_signals(a, DEFAULT_SIGNALS, W)
    assert "LANG_MISMATCH" not in {h.name for h in hits} and calls == []
    hits, _ = run_signals(a, DEFAULT_SIGNALS, W, evidence=[Hit("LEARNED_SITE", 0.8, "reported before")])
    assert "LANG_MISMATCH" in {h.name for h in hits} and len(calls) == 1
    eager = (Signal("language", language),)  # a list that runs it regardless
    hits, _ = run_signals(a, eager, W)
    assert [h.weight for h in corroborate(hits)] == [0.0]
    assert corroborate([*hits, Hit("SPAM_TOPIC", 1.2, "casino")])[0].weight == 1.0
