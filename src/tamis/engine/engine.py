"""The Engine: load a model, analyse a comment, run the signals, add up the log-odds, decide.

##############################################################################################################
# How are signals combined?  Flat and additive (STYLE.md, rspamd): every hit carries a weight in log-odds and
# the verdict's log-odds is their sum.  The classifier's hit is its calibrated logit (Platt: a * raw + b,
# fitted on leave-one-corpus-out scores, so it already carries the prior), every other hit adds its weight
# from the manifest, and hits computed outside the engine (``extra_hits``: campaigns, reputation, per-site
# layers) add theirs the same way.  score = sigmoid(sum).  Decisions compare the sum with the thresholds'
# log-odds, so probabilities that round to 1.0 in floating point still order correctly.
#
# Thresholds: spam at ``spam_threshold`` (chosen in training for <= 0.5% false positives on genuine comments
# in leave-one-corpus-out scores), discard at ``discard_threshold`` (above every genuine comment seen there).
# Akismet's test values override the sum (akismet-api.md §1.4): the guaranteed-spam author is spam and never
# discarded, an administrator is never spam.
#
# What score does a forced verdict report?  It used to be max(sum, spam threshold), reset to the spam threshold
# when the sum reached discard: "viagra-test-123" on a genuine comment (and on blatant spam, whose +20 passes
# discard) read 0.906, "barely spam", for a comment the caller asked to see as certain spam.  Decision: the
# guaranteed-spam score is the sum's, but at least the midpoint of the spam and discard thresholds in log-odds
# (0.99995 with the bundled thresholds) and, when the sum reaches discard, that midpoint: clearly spam, never
# a discard score.  An administrator's score stays 0.
##############################################################################################################
"""

from __future__ import annotations

import hashlib
import importlib.resources
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..model.classifier import LinearClassifier
from ..model.features import FeatureConfig
from ..model.io import ModelFormatError, load_model, save_model
from ..signals import DEFAULT_SIGNALS, DEFAULT_WEIGHTS, TEST_ADMINISTRATOR, TEST_GUARANTEED_SPAM, Signal, Weights
from ..signals import corroborate, run_signals
from ..types import Comment, Hit, Verdict
from .analysis import Analysis, analyze

__all__ = ["Engine", "ModelFormatError", "default_model_dir"]


def default_model_dir() -> Path:
    return Path(str(importlib.resources.files("tamis") / "models" / "default"))


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


_LANG_LOCK = threading.Lock()
_LANG_READY = threading.Event()
_LANG: Any = None  # py3langid's classify, or the same results faster (langid.py)
_LANG_ERROR: BaseException | None = None


def _load_lang() -> None:
    global _LANG, _LANG_ERROR
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        from .langid import fast_classifier

        _LANG = fast_classifier(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    except BaseException as e:  # noqa: BLE001 - reported on use, as a skipped signal
        _LANG_ERROR = e
    finally:
        _LANG_READY.set()


def _lang_identifier() -> Any:
    """py3langid's identifier (its model ships inside the package).

    ##########################################################################################################
    # Loading it takes 0.6-1.3 s (an xz-compressed model), more than the rest of Engine.load together.  So it
    # loads in a background thread started by the first Engine, and a check that needs it (blog_lang sent)
    # waits for it: results never depend on timing, and Engine.load returns in well under a second.
    ##########################################################################################################
    """
    with _LANG_LOCK:
        if not _LANG_READY.is_set() and not any(t.name == "tamis-langid" for t in threading.enumerate()):
            threading.Thread(target=_load_lang, name="tamis-langid", daemon=True).start()

    def identify(text: str) -> tuple[str, float]:
        _LANG_READY.wait()
        if _LANG is None:
            raise RuntimeError(f"language identifier unavailable: {_LANG_ERROR!r}")
        lang, prob = _LANG(text)
        return str(lang), float(prob)

    return identify


class Engine:
    """A loaded model.  ``check`` and ``analyze`` are pure and thread-safe (no state is written after load)."""

    def __init__(
        self,
        classifier: LinearClassifier,
        manifest: dict[str, Any],
        *,
        spam_threshold: float | None = None,
        discard_threshold: float | None = None,
        signals: Sequence[Signal] = DEFAULT_SIGNALS,
        detect_language: bool = True,
        ham_df: np.ndarray | None = None,
    ) -> None:
        self.classifier = classifier
        self.manifest = manifest
        # Per hashed word/meta token: the share of the training corpora's genuine comments that contain it (the mean
        # over corpora).  Not used by check(): the learning layers read it to tell everyday vocabulary from what is
        # specific to a site's reported spam (tamis.learning.core, "Everyday words").  None for older models.
        self.ham_df = ham_df
        cal = manifest.get("calibration", {})
        self.cal_a = float(cal.get("a", 1.0))
        self.cal_b = float(cal.get("b", 0.0))
        # the classifier's term is bounded (model/train.py, "How far may the classifier alone go?"); older models
        # have no bound
        self.cal_cap = float(cal["cap"]) if cal.get("cap") is not None else math.inf
        th = manifest.get("thresholds", {})
        self.spam_threshold = float(spam_threshold if spam_threshold is not None else th.get("spam", 0.5))
        self.discard_threshold = float(
            discard_threshold if discard_threshold is not None else th.get("discard", 0.999999))
        for name, v in (("spam_threshold", self.spam_threshold), ("discard_threshold", self.discard_threshold)):
            if not 0.0 < v < 1.0:
                raise ValueError(f"{name} must be strictly between 0 and 1, got {v}")
        if self.discard_threshold < self.spam_threshold:
            raise ValueError(f"discard_threshold ({self.discard_threshold}) must not be below spam_threshold "
                             f"({self.spam_threshold}): discard implies spam")
        # The manifest's log-odds are exact where probabilities near 1 are not (1 - 1e-8 rounds): prefer them.
        self._z_spam = float(th["spam_logit"]) if spam_threshold is None and "spam_logit" in th \
            else _logit(self.spam_threshold)
        self._z_discard = float(th["discard_logit"]) if discard_threshold is None and "discard_logit" in th \
            else _logit(self.discard_threshold)
        if self._z_discard < self._z_spam:
            self._z_discard = self._z_spam
        self.weights = Weights(manifest.get("weights", {}), DEFAULT_WEIGHTS)
        for name in {*DEFAULT_WEIGHTS, *manifest.get("weights", {})}:
            try:
                self.weights.weight(name)
            except (TypeError, ValueError, AttributeError) as e:  # config errors fail at load, not per check
                raise ModelFormatError(f"bad weight for {name} in the model manifest: {e}") from e
        self.signals = tuple(signals)
        self.model_version: str = str(manifest.get("model_version", "unversioned"))
        self._identify = _lang_identifier() if detect_language else None
        self._warm_up()

    def _warm_up(self) -> None:
        """Build the lazy tables (styled letters, confusables, disposable domains) now, not in the first check."""
        self.check(Comment.from_dict({
            "comment_content": "Неllо 𝐰𝐨𝐫𝐥𝐝 ♥♥h♥e♥l♥l♥o http://bit.ly/x", "comment_author_email": "a@example.com",
            "comment_author": "Buy Pills"}))  # no blog_lang: do not wait for the language model here

    @property
    def spam_logit(self) -> float:
        """The spam threshold in log-odds (what ``check`` compares the sum of hit weights with)."""
        return self._z_spam

    @property
    def discard_logit(self) -> float:
        return self._z_discard

    def ready(self, timeout: float | None = None) -> bool:
        """Wait until background loading (the language model) is done; True when it is.  A server may call it
        after Engine.load so that its first request does not wait (checks are correct either way)."""
        return self._identify is None or _LANG_READY.wait(timeout)

    # ------------------------------------------------------------------ loading and saving
    @classmethod
    def load(cls, model_dir: Path | None = None, *, spam_threshold: float | None = None,
             discard_threshold: float | None = None) -> Engine:
        """Load a model directory (the bundled default when None).  Raises ModelFormatError (a ValueError) for a
        missing, damaged or unknown-schema model."""
        model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
        manifest, arrays = load_model(model_dir)
        try:
            cfg = FeatureConfig.from_json(manifest["features"])
            coef = arrays["coef"].astype(np.float32)
            intercept = float(arrays["intercept"].reshape(-1)[0])
        except (KeyError, TypeError, IndexError) as e:
            raise ModelFormatError(f"model {model_dir} lacks {e}") from e
        if coef.shape != (1 << cfg.n_bits,):
            raise ModelFormatError(f"model {model_dir}: coef has shape {coef.shape}, expected {(1 << cfg.n_bits,)}")
        ham_df = arrays.get("ham_df")
        if ham_df is not None and ham_df.shape != coef.shape:
            raise ModelFormatError(f"model {model_dir}: ham_df has shape {ham_df.shape}, expected {coef.shape}")
        return cls(LinearClassifier(coef, intercept, cfg), manifest, spam_threshold=spam_threshold,
                   discard_threshold=discard_threshold,
                   ham_df=ham_df.astype(np.float32) if ham_df is not None else None)

    def save(self, model_dir: Path) -> None:
        manifest = {k: v for k, v in self.manifest.items() if k != "schema_version"}
        manifest["features"] = self.classifier.config.to_json()
        manifest["thresholds"] = {"spam": self.spam_threshold, "discard": self.discard_threshold,
                                  "spam_logit": self._z_spam, "discard_logit": self._z_discard}
        manifest["weights"] = self.weights.as_dict()
        arrays = {"coef": self.classifier.coef.astype(np.float16),
                  "intercept": np.array([self.classifier.intercept], dtype=np.float64)}
        if self.ham_df is not None:
            arrays["ham_df"] = self.ham_df.astype(np.float16)
        save_model(Path(model_dir), manifest, arrays)

    @staticmethod
    def version_of(coef: np.ndarray, manifest: dict[str, Any]) -> str:
        h = hashlib.sha256(coef.astype(np.float16).tobytes())
        h.update(repr(sorted(manifest.get("weights", {}).items())).encode())
        cap = manifest.get("calibration", {}).get("cap")
        if cap is not None:  # (models before the bound keep their version ids)
            h.update(repr(float(cap)).encode())
        return f"tamis-{manifest.get('name', 'default')}-{manifest.get('built', 'dev')}-{h.hexdigest()[:8]}"

    # ------------------------------------------------------------------ checking
    def analyze(self, comment: Comment) -> Analysis:
        return analyze(comment, self.classifier.config, self._identify)

    def classifier_hit(self, a: Analysis) -> Hit:
        f = a.features
        if f is None:
            from ..model.features import featurize

            f = featurize(a.text, a.meta_tokens, self.classifier.config)
        raw = self.classifier.logit(f)
        z = min(max(self.cal_a * raw + self.cal_b, -self.cal_cap), self.cal_cap)
        spam = z >= 0
        clues = self.classifier.clues(f, k=5, spam=spam)
        ev = ", ".join(t for t, _ in clues)
        return Hit("CLASSIFIER_SPAM" if spam else "CLASSIFIER_HAM", round(z, 4), ev)

    def check(self, comment: Comment, extra_hits: Sequence[Hit] = (), analysis: Analysis | None = None) -> Verdict:
        skipped: list[str] = []
        try:
            a = analysis if analysis is not None else self.analyze(comment)
        except Exception:  # noqa: BLE001 - never fail a check; fall back to the raw text
            skipped.append("SIGNAL_ERROR:normalize")
            a = analyze(Comment.from_dict({k: v for k, v in comment.fields.items() if k != "comment_content"}),
                        self.classifier.config, None)
        hits, sk = run_signals(a, self.signals, self.weights, evidence=extra_hits)
        skipped.extend(sk)
        if "language_error" in a.extra:
            skipped.append("SIGNAL_ERROR:language_detection")
        try:
            hits.append(self.classifier_hit(a))
        except Exception:  # noqa: BLE001
            skipped.append("SIGNAL_ERROR:classifier")
        hits.extend(extra_hits)
        hits = corroborate(hits)
        z = math.fsum(h.weight for h in hits if math.isfinite(h.weight))
        spam = z >= self._z_spam
        discard = z >= self._z_discard
        names = {h.name for h in hits}
        score = _sigmoid(z)
        if TEST_ADMINISTRATOR in names:
            spam = discard = False
            score = min(score, 0.0)
        elif TEST_GUARANTEED_SPAM in names:
            spam, discard = True, False
            z_clear = (self._z_spam + self._z_discard) / 2
            score = _sigmoid(z if z_clear <= z < self._z_discard else z_clear)
            if score >= self.discard_threshold:  # spam and discard thresholds (nearly) equal: no room between
                score = self.spam_threshold
        ordered = tuple(sorted(hits, key=lambda h: -abs(h.weight)))
        return Verdict(spam=spam, discard=discard, score=score, hits=ordered, model_version=self.model_version,
                       skipped=tuple(skipped))
