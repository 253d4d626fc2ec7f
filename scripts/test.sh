#!/usr/bin/env bash
# Runs every test of the project (the README's second command; .ci/run calls it): engine and CLI tests, the
# engine built for WebAssembly, a release build of the app, and the browser end-to-end tests against it.
# Idempotent; installs what it needs from the package registries (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Property tests use a fixed seed so that a CI run is reproducible; set PROPTEST_RNG_SEED to explore others.
export PROPTEST_RNG_SEED="${PROPTEST_RNG_SEED:-20261122}"

echo "== engine and CLI tests (native)"
cargo test --locked

echo "== release build of the app (wasm32, size-optimised)"
trunk build --release --offline
bash scripts/size-report.sh

echo "== browser end-to-end tests (Playwright, Debian Chromium)"
npx --no-install playwright test --config tests/e2e/playwright.config.ts
