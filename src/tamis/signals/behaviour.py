"""Behaviour and context hits from the fields WordPress (and other clients) send besides the text.

##############################################################################################################
# What do the WordPress fields mean?  (akismet-api.md §2-3)
# - ``honeypot_field_name`` names a hidden field; the field itself is posted under that name (npm
#   akismet-api: ``akismet_api_honeypot_field``).  WordPress 5.3+ posts its own honeypot as
#   ``POST_ak_hp_textarea``.  People never see it, so anything in it is a bot: HONEYPOT_FILLED, +12 log-odds,
#   enough to make any text spam; with spammy content and no JavaScript it reaches discard.
# - ``POST_ak_js`` is the page-load time in ms set by script.  Absent or empty while the form's other POST_
#   fields are present means no JavaScript ran (a bot posting the form directly): WP_JS_MISSING, moderate,
#   since some people block scripts.  Present and within 3 s of ``comment_date_gmt`` means nobody typed
#   that comment: WP_FAST_POST.  We compare with comment_date_gmt only (never the wall clock) so that a
#   check stays a pure function of its input.
# - ``akismet_comment_nonce=failed``: the form token did not verify: WP_NONCE_FAILED.
# - ``comment_post_modified_gmt`` more than a year before the comment: spam bots favour old posts that
#   nobody moderates (WP_OLD_POST, weak).
# None of these fields occur in ../shared/data, so their weights are hand-set (manifest) and cannot be fitted
# there; they are documented in docs/engine.md as such.
##############################################################################################################
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

WP_HONEYPOT = "POST_ak_hp_textarea"


def parse_time(value: str) -> datetime | None:
    v = value.strip()
    if not v:
        return None
    if v.isdigit():  # epoch seconds or milliseconds
        n = int(v)
        if n > 10**11:
            n //= 1000
        try:
            return datetime.fromtimestamp(n, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def honeypot(a: Analysis, w: Weights) -> list[Hit | None]:
    c = a.comment
    out: list[Hit | None] = []
    name = c.get("honeypot_field_name").strip()
    if name:
        value = c.get(name) or c.get("POST_" + name)
        if value.strip():
            out.append(w.hit("HONEYPOT_FILLED", f"{name}={value[:40]!r}"))
    if not out and c.get(WP_HONEYPOT).strip():
        out.append(w.hit("HONEYPOT_FILLED", f"{WP_HONEYPOT}={c.get(WP_HONEYPOT)[:40]!r}"))
    return out


def wordpress(a: Analysis, w: Weights) -> list[Hit | None]:
    c = a.comment
    f = c.fields
    out: list[Hit | None] = []
    if f.get("akismet_comment_nonce", "").strip().lower() == "failed":
        out.append(w.hit("WP_NONCE_FAILED", "akismet_comment_nonce=failed"))
    posted_form = any(k.startswith("POST_") for k in f) and ("POST_comment" in f or "POST_comment_post_ID" in f)
    ak_js = f.get("POST_ak_js", "").strip()
    # WordPress's comment-check carries no comment_date_gmt (seen on the wire, WordPress 6.1.9 / Akismet 5.0.2), so
    # the comment's time falls back to the browser's own submit time `POST_ak_bfs` (epoch ms, set by
    # akismet-frontend.js), which also shares its clock with ak_js.  Still a pure function of the fields.
    when = parse_time(f.get("comment_date_gmt", "")) or parse_time(f.get("POST_ak_bfs", ""))
    # Without JavaScript, Akismet 5.0.2 fills ak_js server-side with a random number from 0 to 250: anything that is
    # not an epoch-milliseconds timestamp (13 digits today) means the script never ran.
    no_js = not ak_js or not ak_js.isdigit() or int(ak_js) < 10**12
    if posted_form and no_js:
        why = "POST_ak_js absent" if "POST_ak_js" not in f else f"POST_ak_js={ak_js[:20]!r} is not a page-load time"
        out.append(w.hit("WP_JS_MISSING", why))
    elif not no_js and when is not None:
        loaded = parse_time(ak_js)
        if loaded is not None:
            secs = (when - loaded).total_seconds()
            if -60 < secs < 3:
                out.append(w.hit("WP_FAST_POST", f"posted {secs:.1f}s after page load"))
    if when is None and not no_js:
        when = parse_time(ak_js)  # the page-load time: minutes from the comment's, close enough for "a year old"
    modified = parse_time(f.get("comment_post_modified_gmt", ""))
    if modified is not None and when is not None:
        days = (when - modified).total_seconds() / 86400
        if days > 365:
            out.append(w.hit("WP_OLD_POST", f"post last modified {int(days)} days before the comment"))
    return out
