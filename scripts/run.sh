#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs jiyao's main job on the
# bundled minutes: extract them, build the knowledge graph in ./jiyao-store,
# and print the attendance table and a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked
./target/release/jiyao extract data/minutes --format csv --table attendance > target/attendance.csv
echo "wrote target/attendance.csv ($(($(wc -l < target/attendance.csv) - 1)) attendance records)"
