"""The learning path against real databases (SQLite and PostgreSQL): ledger, layers, campaigns, reputation.

These drive tamis.learning.core.Learning directly with stored checks, so they need no trained model; the
end-to-end behaviour through a running server is in test_server.py.
"""

from __future__ import annotations

import sqlalchemy as sa

from tamis.learning.core import Learning, prune
from tamis.learning.schema import campaigns, fingerprints, learn_ledger, learn_weights, reputation
from tamis.service import CheckContext
from tamis.store import FeedbackResult, KeyRow, SiteRow, Store
from tamis.types import Comment, Hit, Verdict

SPAM_TEXT = ("Google pays all people $99 hourly to do some small tasks with a laptop. Labor for only few hours in a "
             "whole day and have fun with your friends. Anyone can join this job, see example dot com")
HAM_TEXT = ("I read the whole article twice and I still think the author underestimates how slow the council "
            "has been on the bridge repairs; the budget was approved in March.")


def _site(store: Store, url: str):  # type: ignore[no-untyped-def]
    key = store.create_key([url])
    krow = store.get_key(key)
    assert krow is not None
    return krow, store.site_for(krow.id, url)


def _comment(text: str, ip: str = "198.51.100.7", email: str = "x@example.org", author: str = "Pat Smith",
             **extra: str) -> Comment:
    return Comment.from_dict({"comment_content": text, "user_ip": ip, "comment_author_email": email,
                              "comment_author": author, "permalink": "https://blog.example/p/1", **extra})


def _check(store: Store, learning: Learning, key: KeyRow, site: SiteRow, comment: Comment, score: float = 0.1,
           guid: str | None = None) -> tuple[str, list[Hit]]:
    import uuid

    ctx = CheckContext(key, site, comment)
    hits = list(learning.signal(ctx))
    guid = guid or str(uuid.uuid4())
    verdict = Verdict(spam=score >= 0.5, discard=False, score=score, hits=tuple(hits), model_version="test")
    store.record_check(guid=guid, key_id=key.id, site_id=site.id, comment=comment, verdict=verdict)
    learning.observe(ctx, guid, verdict)
    return guid, hits


def _report(store: Store, learning: Learning, key: KeyRow, site: SiteRow, comment: Comment, kind: str) -> str:
    result = store.record_feedback(key_id=key.id, site_id=site.id, kind=kind, comment=comment)
    if result.effect == "repeat":
        return "repeat"
    return learning.learn(CheckContext(key, site, comment), kind, result)


def _weights(store: Store) -> dict[tuple[int, int], float]:
    with store.engine.connect() as conn:
        return {(r.scope, r.token): r.weight for r in conn.execute(sa.select(learn_weights))}


def _names(hits: list[Hit]) -> set[str]:
    return {h.name for h in hits}


def test_report_is_idempotent_and_reversible(store: Store) -> None:
    learning = Learning(store)
    key, site = _site(store, "https://a.example")
    c = _comment(SPAM_TEXT)
    _check(store, learning, key, site, c, score=0.2)
    assert _report(store, learning, key, site, c, "spam") == "learned"
    after_spam = _weights(store)
    assert after_spam and all(w > 0 for w in after_spam.values())
    # The same report again changes nothing (the store calls it a repeat; the ledger would ignore it too).
    assert _report(store, learning, key, site, c, "spam") == "repeat"
    assert learning.learn(CheckContext(key, site, c), "spam",
                          FeedbackResult(_guid_of(store), "repeat", "spam")) == "unchanged"
    assert _weights(store) == after_spam
    # Reversal: the other class undoes the first exactly, then learns ham; and back again.
    _report(store, learning, key, site, c, "ham")
    assert all(w < 0 for w in _weights(store).values())
    _report(store, learning, key, site, c, "spam")
    again = _weights(store)
    assert again.keys() == after_spam.keys()
    assert all(abs(again[k] - w) < 1e-9 for k, w in after_spam.items())
    # The item is the comment, not the check: a report without a check (untied) of the same comment is a repeat;
    # another comment is a new item, idempotent by its fields.
    untied = FeedbackResult(None, "untied", None)
    assert learning.learn(CheckContext(key, site, c), "spam", untied) == "unchanged"
    other = _comment(HAM_TEXT)
    assert learning.learn(CheckContext(key, site, other), "spam", untied) == "learned"
    assert learning.learn(CheckContext(key, site, other), "spam", untied) == "unchanged"
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(learn_ledger)).scalar() == 2


def _guid_of(store: Store) -> str:
    from tamis.store.schema import checks

    with store.engine.connect() as conn:
        return str(conn.execute(sa.select(checks.c.guid).order_by(checks.c.id.desc()).limit(1)).scalar())


def test_is_test_never_teaches(store: Store) -> None:
    learning = Learning(store)
    key, site = _site(store, "https://a.example")
    c = _comment(SPAM_TEXT, is_test="1")
    _check(store, learning, key, site, c)
    assert learning.learn(CheckContext(key, site, c), "spam", FeedbackResult(None, "untied", None)) == "unchanged"
    assert _weights(store) == {}


def test_confirmed_spam_marks_disguised_variants_on_another_site(store: Store) -> None:
    learning = Learning(store)
    key_a, site_a = _site(store, "https://a.example")
    key_b, site_b = _site(store, "https://b.example")
    first = _comment(SPAM_TEXT, ip="203.0.113.1")
    _check(store, learning, key_a, site_a, first)
    _report(store, learning, key_a, site_a, first, "spam")
    variants = [
        SPAM_TEXT.replace("Google", "G\u2665o\u2665o\u2665g\u2665l\u2665e"),      # interleaved hearts
        SPAM_TEXT.replace("people", "p\u0435\u043ePl\u0435"),                  # Cyrillic homoglyphs
        SPAM_TEXT.replace("laptop", "l\u200bapt\u200bop"),                     # zero-width
        SPAM_TEXT.replace("hourly", "h0urly").replace("tasks", "t4sks"),       # leet
        SPAM_TEXT.replace("$99", "$87").replace("friends", "family"),          # edited
    ]
    for i, text in enumerate(variants):
        _, hits = _check(store, learning, key_b, site_b, _comment(text, ip=f"192.0.2.{10 + i}"))
        camp = [h for h in hits if h.name == "CAMPAIGN_CONFIRMED"]
        assert camp, (text, hits)
        assert camp[0].weight >= 6 and "campaign #" in camp[0].evidence
    # Unrelated text on site B is untouched.
    _, hits = _check(store, learning, key_b, site_b, _comment(HAM_TEXT, ip="192.0.2.99"))
    assert "CAMPAIGN_CONFIRMED" not in _names(hits)


def test_second_report_joins_the_same_campaign(store: Store) -> None:
    learning = Learning(store)
    key, site = _site(store, "https://a.example")
    for i, text in enumerate([SPAM_TEXT, SPAM_TEXT.replace("friends", "mates")]):
        c = _comment(text, ip=f"203.0.113.{i}")
        _check(store, learning, key, site, c)
        _report(store, learning, key, site, c, "spam")
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(campaigns.c.spam)).scalars().all() == [2]


def test_ham_correction_protects_the_commenter(store: Store) -> None:
    learning = Learning(store)
    key, site = _site(store, "https://a.example")
    c = _comment(HAM_TEXT, email="reader@example.net", author="Jo Reader")
    _check(store, learning, key, site, c, score=0.8)
    _report(store, learning, key, site, c, "spam")   # the moderator's slip ...
    _report(store, learning, key, site, c, "ham")    # ... corrected
    _, hits = _check(store, learning, key, site, c)
    names = _names(hits)
    assert "DUPLICATE_OF_HAM" in names and "CAMPAIGN_CONFIRMED" not in names
    assert sum(h.weight for h in hits) < -3
    # A new comment by the same person: reputation is on their side.
    _, hits = _check(store, learning, key, site, _comment("Thanks for the follow-up piece on the bridge.",
                                                          email="reader@example.net", author="Jo Reader"))
    rep = {h.name: h.weight for h in hits if h.name.startswith("REPUTATION_")}
    assert rep.get("REPUTATION_EMAIL", 0) < 0 and rep.get("REPUTATION_IP", 0) < 0


def test_ham_confirmation_does_not_cross_sites(store: Store) -> None:
    learning = Learning(store)
    key_a, site_a = _site(store, "https://a.example")
    key_b, site_b = _site(store, "https://b.example")
    c = _comment(SPAM_TEXT)
    _check(store, learning, key_a, site_a, c)
    _report(store, learning, key_a, site_a, c, "ham")
    _, hits = _check(store, learning, key_b, site_b, _comment(SPAM_TEXT, ip="192.0.2.1"))
    assert "DUPLICATE_OF_HAM" not in _names(hits)
    assert not [h for h in hits if h.name == "LEARNED_INSTANCE"]  # one site alone never moves the instance layer


def test_site_layer_generalises_within_its_site_only(store: Store) -> None:
    learning = Learning(store)
    key_a, site_a = _site(store, "https://a.example")
    key_b, site_b = _site(store, "https://b.example")
    texts = [f"cheap replica watches {w} at luxury outlet store, best replica watches prices" for w in
             ("rolex", "omega", "cartier")]
    for i, t in enumerate(texts):
        c = _comment(t, ip=f"203.0.113.{i}", email=f"s{i}@example.com", author=f"Shop {i}")
        _check(store, learning, key_a, site_a, c, score=0.05)
        _report(store, learning, key_a, site_a, c, "spam")
    probe = _comment("replica watches from the luxury outlet, tag heuer edition", ip="192.0.2.50",
                     email="z@example.com", author="Someone")
    _, hits_a = _check(store, learning, key_a, site_a, probe)
    _, hits_b = _check(store, learning, key_b, site_b, probe)
    site_hits = [h for h in hits_a if h.name == "LEARNED_SITE"]
    assert site_hits and site_hits[0].weight > 1.0 and "learned tokens: w:" in site_hits[0].evidence
    assert "LEARNED_SITE" not in _names(hits_b) and "LEARNED_INSTANCE" not in _names(hits_b)


def test_reports_from_several_sites_weigh_more_than_many_from_one(store: Store) -> None:
    learning = Learning(store)
    sites = [_site(store, f"https://s{i}.example") for i in range(4)]
    # One site reports five different comments from one address ...
    key, site = sites[0]
    for i in range(5):
        c = _comment(f"{HAM_TEXT} ({i})", ip="198.51.100.200", email="one@example.com")
        _check(store, learning, key, site, c)
        _report(store, learning, key, site, c, "spam")
    # ... three other sites report one each from another address.
    for i, (key, site) in enumerate(sites[1:]):
        c = _comment(f"{HAM_TEXT} [{i}]", ip="198.51.100.201", email="many@example.com")
        _check(store, learning, key, site, c)
        _report(store, learning, key, site, c, "spam")
    probe_key, probe_site = _site(store, "https://probe.example")
    _, one = _check(store, learning, probe_key, probe_site, _comment("hello there", ip="198.51.100.200",
                                                                     email="one@example.com"))
    _, many = _check(store, learning, probe_key, probe_site, _comment("hello there", ip="198.51.100.201",
                                                                      email="many@example.com"))
    w_one = {h.name: h.weight for h in one}.get("REPUTATION_EMAIL", 0.0)
    w_many = {h.name: h.weight for h in many}.get("REPUTATION_EMAIL", 0.0)
    assert w_many > w_one > 0


def test_velocity_names_the_spread(store: Store) -> None:
    learning = Learning(store)
    hits: list[Hit] = []
    for i in range(4):
        key, site = _site(store, f"https://v{i}.example")
        _, hits = _check(store, learning, key, site, _comment(SPAM_TEXT, ip=f"192.0.2.{i}"))
    vel = [h for h in hits if h.name == "CAMPAIGN_VELOCITY"]
    assert vel and "3 near-duplicates" in vel[0].evidence and "3 IPs" in vel[0].evidence


def test_short_texts_get_no_cross_site_fingerprint(store: Store) -> None:
    learning = Learning(store)
    key_a, site_a = _site(store, "https://a.example")
    key_b, site_b = _site(store, "https://b.example")
    c = _comment("Great post, thanks for sharing this!")
    _check(store, learning, key_a, site_a, c)
    _report(store, learning, key_a, site_a, c, "spam")
    _, hits_b = _check(store, learning, key_b, site_b, _comment("Great post, thanks for sharing this!", ip="1.2.3.4"))
    assert "CAMPAIGN_CONFIRMED" not in _names(hits_b)
    _, hits_a = _check(store, learning, key_a, site_a, _comment("Great post, thanks for sharing this!", ip="1.2.3.5"))
    assert "CAMPAIGN_CONFIRMED" in _names(hits_a)


def test_disposable_email(store: Store) -> None:
    import pytest

    pytest.importorskip("disposable_email_domains")
    learning = Learning(store)
    key, site = _site(store, "https://a.example")
    _, hits = _check(store, learning, key, site, _comment(HAM_TEXT, email="temp@mailinator.com"))
    assert "EMAIL_DISPOSABLE" in _names(hits)


def test_prune_keeps_confirmed_fingerprints(store: Store) -> None:
    from datetime import timedelta

    learning = Learning(store)
    key, site = _site(store, "https://a.example")
    c = _comment(SPAM_TEXT)
    _check(store, learning, key, site, c)
    _check(store, learning, key, site, _comment(HAM_TEXT))
    _report(store, learning, key, site, c, "spam")
    prune(store, timedelta(seconds=-1))
    with store.engine.connect() as conn:
        left = conn.execute(sa.select(fingerprints.c.label)).scalars().all()
        assert left == ["spam"]
        assert conn.execute(sa.select(sa.func.count()).select_from(reputation)).scalar() > 0


def test_background_writer_sums_and_indexes(store: Store) -> None:
    """Workers index checks through the batched writer, off the request path; uncertain verdicts that nobody
    corrected teach their label provisionally, to the tokens a report already moved."""
    import uuid

    from tamis.engine.analysis import analyze

    learning = Learning(store)
    learning.start_writer()
    sites = [_site(store, f"https://w{i}.example") for i in range(2)]
    key, site = sites[0]
    reported = _comment(SPAM_TEXT, ip="203.0.113.200")
    _check(store, learning, key, site, reported, score=0.2)
    _report(store, learning, key, site, reported, "spam")
    before = _weights(store)
    for i in range(6):
        key, site = sites[i % 2]
        c = _comment(SPAM_TEXT.replace("friends", f"friend {i}"), ip=f"192.0.2.{i}")
        ctx = CheckContext(key, site, c, analyze(c, None))
        learning.signal(ctx)
        guid = str(uuid.uuid4())
        verdict = Verdict(spam=False, discard=False, score=0.5, hits=(), model_version="test")
        store.record_check(guid=guid, key_id=key.id, site_id=site.id, comment=c, verdict=verdict)
        learning.observe_later(ctx, guid, verdict)
    learning.writer.close()
    after = _weights(store)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(fingerprints)
                            .where(fingerprints.c.check_id.is_not(None))).scalar() >= 7
        multi = conn.execute(sa.select(sa.func.count()).select_from(learn_weights)
                             .where(learn_weights.c.scope == 0, learn_weights.c.multi_site)).scalar()
    assert multi > 0  # instance rows touched from a second site
    moved = [k for k in before if after[k] != before[k]]
    assert moved and all(after[k] < before[k] for k in moved)  # ham verdicts pulled the learned weights back
    assert set(after) == set(before)  # ... and created no new rows
    _, hits = _check(store, learning, key, site, _comment(SPAM_TEXT, ip="192.0.2.77"))
    assert "CAMPAIGN_VELOCITY" in _names(hits)


# ---------------------------------------------------------------------------------------------- everyday words

_EN_HAM = [
    "I think the author is right about the bridge, and the council should have fixed it years ago.",
    "Thanks for the write-up, it was useful and I learned a lot from the second part.",
    "The new library is open on Sundays now, which is great for the kids and for me.",
    "My dad used to say the same thing about the old train station in this town.",
    "Is there a recording of the talk? I could not make it to the meeting on Friday.",
    "We tried the recipe last night and it was good, but the sauce needs more salt.",
    "I have been reading this blog for years and this is one of the best posts so far.",
    "The photos of the river in winter are beautiful, where was the second one taken?",
    "You are right that the numbers do not add up, the report leaves out half of the costs.",
    "It is the first time I see the market so empty on a Saturday, what happened there?",
    "Good point about the schools. The buses in the morning are a mess for the parents.",
    "This was a fun read and it reminded me of the summers we spent at the lake.",
]
_EN_SPAM = [
    "Earn $500 a day from home with the best crypto bot, join the group and start to trade now",
    "The easiest way to make money online is here, send me a message and I will show you the plan",
    "Free signals for the top coins every day, join our channel and get the profit you deserve",
    "I made $3000 this week with the new trading app, it is simple and you can do it too, DM me",
    "Looking for partners for the project, high salary and the work is from your phone, write to me",
    "Invest in the new token before the launch and get x10, this is the chance of the year",
    "Work from home and earn in the evenings, the job is easy and the payment is every day",
    "The best offer for you: a bonus for the first deposit and the profit is guaranteed",
]
_RU_HAM = [
    "Кто-нибудь пробовал новую версию компилятора? У меня сборка стала медленнее в два раза.",
    "Спасибо, помогло. Оказалось, что проблема была в старом драйвере, после обновления всё работает.",
    "Я бы не стал так делать, лучше вынести это в отдельный сервис и не трогать основную базу.",
    "Вчера смотрел доклад про очереди, там хорошо объясняли, почему не стоит держать всё в памяти.",
    "А есть ли смысл переходить на новую версию сейчас или лучше подождать пару месяцев?",
    "У нас тоже такое было, помог перезапуск и очистка кэша, но причину так и не нашли.",
]
_EN_GENUINE = ("I read the whole thread and I think the problem is in the cache, the same thing happened to me "
               "and it was fixed after the update of the library.")


def _engine_with_ham_df():  # type: ignore[no-untyped-def]
    """A real (small) model: trained on English genuine comments and spam, so its ham_df knows English's
    everyday words and nothing of Russian's."""
    from tamis.model.train import train

    rows = [{"comment_content": t, "label": "ham", "source": "a"} for t in _EN_HAM]
    rows += [{"comment_content": t, "label": "spam", "source": "a"} for t in _EN_SPAM[:4]]
    rows += [{"comment_content": t + " ok", "label": "ham", "source": "b"} for t in _EN_HAM[:6]]
    rows += [{"comment_content": t, "label": "spam", "source": "b"} for t in _EN_SPAM[4:]]
    return train(rows, progress=False, calibrate=False, epochs=2)


def _served_check(store: Store, learning: Learning, key: KeyRow, site: SiteRow, comment: Comment,
                  score: float) -> list[Hit]:
    """A check as the server makes it: one Analysis for the signal and the observer (which is how the observer
    knows the tokens the signal found in the layers)."""
    import uuid

    from tamis.engine.analysis import analyze

    ctx = CheckContext(key, site, comment, analyze(comment, None))
    hits = list(learning.signal(ctx))
    guid = str(uuid.uuid4())
    verdict = Verdict(spam=score >= 0.5, discard=False, score=score, hits=tuple(hits), model_version="test")
    store.record_check(guid=guid, key_id=key.id, site_id=site.id, comment=comment, verdict=verdict)
    learning.observe(ctx, guid, verdict)
    return hits


def _site_after_english_spam_reports(store: Store, learning: Learning, url: str, ham: list[str]) -> list[Hit]:
    key, site = _site(store, url)
    for i, text in enumerate(_EN_SPAM):
        c = _comment(text, ip=f"203.0.113.{i + 1}", email=f"s{i}@example.net", author=f"Trader {i}")
        _served_check(store, learning, key, site, c, score=0.3)  # missed: the moderator reports it
        _report(store, learning, key, site, c, "spam")
    for i, text in enumerate(ham * 4):  # the site's genuine comments, each a confident genuine verdict
        _served_check(store, learning, key, site, _comment(text + f" {i}", ip=f"198.51.100.{i + 1}",
                                                           email=f"h{i}@example.org", author=f"Reader {i}"), 0.02)
    return _served_check(store, learning, key, site, _comment(_EN_GENUINE, ip="192.0.2.50", email="new@example.org",
                                                               author="Newcomer"), score=0.1)


def _learned_site(hits: list[Hit]) -> float:
    return sum(h.weight for h in hits if h.name == "LEARNED_SITE")


def test_reported_english_spam_does_not_teach_a_russian_site_that_english_is_spam(store: Store) -> None:
    """tg's replay (docs/benchmarks.md, seventh session): a Russian chat whose reported spam was English flagged the
    first English genuine messages through LEARNED_SITE (+1.6 to +2.9).  Everyday English words learned spam-ward
    from the reports now count damped where the site's genuine comments were never in that script; without the
    damping (ham_df_ref 0) the same history flags the same comment."""
    import dataclasses

    engine = _engine_with_ham_df()
    assert engine.ham_df is not None and engine.ham_df.max() > 0.5  # "the" is in nearly every genuine comment
    damped = Learning(store, engine_ref=lambda: engine)
    plain = Learning(store, config=dataclasses.replace(damped.config, ham_df_ref=0.0), engine_ref=lambda: engine)
    with_damping = _learned_site(_site_after_english_spam_reports(store, damped, "https://ru1.example", _RU_HAM))
    without = _learned_site(_site_after_english_spam_reports(store, plain, "https://ru2.example", _RU_HAM))
    assert without > 0.6  # the bug: English = spam on this site (0.83 when written)
    assert with_damping < 0.25 * without  # 0: below LEARNED_SITE's 0.2 floor, no hit at all


def test_a_site_whose_genuine_comments_share_the_script_keeps_what_its_reports_taught(store: Store) -> None:
    """The damping is for a script the site's genuine comments have not shown: an English site that reported the
    same English spam keeps the whole learned weight (SMS and YouTube replays unchanged: docs/learning.md)."""
    import dataclasses

    engine = _engine_with_ham_df()
    damped = Learning(store, engine_ref=lambda: engine)
    plain = Learning(store, config=dataclasses.replace(damped.config, ham_df_ref=0.0), engine_ref=lambda: engine)
    en_damped = _learned_site(_site_after_english_spam_reports(store, damped, "https://en1.example", _EN_HAM))
    en_plain = _learned_site(_site_after_english_spam_reports(store, plain, "https://en2.example", _EN_HAM))
    assert en_plain > 0.6
    assert abs(en_damped - en_plain) < 1e-6


def test_script_token_names_the_writing_system_of_most_letters() -> None:
    from tamis.learning.features import script_token

    assert script_token("Привет, как дела? ok") == "script:cyrillic"
    assert script_token("see https://example.com Привет") == "script:latin"
    assert script_token("你好，朋友们 hello") == "script:cjk"
    assert script_token("12345 !!! 🙂") is None
