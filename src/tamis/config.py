"""Settings: one table of (name, default, help), read once as defaults < TOML file < ``TAMIS_*`` environment.

Nothing reads configuration at import time (the SpamBayes ``Options`` trap, STYLE.md): ``load_settings`` is called
by the CLI or the app factory and the resulting ``Settings`` is passed to whatever needs it.  The same table drives
``tamis config`` and docs/configuration.md (a test keeps them in step).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tamis.errors import ConfigError


def _parse_bool(raw: str) -> bool:
    low = raw.strip().lower()
    if low in {"1", "true", "yes", "on"}:
        return True
    if low in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected true or false, got {raw!r}")


def _parse_limit(raw: str) -> int | None:
    low = raw.strip().lower()
    if low in {"none", "", "unlimited"}:
        return None
    value = int(low)
    if value < 0:
        raise ValueError("must be 0 or more, or 'none'")
    return value


def _parse_opt_float(raw: str) -> float | None:
    return None if raw.strip().lower() in {"", "none", "model"} else float(raw)


def _parse_opt_str(raw: str) -> str | None:
    return raw or None


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any]


def _default_db_url() -> str:
    return f"sqlite:///{Path('tamis.db').resolve()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", None, "SQLAlchemy URL of the database: sqlite:///path/tamis.db (default: tamis.db in the "
            "working directory) or postgresql+psycopg://user@host:5432/dbname for several workers.", _parse_opt_str),
    Setting("host", "127.0.0.1", "Address `tamis serve` listens on.", str),
    Setting("port", 8080, "Port `tamis serve` listens on.", int),
    Setting("workers", 1, "Worker processes for `tamis serve` (use PostgreSQL for more than one on busy sites).", int),
    Setting("threads", 4, "Threads per worker that run checks (engine and database work).", int),
    Setting("public_url", None, "The URL clients reach this server at, shown by `tamis serve` and `tamis wordpress` "
            "(default: http://HOST:PORT).", _parse_opt_str),
    Setting("default_key", None, "Single-site mode: the key used when a request carries none (some client "
            "redirections lose it). Must be an existing key.", _parse_opt_str),
    Setting("usage_limit", None, "Monthly API-call limit per key reported by /1.2/usage-limit; 'none' for "
            "unlimited.", _parse_limit),
    Setting("throttle_over_limit", False, "When true, a key over its usage limit gets X-akismet-error and no verdict "
            "(Akismet's behaviour after three months over); when false the limit is only reported.", _parse_bool),
    Setting("spam_threshold", None, "Spam probability at or above which a comment is spam (default: the bundled "
            "model's benchmarked threshold).", _parse_opt_float),
    Setting("discard_threshold", None, "Spam probability at or above which X-akismet-pro-tip: discard is sent "
            "(default: the bundled model's benchmarked threshold).", _parse_opt_float),
    Setting("model_dir", None, "Directory of a model built by `tamis train` (default: the model bundled in the "
            "package).", _parse_opt_str),
    Setting("learning", True, "Learn from moderators' reports and from history: per-site and instance layers, "
            "campaigns, reputation (docs/learning.md). Off gives the shipped model's verdicts alone.", _parse_bool),
    Setting("max_body_bytes", 1_048_576, "Largest request body accepted on the Akismet endpoints; larger bodies get "
            "`invalid` with a debug-help header.", int),
    Setting("max_fields", 1000, "Most form fields accepted in one request.", int),
    Setting("retention_days", 30, "Days raw personal fields (IP, e-mail, name, user agent, content) are kept "
            "before `tamis purge` reduces them to hashes.", int),
    Setting("log_level", "info", "Log level: debug, info, warning, error.", str),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """The effective settings, with where each value came from."""

    def __init__(self, values: Mapping[str, Any], sources: Mapping[str, str]) -> None:
        self._values = dict(values)
        self._sources = dict(sources)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def source(self, name: str) -> str:
        return self._sources[name]

    def items(self) -> list[tuple[str, Any, str]]:
        return [(s.name, self._values[s.name], self._sources[s.name]) for s in SETTINGS]

    def replace(self, **changes: Any) -> Settings:
        for k in changes:
            if k not in _BY_NAME:
                raise ConfigError(f"unknown setting {k!r}")
        values = {**self._values, **changes}
        sources = {**self._sources, **{k: "override" for k in changes}}
        return Settings(values, sources)

    @property
    def effective_database_url(self) -> str:
        return self.database_url or _default_db_url()


def load_settings(config_file: str | Path | None = None, environ: Mapping[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Defaults, then the TOML file (``config_file`` or ``$TAMIS_CONFIG``), then ``TAMIS_<NAME>`` variables, then
    explicit overrides (command-line flags).  Bad values fail here with a sentence naming the setting."""
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    sources = {s.name: "default" for s in SETTINGS}
    path = config_file or env.get("TAMIS_CONFIG")
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {p} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {p} is not valid TOML: {exc}") from None
        table = data.get("tamis", data)
        for key, raw in table.items():
            if key not in _BY_NAME:
                raise ConfigError(f"config file {p}: unknown setting {key!r}")
            values[key] = _coerce(_BY_NAME[key], raw, f"config file {p}")
            sources[key] = str(p)
    for s in SETTINGS:
        var = "TAMIS_" + s.name.upper()
        if var in env:
            values[s.name] = _coerce(s, env[var], f"environment variable {var}")
            sources[s.name] = var
    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in _BY_NAME:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(_BY_NAME[key], raw, "command line")
        sources[key] = "command line"
    return Settings(values, sources)


def _coerce(setting: Setting, raw: Any, where: str) -> Any:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raw = str(raw).lower() if isinstance(raw, bool) else str(raw)
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{where}: bad value {raw!r} for {setting.name}: {exc}") from None
