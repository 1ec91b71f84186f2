"""`tamis`: the operator's command line.  A thin shell over the Python API (settings, store, engine, service)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from tamis import __version__
from tamis.config import SETTINGS, Settings, load_settings
from tamis.errors import TamisError


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    try:
        return load_settings(ctx.obj.get("config"), **overrides)
    except TamisError as exc:
        raise click.ClickException(str(exc)) from None


def _store(settings: Settings):  # type: ignore[no-untyped-def]
    from tamis.store import Store, migrate

    try:
        store = Store.open(settings.effective_database_url)
        migrate(store.engine)
    except TamisError as exc:
        raise click.ClickException(str(exc)) from None
    except Exception as exc:  # a database that cannot be reached: say which, not a traceback
        raise click.ClickException(f"cannot open the database {settings.effective_database_url}: {exc}") from None
    return store


def _engine(settings: Settings):  # type: ignore[no-untyped-def]
    from tamis.engine import Engine

    try:
        return Engine.load(Path(settings.model_dir) if settings.model_dir else None,
                           spam_threshold=settings.spam_threshold, discard_threshold=settings.discard_threshold)
    except TamisError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config", type=click.Path(dir_okay=False), default=None,
              help="TOML settings file (default: $TAMIS_CONFIG).")
@click.version_option(__version__, prog_name="tamis")
@click.pass_context
def main(ctx: click.Context, config: str | None) -> None:
    """Tamis: a self-hosted spam filter that speaks Akismet's API."""
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


# ------------------------------------------------------------------------------------------- serve

@main.command()
@click.option("--host", default=None, help="Address to listen on (setting: host).")
@click.option("--port", type=int, default=None, help="Port to listen on (setting: port).")
@click.option("--workers", type=int, default=None, help="Worker processes (setting: workers).")
@click.option("--database-url", default=None, help="Database URL (setting: database_url).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, workers: int | None,
          database_url: str | None) -> None:
    """Run the Akismet-compatible server.

    Migrates the database, makes sure one API key exists (creating one on first start), prints the URL and the key,
    then serves until stopped.

    Example: tamis serve --port 8080
    """
    import uvicorn

    settings = _settings(ctx, host=host, port=port, workers=workers, database_url=database_url)
    store = _store(settings)
    keys = [k for k, _ in store.list_keys() if k.active]
    created = False
    if not keys:
        store.create_key(label="created by tamis serve")
        keys = [k for k, _ in store.list_keys() if k.active]
        created = True
    store.close()
    url = settings.public_url or f"http://{settings.host}:{settings.port}"
    click.echo(f"Tamis {__version__} listening on {url}")
    click.echo(f"API key: {keys[0].key}" + ("  (new: created on this first start)" if created else ""))
    click.echo(f"Database: {settings.effective_database_url}")
    click.echo("Point a client at it: see README.md, or run `tamis wordpress` for WordPress.", err=True)
    # The workers rebuild the app from the same settings: pass the effective values down through the environment.
    for name, value, source in settings.items():
        if source != "default" and value is not None:
            os.environ["TAMIS_" + name.upper()] = str(value).lower() if isinstance(value, bool) else str(value)
    os.environ["TAMIS_DATABASE_URL"] = settings.effective_database_url
    if ctx.obj.get("config"):
        os.environ["TAMIS_CONFIG"] = str(Path(ctx.obj["config"]).resolve())
    uvicorn.run("tamis.web.asgi:create_app", factory=True, host=settings.host, port=settings.port,
                workers=settings.workers if settings.workers > 1 else None, log_level=settings.log_level,
                access_log=False, server_header=False)


# ------------------------------------------------------------------------------------------- keys

@main.group()
def keys() -> None:
    """Create, list and revoke API keys and the sites they serve."""


@keys.command("create")
@click.option("--site", "sites", multiple=True, help="A site (front-page URL) this key serves; repeatable.")
@click.option("--label", default="", help="A note for yourself (who the key is for).")
@click.pass_context
def keys_create(ctx: click.Context, sites: tuple[str, ...], label: str) -> None:
    """Create a 12-character API key and print it (alone, on the first line).

    Example: tamis keys create --site https://blog.example.com/
    """
    store = _store(_settings(ctx))
    key = store.create_key(list(sites), label)
    click.echo(key)
    for s in sites:
        click.echo(f"  site: {s}", err=True)


@keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def keys_list(ctx: click.Context, as_json: bool) -> None:
    """List keys with their sites."""
    store = _store(_settings(ctx))
    rows = store.list_keys()
    if as_json:
        click.echo(json.dumps([{"key": k.key, "label": k.label, "created_at": k.created_at.isoformat(),
                                "revoked": not k.active,
                                "sites": [{"url": s.url, "revoked": s.revoked_at is not None} for s in ss]}
                               for k, ss in rows], indent=2))
        return
    if not rows:
        click.echo("No keys yet: tamis keys create --site URL")
    for k, ss in rows:
        state = "revoked" if not k.active else "active"
        click.echo(f"{k.key}  {state:7}  {k.created_at:%Y-%m-%d}  {k.label}")
        for s in ss:
            click.echo(f"    {s.url}" + ("  (revoked)" if s.revoked_at is not None else ""))


@keys.command("revoke")
@click.argument("key")
@click.pass_context
def keys_revoke(ctx: click.Context, key: str) -> None:
    """Revoke KEY: every later request with it gets `invalid`."""
    store = _store(_settings(ctx))
    try:
        store.revoke_key(key)
    except TamisError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"revoked {key}")


@keys.command("add-site")
@click.argument("key")
@click.argument("url")
@click.pass_context
def keys_add_site(ctx: click.Context, key: str, url: str) -> None:
    """Let KEY serve the site at URL as well."""
    store = _store(_settings(ctx))
    try:
        site = store.add_site(key, url)
    except TamisError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{key} serves {site.url}")


@keys.command("revoke-site")
@click.argument("key")
@click.argument("url")
@click.pass_context
def keys_revoke_site(ctx: click.Context, key: str, url: str) -> None:
    """Stop KEY from serving the site at URL (its requests get `invalid`)."""
    store = _store(_settings(ctx))
    try:
        store.revoke_site(key, url)
    except TamisError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{key} no longer serves {url}")


# ------------------------------------------------------------------------------------------- migrate, config

@main.command()
@click.pass_context
def migrate(ctx: click.Context) -> None:
    """Create or upgrade the database schema (serve does this too)."""
    from tamis.store.migrate import current_revision

    settings = _settings(ctx)
    store = _store(settings)
    click.echo(f"{settings.effective_database_url} is at schema revision {current_revision(store.engine)}")


@main.command()
@click.option("--days", type=int, default=None, help="Keep raw personal fields this many days (setting: "
              "retention_days).")
@click.pass_context
def purge(ctx: click.Context, days: int | None) -> None:
    """Strip raw personal data (IP, e-mail, name, URL, text, headers) from checks and reports older than the
    retention period, keeping verdicts, statistics and hashed identifiers.  Run it daily (cron or a timer).

    Example: tamis purge --days 30
    """
    from tamis.store.privacy import purge as purge_rows

    settings = _settings(ctx)
    store = _store(settings)
    n = purge_rows(store, days if days is not None else settings.retention_days)
    click.echo(f"purged personal data from {n} stored rows")


@main.command()
@click.option("--email", default=None, help="The commenter's e-mail address.")
@click.option("--ip", default=None, help="The commenter's IP address.")
@click.option("--erase", is_flag=True, help="Erase instead of export (asks for confirmation unless --yes).")
@click.option("--yes", is_flag=True, help="Do not ask before erasing.")
@click.pass_context
def commenter(ctx: click.Context, email: str | None, ip: str | None, erase: bool, yes: bool) -> None:
    """Export (as JSON) or erase everything stored about one commenter, found by e-mail and/or IP address.

    Example: tamis commenter --email ann@example.org > ann.json
    """
    from tamis.store.privacy import erase_commenter, export_commenter

    if not email and not ip:
        raise click.UsageError("give --email and/or --ip")
    store = _store(_settings(ctx))
    if not erase:
        click.echo(json.dumps(export_commenter(store, email=email, ip=ip), indent=2, default=str))
        return
    if not yes:
        click.confirm(f"Erase every stored comment and report of {email or ''} {ip or ''}?", abort=True)
    n = erase_commenter(store, email=email, ip=ip)
    click.echo(f"erased {n} stored rows")


@main.command("config")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--help-settings", is_flag=True, help="Describe every setting instead.")
@click.pass_context
def config_cmd(ctx: click.Context, as_json: bool, help_settings: bool) -> None:
    """Show the effective settings and where each value comes from (default, file, TAMIS_* variable)."""
    if help_settings:
        for s in SETTINGS:
            click.echo(f"{s.name} (TAMIS_{s.name.upper()}, default {s.default!r})\n    {s.help}")
        return
    settings = _settings(ctx)
    rows = settings.items()
    if as_json:
        click.echo(json.dumps({n: {"value": v, "source": src} for n, v, src in rows}, indent=2, default=str))
        return
    width = max(len(n) for n, _, _ in rows)
    for name, value, source in rows:
        if name == "database_url" and value is None:
            value = settings.effective_database_url
        click.echo(f"{name:<{width}}  {value!s:<40}  ({source})")


from tamis.cli.check import check  # noqa: E402  (commands defined in their own modules)
from tamis.cli.models import models  # noqa: E402
from tamis.cli.train import train  # noqa: E402
from tamis.cli.wordpress import wordpress  # noqa: E402

for _command in (check, train, models, wordpress):
    main.add_command(_command)


def run() -> None:
    main(obj={}, prog_name="tamis")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
