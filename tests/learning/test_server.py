"""End to end through the Akismet API: `tamis serve --workers 2` on one real PostgreSQL database.

- A campaign's first message marked spam on site A makes ten disguised variants from other IPs spam on site B,
  with the campaign named in the stored reasons, in whichever worker answers.
- A legitimate commenter wrongly marked spam and corrected by submit-ham is ham from then on.
- A correction is effective in every worker within 2 seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tamis_testing import RunningServer, start_server, stop_server

pytestmark = pytest.mark.postgres

CAMPAIGN = ("Thanks for this article. I had the same problem with my roof last winter and the company I found fixed "
            "it in a day, very honest people and fair prices. Ask for Mike at Northside Roofing, tell him Linda sent "
            "you.")
VARIANTS = [
    CAMPAIGN.replace("Thanks", "Thank you"),
    CAMPAIGN.replace("roof", "r\u200boof"),                                     # zero-width
    CAMPAIGN.replace("honest", "h0nest").replace("fair", "f4ir"),               # leet
    CAMPAIGN.replace("last winter", "in January"),                              # edited
    CAMPAIGN.replace("Linda", "Susan").replace("Mike", "Michael"),              # spun names
    CAMPAIGN.replace("people", "p\u0435\u043epl\u0435"),                        # Cyrillic homoglyphs
    CAMPAIGN.replace("Northside", "N\u2665o\u2665r\u2665t\u2665h\u2665side"),   # interleaved hearts
    CAMPAIGN.replace("article", "\U0001d41a\U0001d42b\U0001d42d\U0001d422\U0001d41c\U0001d425\U0001d41e"),  # math bold
    CAMPAIGN.upper(),
    CAMPAIGN.replace(".", " !!").replace("day", "single day"),
]
LEGIT = ("I grew up two streets from the old mill and remember when the river flooded in 1998; the photos in this "
         "piece brought it all back. Thank you for writing it.")


@pytest.fixture
def pg_server(tmp_path: Path, pg_url: str):  # type: ignore[no-untyped-def]
    srv = start_server(tmp_path, {"TAMIS_WORKERS": "2"}, db_url=pg_url)
    yield srv
    stop_server(srv)


def _form(srv: RunningServer, key: str, blog: str, content: str, ip: str, **extra: str) -> dict[str, str]:
    return {"api_key": key, "blog": blog, "user_ip": ip, "comment_content": content,
            "comment_author": extra.pop("author", "Mary Jones"),
            "comment_author_email": extra.pop("email", "mary@example.org"),
            "permalink": extra.pop("permalink", blog + "/2026/roofs"), "comment_type": "comment", **extra}


def _check(srv: RunningServer, form: dict[str, str]) -> tuple[bool, str, str]:
    r = srv.post("/1.1/comment-check", form)
    assert r.status_code == 200, r.text
    return r.text == "true", r.headers.get("X-akismet-guid", ""), r.headers.get("X-Tamis-Reasons", "")


def _stored_reasons(srv: RunningServer, guid: str) -> list[list[object]]:
    eng = sa.create_engine(srv.env["TAMIS_DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://"))
    try:
        with eng.connect() as conn:
            return conn.exec_driver_sql("SELECT reasons FROM checks WHERE guid = %(g)s", {"g": guid}).scalar_one()
    finally:
        eng.dispose()


def test_confirmed_campaign_stops_disguised_variants_on_another_site(pg_server: RunningServer) -> None:
    srv = pg_server
    key = srv.create_key("https://a.example", "https://b.example")
    first = _form(srv, key, "https://a.example", CAMPAIGN, "203.0.113.5")
    spam, _, _ = _check(srv, first)
    assert not spam  # the static model lets the first copy through: only learning can stop the rest
    assert srv.post("/1.1/submit-spam", first).status_code == 200
    for i, text in enumerate(VARIANTS):
        spam, guid, reasons = _check(srv, _form(srv, key, "https://b.example", text, f"192.0.2.{20 + i}",
                                                author=f"Reader {i}", email=f"r{i}@example.net"))
        assert spam, (text, reasons)
        assert "CAMPAIGN_CONFIRMED" in reasons
        stored = {r[0]: r[2] for r in _stored_reasons(srv, guid)}
        assert "campaign #" in str(stored["CAMPAIGN_CONFIRMED"]), stored
    # The campaign is named over HTTP too.
    named = srv.post("/1.1/comment-check", _form(srv, key, "https://b.example", VARIANTS[0], "192.0.2.99"))
    assert named.headers["X-Tamis-Campaign"].startswith("campaign #"), named.headers


def test_ham_correction_sticks_in_every_worker(pg_server: RunningServer) -> None:
    srv = pg_server
    key = srv.create_key("https://a.example")
    form = _form(srv, key, "https://a.example", LEGIT, "198.51.100.44", author="Tom Baker",
                 email="tom.baker@example.com")
    assert not _check(srv, form)[0]
    srv.post("/1.1/submit-spam", form)          # a moderator's slip ...
    seen_spam = [_check(srv, form)[0] for _ in range(10)]
    assert all(seen_spam), "a spam report must change the very next check in every worker"
    srv.post("/1.1/submit-ham", form)           # ... corrected
    for _ in range(10):                         # requests spread over both workers
        spam, _, reasons = _check(srv, form)
        assert not spam, reasons
    # A new comment by the same commenter is ham too, and says why.
    later = dict(form, comment_content="Does anyone know whether the mill museum is open on Sundays?")
    spam, _, reasons = _check(srv, later)
    assert not spam and "REPUTATION_" in reasons


def test_report_takes_effect_on_the_very_next_check_in_both_workers(pg_server: RunningServer) -> None:
    srv = pg_server
    key = srv.create_key("https://a.example")
    text = ("Earn a steady income from your kitchen table, our members share simple methods that really work, "
            "message Karen on the community board for the starter guide.")
    form = _form(srv, key, "https://a.example", text, "203.0.113.77")
    assert not _check(srv, form)[0]
    srv.post("/1.1/submit-spam", form)
    # 40 checks from new IPs right after the report (the kernel spreads the connections over both workers'
    # accept queues): every one must already see it.  No wall-clock bound here: "the next check sees it" is the
    # stronger claim, and timings belong in bench/ (a loaded CI machine made a 2-second bound flaky).
    verdicts = [srv.post("/1.1/comment-check", dict(form, user_ip=f"192.0.2.{i + 1}")).text == "true"
                for i in range(40)]
    assert all(verdicts), verdicts
