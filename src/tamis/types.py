"""Shared value objects: the vocabulary every layer speaks.

request -> Comment -> Hits -> Verdict(+reasons) -> store -> feedback

A ``Comment`` keeps every field the client sent (WordPress sends ``POST_*`` and ``HTTP_*`` fields, and signals may
use any of them); the named properties are conveniences over the Akismet field names.  A ``Hit`` is one named piece
of evidence with its weight in log-odds; a ``Verdict`` is the engine's answer with all its hits.  Hit names are a
public, stable API: they appear in the reasons, in headers, in the store and in dashboards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

TRUE_WORDS = frozenset({"1", "true", "yes", "on", "y", "t"})


def truthy(value: str | None) -> bool:
    """Lenient truthiness for Akismet flags: ``1``, ``true``, ``True``, ``yes``, ``on`` are true; ``0``, ``False``,
    ``''`` and anything else are false (python-akismet always sends ``is_test=False``)."""
    return value is not None and value.strip().lower() in TRUE_WORDS


@dataclass(frozen=True, slots=True)
class Comment:
    """One submission as the client sent it.

    ``fields`` maps each parameter name to its value; a parameter sent several times (``comment_context[]``) keeps
    its last value in ``fields`` and all values in ``multi``.  Values are already decoded to ``str``.
    """

    fields: Mapping[str, str]
    multi: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Comment:
        """Build from a JSON-like dict (corpora, CLI); lists become multi-valued fields."""
        fields: dict[str, str] = {}
        multi: dict[str, tuple[str, ...]] = {}
        for k, v in data.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple)):
                vals = tuple(str(x) for x in v)
                multi[k] = vals
                if vals:
                    fields[k] = vals[-1]
            else:
                fields[k] = v if isinstance(v, str) else str(v)
        return cls(MappingProxyType(fields), MappingProxyType(multi))

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def content(self) -> str:
        return self.fields.get("comment_content", "")

    @property
    def author(self) -> str:
        return self.fields.get("comment_author", "")

    @property
    def author_email(self) -> str:
        return self.fields.get("comment_author_email", "")

    @property
    def author_url(self) -> str:
        return self.fields.get("comment_author_url", "")

    @property
    def user_ip(self) -> str:
        return self.fields.get("user_ip", "")

    @property
    def user_agent(self) -> str:
        return self.fields.get("user_agent", "")

    @property
    def referrer(self) -> str:
        return self.fields.get("referrer", "")

    @property
    def blog(self) -> str:
        return self.fields.get("blog", "")

    @property
    def permalink(self) -> str:
        return self.fields.get("permalink", "")

    @property
    def comment_type(self) -> str:
        return self.fields.get("comment_type", "")

    @property
    def blog_lang(self) -> str:
        return self.fields.get("blog_lang", "")

    @property
    def user_role(self) -> str:
        return self.fields.get("user_role", "")

    @property
    def is_test(self) -> bool:
        return truthy(self.fields.get("is_test"))


@dataclass(frozen=True, slots=True)
class Hit:
    """One named piece of evidence.

    ``name`` is stable and upper-case (``CLASSIFIER_SPAM``, ``DISGUISE_INTERLEAVED``, ``LINK_SHORTENER``).
    ``weight`` is the contribution in log-odds (positive = towards spam).  ``evidence`` is a short human-readable
    string (the matched token, domain, count).
    """

    name: str
    weight: float
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The engine's answer for one comment.

    ``score`` is the calibrated spam probability in [0, 1].  ``spam`` and ``discard`` are the decisions at the
    configured thresholds (``discard`` implies ``spam``).  ``hits`` are every signal that fired, strongest first.
    ``skipped`` names signals that failed or lacked data.
    """

    spam: bool
    discard: bool
    score: float
    hits: tuple[Hit, ...]
    model_version: str
    skipped: tuple[str, ...] = ()

    def reasons(self, limit: int = 8) -> list[str]:
        """The hits as ``NAME(+1.23)`` strings, strongest first."""
        ordered = sorted(self.hits, key=lambda h: -abs(h.weight))[:limit]
        return [f"{h.name}({h.weight:+.2f})" for h in ordered]
