#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test of jiyao.
# The core crates' tests run first: they build without RocksDB, so a failure
# there shows in a minute or two. Everything builds once, in the dev profile,
# into ./target.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test -p jiyao-core -p jiyao-synth --all-targets --locked
cargo test --workspace --exclude jiyao-core --exclude jiyao-synth --all-targets --locked
cargo test --workspace --doc --locked
