"""WordPress support: the must-use plugin shipped with Tamis, and what a site owner must paste to use it.

WordPress's bundled Akismet plugin cannot be pointed at another server: its host is a class constant.  The must-use
plugin ``tamis-akismet.php`` (in this package) hooks WordPress core's ``pre_http_request`` filter and re-issues every
request meant for rest.akismet.com to the URL in the ``TAMIS_URL`` constant.  The key goes in ``WPCOM_API_KEY``,
which the Akismet plugin reads before its own option.  ``tamis wordpress`` (src/tamis/cli/wordpress.py) prints both
lines and where the file goes; this module is the logic behind it, usable without the CLI.
"""

from __future__ import annotations

import shutil
import urllib.parse
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tamis.errors import ConfigError

PLUGIN_FILE = "tamis-akismet.php"
KEY_LENGTH = 12  # Akismet's plugin refuses, without asking the server, any key that is not 12 characters long.
KEY_CHARS = frozenset("0123456789abcdef")  # its settings screen strips everything else from a typed key


def plugin_source() -> Path:
    """Path of the must-use plugin inside the installed package."""
    path = Path(str(resources.files(__name__).joinpath(PLUGIN_FILE)))
    if not path.is_file():  # pragma: no cover - a broken install (package data left out)
        raise ConfigError(f"{path} is missing: reinstall tamis (the wheel ships it as package data)")
    return path


def check_url(url: str) -> str:
    """The Tamis base URL as WordPress will use it: http:// or https://, a host, an optional path, no query."""
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(f"{url!r} is not an http:// or https:// URL (example: http://127.0.0.1:8080)")
    if parts.query or parts.fragment:
        raise ConfigError(f"{url!r}: the Tamis URL takes no query string or fragment")
    return url.rstrip("/")


def check_key(key: str) -> str:
    """A key the Akismet plugin will accept: 12 characters, hex (its settings screen keeps only 0-9a-f)."""
    key = key.strip()
    if len(key) != KEY_LENGTH:
        raise ConfigError(f"{key!r} has {len(key)} characters; WordPress's Akismet plugin only accepts keys of "
                          f"{KEY_LENGTH} (create one with `tamis keys create`)")
    if not set(key.lower()) <= KEY_CHARS:
        raise ConfigError(f"{key!r}: WordPress's Akismet settings screen keeps only the characters 0-9 and a-f")
    return key


def _php_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def config_lines(url: str, key: str) -> str:
    """The lines that go into wp-config.php, above "That's all, stop editing!"."""
    return (f"define( 'TAMIS_URL', {_php_string(check_url(url))} );\n"
            f"define( 'WPCOM_API_KEY', {_php_string(check_key(key))} );\n")


@dataclass(frozen=True)
class Setup:
    """What a WordPress site needs to use Tamis."""

    url: str
    key: str
    wordpress_dir: Path | None = None

    @property
    def mu_plugins_dir(self) -> str:
        base = str(self.wordpress_dir) if self.wordpress_dir else "/path/to/wordpress"
        return f"{base.rstrip('/')}/wp-content/mu-plugins"

    def config(self) -> str:
        return config_lines(self.url, self.key)

    def instructions(self) -> str:
        src = plugin_source()
        wp_config = (f"{str(self.wordpress_dir).rstrip('/')}/wp-config.php" if self.wordpress_dir
                     else "wp-config.php (in WordPress's top folder)")
        return "\n".join([
            "1. Copy the must-use plugin into WordPress (create the folder if needed):",
            "",
            f"   mkdir -p {self.mu_plugins_dir}",
            f"   cp {src} {self.mu_plugins_dir}/",
            "",
            f"2. Add these two lines to {wp_config}, above the line",
            "   \"/* That's all, stop editing! Happy publishing. */\":",
            "",
            *("   " + line for line in self.config().splitlines()),
            "",
            "3. Activate \"Akismet Anti-spam\" under Plugins if it is not active yet.  Settings > Akismet Anti-spam",
            "   then shows the statistics Tamis keeps for this site.",
            "",
            f"WordPress must be able to reach {self.url} (try: curl {self.url}/1.1/test  ->  connected).",
        ]) + "\n"


def install_plugin(wordpress_dir: Path) -> Path:
    """Copy the must-use plugin into ``wordpress_dir``/wp-content/mu-plugins; return where it went."""
    content = wordpress_dir / "wp-content"
    if not content.is_dir():
        raise ConfigError(f"{wordpress_dir} does not look like a WordPress folder (no wp-content/ in it)")
    target_dir = content / "mu-plugins"
    target_dir.mkdir(exist_ok=True)
    target = target_dir / PLUGIN_FILE
    shutil.copyfile(plugin_source(), target)
    return target
