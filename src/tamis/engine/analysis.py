"""The Analysis: every normalised view of one comment, computed once and shared by all signals, the classifier
and (outside the engine) near-duplicate fingerprints and per-site learned layers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model.features import Features, FeatureConfig, featurize
from ..normalize import Link, NormalizedText, fold, make_link, normalize_text
from ..types import Comment

_EMAIL_DOMAIN = re.compile(r"@([^@\s>]+)\s*>?\s*$")


@dataclass(frozen=True, slots=True)
class Analysis:
    """Normalised views of one comment.

    ``text``: body without markup and disguise, links cut out.  ``links``: body links, then the author URL
    (source ``author_url``) and links typed into the author name (source ``author_name``).
    ``disguises``: kind -> count over the body.  ``author``: the folded author name.  ``email_domain``: the
    lower-cased domain of comment_author_email.  ``language``/``language_confidence``: py3langid's guess on
    the body (None when the text is too short to say).  ``meta_tokens``: namespaced tokens (url:, author:,
    email:, disguise:) fed to the classifier with ``text``.  ``features``: the hashed vector, when a model
    computed it.
    """

    comment: Comment
    body: NormalizedText
    text: str
    links: tuple[Link, ...]
    disguises: dict[str, int]
    author: str
    author_disguises: dict[str, int]
    email_domain: str
    language: str | None
    language_confidence: float
    meta_tokens: tuple[str, ...]
    features: Features | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def body_links(self) -> tuple[Link, ...]:
        return tuple(lk for lk in self.links if lk.source not in ("author_url", "author_name"))

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def meta_tokens_for(body: NormalizedText, links: tuple[Link, ...], author: str, email_domain: str) -> list[str]:
    """Namespaced tokens, SpamBayes style.  Kept deliberately few: url hosts and domains, link kinds, author
    words, e-mail domain."""
    toks: list[str] = []
    for lk in links:
        ns = "aurl" if lk.source == "author_url" else "url"
        if lk.host:
            toks.append(f"{ns}:{lk.host}")
            toks.append(f"{ns}dom:{lk.domain}")
            tld = lk.host.rsplit(".", 1)[-1]
            toks.append(f"{ns}tld:{tld}")
        for part in re.findall(r"[a-z]{3,}", lk.url.lower().split("//", 1)[-1])[:12]:
            toks.append(f"{ns}w:{part}")
    # Link counts, link kinds and disguises are left to the signals (signals/links.py, signals/disguise.py),
    # whose weights are fitted on top of the classifier: giving them to both would count the evidence twice.
    if author:
        for w in re.findall(r"\w+", author.lower())[:8]:
            toks.append(f"author:{w}")
    if email_domain:
        toks.append(f"email:{email_domain}")
    return toks


def analyze(comment: Comment, feature_config: FeatureConfig | None, lang_identify: Any = None) -> Analysis:
    body = normalize_text(comment.content)
    links = list(body.links)
    if comment.author_url.strip():
        links.append(make_link(comment.author_url, "author_url"))
    author_raw = comment.author
    author_f = fold(author_raw) if author_raw else None
    author = author_f.text if author_f else ""
    if author:
        from ..normalize.urls import extract_text_links

        _, alinks, _ = extract_text_links(author)
        links.extend(make_link(lk.url, "author_name") for lk in alinks)
    m = _EMAIL_DOMAIN.search(comment.author_email.strip())
    email_domain = m.group(1).lower().strip(".") if m else ""
    lang, conf = None, 0.0
    if lang_identify is not None:
        # 300 characters are plenty for py3langid and keep a check fast (its cost grows with the text)
        sample = body.text[:300]
        if sum(c.isalpha() for c in sample) >= 12:
            lang, conf = lang_identify(sample)
    links_t = tuple(links)
    meta = meta_tokens_for(body, links_t, author, email_domain)
    feats = featurize(body.text, meta, feature_config) if feature_config is not None else None
    return Analysis(
        comment=comment, body=body, text=body.text, links=links_t, disguises=dict(body.disguises),
        author=author, author_disguises=dict(author_f.counts) if author_f else {}, email_domain=email_domain,
        language=lang, language_confidence=conf, meta_tokens=tuple(meta), features=feats,
    )
