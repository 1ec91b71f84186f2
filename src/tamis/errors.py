"""One exception hierarchy.  Errors that reach a client carry their HTTP status as a class attribute."""

from __future__ import annotations


class TamisError(Exception):
    """Base of every error Tamis raises on purpose."""

    status = 500


class ConfigError(TamisError):
    """A setting or config file is wrong; raised at start-up with a sentence a person can act on."""

    status = 500


class BadRequest(TamisError):
    """The request is malformed (our own JSON API)."""

    status = 400


class NotFound(TamisError):
    status = 404


class InvalidAkismetRequest(TamisError):
    """An Akismet endpoint must answer ``invalid`` (HTTP 200) with this message as ``X-akismet-debug-help``."""

    status = 200

    def __init__(self, help_text: str) -> None:
        super().__init__(help_text)
        self.help_text = help_text
