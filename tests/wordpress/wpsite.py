"""A real WordPress site for end-to-end tests: Debian's ``wordpress`` package served by ``php -S``.

Nothing here imitates WordPress.  The site is Debian's WordPress 6.1 with its bundled Akismet plugin, set up the way
a site owner would (wp-config.php with the lines ``tamis wordpress`` prints, the must-use plugin copied from the
package), on a fresh MariaDB database, under a temporary directory the test owns:

    root/
      docroot/            symlinks to /usr/share/wordpress/* except wp-config.php and wp-content
        wp-config.php     written here
        wp-content/       plugins/akismet and themes/twentytwentythree are symlinks; mu-plugins/ is ours
      router.php          php -S router: points ABSPATH at docroot so WordPress reads *this* wp-config.php
      wire.jsonl          every HTTP request WordPress made to Tamis, with Tamis's answer (a logging mu-plugin)
      php-server.log      the built-in server's log; debug.log: WordPress's own

Visitors are separate HTTP clients bound to their own loopback address (127.0.0.X), so WordPress sees a different
REMOTE_ADDR for each, as on a real site; this also keeps WordPress's comment-flood check (one comment per IP per
15 s) out of the way.  A visitor fetches the post, parses the comment form, fills it in, does what the form's inline
script does (ak_js = page-load time in milliseconds), waits like a person typing, and posts it.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import signal
import socket
import string
import subprocess
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx

WP_SOURCE = Path("/usr/share/wordpress")
AKISMET_SOURCE = WP_SOURCE / "wp-content/plugins/akismet"
THEME = "twentytwentythree"
THEME_SOURCE = WP_SOURCE / "wp-content/themes" / THEME
DB_HOST = os.environ.get("TAMIS_WP_DB_HOST", "127.0.0.1")
DB_PORT = int(os.environ.get("TAMIS_WP_DB_PORT", "3306"))
DB_USER = "tamis_wp"
DB_PASSWORD = "tamis_wp"
INSTALL_HINT = "run scripts/install-wordpress.sh first (it installs Debian's wordpress, php-cli and php-mysql)"

BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
              "Safari/537.36")
# The headers Chromium sends when a person opens a page (navigation), as captured from a real one.
BROWSER_HEADERS = {
    "User-Agent": BROWSER_UA,
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
              "application/signed-exchange;v=b3;q=0.7",
    "Accept-Language": "en-GB,en;q=0.9",
    "sec-ch-ua": '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"Linux"',
    "Upgrade-Insecure-Requests": "1",
    "Sec-Fetch-Site": "none",
    "Sec-Fetch-Mode": "navigate",
    "Sec-Fetch-User": "?1",
    "Sec-Fetch-Dest": "document",
}

# A must-use plugin the *test* adds (not shipped): it writes down each HTTP request WordPress sent to Tamis and the
# answer, from WordPress core's `http_api_debug` action, so the test can check what went over the wire.
WIRE_LOG_PLUGIN = r"""<?php
/* Test instrumentation: log WordPress's HTTP requests to Tamis and Tamis's answers. */
add_action( 'http_api_debug', function ( $response, $context, $class, $args, $url ) {
	if ( ! defined( 'TAMIS_URL' ) || 0 !== strpos( $url, rtrim( TAMIS_URL, '/' ) . '/' ) ) {
		return;
	}
	$record = array(
		'url'     => $url,
		'method'  => isset( $args['method'] ) ? $args['method'] : '',
		'headers' => isset( $args['headers'] ) ? $args['headers'] : array(),
		'body'    => isset( $args['body'] ) ? $args['body'] : '',
	);
	if ( is_wp_error( $response ) ) {
		$record['error'] = $response->get_error_message();
	} else {
		$record['status']           = wp_remote_retrieve_response_code( $response );
		$record['response_body']    = wp_remote_retrieve_body( $response );
		$record['response_headers'] = wp_remote_retrieve_headers( $response )->getAll();
	}
	file_put_contents( __WIRE_LOG__, wp_json_encode( $record ) . "\n", FILE_APPEND | LOCK_EX );
}, 10, 5 );
"""


def missing_prerequisites() -> str | None:
    """Why this machine cannot run the WordPress test, or None when it can."""
    if not (WP_SOURCE / "wp-settings.php").is_file():
        return f"Debian's wordpress package is not installed; {INSTALL_HINT}"
    if not (AKISMET_SOURCE / "akismet.php").is_file():
        return f"the bundled Akismet plugin is missing; {INSTALL_HINT}"
    if not (THEME_SOURCE / "theme.json").is_file():
        return f"the {THEME} theme is missing; {INSTALL_HINT}"
    if shutil.which("php") is None:
        return f"php is not installed; {INSTALL_HINT}"
    if subprocess.run(["php", "-r", "exit(extension_loaded('mysqli') ? 0 : 1);"], timeout=30).returncode != 0:
        return f"PHP's mysqli extension is missing (php-mysql); {INSTALL_HINT}"
    if shutil.which("mariadb") is None and shutil.which("mysql") is None:
        return f"the MariaDB client is not installed; {INSTALL_HINT}"
    try:
        _mysql("SELECT 1")
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"cannot reach MariaDB as {DB_USER}@{DB_HOST}:{DB_PORT} ({exc}); {INSTALL_HINT}"
    return None


def _mysql(sql: str) -> str:
    client = shutil.which("mariadb") or shutil.which("mysql") or "mysql"
    out = subprocess.run(
        [client, "-h", DB_HOST, "-P", str(DB_PORT), "-u", DB_USER, f"-p{DB_PASSWORD}", "-N", "-e", sql],
        check=True, capture_output=True, text=True, timeout=30,
    )
    return out.stdout


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_for_port(host: str, port: int, timeout: float, proc: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {host}:{port}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {host}:{port} after {timeout} s")


# ---------------------------------------------------------------------------------------------------------------
# HTML forms, parsed as a browser would submit them


@dataclass
class Form:
    attrs: dict[str, str]
    # (name, value, kind) in document order; kind is the input type, "textarea" or "select".
    fields: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def action(self) -> str:
        return self.attrs.get("action", "")

    def names(self) -> list[str]:
        return [n for n, _, _ in self.fields]

    def value(self, name: str) -> str | None:
        for n, v, _ in self.fields:
            if n == name:
                return v
        return None


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(a)
            self.forms.append(self._form)
        elif self._form is None or "name" not in a or "disabled" in a:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "submit" and not any(k == "submit" for _, _, k in self._form.fields):
                # The visitor clicks the form's (first) submit button; a browser sends that one button's name.
                self._form.fields.append((a["name"], a.get("value", ""), kind))
                return
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form.fields.append((a["name"], a.get("value", "on" if kind in {"checkbox", "radio"} else ""), kind))
        elif tag == "textarea":
            self._textarea = (a["name"], [])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None and self._form is not None:
            text = "".join(self._textarea[1])
            # The HTML parser drops a newline right after <textarea>, as browsers do.
            self._form.fields.append((self._textarea[0], text[1:] if text.startswith("\n") else text, "textarea"))
            self._textarea = None
        elif tag == "form":
            self._form = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def comment_form(html: str) -> Form:
    for form in parse_forms(html):
        if form.attrs.get("id") == "commentform" or form.action.endswith("/wp-comments-post.php"):
            return form
    raise AssertionError("the page has no comment form")


# ---------------------------------------------------------------------------------------------------------------
# A visitor with a browser


def typing_behaviour(typed: str, started_ms: int, submitted_ms: int, rng: random.Random) -> dict[str, str]:
    """What Akismet's akismet-frontend.js adds to the form on submit, for someone who clicked into the fields,
    typed ``typed`` (all fields together) with a few corrections, and clicked "Post Comment".

    Same fields and formats as the script (5.0.2, _inc/akismet-frontend.js): ``ak_bkp`` is up to 100
    "hold,gap;" pairs in ms (the first keypress has no gap), ``ak_bmc`` likewise for mouse clicks,
    ``ak_bmm`` "duration,distance;" per mouse movement, ``ak_bmk``/``ak_bck`` the indexes of Shift and
    correction keys, ``ak_bib``/``ak_bfs`` the first keydown and the submit time in epoch ms.  Only the numbers
    come from a random typist; a real Chromium sends the same shapes (docs/wordpress.md, "What WordPress
    sends").  The script skips forms whose action URL has a port (5.0.2 compares it with the bare host name),
    so on this test site a real browser would send no ak_b* fields; this visitor behaves as on a site on port
    80/443."""
    keys = max(1, len(typed))
    presses = [f"{rng.randint(60, 140)};"]
    presses += [f"{rng.randint(50, 140)},{rng.randint(40, 350)};" for _ in range(min(keys, 100) - 1)]
    clicks = [f"{rng.randint(60, 140)};"]
    clicks += [f"{rng.randint(60, 140)},{rng.randint(1500, 9000)};" for _ in range(3)]
    return {
        "ak_bib": str(started_ms),
        "ak_bfs": str(submitted_ms),
        "ak_bkpc": str(keys),
        "ak_bkp": "".join(presses),
        "ak_bmc": "".join(clicks),
        "ak_bmcc": str(len(clicks)),
        "ak_bmk": ";".join(str(i) for i in sorted(rng.sample(range(keys), k=min(2, keys)))),
        "ak_bck": ";".join(str(i) for i in sorted(rng.sample(range(keys), k=min(3, keys)))),
        "ak_bmmc": str(rng.randint(3, 12)),
        "ak_btmc": "0",
        "ak_bsc": str(rng.randint(1, 6)),
        "ak_bte": "",
        "ak_btec": "0",
        "ak_bmm": "".join(f"{rng.randint(100, 900)},{rng.randint(20, 700)};" for _ in range(3)),
    }


@dataclass
class Posted:
    """What happened to one comment submission, as the visitor saw it."""

    status: int
    location: str
    body: str
    comment_id: int | None


class Visitor:
    """An anonymous visitor with a browser, coming from its own loopback address."""

    def __init__(self, ip: str, *, name: str, email: str, url: str = "", seed: int = 0) -> None:
        self.ip = ip
        self.name = name
        self.email = email
        self.url = url
        self.rng = random.Random(seed or ip)
        self.client = httpx.Client(
            transport=httpx.HTTPTransport(local_address=ip),
            headers=BROWSER_HEADERS,
            timeout=60, follow_redirects=False,
        )

    def close(self) -> None:
        self.client.close()

    def open_form(self, page_url: str, *, js: bool = True) -> tuple[Form, int]:
        """Load the page; return its comment form as the inline script leaves it (``js``: a browser that runs
        scripts), and the load time (epoch ms)."""
        resp = self.client.get(page_url)
        resp.raise_for_status()
        loaded_ms = int(time.time() * 1000)
        form = comment_form(resp.text)
        if js:
            # <script>document.getElementById("ak_js_1").setAttribute("value", (new Date()).getTime());</script>
            form.fields = [(n, str(loaded_ms) if n == "ak_js" else v, k) for n, v, k in form.fields]
        return form, loaded_ms

    def submit(self, page_url: str, form: Form, loaded_ms: int, content: str, *, behaviour: bool = True,
               extra: dict[str, str] | None = None) -> Posted:
        typed = {"author": self.name, "email": self.email, "url": self.url, "comment": content, **(extra or {})}
        now_ms = int(time.time() * 1000)
        pairs: list[tuple[str, str]] = []
        for name, value, _kind in form.fields:
            pairs.append((name, typed.get(name, value)))
        if behaviour:
            started = loaded_ms + self.rng.randint(1500, 4000)
            typed_all = "".join(typed[k] for k in ("comment", "author", "email", "url") if k in typed)
            pairs.extend(typing_behaviour(typed_all, min(started, now_ms - 500), now_ms, self.rng).items())
        action = urllib.parse.urljoin(page_url, form.action)
        origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(page_url))
        resp = self.client.post(
            action, content=urllib.parse.urlencode(pairs),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": page_url, "Origin": origin,
                     "Cache-Control": "max-age=0", "Sec-Fetch-Site": "same-origin"},
        )
        location = resp.headers.get("location", "")
        comment_id = None
        if "#comment-" in location:
            comment_id = int(location.rsplit("#comment-", 1)[1])
        return Posted(resp.status_code, location, resp.text, comment_id)

    def comment(self, page_url: str, content: str, *, pause: float, extra: dict[str, str] | None = None) -> Posted:
        """Open the page, read and type for ``pause`` seconds, post the comment."""
        form, loaded_ms = self.open_form(page_url)
        time.sleep(pause)
        return self.submit(page_url, form, loaded_ms, content, extra=extra)


# ---------------------------------------------------------------------------------------------------------------
# The site


class WordPressSite:
    """A WordPress under ``root``, served on 127.0.0.1:``port``, with database ``db_name``."""

    admin_user = "admin"
    admin_password = "e2e-" + secrets.token_hex(8)

    def __init__(self, root: Path, port: int | None = None) -> None:
        self.root = root
        self.docroot = root / "docroot"
        self.content = self.docroot / "wp-content"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_name = "tamis_wp_" + secrets.token_hex(4)
        self.wire_log = root / "wire.jsonl"
        self.server: subprocess.Popen[bytes] | None = None
        self.admin: httpx.Client | None = None
        self.key = ""  # the Akismet key in wp-config.php
        self.tamis_url = ""  # TAMIS_URL in wp-config.php
        self.info: dict[str, Any] = {}  # what install() returned: user_id, post_id, permalink

    # -- building ------------------------------------------------------------------------------------------------

    def build(self, config_lines: str, mu_plugin: Path) -> None:
        """Lay out the docroot, write wp-config.php with ``config_lines`` (what a site owner pastes), install the
        must-use plugin from ``mu_plugin``, create the database."""
        self.docroot.mkdir(parents=True)
        for entry in WP_SOURCE.iterdir():
            if entry.name not in {"wp-config.php", "wp-content"}:
                (self.docroot / entry.name).symlink_to(entry)
        for sub in ("plugins", "themes", "mu-plugins", "uploads"):
            (self.content / sub).mkdir(parents=True)
        (self.content / "plugins/akismet").symlink_to(AKISMET_SOURCE)
        (self.content / "themes" / THEME).symlink_to(THEME_SOURCE)
        shutil.copyfile(mu_plugin, self.content / "mu-plugins" / mu_plugin.name)
        (self.content / "mu-plugins/zz-tamis-e2e-wire-log.php").write_text(
            WIRE_LOG_PLUGIN.replace("__WIRE_LOG__", repr(str(self.wire_log))), encoding="utf-8")

        salts = "\n".join(
            f"define( '{name}', '{secrets.token_urlsafe(48)}' );"
            for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT",
                         "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"))
        (self.docroot / "wp-config.php").write_text(f"""<?php
define( 'DB_NAME', '{self.db_name}' );
define( 'DB_USER', '{DB_USER}' );
define( 'DB_PASSWORD', '{DB_PASSWORD}' );
define( 'DB_HOST', '{DB_HOST}:{DB_PORT}' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
{salts}
$table_prefix = 'wp_';
define( 'WP_HOME', '{self.url}' );
define( 'WP_SITEURL', '{self.url}' );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
// No calls to wordpress.org (update checks); requests to this host, and Akismet's rerouted ones, still go out.
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '{self.root / "debug.log"}' );

// Lines printed by `tamis wordpress`:
{config_lines}

/* That's all, stop editing! Happy publishing. */
if ( ! defined( 'ABSPATH' ) ) {{
	define( 'ABSPATH', __DIR__ . '/' );
}}
require_once ABSPATH . 'wp-settings.php';
""", encoding="utf-8")
        # WordPress finds wp-config.php next to ABSPATH; the symlinked core files would otherwise resolve
        # ABSPATH to /usr/share/wordpress and read Debian's config.
        (self.root / "router.php").write_text(
            f"<?php\ndefine( 'ABSPATH', {str(self.docroot) + '/'!r} );\nreturn false;\n", encoding="utf-8")
        _mysql(f"CREATE DATABASE `{self.db_name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")

    def php(self, code: str, *, installing: bool = False, timeout: float = 120) -> Any:
        """Run PHP with this WordPress loaded (as WP-CLI does); ``code`` may ``echo json_encode(...)``."""
        boot = self.root / ".boot.php"
        boot.write_text(f"""<?php
$_SERVER['HTTP_HOST'] = '127.0.0.1:{self.port}';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '{self.port}';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
define( 'ABSPATH', {str(self.docroot) + '/'!r} );
{"define( 'WP_INSTALLING', true );" if installing else ""}
require ABSPATH . 'wp-load.php';
eval( stream_get_contents( STDIN ) );
""", encoding="utf-8")
        out = subprocess.run(["php", str(boot)], input=code, capture_output=True, text=True, timeout=timeout,
                             cwd=self.root)
        if out.returncode != 0:
            raise RuntimeError(f"php failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
        text = out.stdout.strip()
        return json.loads(text) if text else None

    def install(self) -> dict[str, Any]:
        """WordPress's own installer (wp_install), then the settings a small blog would have: Akismet active,
        comments from new people not held only for being new, plain permalinks; one post to comment on."""
        result = self.php(f"""
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$r = wp_install( 'Tamis e2e', '{self.admin_user}', 'admin@example.com', true, '', '{self.admin_password}' );
update_option( 'permalink_structure', '' );
update_option( 'comment_previously_approved', 0 );
update_option( 'comment_moderation', 0 );
update_option( 'akismet_strictness', '0' );
update_option( 'akismet_show_user_comments_approved', '0' );
$act = activate_plugin( 'akismet/akismet.php' );
if ( is_wp_error( $act ) ) {{ fwrite( STDERR, $act->get_error_message() ); exit( 1 ); }}
$post = wp_insert_post( array(
	'post_title'   => 'US helicopters seen evacuating ISIS members from Syrian prison',
	'post_content' => '<!-- wp:paragraph --><p>Reports say helicopters took prisoners away.</p><!-- /wp:paragraph -->',
	'post_status'  => 'publish',
	'post_author'  => $r['user_id'],
	'post_date'    => '2018-02-21 10:00:00',
	'comment_status' => 'open',
), true );
if ( is_wp_error( $post ) ) {{ fwrite( STDERR, $post->get_error_message() ); exit( 1 ); }}
echo json_encode( array( 'user_id' => $r['user_id'], 'post_id' => $post, 'permalink' => get_permalink( $post ),
	'active' => is_plugin_active( 'akismet/akismet.php' ) ) );
""", installing=True)
        if not result["active"]:
            raise RuntimeError("Akismet did not activate")
        self.info = dict(result)
        return self.info

    def start(self) -> None:
        env = {**os.environ, "PHP_CLI_SERVER_WORKERS": "4"}
        with open(self.root / "php-server.log", "wb") as log:  # the child keeps its own copy of the descriptor
            # Its own session: PHP_CLI_SERVER_WORKERS forks workers, and stop() ends the whole group.
            self.server = subprocess.Popen(
                ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(self.docroot), str(self.root / "router.php")],
                cwd=self.root, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )
        wait_for_port("127.0.0.1", self.port, 20, self.server)

    def stop(self) -> None:
        if self.admin is not None:
            self.admin.close()
        if self.server is not None:
            # The server and its forked workers, which outlive the master if only it is stopped.
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(self.server.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.server.wait(10)
                    time.sleep(0.2)  # let the workers see the signal too
                except subprocess.TimeoutExpired:
                    continue
            self.server = None

    def drop_database(self) -> None:
        _mysql(f"DROP DATABASE IF EXISTS `{self.db_name}`")

    # -- looking at it -------------------------------------------------------------------------------------------

    def comments(self) -> list[dict[str, Any]]:
        """Every comment (approved, unapproved or spam) with its status and Akismet's meta (result, history)."""
        data: list[dict[str, Any]] = self.php("""
$row = function ( $c ) {
	return array( 'id' => (int) $c->comment_ID, 'author' => $c->comment_author,
		'email' => $c->comment_author_email, 'content' => $c->comment_content, 'parent' => (int) $c->comment_parent,
		'status' => wp_get_comment_status( $c ),
		'akismet_result' => get_comment_meta( $c->comment_ID, 'akismet_result', true ),
		'akismet_history' => array_map( function ( $h ) { return $h['event']; },
			(array) get_comment_meta( $c->comment_ID, 'akismet_history', false ) ) );
};
$out = array();
foreach ( array( 'all', 'spam' ) as $status ) {  // 'all' is approved and pending only
	foreach ( get_comments( array( 'status' => $status, 'type' => 'comment' ) ) as $c ) {
		$out[] = $row( $c );
	}
}
echo json_encode( $out );
""")
        by_id = {c["id"]: c for c in data}
        return [by_id[k] for k in sorted(by_id)]

    def comment(self, comment_id: int) -> dict[str, Any]:
        for c in self.comments():
            if c["id"] == comment_id:
                return c
        raise AssertionError(f"there is no comment {comment_id}")

    def comments_by(self, email: str) -> list[dict[str, Any]]:
        """The comments (any status) whose author gave this e-mail address."""
        return [c for c in self.comments() if c["email"] == email]

    def set_option(self, name: str, value: str) -> None:
        self.php(f"update_option( {name!r}, {value!r} );")

    def wire(self) -> list[dict[str, Any]]:
        """Requests WordPress sent to Tamis so far, each with Tamis's answer."""
        if not self.wire_log.exists():
            return []
        records = []
        for line in self.wire_log.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            body = rec.get("body") or ""
            rec["form"] = urllib.parse.parse_qs(body, keep_blank_values=True) if isinstance(body, str) else body
            rec["endpoint"] = urllib.parse.urlsplit(rec["url"]).path
            records.append(rec)
        return records

    # -- the administrator ---------------------------------------------------------------------------------------

    def admin_client(self) -> httpx.Client:
        """A browser session logged in through wp-login.php."""
        if self.admin is None:
            client = httpx.Client(headers={"User-Agent": BROWSER_UA}, timeout=60, follow_redirects=True)
            client.get(f"{self.url}/wp-login.php")  # sets the test cookie, as a browser would
            resp = client.post(f"{self.url}/wp-login.php", data={
                "log": self.admin_user, "pwd": self.admin_password, "wp-submit": "Log In",
                "redirect_to": f"{self.url}/wp-admin/", "testcookie": "1"})
            resp.raise_for_status()
            if not any(name.startswith("wordpress_logged_in") for name in client.cookies.keys()):
                raise AssertionError(f"admin login failed: {resp.url} {resp.text[:500]}")
            self.admin = client
        return self.admin

    def admin_get(self, path: str) -> httpx.Response:
        resp = self.admin_client().get(f"{self.url}/wp-admin/{path}")
        resp.raise_for_status()
        return resp

    def moderate(self, comment_id: int, action: str) -> httpx.Response:
        """Click a row action under a comment in Comments (edit-comments.php): ``spam`` or ``unspam`` ("Not Spam"),
        following the link the page shows, without JavaScript."""
        status = "spam" if action == "unspam" else "all"
        page = self.admin_get(f"edit-comments.php?comment_status={status}").text
        wanted = f"action={action}comment"
        for href in _links(page):
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
            if query.get("c") == [str(comment_id)] and f"action={action}comment" in href:
                return self.admin_get(href.rsplit("/wp-admin/", 1)[-1])
        raise AssertionError(f"no {wanted!r} link for comment {comment_id} on the Comments screen")


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for k, v in attrs:
                if k == "href" and v:
                    self.links.append(v)


def _links(html: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html)
    return parser.links


def random_name(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(8))


# ---------------------------------------------------------------------------------------------------------------
# Tamis, started the way the README starts it


@dataclass
class Tamis:
    """A real ``tamis serve`` on 127.0.0.1 with its own SQLite database under ``root``."""

    root: Path
    port: int
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(cls, root: Path, extra_env: dict[str, str] | None = None) -> Tamis:
        import sys

        root.mkdir(parents=True, exist_ok=True)
        # The caller's TAMIS_* settings stay out, except TAMIS_MODEL_DIR: the test can run against another model.
        env = {k: v for k, v in os.environ.items() if not k.startswith("TAMIS_") or k == "TAMIS_MODEL_DIR"}
        env.update({"TAMIS_DATABASE_URL": f"sqlite:///{root / 'tamis.db'}", "TAMIS_LOG_LEVEL": "warning"})
        env.update(extra_env or {})
        server = cls(root, free_port(), env)
        with open(root / "tamis.log", "wb") as log:  # the child keeps its own copy of the descriptor
            server.process = subprocess.Popen(
                [sys.executable, "-m", "tamis", "serve", "--host", "127.0.0.1", "--port", str(server.port)],
                env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(server.url + "/1.1/test", timeout=2).text == "connected":
                    return server
            except httpx.HTTPError:
                pass
            if server.process.poll() is not None or time.monotonic() > deadline:
                server.stop()
                raise RuntimeError("tamis serve did not start:\n"
                                   + (root / "tamis.log").read_text(errors="replace"))
            time.sleep(0.2)

    def cli(self, *args: str) -> str:
        """Run ``tamis ARGS`` against this server's database; return its standard output."""
        import sys

        out = subprocess.run([sys.executable, "-m", "tamis", *args], env=self.env, capture_output=True, text=True,
                             timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"tamis {' '.join(args)} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
        return out.stdout

    def post(self, path: str, data: dict[str, str]) -> httpx.Response:
        return httpx.post(self.url + path, data=data, timeout=15)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
