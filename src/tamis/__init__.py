"""Tamis: a self-hosted spam filter that speaks Akismet's REST API."""

__version__ = "0.1.0"
