#!/usr/bin/env bash
# Loads a directory of jiyao N-Quads shards (from `jiyao export --shards N --output-dir DIR`)
# into a running Virtuoso 7 with its bulk loader, keeping the graph of every quad.
#
# Usage: scripts/virtuoso-load.sh DIR [LOADERS]
#
#   DIR      the shard directory (shared.nq, part-000.nq …; .nq.gz files are loaded too).
#            Virtuoso reads the files itself: DIR must be in DirsAllowed of its virtuoso.ini.
#   LOADERS  how many loaders run side by side [default: 1]; more than the number of cores does not help.
#
# Environment: VIRTUOSO_PORT (ISQL port, default 1111), VIRTUOSO_USER (default dba),
# VIRTUOSO_PASSWORD (default dba), ISQL (the isql client: isql-vt on Debian, else isql).
#
# shared.nq is loaded first, alone, then the other files with LOADERS loaders. Parallel
# loaders can still fail a file with "40001 … Transaction deadlock" (two loaders minting the
# same IRIs at once). A failed file may be half loaded; loading it again is harmless, since
# a quad store holds each quad once, so such files are loaded again by one loader.
# Exit status: 0 when every file loaded, 1 otherwise (the load list is printed).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
fi
dir=$(cd "$1" && pwd)
loaders=${2:-1}
port=${VIRTUOSO_PORT:-1111}
user=${VIRTUOSO_USER:-dba}
password=${VIRTUOSO_PASSWORD:-dba}
isql=${ISQL:-$(command -v isql-vt || command -v isql || echo isql)}

shopt -s nullglob
files=("$dir"/*.nq "$dir"/*.nq.gz)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "virtuoso-load: no .nq or .nq.gz file in $dir" >&2
  exit 2
fi
if [[ "$dir" == *"'"* ]]; then
  echo "virtuoso-load: $dir: quotes in the path are not supported" >&2
  exit 2
fi

sql() { "$isql" "$port" "$user" "$password" "exec=$1" ; }
# One number from a scalar query.
scalar() { sql "$1" | awk '/^[0-9]+ *$/ { print $1; exit }'; }

quads() { scalar "SELECT COUNT(*) FROM DB.DBA.RDF_QUAD;"; }

lines=0
for f in "${files[@]}"; do
  case "$f" in
    *.gz) n=$(gzip -dc "$f" | wc -l) ;;
    *) n=$(wc -l <"$f") ;;
  esac
  lines=$((lines + n))
done

before=$(quads)
start=$(date +%s.%N)
# Runs queued files with $1 loaders side by side.
run_loaders() {
  local pids=()
  for _ in $(seq "$1"); do
    sql "rdf_loader_run();" >/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
}
# The graph argument is where plain triples would go; N-Quads bring their own graph.
queue() { sql "ld_dir('$dir', '$1.nq', 'urn:jiyao:no-graph'); ld_dir('$dir', '$1.nq.gz', 'urn:jiyao:no-graph');" >/dev/null; }
# The shared graphs first, alone: they name most of the IRIs the shards share.
queue 'shared'
run_loaders 1
queue '*'
run_loaders "$loaders"
deadlocked="ll_file LIKE '$dir/%' AND ll_error LIKE '40001%'"
retry=$(scalar "SELECT COUNT(*) FROM DB.DBA.load_list WHERE $deadlocked;")
if [[ "$retry" != 0 ]]; then
  echo "virtuoso-load: $retry file(s) hit a deadlock between loaders; loading them again, one at a time" >&2
  sql "UPDATE DB.DBA.load_list SET ll_state = 0, ll_error = NULL WHERE $deadlocked;" >/dev/null
  run_loaders 1
fi
loaded=$(date +%s.%N)
sql "checkpoint;" >/dev/null
done_at=$(date +%s.%N)
after=$(quads)

sql "SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list WHERE ll_file LIKE '$dir/%' ORDER BY ll_file;" |
  sed -n '/^___/,/Rows\./p'
failed=$(scalar "SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_file LIKE '$dir/%' AND (ll_state <> 2 OR ll_error IS NOT NULL);")
awk -v a="$start" -v b="$loaded" -v c="$done_at" -v n="$lines" -v q0="$before" -v q1="$after" 'BEGIN {
  printf "loaded %d lines in %.1fs (checkpoint %.1fs); the store went from %d to %d quads (+%d)\n",
    n, b - a, c - b, q0, q1, q1 - q0 }'
if [[ "$failed" != 0 ]]; then
  echo "virtuoso-load: $failed file(s) failed; see ll_error above" >&2
  exit 1
fi
