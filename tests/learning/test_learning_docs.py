"""The learning path's hit names and commands are public: each is documented in docs/learning.md, and each command
has help text (datasette's and sqlite-utils' docs-tested-against-code habit)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tamis.learning import HIT_NAMES
from tamis.learning.core import OWN_HITS

DOC = Path(__file__).resolve().parents[2] / "docs" / "learning.md"


def test_every_learning_hit_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert set(HIT_NAMES) == set(OWN_HITS)  # the observer leaves exactly these out of verdict-learned reputation
    missing = [n for n in HIT_NAMES if f"`{n}`" not in text]
    assert not missing, f"undocumented hit names: {missing}"


def test_train_and_models_commands_are_documented_with_help() -> None:
    from tamis.cli import main

    text = DOC.read_text(encoding="utf-8")
    runner = CliRunner()
    for args in (["train"], ["models"], ["models", "list"], ["models", "activate"], ["models", "rollback"]):
        result = runner.invoke(main, [*args, "--help"], obj={})
        assert result.exit_code == 0 and "Example" in result.output or args == ["models"], (args, result.output)
        assert "tamis " + " ".join(args) in text, f"`tamis {' '.join(args)}` is not in docs/learning.md"
