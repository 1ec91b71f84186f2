"""`tamis train`: rebuild the model from labelled corpora plus the moderators' recorded feedback, as a new version.

Without --out, the model goes to MODELS_DIR/<version> and is registered in the database (`model_versions`), so
`tamis models activate` (or --activate here) switches every running worker to it within a second or two, without a
restart, and `tamis models rollback` switches back.  See docs/learning.md.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import click

from tamis.cli.check import _read_jsonl


def feedback_rows(store: Any) -> list[dict[str, Any]]:
    """One labelled row per reported comment: the class the moderators last gave it (the learning ledger), with
    the fields of the check it was tied to (or of the report itself).  is_test reports are never in the ledger."""
    import sqlalchemy as sa

    from tamis.learning.schema import learn_ledger
    from tamis.store.schema import checks, feedback

    rows: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        ledger = conn.execute(sa.select(learn_ledger.c.site_id, learn_ledger.c.item, learn_ledger.c.label,
                                        learn_ledger.c.check_id).where(learn_ledger.c.label.in_(["spam", "ham"]))
                              ).all()
        for led in ledger:
            doc = None
            if led.check_id is not None:
                doc = conn.execute(sa.select(checks.c.fields).where(checks.c.id == led.check_id)).scalar()
            if doc is None:
                match = led.item.split(":", 1)[-1]
                doc = conn.execute(sa.select(feedback.c.fields).where(feedback.c.site_id == led.site_id,
                                                                      feedback.c.match_hash == match)
                                   .order_by(feedback.c.id.desc()).limit(1)).scalar()
            if not doc:
                continue
            fields = {k: v for k, v in (doc.get("fields") or {}).items()
                      if k not in ("label", "source", "group", "id", "api_key", "key")}
            if not fields.get("comment_content"):
                continue  # purged to hashes: nothing left to learn from
            rows.append({**fields, "label": led.label, "source": "feedback"})
    return rows


@click.command()
@click.option("--data", "data_dir", type=click.Path(exists=True, file_okay=False), default="../shared/data",
              show_default=True, help="Directory of labelled JSONL corpora.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Write the model here and register nothing (then set model_dir to use it).")
@click.option("--models-dir", type=click.Path(file_okay=False), default="models", show_default=True,
              help="Where registered model versions are kept (one directory per version).")
@click.option("--exclude", multiple=True, help="Corpus file stem to leave out (repeatable).")
@click.option("--feedback/--no-feedback", default=True, show_default=True,
              help="Add the moderators' recorded reports (from the database) to the corpora.")
@click.option("--activate", is_flag=True, help="Make the new version active: running workers switch to it.")
@click.pass_context
def train(ctx: click.Context, data_dir: str, out_dir: str | None, models_dir: str, exclude: tuple[str, ...],
          feedback: bool, activate: bool) -> None:
    """Train a model from labelled corpora plus recorded feedback, with progress; save it as a new version.

    Example: tamis train --data ../shared/data --activate
    """
    from tamis.cli import _settings, _store
    from tamis.engine import train as train_engine

    rows: list[dict[str, Any]] = []
    for path in sorted(Path(data_dir).glob("*.jsonl")):
        if path.stem in exclude:
            continue
        n0 = len(rows)
        for _n, row, error in _read_jsonl(str(path)):
            if row is not None and row.get("label") in ("spam", "ham"):
                rows.append(row)
            elif error:
                click.echo(f"{path.name}: {error}", err=True)
        click.echo(f"{path.name}: {len(rows) - n0} rows", err=True)
    store = None
    if feedback or out_dir is None:
        store = _store(_settings(ctx))
    if feedback and store is not None:
        fb = feedback_rows(store)
        click.echo(f"feedback: {len(fb)} reported comments "
                   f"({sum(r['label'] == 'spam' for r in fb)} spam, {sum(r['label'] == 'ham' for r in fb)} ham)",
                   err=True)
        rows.extend(fb)
    if not rows:
        raise click.ClickException(f"no labelled rows in {data_dir}/*.jsonl")
    click.echo(f"training on {len(rows)} rows", err=True)
    engine = train_engine(rows, progress=True)
    if out_dir is not None:
        engine.save(Path(out_dir))
        click.echo(f"saved model {engine.model_version} to {out_dir}")
        return
    from tamis.learning import models

    if store is None:  # pragma: no cover - opened above whenever out_dir is None
        raise click.ClickException("no database")
    root = Path(models_dir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    target = root / engine.model_version
    if target.exists():
        raise click.ClickException(f"{target} exists: this exact model is already built")
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    engine.save(staging)
    staging.rename(target)  # a worker never sees a half-written model directory
    info = {"rows": len(rows), "data": str(Path(data_dir).resolve()), "exclude": list(exclude),
            "feedback": sum(1 for r in rows if r.get("source") == "feedback")}
    try:
        mv = models.register(store, engine.model_version, target, info, activate=activate)
    except ValueError as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise click.ClickException(str(exc)) from None
    click.echo(f"saved model {mv.version} to {target}" + (" (active)" if mv.active else
                                                           f"; activate with: tamis models activate {mv.version}"))
