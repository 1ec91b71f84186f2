"""Disposable e-mail providers, from the maintained community list (PyPI ``disposable-email-domains``, the
disposable-email-domains project's blocklist, updated with every release).  Without the package the check is off
and says so once in the log."""

from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger("tamis.learning")


@lru_cache(maxsize=1)
def _blocklist() -> frozenset[str]:
    try:
        from disposable_email_domains import blocklist
    except ImportError:
        log.warning("disposable-email-domains is not installed: EMAIL_DISPOSABLE is off")
        return frozenset()
    return frozenset(blocklist)


def is_disposable(domain: str) -> bool:
    """True when ``domain`` or one of its parent domains is on the list."""
    bl = _blocklist()
    parts = domain.lower().strip(".").split(".")
    return any(".".join(parts[i:]) in bl for i in range(len(parts) - 1))
