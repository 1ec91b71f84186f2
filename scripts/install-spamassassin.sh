#!/bin/sh
# Install SpamAssassin from Debian's packages for the accuracy benchmark (bench/accuracy).
#
# The benchmark runs SpamAssassin fully locally: `spamd`/`spamc` with `-L` (no DNS/network tests) and a private,
# per-split Bayes database, so only the packages are needed; no `sa-update` rule download is required (the
# packaged rules in /usr/share/spamassassin are used).  Needs root (or sudo) and access to the Debian mirror.
#
#   sudo scripts/install-spamassassin.sh
set -eu

if command -v spamd >/dev/null 2>&1 && command -v spamc >/dev/null 2>&1 && command -v sa-learn >/dev/null 2>&1; then
    echo "SpamAssassin already installed: $(spamassassin --version | head -n 1)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# Debian ships spamd in its own package since bookworm; older releases have it inside `spamassassin`.
if apt-cache show spamd >/dev/null 2>&1; then
    $SUDO apt-get install -y --no-install-recommends spamassassin spamd spamc
else
    $SUDO apt-get install -y --no-install-recommends spamassassin spamc
fi
spamassassin --version | head -n 1
