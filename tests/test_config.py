"""Settings: defaults < TOML file < TAMIS_* environment < command line, with readable errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tamis.config import SETTINGS, load_settings
from tamis.errors import ConfigError


def test_defaults() -> None:
    s = load_settings(environ={})
    assert s.port == 8080 and s.usage_limit is None and s.source("port") == "default"
    assert s.effective_database_url.startswith("sqlite:///") and s.effective_database_url.endswith("tamis.db")


def test_layering(tmp_path: Path) -> None:
    cfg = tmp_path / "tamis.toml"
    cfg.write_text('[tamis]\nport = 9000\nusage_limit = 5000\nlog_level = "debug"\n')
    s = load_settings(cfg, environ={"TAMIS_PORT": "9100"}, log_level="warning")
    assert s.port == 9100 and s.source("port") == "TAMIS_PORT"
    assert s.usage_limit == 5000 and s.source("usage_limit") == str(cfg)
    assert s.log_level == "warning" and s.source("log_level") == "command line"


def test_config_file_from_environment(tmp_path: Path) -> None:
    cfg = tmp_path / "t.toml"
    cfg.write_text('database_url = "postgresql://postgres@127.0.0.1/test"\n')
    assert load_settings(environ={"TAMIS_CONFIG": str(cfg)}).database_url.startswith("postgresql://")


@pytest.mark.parametrize(("env", "message"), [
    ({"TAMIS_PORT": "eighty"}, "TAMIS_PORT: bad value 'eighty' for port"),
    ({"TAMIS_USAGE_LIMIT": "-3"}, "usage_limit"),
    ({"TAMIS_THROTTLE_OVER_LIMIT": "maybe"}, "expected true or false"),
    ({"TAMIS_CONFIG": "/nonexistent/tamis.toml"}, "does not exist"),
])
def test_bad_values_fail_with_a_sentence(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=env)


def test_unknown_setting_in_file(tmp_path: Path) -> None:
    cfg = tmp_path / "t.toml"
    cfg.write_text("prot = 1\n")
    with pytest.raises(ConfigError, match="unknown setting 'prot'"):
        load_settings(cfg, environ={})


def test_every_setting_is_documented() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"`TAMIS_{s.name.upper()}`" in readme, f"README.md does not document {s.name}"
