#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test of jiyao.
# Everything builds once, in the dev profile, into ./target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --all-targets --locked
cargo test --doc --locked
