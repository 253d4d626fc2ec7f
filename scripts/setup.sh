#!/usr/bin/env bash
# Installs everything the app's build (and, with --browser, its browser tests) needs, from the package
# registries only. Idempotent: each step checks for what is already there, so a second run takes seconds.
# Facts behind the choices (versions, flags, traps) are in ARCHITECTURE.md, "Build and toolchain".
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# The wasm target for the engine and the app.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "== setup: rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.21.14: the newest release that builds with this machine's rustc (0.22 needs a newer one).
trunk_version=0.21.14
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $trunk_version" ]]; then
  echo "== setup: cargo install trunk $trunk_version (a few minutes, once)"
  cargo install trunk --version "$trunk_version" --locked
fi

# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock exactly, or trunk tries to download
# its own copy (which fails offline). `--locked` is deliberately absent: one of the CLI's locked dependency
# versions is not in the registry.
bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]]; then
  echo "== setup: cargo install wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# wasm-opt comes from npm's binaryen (Debian's is too old and produces modules that fail to load), and
# Playwright from npm; both are pinned in package-lock.json.
if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/@playwright/test ]] || ! npm ls --silent >/dev/null 2>&1; then
  echo "== setup: npm ci"
  npm ci --no-audit --no-fund
fi

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
if [[ $want_browser == 1 && ! -x /usr/bin/chromium ]]; then
  echo "== setup: apt-get install chromium"
  sudo_cmd=""
  [[ $(id -u) != 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
