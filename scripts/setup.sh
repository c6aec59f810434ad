#!/usr/bin/env bash
# Installs what building and testing jiyao needs on a fresh Debian machine:
# clang and libclang-dev for oxigraph's RocksDB, and the Python packages the
# interoperability tests drive (rdflib, networkx). Safe to run twice.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
need=()
for pkg in clang libclang-dev python3-pip curl chromium chromium-driver fonts-noto-cjk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check rdflib networkx SPARQLWrapper >/dev/null 2>&1 \
  || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages rdflib networkx SPARQLWrapper
rustup component add rustfmt clippy >/dev/null 2>&1 || true
