"""`tamis models`: list the registered model versions, activate one, roll back.  Running workers follow the active
version within a couple of seconds, without a restart (tamis.learning.models.ModelSwitcher)."""

from __future__ import annotations

import json

import click


@click.group()
def models() -> None:
    """List, activate and roll back model versions built by `tamis train`."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def models_list(ctx: click.Context, as_json: bool) -> None:
    """List model versions, oldest first; the active one is starred.

    Example: tamis models list
    """
    from tamis.cli import _settings, _store
    from tamis.learning.models import list_versions

    versions = list_versions(_store(_settings(ctx)))
    if as_json:
        click.echo(json.dumps([{"version": v.version, "path": v.path, "active": v.active,
                                "created_at": v.created_at.isoformat(),
                                "activated_at": v.activated_at.isoformat() if v.activated_at else None,
                                "info": v.info} for v in versions], indent=2))
        return
    if not versions:
        click.echo("No registered model versions (the bundled or configured model is in use): tamis train")
    for v in versions:
        click.echo(f"{'*' if v.active else ' '} {v.version}  {v.created_at:%Y-%m-%d %H:%M}  "
                   f"{v.info.get('rows', '?')} rows ({v.info.get('feedback', 0)} from feedback)  {v.path}")


@models.command("activate")
@click.argument("version")
@click.pass_context
def models_activate(ctx: click.Context, version: str) -> None:
    """Make VERSION the active model; every running worker switches to it without a restart.

    Example: tamis models activate tamis-default-20261125-66a640a9
    """
    from tamis.cli import _settings, _store
    from tamis.learning.models import set_active

    try:
        mv = set_active(_store(_settings(ctx)), version)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"active: {mv.version}")


@models.command("rollback")
@click.pass_context
def models_rollback(ctx: click.Context) -> None:
    """Re-activate the version that was active before the current one.

    Example: tamis models rollback
    """
    from tamis.cli import _settings, _store
    from tamis.learning.models import rollback

    try:
        mv = rollback(_store(_settings(ctx)))
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"active: {mv.version}")
