"""The command line, run as an operator runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tamis_testing import seed_rows


def tamis(tmp_path: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAMIS_")}
    env["TAMIS_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    return subprocess.run([sys.executable, "-m", "tamis", *args], env=env, capture_output=True, text=True,
                          input=input, timeout=120)


def test_keys_lifecycle(tmp_path: Path) -> None:
    out = tamis(tmp_path, "keys", "create", "--site", "https://a.example", "--label", "A")
    assert out.returncode == 0
    key = out.stdout.splitlines()[0]
    assert len(key) == 12
    listed = json.loads(tamis(tmp_path, "keys", "list", "--json").stdout)
    assert listed[0]["key"] == key and listed[0]["sites"][0]["url"] == "https://a.example"
    assert tamis(tmp_path, "keys", "add-site", key, "https://b.example").returncode == 0
    assert tamis(tmp_path, "keys", "revoke", key).returncode == 0
    again = tamis(tmp_path, "keys", "revoke", key)
    assert again.returncode != 0 and "no active key" in again.stderr


def test_check_one_comment_explains(tmp_path: Path) -> None:
    out = tamis(tmp_path, "check", "--author", "akismet-guaranteed-spam", "--content", "hello")
    assert out.returncode == 0 and out.stdout.startswith("SPAM")
    assert "TEST_GUARANTEED_SPAM" in out.stdout


def test_check_file_with_labels(tmp_path: Path) -> None:
    rows = seed_rows()
    lines = "\n".join(json.dumps(r) for r in rows) + "\nnot json\n"
    out = tamis(tmp_path, "check", "--file", "-", input=lines)
    assert out.returncode == 0
    docs = [json.loads(line) for line in out.stdout.splitlines()]
    verdicts = {d["id"]: d["verdict"] for d in docs if "id" in d}
    assert verdicts == {"seed:1": "ham", "seed:2": "ham", "seed:3": "spam"}
    assert any("error" in d for d in docs)
    assert "spam recall 1.0000" in out.stderr


def test_config_shows_sources(tmp_path: Path) -> None:
    out = tamis(tmp_path, "config", "--json")
    doc = json.loads(out.stdout)
    assert doc["database_url"]["source"] == "TAMIS_DATABASE_URL" and doc["port"]["source"] == "default"
    bad = subprocess.run([sys.executable, "-m", "tamis", "config"], env={**os.environ, "TAMIS_PORT": "x"},
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "TAMIS_PORT" in bad.stderr and "Traceback" not in bad.stderr


def test_migrate_reports_revision(tmp_path: Path) -> None:
    out = tamis(tmp_path, "migrate")
    assert out.returncode == 0 and "schema revision" in out.stdout


def test_unreachable_database_is_a_sentence(tmp_path: Path) -> None:
    env = {**os.environ, "TAMIS_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}
    out = subprocess.run([sys.executable, "-m", "tamis", "keys", "list"], env=env, capture_output=True, text=True)
    assert out.returncode != 0 and "cannot open the database" in out.stderr and "Traceback" not in out.stderr


def test_every_command_has_help_and_is_in_the_readme() -> None:
    import click

    from tamis.cli import main

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name, cmd in main.commands.items():
        assert cmd.help and cmd.help.strip(), f"tamis {name} has no help text"
        assert f"tamis {name}" in readme, f"README.md does not mention `tamis {name}`"
        if isinstance(cmd, click.Group):
            for sub in cmd.commands.values():
                assert sub.help and sub.help.strip(), f"tamis {name} {sub.name} has no help text"
