#!/usr/bin/env bash
# Builds the app and serves it on http://127.0.0.1:8080 with the default example loaded (the README's first
# command). Installs what is missing first (scripts/setup.sh); rebuilds and reloads on every change.
# Pass --release for the size-optimised build that the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
exec trunk serve --offline "$@"
