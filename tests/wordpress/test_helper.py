"""`tamis wordpress` and tamis.wordpress: the lines a site owner pastes and the plugin file they copy."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tamis.cli import main
from tamis.errors import ConfigError
from tamis.wordpress import PLUGIN_FILE, Setup, check_key, check_url, config_lines, install_plugin, plugin_source


def test_config_lines_are_php_wp_config_accepts() -> None:
    assert config_lines("https://spam.example.org/tamis/", "5e88e7277bfa") == (
        "define( 'TAMIS_URL', 'https://spam.example.org/tamis' );\n"
        "define( 'WPCOM_API_KEY', '5e88e7277bfa' );\n")


@pytest.mark.parametrize("url", ["127.0.0.1:8080", "ftp://x.example", "http://", "http://x.example/?a=1",
                                 "http://x.example/#top"])
def test_urls_wordpress_cannot_use_are_refused(url: str) -> None:
    with pytest.raises(ConfigError):
        check_url(url)


@pytest.mark.parametrize("key", ["abc", "5e88e7277bfa0", "5e88e7277bfz", "5e88e7277bf "])
def test_keys_the_akismet_plugin_would_refuse_are_refused(key: str) -> None:
    # 12 characters (the plugin checks the length itself), hex (its settings screen strips anything else).
    with pytest.raises(ConfigError):
        check_key(key)


def test_the_plugin_ships_in_the_package() -> None:
    src = plugin_source()
    assert src.name == PLUGIN_FILE and src.is_file()
    text = src.read_text(encoding="utf-8")
    assert "Plugin Name:" in text and "add_filter( 'pre_http_request'" in text
    if shutil.which("php"):
        lint = subprocess.run(["php", "-l", str(src)], capture_output=True, text=True, timeout=60)
        assert lint.returncode == 0, lint.stdout + lint.stderr


def test_instructions_name_the_file_the_folder_and_the_lines(tmp_path: Path) -> None:
    text = Setup("http://10.0.0.5:8080", "5e88e7277bfa", tmp_path / "blog").instructions()
    assert f"cp {plugin_source()} {tmp_path}/blog/wp-content/mu-plugins/" in text
    assert f"{tmp_path}/blog/wp-config.php" in text
    assert "   define( 'TAMIS_URL', 'http://10.0.0.5:8080' );" in text
    assert "   define( 'WPCOM_API_KEY', '5e88e7277bfa' );" in text


def test_install_copies_the_plugin(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        install_plugin(tmp_path)  # no wp-content: not a WordPress folder
    (tmp_path / "wp-content").mkdir()
    target = install_plugin(tmp_path)
    assert target == tmp_path / "wp-content/mu-plugins" / PLUGIN_FILE
    assert target.read_bytes() == plugin_source().read_bytes()


def test_cli_with_a_given_key_prints_the_lines_only() -> None:
    # With --key the database is not touched (this one could not even be created).
    result = CliRunner().invoke(main, ["wordpress", "--key", "5e88e7277bfa", "--url", "http://127.0.0.1:8080/",
                                       "--lines-only"], obj={},
                                env={"TAMIS_DATABASE_URL": "sqlite:////nonexistent/dir/x.db"})
    assert result.exit_code == 0, result.output
    assert result.stdout == ("define( 'TAMIS_URL', 'http://127.0.0.1:8080' );\n"
                             "define( 'WPCOM_API_KEY', '5e88e7277bfa' );\n")


def test_cli_creates_a_key_for_the_site(tmp_path: Path) -> None:
    env = {"TAMIS_DATABASE_URL": f"sqlite:///{tmp_path / 'tamis.db'}", "TAMIS_PUBLIC_URL": "https://tamis.example"}
    runner = CliRunner()
    result = runner.invoke(main, ["wordpress", "--site", "https://blog.example.com/", "--wordpress-dir",
                                  str(tmp_path / "wp"), "--install"], obj={}, env=env)
    assert result.exit_code != 0 and "wp-content" in result.output  # not a WordPress folder yet
    assert runner.invoke(main, ["keys", "list", "--json"], obj={}, env=env).stdout.strip() == "[]"  # no stray key
    (tmp_path / "wp/wp-content").mkdir(parents=True)
    result = runner.invoke(main, ["wordpress", "--site", "https://blog.example.com/", "--wordpress-dir",
                                  str(tmp_path / "wp"), "--install"], obj={}, env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "wp/wp-content/mu-plugins" / PLUGIN_FILE).is_file()
    assert "define( 'TAMIS_URL', 'https://tamis.example' );" in result.stdout
    key = re.search(r"define\( 'WPCOM_API_KEY', '([0-9a-f]{12})' \);", result.stdout)
    assert key, result.stdout
    listed = runner.invoke(main, ["keys", "list", "--json"], obj={}, env=env)
    assert listed.exit_code == 0, listed.output
    assert key.group(1) in listed.stdout and "https://blog.example.com" in listed.stdout


def test_cli_refuses_a_key_wordpress_would_refuse() -> None:
    result = CliRunner().invoke(main, ["wordpress", "--key", "not-a-key", "--url", "http://127.0.0.1:8080"],
                                obj={})
    assert result.exit_code != 0
    assert "12" in result.output
