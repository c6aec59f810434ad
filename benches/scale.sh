#!/usr/bin/env bash
# Scale benchmark (issue 6): jiyao on generated corpora of growing size, next to its peers.
#
# For each size (default 1000 10000 100000 meetings; override with SCALE_SIZES="1000 10000"):
#   - generate the corpus with `jiyao synth` (seed SCALE_SEED, default 1);
#   - extraction throughput (MB/s, documents/s) on 1 thread and on all cores (benches/scale.rs, in memory);
#   - end-to-end `jiyao ingest` into an empty on-disk store (bulk load, then compaction): wall time, quads/s, the
#     compaction's share, peak RSS (/usr/bin/time -v),
#     anonymous and file-backed RSS sampled every second (benches/scale.py rss), store size on disk per quad;
#   - the same quads, dumped with `jiyao export -f nquads`, loaded by Oxigraph's own bulk loader (same crate
#     version as jiyao, on disk; then compacted by its Store::optimize, the like-for-like peer of an ingest that
#     compacts, up to SCALE_OPTIMIZE_MAX_QUADS quads, default 20,000,000, as it nearly doubles that store on disk
#     while it runs), by pyoxigraph's bulk_load and by rdflib (pip-installed into target/bench/venv;
#     rdflib only up to SCALE_RDFLIB_MAX_QUADS quads, default 3,000,000, as it holds everything in Python objects);
#   - p50/p95 latency, over SCALE_RUNS runs (default 20; fewer once a query has used SCALE_QUERY_BUDGET s, default 60),
#     of every query in queries/ and of `jiyao path`, through the CLI as a user runs them (process start and store
#     open included; the ASK {} baseline shows that part); a query that fails or exceeds SCALE_QUERY_TIMEOUT s
#     (default 120) is reported as failed; likewise the views (person, meeting, org, topic) and `jiyao neighbors`;
#   - `jiyao serve`: time from process start to its first SPARQL answer, and its RSS; the explorer's home page; the
#     search list read in the background (its time, RSS after); each explorer page a visit asks for (search, cards,
#     entities, neighbourhoods, the documents list; p50/p95), and RSS after them (benches/scale.py serve); then
#     every bundled query through its SPARQL endpoint over HTTP, warm (benches/scale.py http), as Virtuoso is timed;
#   - with SCALE_VIRTUOSO=1, the same store exported in shards and bulk-loaded into a Virtuoso of its own
#     (Debian's virtuoso-opensource, default graph = union of graphs), every bundled query through its HTTP
#     endpoint with the same parameters, and the side-by-side table with row counts (benches/scale.py versus).
# Results: target/bench/scale.csv (meetings,metric,value,unit,note), target/bench/scale.svg, target/bench/machine.txt
# (SCALE_OUT changes the directory). The figures of the last full run are kept in benches/results/.
# Stores are deleted after each size unless SCALE_KEEP=1; SCALE_PEERS_MAX_QUADS skips the dump and peer loads above a
# size, SCALE_PYOXIGRAPH_MAX_QUADS the pyoxigraph load alone (it takes about as long as Oxigraph's). A 100k corpus
# is ~95M quads: ~16 GB of jiyao store, ~22 GB of N-Quads, ~16 GB per peer store; the store is removed once dumped
# (queries run before the dump), so the disk peak is store + dump, ~38 GB.
# Nothing here asserts on time; do not run it in CI.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SCALE_SIZES:-"1000 10000 100000"}
SEED=${SCALE_SEED:-1}
RUNS=${SCALE_RUNS:-20}
RDFLIB_MAX=${SCALE_RDFLIB_MAX_QUADS:-3000000}
OPTIMIZE_MAX=${SCALE_OPTIMIZE_MAX_QUADS:-20000000}
OUT=${SCALE_OUT:-target/bench}
mkdir -p "$OUT"
CSV="$OUT/scale.csv"
PY="python3 benches/scale.py"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time for peak RSS" >&2
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

# SCALE_JIYAO and SCALE_HELPER point at prebuilt binaries (handy while the tree is being edited).
if [ -z "${SCALE_JIYAO:-}" ]; then
  echo "building (release) ..." >&2
  cargo build --release --bin jiyao >&2
fi
HELPER=${SCALE_HELPER:-$(cargo bench --bench scale --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "scale" and m.get("executable"):
        print(m["executable"])')}
JIYAO=${SCALE_JIYAO:-target/release/jiyao}
[ -x "$HELPER" ] || { echo "could not build benches/scale.rs" >&2; exit 2; }

VENV=${SCALE_VENV:-target/bench/venv}
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pyoxigraph, rdflib' 2>/dev/null; then
  echo "installing pyoxigraph and rdflib into $VENV ..." >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyoxigraph rdflib >&2
fi

{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') x $(nproc)"
  echo "memory: $(free -g | awk '/Mem:/ {print $2 " GB"}')"
  echo "disk: $(df -h "$OUT" | awk 'NR==2 {print $1 " " $2}')"
  echo "rustc: $(rustc --version)"
  echo "python: $("$VENV/bin/python" --version 2>&1); pyoxigraph $("$VENV/bin/python" -c 'import pyoxigraph; print(pyoxigraph.__version__)'); rdflib $("$VENV/bin/python" -c 'import rdflib; print(rdflib.__version__)')"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

echo "meetings,metric,value,unit,note" > "$CSV"
row() { echo "$1,$2,$3,$4,${5:-}" >> "$CSV"; }
# measure STEM METRIC CMD...: runs CMD under /usr/bin/time (report in $WORK/STEM.time) while sampling its anonymous and
# file-backed RSS (rows in $WORK/STEM.rss); stdout is the command's.
measure() {
  local stem=$1 metric=$2
  shift 2
  /usr/bin/time -v -o "$WORK/$stem.time" "$@" &
  local t=$!
  $PY rss "$N" "$metric" "$t" > "$WORK/$stem.rss" &
  local r=$!
  wait "$t"
  wait "$r"
}
json() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

for N in $SIZES; do
  echo "== $N meetings" >&2
  WORK="$OUT/work-$N"
  CORPUS="$OUT/corpus-$N"
  rm -rf "$WORK" && mkdir -p "$WORK"

  # The corpus (deterministic: the same seed gives the same files).
  rm -rf "$CORPUS"
  /usr/bin/time -v -o "$WORK/synth.time" "$JIYAO" synth --meetings "$N" --seed "$SEED" -o "$CORPUS" >&2
  $PY timed "$N" synth "$WORK/synth.time" >> "$CSV"
  row "$N" corpus_files "$(ls "$CORPUS/minutes" | wc -l)" files
  row "$N" corpus_bytes "$(du -sb "$CORPUS/minutes" | cut -f1)" bytes

  # Extraction throughput, input held in memory.
  for S in 1t all; do
    THREADS=$([ "$S" = all ] && nproc || echo 1)
    J=$("$HELPER" extract "$CORPUS/minutes" "$THREADS" 3)
    row "$N" "extract_${S}_mb_per_s" "$(json "$J" mb_per_s)" MB/s "$THREADS threads"
    row "$N" "extract_${S}_docs_per_s" "$(json "$J" docs_per_s)" docs/s "$THREADS threads"
    row "$N" "extract_${S}_seconds" "$(json "$J" seconds_per_pass)" s "$THREADS threads, one pass"
    echo "extract $THREADS threads: $J" >&2
  done

  # End-to-end ingest into an empty on-disk store.
  STORE="$WORK/store"
  measure ingest ingest "$JIYAO" ingest "$CORPUS/minutes" --store "$STORE" --quiet > "$WORK/ingest.log" 2>&1
  cat "$WORK/ingest.log" >&2
  # Counted apart, untimed: ingest no longer reads the whole store to count its quads (SPARQL CSV ends lines with CRLF).
  QUADS=$("$JIYAO" query --store "$STORE" --format csv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -1 | tr -d '\r')
  STORE_BYTES=$(du -sb "$STORE" | cut -f1)
  row "$N" quads "$QUADS" quads "in the store after ingest"
  $PY timed "$N" ingest "$WORK/ingest.time" "$QUADS" >> "$CSV"
  COMPACT=$(sed -n 's/^compacted the store in \([0-9.]*\)s$/\1/p' "$WORK/ingest.log")
  row "$N" ingest_compact_seconds "$COMPACT" s "part of ingest: compacting the bulk-loaded files"
  cat "$WORK/ingest.rss" >> "$CSV"
  row "$N" store_bytes "$STORE_BYTES" bytes
  row "$N" store_bytes_per_quad "$(python3 -c "print(round($STORE_BYTES / max($QUADS, 1), 1))")" bytes/quad

  # Query, view, path and neighbourhood latency through the CLI; serve's time to first answer and RSS.
  $PY queries "$N" "$JIYAO" "$STORE" "$CORPUS/truth" queries "$RUNS" >> "$CSV"
  $PY serve "$N" "$JIYAO" "$STORE" "$CORPUS/truth" >> "$CSV"
  # The same bundled queries through `jiyao serve`'s endpoint, warm: the like-for-like peer of Virtuoso's HTTP figures.
  $PY http "$N" "$JIYAO" "$STORE" queries "$CORPUS/truth" "$RUNS" >> "$CSV"

  # The same quads and queries through Virtuoso (SCALE_VIRTUOSO=1; needs the virtuoso-opensource package).
  if [ "${SCALE_VIRTUOSO:-0}" = 1 ]; then
    command -v virtuoso-t >/dev/null || apt-get install -y virtuoso-opensource >/dev/null
    $PY virtuoso "$N" "$JIYAO" "$STORE" "$WORK" queries "$CORPUS/truth" "$RUNS" >> "$CSV"
    $PY versus "$CSV" "$N" >&2
  fi

  # The peers load jiyao's own export; above SCALE_PEERS_MAX_QUADS (default: no limit) that step is skipped to spare disk.
  if [ -n "${SCALE_PEERS_MAX_QUADS:-}" ] && [ "$QUADS" -gt "$SCALE_PEERS_MAX_QUADS" ]; then
    row "$N" oxigraph_load_seconds "" s "skipped: $QUADS quads > SCALE_PEERS_MAX_QUADS=$SCALE_PEERS_MAX_QUADS"
  else
    "$JIYAO" export --store "$STORE" -f nquads -o "$WORK/dump.nq" >&2
    row "$N" dump_bytes "$(stat -c %s "$WORK/dump.nq")" bytes "N-Quads"
    # jiyao's store is no longer needed; dropping it here keeps the disk peak at store + dump, not store + dump + peer.
    [ "${SCALE_KEEP:-0}" = 1 ] || rm -rf "$STORE"

    # Oxigraph's own bulk load of the same quads (Rust, same crate version), on disk.
    measure oxigraph oxigraph_load "$HELPER" load-nquads "$WORK/dump.nq" "$WORK/oxigraph" > "$WORK/oxigraph.json"
    $PY timed "$N" oxigraph_load "$WORK/oxigraph.time" "$QUADS" >> "$CSV"
    cat "$WORK/oxigraph.rss" >> "$CSV"
    OXI_BYTES=$(du -sb "$WORK/oxigraph" | cut -f1)
    row "$N" oxigraph_store_bytes_per_quad "$(python3 -c "print(round($OXI_BYTES / max($QUADS, 1), 1))")" bytes/quad
    # Then Oxigraph's own compaction of that store: with the load, the like-for-like peer of an ingest that compacts.
    # It nearly doubles the store on disk (uncompressed last level) while it runs, so above OPTIMIZE_MAX
    # (the 100k store would need ~45 GB more) it is skipped.
    rm -f "$WORK/oxigraph-optimize.time"
    if [ "$QUADS" -le "$OPTIMIZE_MAX" ]; then
      J=$(/usr/bin/time -v -o "$WORK/oxigraph-optimize.time" "$HELPER" optimize "$WORK/oxigraph")
      row "$N" oxigraph_optimize_seconds "$(json "$J" seconds)" s "Store::optimize after Oxigraph's bulk load (leaves the last level uncompressed)"
    else
      row "$N" oxigraph_optimize_seconds "" s "skipped: $QUADS quads > SCALE_OPTIMIZE_MAX_QUADS=$OPTIMIZE_MAX"
    fi
    python3 - "$N" "$WORK" "$CSV" >> "$CSV" <<'PY'
import csv, os, sys
sys.path.insert(0, "benches")
import scale
n, work = sys.argv[1], sys.argv[2]
ingest, _ = scale.parse_time(f"{work}/ingest.time")
oxi, _ = scale.parse_time(f"{work}/oxigraph.time")
scale.row(n, "ingest_vs_oxigraph_time_ratio", f"{ingest / oxi:.2f}", "x", "jiyao ingest wall time / Oxigraph bulk load wall time")
compact = next((float(r[2]) for r in csv.reader(open(sys.argv[3])) if r[:2] == [n, "ingest_compact_seconds"] and r[2]), 0.0)
scale.row(n, "ingest_uncompacted_vs_oxigraph_time_ratio", f"{(ingest - compact) / oxi:.2f}", "x",
          "jiyao ingest wall time without its final compaction / Oxigraph bulk load wall time (which does not compact)")
if os.path.exists(f"{work}/oxigraph-optimize.time"):
    optimize, _ = scale.parse_time(f"{work}/oxigraph-optimize.time")
    scale.row(n, "ingest_vs_oxigraph_load_optimize_time_ratio", f"{ingest / (oxi + optimize):.2f}", "x",
              "jiyao ingest wall time (compaction included) / Oxigraph bulk load then Store::optimize, wall times")
PY
    rm -rf "$WORK/oxigraph"

    # pyoxigraph and rdflib loading the same file.
    if [ -z "${SCALE_PYOXIGRAPH_MAX_QUADS:-}" ] || [ "$QUADS" -le "$SCALE_PYOXIGRAPH_MAX_QUADS" ]; then
      measure pyoxigraph pyoxigraph_load "$VENV/bin/python" benches/scale.py pyoxigraph "$WORK/dump.nq" "$WORK/pyoxigraph" > /dev/null
      $PY timed "$N" pyoxigraph_load "$WORK/pyoxigraph.time" "$QUADS" >> "$CSV"
      cat "$WORK/pyoxigraph.rss" >> "$CSV"
      rm -rf "$WORK/pyoxigraph"
    else
      row "$N" pyoxigraph_load_seconds "" s "skipped: $QUADS quads > SCALE_PYOXIGRAPH_MAX_QUADS=$SCALE_PYOXIGRAPH_MAX_QUADS"
    fi
    if [ "$QUADS" -le "$RDFLIB_MAX" ]; then
      /usr/bin/time -v -o "$WORK/rdflib.time" "$VENV/bin/python" benches/scale.py rdflib "$WORK/dump.nq" > /dev/null
      $PY timed "$N" rdflib_load "$WORK/rdflib.time" "$QUADS" >> "$CSV"
    else
      row "$N" rdflib_load_seconds "" s "skipped: $QUADS quads > SCALE_RDFLIB_MAX_QUADS=$RDFLIB_MAX"
    fi
    rm -f "$WORK/dump.nq"
  fi

  if [ "${SCALE_KEEP:-0}" != 1 ]; then
    rm -rf "$WORK"
  fi
  grep "^$N," "$CSV" >&2
done

$PY plot "$CSV" "$OUT/scale.svg"
echo "wrote $CSV and $OUT/scale.svg" >&2
