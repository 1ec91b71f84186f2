"""Statistics for key-sites, usage-limit, get-stats and get-key-stats, read from the daily_stats table only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from tamis.store.db import Store, utcnow
from tamis.store.schema import daily_stats, sites

COUNTS = ("api_calls", "spam", "ham", "missed_spam", "false_positives")

# Akismet's own estimate of a moderator's time per spam comment, used for `time_saved` in get-stats: WordPress shows
# it as "time saved".  We keep Akismet's figure so the screen means what site owners are used to.
SECONDS_SAVED_PER_SPAM = 6


def month_bounds(month: str | None) -> tuple[date, date, str]:
    """`YYYY-MM` (default: this month) → [first day, first day of next month), label.  ValueError if malformed."""
    if not month:
        today = utcnow().date()
        month = f"{today.year:04d}-{today.month:02d}"
    year_s, _, mon_s = month.partition("-")
    if len(year_s) != 4 or len(mon_s) != 2 or not year_s.isdigit() or not mon_s.isdigit():
        raise ValueError(f'"month" must look like YYYY-MM, got {month!r}')
    if not 1 <= int(mon_s) <= 12 or int(year_s) < 1970:
        raise ValueError(f'"month" must be a month from 1970-01 on, as YYYY-MM, got {month!r}')
    first = date(int(year_s), int(mon_s), 1)
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, nxt, month


@dataclass(frozen=True)
class SiteActivity:
    site: str
    api_calls: int
    spam: int
    ham: int
    missed_spam: int
    false_positives: int
    is_revoked: bool


def key_sites(store: Store, key_id: int, *, month: str | None, url_filter: str | None, order: str,
              limit: int, offset: int) -> tuple[str, list[SiteActivity], int]:
    """Per-site activity of one key in one month, as /1.2/key-sites reports it: (month, page of rows, total)."""
    first, nxt, label = month_bounds(month)
    sums = [sa.func.coalesce(sa.func.sum(getattr(daily_stats.c, c)), 0).label(c) for c in COUNTS]
    activity = (
        sa.select(daily_stats.c.site_id, *sums)
        .where(daily_stats.c.key_id == key_id, daily_stats.c.day >= first, daily_stats.c.day < nxt)
        .group_by(daily_stats.c.site_id)
        .subquery()
    )
    q = sa.select(sites.c.url, sites.c.revoked_at, *[getattr(activity.c, c) for c in COUNTS]).join(
        activity, activity.c.site_id == sites.c.id
    ).where(sites.c.key_id == key_id)
    if url_filter:
        q = q.where(sites.c.url.contains(url_filter, autoescape=True))
    order_col = {"total": "api_calls"}.get(order, order)
    q = q.order_by(getattr(activity.c, order_col).desc(), sites.c.url)
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(q.subquery())).scalar_one()
        rows = conn.execute(q.limit(limit).offset(offset)).all()
    out = [SiteActivity(r.url, int(r.api_calls), int(r.spam), int(r.ham), int(r.missed_spam),
                        int(r.false_positives), r.revoked_at is not None) for r in rows]
    return label, out, int(total)


def usage(store: Store, key_id: int, month: str | None = None) -> int:
    """API calls (checks) of one key this month."""
    first, nxt, _ = month_bounds(month)
    with store.engine.connect() as conn:
        return int(conn.execute(
            sa.select(sa.func.coalesce(sa.func.sum(daily_stats.c.api_calls), 0))
            .where(daily_stats.c.key_id == key_id, daily_stats.c.day >= first, daily_stats.c.day < nxt)
        ).scalar_one())


def get_stats(store: Store, key_id: int, site_id: int | None, period: str) -> dict[str, object]:
    """The get-stats / get-key-stats document.

    `period` is Akismet's `from`: `60-days` (daily breakdown), `6-months` (monthly, the default) or `all` (monthly
    since the first record).  Totals cover the period; `accuracy` is the share of verdicts the moderators did not
    correct, in percent with two decimals, 100 when nothing was checked.
    """
    today = utcnow().date()
    if period == "60-days":
        start = today - timedelta(days=59)
    elif period == "all":
        start = date(1970, 1, 1)
    else:
        period = "6-months"
        m = today.month - 5
        start = date(today.year + (m - 1) // 12, (m - 1) % 12 + 1, 1)
    cond = [daily_stats.c.key_id == key_id, daily_stats.c.day >= start]
    if site_id is not None:
        cond.append(daily_stats.c.site_id == site_id)
    q = sa.select(daily_stats.c.day, daily_stats.c.site_id, *[getattr(daily_stats.c, c) for c in COUNTS]).where(*cond)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    totals = dict.fromkeys(COUNTS, 0)
    breakdown: dict[str, dict[str, object]] = {}
    blogs: dict[str, set[int]] = {}
    for r in rows:
        bucket_start = r.day if period == "60-days" else r.day.replace(day=1)
        label = bucket_start.isoformat() if period == "60-days" else bucket_start.strftime("%Y-%m")
        entry = breakdown.setdefault(label, {"spam": 0, "ham": 0, "missed_spam": 0, "false_positives": 0,
                                             "da": bucket_start.isoformat()})
        for c in COUNTS:
            totals[c] += getattr(r, c)
            if c in entry:
                entry[c] = int(entry[c]) + getattr(r, c)  # type: ignore[call-overload]
        blogs.setdefault(label, set()).add(r.site_id)
    if site_id is None:
        for label, entry in breakdown.items():
            entry["blogs"] = len(blogs[label])
    checked = totals["spam"] + totals["ham"]
    errors = totals["missed_spam"] + totals["false_positives"]
    accuracy = 100.0 if checked == 0 else round(max(0.0, 100.0 * (checked - errors) / checked), 2)
    return {
        "spam": totals["spam"],
        "ham": totals["ham"],
        "missed_spam": totals["missed_spam"],
        "false_positives": totals["false_positives"],
        "accuracy": accuracy,
        "time_saved": totals["spam"] * SECONDS_SAVED_PER_SPAM,
        "breakdown": dict(sorted(breakdown.items())),
    }
