#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs every test of jiyao.
# The core crates' tests run first: they build without RocksDB, so a failure
# there shows in a minute or two. Everything builds once, in the dev profile,
# into ./target (or $CARGO_TARGET_DIR). Then the Python package is installed
# the way the README says (pip install ./python) and its tests run with pytest,
# against the jiyao binary just built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JIYAO_SETUP_DONE:-}" ]; then bash scripts/setup.sh; fi
cargo test -p jiyao-core -p jiyao-synth --all-targets --locked
cargo test --workspace --exclude jiyao-core --exclude jiyao-synth --all-targets --locked
cargo test --workspace --doc --locked
bash scripts/test-python.sh
