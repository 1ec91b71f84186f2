#!/usr/bin/env bash
# Install the real Akismet clients that tests/conformance drives against a running Tamis server:
#   .cache/conformance/venv-akismet          PyPI `akismet` 25.10.1 (+ pytest, anyio for its own end-to-end tests)
#   .cache/conformance/venv-python-akismet   PyPI `python-akismet` 0.4.3 (its own venv: it also ships `akismet`)
#   .cache/conformance/akismet-25.10.1/      the `akismet` source distribution, unpacked (tests/end_to_end/)
#   tests/conformance/node/node_modules/     npm `akismet-api` 6.0.0, from package-lock.json (`npm ci`)
# Idempotent: each part is redone only when its pinned inputs changed (a stamp file records them), so a second
# run takes well under a second.  Needs python3 (or $PYTHON), npm, and the package registries; nothing else.
# FORCE=1 redoes everything.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CONF="$ROOT/tests/conformance"
CACHE="$ROOT/.cache/conformance"
PYTHON="${PYTHON:-python3}"
SDIST_VERSION="25.10.1"
SDIST_SHA256="d5e5a4e9e3fe83618acc2315e6d8aa68e9cbd8a24814442293cd9cd1fbc3c119"
PIP_FLAGS=(--quiet --disable-pip-version-check --no-input)
mkdir -p "$CACHE"

say() { echo "install-conformance: $*" >&2; }

fingerprint() {  # fingerprint FILE... -> one line naming the inputs that decide a part
  { "$PYTHON" -c 'import sys; print(sys.version)'; sha256sum "$@"; } | sha256sum | cut -d' ' -f1
}

up_to_date() {  # up_to_date STAMPFILE FINGERPRINT
  [ "${FORCE:-}" != 1 ] && [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]
}

venv() {  # venv NAME REQUIREMENTS IMPORT-CHECK
  local dir="$CACHE/$1" req="$2" check="$3" fp
  fp="$(fingerprint "$req")"
  if up_to_date "$dir/.tamis-stamp" "$fp" && "$dir/bin/python" -c "$check" >/dev/null 2>&1; then
    return
  fi
  say "creating $dir from ${req#"$ROOT"/}"
  rm -rf "$dir"
  "$PYTHON" -m venv "$dir"
  "$dir/bin/python" -m pip install "${PIP_FLAGS[@]}" --no-deps --require-virtualenv -r "$req"
  "$dir/bin/python" -m pip check "${PIP_FLAGS[@]}" >/dev/null
  "$dir/bin/python" -c "$check"
  echo "$fp" >"$dir/.tamis-stamp"
}

venv venv-akismet "$CONF/requirements-akismet.txt" \
  "import akismet, anyio, pytest; assert akismet.USER_AGENT.startswith('akismet.py/$SDIST_VERSION ')"
venv venv-python-akismet "$CONF/requirements-python-akismet.txt" \
  "import akismet, requests; assert akismet.__version__ == '0.4.3' and hasattr(akismet, 'SpamStatus')"

# The akismet source distribution: its tests/ are not in the wheel.  Checked against a pinned SHA-256.
SDIST_DIR="$CACHE/akismet-$SDIST_VERSION"
if ! up_to_date "$SDIST_DIR/.tamis-stamp" "$SDIST_SHA256" \
  || [ ! -f "$SDIST_DIR/tests/end_to_end/test_sync_client.py" ]; then
  say "downloading the akismet $SDIST_VERSION source distribution"
  tmp="$(mktemp -d "$CACHE/sdist.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  "$CACHE/venv-akismet/bin/python" -m pip download "${PIP_FLAGS[@]}" --no-binary :all: --no-deps \
    -d "$tmp" "akismet==$SDIST_VERSION"
  archive="$tmp/akismet-$SDIST_VERSION.tar.gz"
  got="$(sha256sum "$archive" | cut -d' ' -f1)"
  if [ "$got" != "$SDIST_SHA256" ]; then
    say "akismet-$SDIST_VERSION.tar.gz has SHA-256 $got, expected $SDIST_SHA256"
    exit 1
  fi
  tar -xzf "$archive" -C "$tmp"
  rm -rf "$SDIST_DIR"
  mv "$tmp/akismet-$SDIST_VERSION" "$SDIST_DIR"
  echo "$SDIST_SHA256" >"$SDIST_DIR/.tamis-stamp"
  rm -rf "$tmp"
  trap - EXIT
fi

# npm akismet-api, exactly as package-lock.json pins it.
NODE_DIR="$CONF/node"
fp="$(cd "$NODE_DIR" && { node --version; sha256sum package.json package-lock.json; } | sha256sum | cut -d' ' -f1)"
if ! up_to_date "$NODE_DIR/node_modules/.tamis-stamp" "$fp" \
  || [ ! -f "$NODE_DIR/node_modules/akismet-api/lib/akismet.js" ]; then
  say "npm ci in ${NODE_DIR#"$ROOT"/}"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error 1>&2)
  echo "$fp" >"$NODE_DIR/node_modules/.tamis-stamp"
fi
say "ready ($CACHE, ${NODE_DIR#"$ROOT"/}/node_modules)"
