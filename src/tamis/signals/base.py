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
    name: str
    fn: SignalFn
    help: str = ""


def run_signals(analysis: Analysis, signals: Sequence[Signal], weights: Weights) -> tuple[list[Hit], list[str]]:
    hits: list[Hit] = []
    skipped: list[str] = []
    for sig in signals:
        try:
            got = [h for h in sig.fn(analysis, weights) if h is not None]
        except Exception as e:  # noqa: BLE001 - a failing signal must never fail the check
            log.warning("signal %s failed: %r", sig.name, e)
            skipped.append(f"SIGNAL_ERROR:{sig.name}")
            continue
        hits.extend(got)
    return hits, skipped
