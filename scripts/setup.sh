#!/usr/bin/env bash
# Installs what building and testing jiyao needs on a fresh Debian machine:
# clang and libclang-dev for oxigraph's RocksDB, the Python packages the
# interoperability tests drive (rdflib, networkx), and what the Python package
# needs (maturin builds it, pytest and pandas test it, pyoxigraph 0.5 opens
# jiyao's stores). Safe to run twice.
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
py=(rdflib networkx SPARQLWrapper "maturin>=1.9,<2" pytest pandas "pyoxigraph>=0.5,<0.6")
python3 -m pip install --quiet --disable-pip-version-check "${py[@]}" >/dev/null 2>&1 \
  || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${py[@]}"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
