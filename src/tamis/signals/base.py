"""The signal contract: a signal is a named, side-effect-free function ``(analysis, weights) -> list[Hit]``.

Weights come from the model manifest (config, not code; rspamd's scores.d): each hit name maps to a spec
``{"w": base weight, "per": extra weight per further occurrence, "cap": occurrences counted at most}``.  A hit
whose weight is 0 in the manifest is switched off.  ``run_signals`` isolates failures: a signal that raises is
skipped and named in ``Verdict.skipped`` as ``SIGNAL_ERROR:<name>``; it never fails the check.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..types import Hit

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

log = logging.getLogger("tamis.signals")


class Weights:
    """Hit weights from the manifest, with the documented defaults as fall-back."""

    __slots__ = ("_specs", "_defaults")

    def __init__(self, specs: Mapping[str, Any], defaults: Mapping[str, Any]) -> None:
        self._specs = dict(specs)
        self._defaults = dict(defaults)

    def spec(self, name: str) -> dict[str, float]:
        s = self._specs.get(name, self._defaults.get(name, 0.0))
        if isinstance(s, (int, float)):
            return {"w": float(s), "per": 0.0, "cap": 1}
        return {"w": float(s.get("w", 0.0)), "per": float(s.get("per", 0.0)), "cap": int(s.get("cap", 1))}

    def weight(self, name: str, count: int = 1) -> float:
        s = self.spec(name)
        return s["w"] + s["per"] * (min(max(count, 1), max(s["cap"], 1)) - 1)

    def hit(self, name: str, evidence: str = "", count: int = 1) -> Hit | None:
        w = self.weight(name, count)
        if w == 0.0:
            return None
        return Hit(name, round(w, 4), evidence[:200])

    def as_dict(self) -> dict[str, Any]:
        return {**self._defaults, **self._specs}


SignalFn = Callable[["Analysis", Weights], Iterable["Hit | None"]]


@dataclass(frozen=True, slots=True)
class Signal:
    """``corroborating``: the signal's hits are evidence only beside other evidence (CORROBORATING, below), so
    run_signals runs it last, and only when another hit already backs it."""

    name: str
    fn: SignalFn
    help: str = ""
    corroborating: bool = False


def run_signals(analysis: Analysis, signals: Sequence[Signal], weights: Weights,
                evidence: Sequence[Hit] = ()) -> tuple[list[Hit], list[str]]:
    """Every signal's hits, and the names of those that failed.  ``evidence``: hits from outside the signals
    (the learning layers' extra_hits) that can back a corroborating signal."""
    hits: list[Hit] = []
    skipped: list[str] = []
    ordered = [s for s in signals if not s.corroborating]
    last = [s for s in signals if s.corroborating]
    for sig in (*ordered, *last):
        if sig.corroborating and not backed([*hits, *evidence]):
            continue
        try:
            got = [h for h in sig.fn(analysis, weights) if h is not None]
        except Exception as e:  # noqa: BLE001 - a failing signal must never fail the check
            log.warning("signal %s failed: %r", sig.name, e)
            skipped.append(f"SIGNAL_ERROR:{sig.name}")
            continue
        hits.extend(got)
    return hits, skipped


##############################################################################################################
# Evidence, never proof (issue 3: "a comment whose language differs from the site's blog_lang is evidence, never
# proof").  LANG_MISMATCH (+1.0) alone decided verdicts: with the bundled model a long genuine French or
# Portuguese comment on a blog sending blog_lang=en scored +0.56 to +0.60 from the classifier (its character
# n-grams lean spam on long prose in a language it barely knows), and +1.0 on top crossed the spam threshold
# (+1.48): every WordPress site sends blog_lang, so every bilingual reader was at risk.  Decision: a
# corroborating hit counts only beside a signal's own spam evidence (another hit of at least MIN_CORROBORATION,
# not the classifier's: a link kind, a topic, a promotion phrase, a disguise, the learning layers' hits).  The
# engine (engine/engine.py) applies it to every verdict, training (model/train.py) to the scores it picks
# thresholds on.
# Foreign-language spam keeps it: the offers of tests/engine/test_any_language.py all carry a link, a topic or
# a contact phrase.  In ../shared/data blog_lang is the corpus's language (YouTube, SMS, Reddit: "en") or each
# row's own detected language (the others), so LANG_MISMATCH fires on few rows: 53, of which the rule leaves 21
# uncounted (5 e-mail, 2 tg and 1 YouTube genuine rows; 13 spam rows, mostly a detector's disagreement such as
# Azerbaijani read as Turkish).  With model ecbf1d0c at its threshold that made 1 genuine e-mail and 8 spam rows
# (4 tg, 4 Stack Exchange) ham.  Training analyses the corpora without language detection, so this changes no
# threshold of the bundled model.  tests/engine/test_engine.py pins both sides.
# Without that backing the signal is not even run (Signal.corroborating, run_signals): its language detection
# was 15% of a check's time (~170 of 1,110 µs, bench.speed sample), spent on a hit that would not count.  It
# used to be listed with weight 0 and "not counted"; now a reader's foreign-language comment with nothing else
# against it shows no LANG_MISMATCH line at all.  corroborate() still zeroes an unbacked hit of a signal list
# that runs it regardless (a custom Signal without the flag).
##############################################################################################################
CORROBORATING = frozenset({"LANG_MISMATCH"})
# What counts as "another signal's spam evidence": a hit of at least this weight.  Not LINK_AUTHOR_URL (+0.3: the
# Website field many genuine WordPress commenters fill), DISGUISE_LEET (+0.2) or a learning layer's faint lean.
MIN_CORROBORATION = 0.5


def backed(hits: Sequence[Hit]) -> bool:
    """Whether some hit other than a corroborating one or the classifier's is spam evidence."""
    return any(h.weight >= MIN_CORROBORATION and h.name not in CORROBORATING
               and not h.name.startswith("CLASSIFIER_") for h in hits)


def corroborate(hits: list[Hit]) -> list[Hit]:
    """``hits`` with each CORROBORATING hit's weight set to 0 when no other hit but the classifier's is spam
    evidence (weight >= MIN_CORROBORATION)."""
    if not any(h.name in CORROBORATING for h in hits) or backed(hits):
        return hits
    return [Hit(h.name, 0.0, f"{h.evidence} (not counted: no other evidence)"[:200])
            if h.name in CORROBORATING and h.weight > 0 else h for h in hits]
