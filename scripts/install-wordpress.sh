#!/bin/sh
# Install what the WordPress end-to-end test (tests/wordpress) needs, from Debian's packages, and give it a database
# account in the local MariaDB.
#
#   * Debian's `wordpress` package (6.1.9 on bookworm, with its bundled Akismet 5.0.2), the default theme
#     (twentytwentythree) and PHP's command-line interpreter, whose built-in web server (`php -S`) serves the site:
#     no Apache, no PHP-FPM is started.
#   * A MariaDB account `tamis_wp` (password `tamis_wp`) that may create and drop databases named `tamis_wp...`.
#     The test makes a fresh database per run and drops it afterwards.  MariaDB itself must already be running
#     (DB_HOST, default 127.0.0.1:3306, reachable as root without a password, as on the project's machines).
#
# Idempotent and quick when everything is already there (no apt-get at all).  Needs root (or sudo).
#
#   sudo scripts/install-wordpress.sh
set -eu

DB_HOST="${TAMIS_WP_DB_HOST:-127.0.0.1}"
DB_PORT="${TAMIS_WP_DB_PORT:-3306}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

have_packages() {
    [ -f /usr/share/wordpress/wp-settings.php ] || return 1
    [ -f /usr/share/wordpress/wp-content/plugins/akismet/akismet.php ] || return 1
    [ -f /usr/share/wordpress/wp-content/themes/twentytwentythree/theme.json ] || return 1
    command -v php >/dev/null 2>&1 || return 1
    php -r 'exit(extension_loaded("mysqli") ? 0 : 1);' || return 1
    command -v mariadb >/dev/null 2>&1 || command -v mysql >/dev/null 2>&1 || return 1
}

if have_packages; then
    echo "WordPress already installed: $(dpkg-query -W -f='${Version}' wordpress 2>/dev/null || echo '?')"
else
    export DEBIAN_FRONTEND=noninteractive
    # The wordpress package depends on "apache2 | httpd"; apt will install Apache but it must not start it (the
    # test uses PHP's built-in server).  Docker images already carry a policy-rc.d that says so; add one for the
    # duration of the install where there is none.
    POLICY=/usr/sbin/policy-rc.d
    ADDED_POLICY=""
    if [ ! -e "$POLICY" ]; then
        printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
        $SUDO chmod 755 "$POLICY"
        ADDED_POLICY=1
    fi
    trap 'if [ -n "$ADDED_POLICY" ]; then $SUDO rm -f "$POLICY"; fi' EXIT
    # Update the package lists only when the package is unknown (a fresh machine); skip the network otherwise.
    if ! apt-cache show wordpress >/dev/null 2>&1 || ! apt-cache show wordpress-theme-twentytwentythree >/dev/null 2>&1; then
        $SUDO apt-get update
    fi
    if ! $SUDO apt-get install -y --no-install-recommends \
            wordpress wordpress-theme-twentytwentythree php-cli php-mysql default-mysql-client; then
        # A stale package list (a mirror moved on): refresh once and retry.
        $SUDO apt-get update
        $SUDO apt-get install -y --no-install-recommends \
            wordpress wordpress-theme-twentytwentythree php-cli php-mysql default-mysql-client
    fi
    have_packages || { echo "install-wordpress: packages installed but something is still missing" >&2; exit 1; }
    echo "WordPress installed: $(dpkg-query -W -f='${Version}' wordpress)"
fi

MYSQL="mariadb"
command -v mariadb >/dev/null 2>&1 || MYSQL="mysql"

# The account the test's WordPress uses.  Its databases are named tamis_wp<something>.
if ! $MYSQL -h "$DB_HOST" -P "$DB_PORT" -u tamis_wp -ptamis_wp -e 'SELECT 1' >/dev/null 2>&1; then
    $MYSQL -h "$DB_HOST" -P "$DB_PORT" -u root <<'SQL'
CREATE USER IF NOT EXISTS 'tamis_wp'@'localhost' IDENTIFIED BY 'tamis_wp';
CREATE USER IF NOT EXISTS 'tamis_wp'@'127.0.0.1' IDENTIFIED BY 'tamis_wp';
CREATE USER IF NOT EXISTS 'tamis_wp'@'%' IDENTIFIED BY 'tamis_wp';
GRANT ALL PRIVILEGES ON `tamis\_wp%`.* TO 'tamis_wp'@'localhost';
GRANT ALL PRIVILEGES ON `tamis\_wp%`.* TO 'tamis_wp'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `tamis\_wp%`.* TO 'tamis_wp'@'%';
FLUSH PRIVILEGES;
SQL
    echo "MariaDB account tamis_wp created on $DB_HOST:$DB_PORT"
else
    echo "MariaDB account tamis_wp already exists on $DB_HOST:$DB_PORT"
fi
