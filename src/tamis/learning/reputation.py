"""Reputation: decayed spam/ham evidence per entity and per site.

##############################################################################################################
# How do counts decay without a read-modify-write?  Each kind has a half-life.  Evidence added at time t is stored
# multiplied by 2**((t - EPOCH) / half_life), and readers multiply the stored sum by 2**(-(now - EPOCH) / half_life).
# Updates are then plain additions (an upsert `spam = spam + delta`), safe under concurrent workers, and an undo
# subtracts exactly what was added.  The scale grows by 2**26 a year at the shortest half-life (14 days), so a
# double overflows after about 39 years: long before that, a migration moves EPOCH forward and rescales the rows.
#
# Why per site?  "Independent reports from several sites weigh more than many from one site": each site's evidence
# is compressed with log2(1 + x) before the sites are added up, so one site's 10 reports count 3.5 and ten sites'
# single reports count 10.  Another site's evidence counts only when at least two other sites agree, or at half
# weight from a single one, so one site cannot poison another site's commenters.
##############################################################################################################
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from tamis.learning.features import Entity
from tamis.types import Hit

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
DAY = 86400.0
# kind -> (hit name, half-life in days, scale of the log-odds)
KINDS: dict[str, tuple[str, float, float]] = {
    "ip": ("REPUTATION_IP", 14, 1.0),
    "network": ("REPUTATION_NETWORK", 14, 0.5),
    "email": ("REPUTATION_EMAIL", 90, 1.0),
    "email_domain": ("REPUTATION_EMAIL_DOMAIN", 90, 0.4),
    "author_url": ("REPUTATION_AUTHOR_URL", 60, 1.0),
    "author": ("REPUTATION_AUTHOR", 60, 0.5),
    "link_domain": ("REPUTATION_LINK_DOMAIN", 60, 0.8),
}
HIT_CAP = 3.0
MIN_WEIGHT = 0.25
PRIOR = 0.5
# A moderator's report counts 1; a confident verdict of ours counts VERDICT_WEIGHT (learned from verdicts, but so
# little that a correction outweighs many of them).
REPORT_WEIGHT = 1.0
VERDICT_WEIGHT = 0.2
OTHER_SITE_SINGLE = 0.5


def scale_at(kind: str, at: datetime) -> float:
    half = KINDS[kind][1] * DAY
    return 2.0 ** ((at - EPOCH).total_seconds() / half)


def compress(x: float) -> float:
    return math.log2(1.0 + max(x, 0.0))


def score(rows: Iterable[tuple[int, int, str, float, float]], wanted: list[Entity], site_id: int,
          now: datetime) -> list[Hit]:
    """Hits from reputation rows (entity, site_id, kind, spam, ham) for the comment's entities."""
    by_entity: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for entity, sid, kind, spam, ham in rows:
        if kind not in KINDS:
            continue
        inv = 1.0 / scale_at(kind, now)
        by_entity[entity].append((sid, spam * inv, ham * inv))
    hits: list[Hit] = []
    for ent in wanted:
        per_site = by_entity.get(ent.hash)
        if not per_site:
            continue
        name, _half, k = KINDS[ent.kind]
        own_s = own_h = 0.0
        other: list[tuple[float, float]] = []
        for sid, s, h in per_site:
            if sid == site_id:
                own_s, own_h = compress(s), compress(h)
            else:
                other.append((compress(s), compress(h)))
        f = 1.0 if len(other) >= 2 else OTHER_SITE_SINGLE
        S = own_s + f * sum(s for s, _ in other)
        H = own_h + f * sum(h for _, h in other)
        w = k * math.log((S + PRIOR) / (H + PRIOR))
        w = max(-HIT_CAP, min(HIT_CAP, w))
        if abs(w) < MIN_WEIGHT:
            continue
        sites = len(per_site)
        hits.append(Hit(name, round(w, 3),
                        f"{ent.value[:60]}: spam {S:.1f} / ham {H:.1f} from {sites} site{'s' if sites > 1 else ''}"))
    return hits
