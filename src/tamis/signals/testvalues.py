"""Akismet's documented test values (akismet-api.md §1.4).  They decide the verdict whatever else fires: the
engine forces spam=True/discard=False for TEST_GUARANTEED_SPAM and spam=False for TEST_ADMINISTRATOR."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..types import Hit
from .base import Weights

if TYPE_CHECKING:
    from ..engine.analysis import Analysis

SPAM_AUTHORS = frozenset({"akismet-guaranteed-spam", "viagra-test-123"})
SPAM_EMAILS = frozenset({"akismet-guaranteed-spam@example.com"})
TEST_GUARANTEED_SPAM = "TEST_GUARANTEED_SPAM"
TEST_ADMINISTRATOR = "TEST_ADMINISTRATOR"


def test_values(a: Analysis, w: Weights) -> list[Hit | None]:
    c = a.comment
    out: list[Hit | None] = []
    author = c.author.strip().lower()
    email = c.author_email.strip().lower()
    if author in SPAM_AUTHORS:
        out.append(Hit(TEST_GUARANTEED_SPAM, w.weight(TEST_GUARANTEED_SPAM), f"comment_author={author}"))
    elif email in SPAM_EMAILS:
        out.append(Hit(TEST_GUARANTEED_SPAM, w.weight(TEST_GUARANTEED_SPAM), f"comment_author_email={email}"))
    roles = {r.strip().lower() for r in c.user_role.split(",")}
    if "administrator" in roles:
        out.append(Hit(TEST_ADMINISTRATOR, w.weight(TEST_ADMINISTRATOR), "user_role=administrator"))
    return out
