#!/bin/sh
# Install rspamd from Debian's packages for the accuracy benchmark (bench/accuracy).
#
# The benchmark starts its own private rspamd (own config directory, ports on 127.0.0.1, pid file and log) and its
# own redis-server for the Bayes statistics (a Unix socket in its work directory, nothing saved); see
# bench/peers/rspamd.py.  So only the binaries are needed: the packaged rspamd service is stopped and disabled, not
# configured, and the system's Redis (if any) is not used.  No rule or map downloads: every network module is
# switched off in the benchmark's configuration.  Needs root (or sudo) and access to the Debian mirror.
#
#   sudo scripts/install-rspamd.sh
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

# The packaged service listens on 11332-11334 with the system configuration; the benchmark does not want it.
stop_service() {
    if command -v systemctl >/dev/null 2>&1; then
        if [ -d /run/systemd/system ]; then
            $SUDO systemctl disable --now rspamd >/dev/null 2>&1 || true
        else  # no systemd running (a container): disable works offline, it removes the unit's symlink
            $SUDO systemctl disable rspamd >/dev/null 2>&1 || true
        fi
    fi
    if [ -x /etc/init.d/rspamd ]; then
        $SUDO /etc/init.d/rspamd stop >/dev/null 2>&1 || true
        $SUDO update-rc.d rspamd disable >/dev/null 2>&1 || true
    fi
}

if command -v rspamd >/dev/null 2>&1 && command -v rspamc >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1; then
    stop_service
    echo "rspamd already installed: $(rspamd --version | head -n 1)"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# redis-server is only a Recommends of rspamd, but its Bayes classifier needs a Redis (and --no-install-recommends
# keeps the rest of the recommendations out).
$SUDO apt-get install -y --no-install-recommends rspamd redis-server
stop_service
rspamd --version | head -n 1
