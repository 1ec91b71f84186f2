"""`tamis train`: rebuild the model from labelled corpora."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tamis.cli.check import _read_jsonl


@click.command()
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False), default="../shared/data",
              show_default=True, help="Directory of labelled JSONL corpora.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Directory to write the new model to (then set model_dir to use it).")
@click.option("--exclude", multiple=True, help="Corpus file stem to leave out (repeatable).")
@click.pass_context
def train(ctx: click.Context, data_dir: str, out_dir: str, exclude: tuple[str, ...]) -> None:
    """Train a model from labelled corpora, with progress, and save it to --out.

    Example: tamis train --data ../shared/data --out models/2026-11
    """
    from tamis.engine import train as train_engine

    rows: list[dict[str, Any]] = []
    for path in sorted(Path(data_dir).glob("*.jsonl")):
        if path.stem in exclude:
            continue
        for _n, row, error in _read_jsonl(str(path)):
            if row is not None and row.get("label") in ("spam", "ham"):
                rows.append(row)
            elif error:
                click.echo(f"{path.name}: {error}", err=True)
    if not rows:
        raise click.ClickException(f"no labelled rows in {data_dir}/*.jsonl")
    click.echo(f"training on {len(rows)} rows from {data_dir}", err=True)
    engine = train_engine(rows, progress=True)
    engine.save(Path(out_dir))
    click.echo(f"saved model {engine.model_version} to {out_dir}")
