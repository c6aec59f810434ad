#!/usr/bin/env bash
# Sets up a fresh machine (scripts/setup.sh) and runs jiyao's main job on the
# bundled minutes: extract them to tables, build the knowledge graph in
# ./jiyao-store, and ask it the questions users ask first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked
J=./target/release/jiyao
mkdir -p target/out
for t in attendance meetings documents topics; do
  $J extract data/minutes --quiet --format csv --table "$t" > "target/out/$t.csv"
done
echo "tables: target/out/{attendance,meetings,documents,topics}.csv ($(($(wc -l < target/out/attendance.csv) - 1)) attendance records)"
$J ingest data/minutes --store jiyao-store
$J export --store jiyao-store --format turtle -o target/out/jiyao.ttl
$J export --store jiyao-store --format graphml --projection co-attendance -o target/out/co-attendance.graphml
echo "RDF: target/out/jiyao.ttl; network: target/out/co-attendance.graphml"
echo; echo "## Who represented 市工信局 when"
$J query org-representatives --param orgName=市工信局 --format table --store jiyao-store
echo; echo "## How 氢能 travelled across meetings"
$J query topic-timeline --param topic=氢能 --format table --store jiyao-store
echo; echo "## How 蔡剑峰 connects to 氢能"
$J path 蔡剑峰 氢能 -k 2 --store jiyao-store
