"""Engine behaviour through the public API: the seed thread, Akismet's test values, extra hits, failures."""

from __future__ import annotations

import json
import math
import shutil
import threading
from pathlib import Path

import pytest

from tamis.engine import Engine, ModelFormatError, default_model_dir
from tamis.signals import DEFAULT_SIGNALS, Signal
from tamis.types import Comment, Hit, Verdict

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "data" / "seed_thread.jsonl"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="session")
def seed_rows() -> dict[str, dict[str, str]]:
    if not SEED.is_file():
        pytest.skip(f"seed thread not found at {SEED} (CI keeps shared/ beside the repository)")
    rows = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}

SPAM = ("Earn $500 per day working from home!!! Click here http://bit.ly/x8Yz and join now, limited offer, "
        "contact us on WhatsApp +1 555 0100 for your free bonus")
HAM = "I hope you're wrong but it doesn't look that way. Thanks for the write-up anyway."


def comment(**fields: str) -> Comment:
    return Comment.from_dict({"blog": "https://blog.example/", "user_ip": "127.0.0.1", **fields})


# ---------------------------------------------------------------------------------------------- seed thread
@pytest.mark.parametrize("row_id, spam", [("seed:1", False), ("seed:2", False), ("seed:3", True)])
def test_seed_thread(engine: Engine, seed_rows: dict[str, dict[str, str]], row_id: str, spam: bool) -> None:
    v = engine.check(Comment.from_dict(seed_rows[row_id]))
    assert v.spam is spam, v.reasons()
    assert not v.discard or spam


def test_seed_spam_explains_itself(engine: Engine, seed_rows: dict[str, dict[str, str]]) -> None:
    names = {h.name for h in engine.check(Comment.from_dict(seed_rows["seed:3"])).hits}
    assert {"DISGUISE_INTERLEAVED", "LINK_BOGUS_HOST"} <= names


# ---------------------------------------------------------------------------------------------- verdict shape
def test_verdict_shape(engine: Engine) -> None:
    v = engine.check(comment(comment_content=SPAM))
    assert isinstance(v, Verdict)
    assert 0.0 <= v.score <= 1.0
    assert v.model_version == engine.model_version and v.model_version.startswith("tamis-")
    assert any(h.name.startswith("CLASSIFIER_") for h in v.hits)
    weights = [abs(h.weight) for h in v.hits]
    assert weights == sorted(weights, reverse=True)
    assert v.spam == (v.score >= engine.spam_threshold)
    assert not v.discard or v.spam


def test_obvious_spam_and_ham(engine: Engine) -> None:
    assert engine.check(comment(comment_content=SPAM)).spam
    assert not engine.check(comment(comment_content=HAM)).spam


def test_empty_comment_is_ham(engine: Engine) -> None:
    v = engine.check(Comment.from_dict({}))
    assert not v.spam and v.skipped == ()


# ---------------------------------------------------------------------------------------------- test values
@pytest.mark.parametrize("fields", [
    {"comment_author": "akismet-guaranteed-spam"},
    {"comment_author": "viagra-test-123"},
    {"comment_author_email": "akismet-guaranteed-spam@example.com"},
])
def test_guaranteed_spam_is_spam_never_discard(engine: Engine, fields: dict[str, str]) -> None:
    v = engine.check(comment(comment_content=HAM, **fields))
    assert v.spam and not v.discard
    assert "TEST_GUARANTEED_SPAM" in {h.name for h in v.hits}
    # even on top of blatant spam with a filled honeypot, the test author is never discarded
    v = engine.check(comment(comment_content=SPAM, POST_ak_hp_textarea="x", **fields))
    assert v.spam and not v.discard


def test_guaranteed_spam_reports_a_clearly_spam_score(engine: Engine) -> None:
    # it used to report exactly the spam threshold (~0.906, "barely spam") whenever the sum was below it or
    # reached discard; now at least the log-odds midpoint of spam and discard, never a discard score
    z_clear = (engine.spam_logit + engine.discard_logit) / 2
    clear = 1 / (1 + math.exp(-z_clear))
    # a sum above discard, a sum below spam (forced either way: where the test value alone lands depends on the
    # bundled model's discard threshold)
    for extra in ([Hit("SITE_BLOCK", +40.0, "block-listed")], [Hit("SITE_ALLOW", -40.0, "allow-listed")]):
        v = engine.check(comment(comment_content=HAM, comment_author="viagra-test-123"), extra_hits=extra)
        assert v.spam and not v.discard
        assert v.score == pytest.approx(clear) and engine.spam_threshold < v.score < engine.discard_threshold
    # a sum between the midpoint and discard is reported as it is
    v = engine.check(comment(comment_content=HAM, comment_author="viagra-test-123"))
    z = math.fsum(h.weight for h in v.hits)
    between = engine.check(comment(comment_content=HAM, comment_author="viagra-test-123"),
                           extra_hits=[Hit("TEST_SHIFT", (z_clear + engine.discard_logit) / 2 - z, "shift")])
    assert between.score > clear and between.score < engine.discard_threshold and not between.discard


@pytest.mark.parametrize("role", ["administrator", "editor, administrator", "Administrator,super_admin"])
def test_administrator_is_ham(engine: Engine, role: str) -> None:
    v = engine.check(comment(comment_content=SPAM, user_role=role, POST_ak_hp_textarea="bot"))
    assert not v.spam and not v.discard
    assert "TEST_ADMINISTRATOR" in {h.name for h in v.hits}


def test_other_roles_are_not_admin(engine: Engine) -> None:
    v = engine.check(comment(comment_content=HAM, user_role="subscriber"))
    assert "TEST_ADMINISTRATOR" not in {h.name for h in v.hits}


# ---------------------------------------------------------------------------------------------- combining
def test_extra_hits_are_added_like_any_hit(engine: Engine) -> None:
    c = comment(comment_content=HAM)
    base = engine.check(c)
    up = engine.check(c, extra_hits=[Hit("CAMPAIGN_NEAR_DUPLICATE", 40.0, "seen 50 times")])
    assert up.spam and up.discard and up.score > base.score
    assert "CAMPAIGN_NEAR_DUPLICATE" in {h.name for h in up.hits}
    down = engine.check(comment(comment_content=SPAM), extra_hits=[Hit("SITE_ALLOW", -40.0, "allow-listed")])
    assert not down.spam


FRENCH = ("Merci pour cet article très complet. J'habite en Bretagne et nous avons installé une pompe à chaleur "
          "l'année dernière. Le premier hiver, la consommation électrique était bien plus élevée que prévu, et "
          "l'installateur ne savait pas trop pourquoi. Finalement, c'était un problème de réglage de la loi d'eau : "
          "la température de départ était beaucoup trop haute pour nos radiateurs.")


def test_language_mismatch_alone_is_not_counted(engine: Engine) -> None:
    """A reader writing in another language than blog_lang, with nothing else against them: LANG_MISMATCH does
    not count, and its language detection is not even run (signals/base.py, "Evidence, never proof")."""
    engine.ready(30)
    c = comment(comment_content=FRENCH, blog_lang="en_US")
    a = engine.analyze(c)
    v = engine.check(c, analysis=a)
    assert "LANG_MISMATCH" not in {h.name for h in v.hits}, v.hits
    assert not v.spam
    assert "language" not in a.extra  # detection skipped
    assert a.detected_language()[0] == "fr"  # though it would have found French
    # nor beside a weak hit: the Website field many genuine commenters fill (LINK_AUTHOR_URL, +0.3)
    with_url = engine.check(comment(comment_content=FRENCH, blog_lang="en_US",
                                    comment_author_url="https://jardin-de-marie.example"))
    assert "LINK_AUTHOR_URL" in {h.name for h in with_url.hits}
    assert "LANG_MISMATCH" not in {h.name for h in with_url.hits}, with_url.hits
    assert not with_url.spam
    same = engine.check(comment(comment_content=FRENCH, blog_lang="fr"))
    assert "LANG_MISMATCH" not in {h.name for h in same.hits}
    assert same.score == pytest.approx(v.score)


def test_language_mismatch_counts_beside_other_evidence(engine: Engine) -> None:
    engine.ready(30)
    text = FRENCH + " Gagnez de l'argent depuis chez vous : https://gain-rapide.example/inscription"
    v = engine.check(comment(comment_content=text, blog_lang="en_US"))
    lang = [h for h in v.hits if h.name == "LANG_MISMATCH"]
    assert lang and lang[0].weight > 0, v.hits
    without = engine.check(comment(comment_content=text, blog_lang="fr"))
    assert v.score > without.score
    # the learning layers' hits are evidence too (extra_hits)
    up = engine.check(comment(comment_content=FRENCH, blog_lang="en_US"),
                      extra_hits=[Hit("LEARNED_SITE", 0.8, "reported before")])
    assert [h.weight for h in up.hits if h.name == "LANG_MISMATCH"] == [1.0]


def test_analysis_is_reused(engine: Engine) -> None:
    c = comment(comment_content=SPAM, comment_author="Buy Cheap Pills Online")
    a = engine.analyze(c)
    assert a.links and a.links[0].host == "bit.ly"
    assert engine.check(c, analysis=a) == engine.check(c)


def test_thresholds_can_be_overridden(engine: Engine) -> None:
    e = Engine.load(spam_threshold=0.01, discard_threshold=0.02)
    assert e.check(comment(comment_content=SPAM)).discard
    with pytest.raises(ValueError, match="discard_threshold"):
        Engine.load(spam_threshold=0.9, discard_threshold=0.5)


def test_failing_signal_is_skipped_not_raised(engine: Engine) -> None:
    def boom(a: object, w: object) -> list[Hit]:
        raise RuntimeError("broken signal")

    e = Engine(engine.classifier, engine.manifest, signals=(*DEFAULT_SIGNALS, Signal("boom", boom)))
    v = e.check(comment(comment_content=SPAM))
    assert v.skipped == ("SIGNAL_ERROR:boom",)
    assert v.spam == engine.check(comment(comment_content=SPAM)).spam


def test_check_is_pure_and_thread_safe(engine: Engine) -> None:
    cs = [comment(comment_content=SPAM), comment(comment_content=HAM), comment(comment_content="😀" * 50)]
    expected = [engine.check(c) for c in cs]
    before = [dict(c.fields) for c in cs]
    errors: list[str] = []

    def run() -> None:
        for _ in range(30):
            for c, e in zip(cs, expected):
                if engine.check(c) != e:
                    errors.append("mismatch")

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [dict(c.fields) for c in cs] == before


@pytest.mark.parametrize("content", ["\x00\x01", "<a href='", "[x][", "\ud800", "a" * 100_000, "🙂" * 5000,
                                     "<" * 1000, "http://" * 200, "[1]: " * 300])
def test_hostile_input_never_raises(engine: Engine, content: str) -> None:
    v = engine.check(comment(comment_content=content, comment_author=content[:100],
                             comment_author_url=content[:200], comment_author_email=content[:50]))
    assert 0.0 <= v.score <= 1.0


# ---------------------------------------------------------------------------------------------- model files
def test_load_is_fast_enough_and_versioned() -> None:
    import time

    t = time.perf_counter()
    e = Engine.load()
    assert time.perf_counter() - t < 2.0
    manifest = json.loads((default_model_dir() / "manifest.json").read_text())
    assert manifest["schema_version"] == 1
    assert e.model_version == manifest["model_version"]


def test_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    m = json.loads((d / "manifest.json").read_text())
    m["schema_version"] = 999
    (d / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(ModelFormatError, match="schema_version 999"):
        Engine.load(d)


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFormatError, match="manifest.json"):
        Engine.load(tmp_path)


def test_save_and_load_round_trip(engine: Engine, tmp_path: Path) -> None:
    engine.save(tmp_path / "copy")
    e2 = Engine.load(tmp_path / "copy")
    c = comment(comment_content=SPAM)
    assert e2.check(c).score == pytest.approx(engine.check(c).score, abs=1e-6)
    assert e2.model_version == engine.model_version


def test_bad_weight_in_manifest_fails_at_load(tmp_path: Path) -> None:
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    m = json.loads((d / "manifest.json").read_text())
    m["weights"]["LINK_MANY"] = "heavy"
    (d / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(ModelFormatError, match="LINK_MANY"):
        Engine.load(d)


def test_manifest_weights_are_config(tmp_path: Path) -> None:
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    m = json.loads((d / "manifest.json").read_text())
    m["weights"]["HONEYPOT_FILLED"] = 0  # switched off
    (d / "manifest.json").write_text(json.dumps(m))
    c = comment(comment_content=HAM, POST_ak_hp_textarea="bot")
    assert "HONEYPOT_FILLED" in {h.name for h in Engine.load().check(c).hits}
    assert "HONEYPOT_FILLED" not in {h.name for h in Engine.load(d).check(c).hits}


def test_blatant_bot_spam_is_discarded_but_a_honeypot_alone_is_not(engine: Engine) -> None:
    bot = {"POST_comment": "x", "POST_comment_post_ID": "5", "comment_author_url": "http://bit.ly/3xQz9",
           "blog_lang": "en_US"}
    spam = SPAM + " ♥♥j♥♥♥u♥♥z♥i♥♥♥w http://GoogleHomeBasedJobs/get/cash"
    v = engine.check(comment(comment_content=spam, POST_ak_hp_textarea=spam, **bot))
    assert v.spam and v.discard, v.reasons()
    v = engine.check(comment(comment_content=HAM, POST_ak_hp_textarea="x", **bot))
    assert v.spam and not v.discard, v.reasons()
    assert not engine.check(comment(comment_content=spam, **bot)).discard  # content alone never discards
    assert not engine.check(comment(comment_content=spam)).discard


def test_classifier_term_is_bounded_by_the_manifest(tmp_path: Path) -> None:
    """calibration.cap bounds the classifier's hit on both sides (model/train.py, "How far may the classifier
    alone go?"); without it a long advert's term grows with its length."""
    long_spam = " ".join([SPAM] * 40)
    d = tmp_path / "m"
    shutil.copytree(default_model_dir(), d)
    m = json.loads((d / "manifest.json").read_text())

    def term(cap: float | None, text: str) -> float:
        m["calibration"].pop("cap", None)
        if cap is not None:
            m["calibration"]["cap"] = cap
        (d / "manifest.json").write_text(json.dumps(m))
        hits = Engine.load(d).check(comment(comment_content=text)).hits
        return next(h.weight for h in hits if h.name.startswith("CLASSIFIER_"))

    free = term(None, long_spam)
    assert free > 1.5
    assert term(1.5, long_spam) == 1.5
    assert term(1.5, HAM) >= -1.5
    assert term(abs(free) + 5, long_spam) == pytest.approx(free)  # a cap above the term changes nothing
