"""`tamis wordpress`: what a WordPress site owner pastes and copies to use Tamis (logic in tamis.wordpress)."""

from __future__ import annotations

from pathlib import Path

import click

from tamis.errors import TamisError


@click.command("wordpress")
@click.option("--site", default=None, help="The WordPress site's front-page URL; the new key is created for it.")
@click.option("--key", default=None, help="Use this existing 12-character key instead of creating one "
                                          "(then the database is not touched).")
@click.option("--url", "tamis_url", default=None,
              help="Tamis's URL as WordPress reaches it (default: setting public_url, else http://HOST:PORT).")
@click.option("--wordpress-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="WordPress's folder, the one holding wp-content/ (Debian: /var/lib/wordpress); shown in the "
                   "instructions, and used by --install.")
@click.option("--install", is_flag=True, help="Also copy the must-use plugin into --wordpress-dir.")
@click.option("--lines-only", is_flag=True, help="Print only the two wp-config.php lines.")
@click.pass_context
def wordpress(ctx: click.Context, site: str | None, key: str | None, tamis_url: str | None,
              wordpress_dir: Path | None, install: bool, lines_only: bool) -> None:
    """Print the wp-config.php lines and the must-use plugin's place for WordPress's Akismet plugin.

    Creates a key (for --site) unless --key is given, then prints where to copy tamis-akismet.php and the two lines
    to add to wp-config.php: TAMIS_URL and WPCOM_API_KEY.

    Example: tamis wordpress --site https://blog.example.com/ --url http://10.0.0.5:8080
    """
    from tamis.cli import _settings, _store  # the lead's helpers; imported late (tamis.cli imports this module)
    from tamis.wordpress import Setup, check_key, check_url, install_plugin

    if install and wordpress_dir is None:
        raise click.UsageError("--install needs --wordpress-dir")
    settings = _settings(ctx)
    try:
        url = check_url(tamis_url or settings.public_url or f"http://{settings.host}:{settings.port}")
        if key is not None:
            key = check_key(key)
        if install and wordpress_dir is not None:  # before a key is created, so that a wrong folder costs nothing
            target = install_plugin(wordpress_dir)
            click.echo(f"Copied the must-use plugin to {target}", err=True)
        if key is None:
            store = _store(settings)
            try:
                key = store.create_key([site] if site else [], "WordPress" + (f" {site}" if site else ""))
            finally:
                store.close()
        setup = Setup(url, check_key(key), wordpress_dir)
    except TamisError as exc:
        raise click.ClickException(str(exc)) from None
    if url.split("://", 1)[1].startswith(("0.0.0.0", "[::]")):
        click.echo(f"Note: {url} is where Tamis listens, not an address WordPress can call; pass --url with this "
                   "machine's name or address.", err=True)
    click.echo(setup.config() if lines_only else setup.instructions(), nl=False)
