#!/usr/bin/env bash
# Installs the Python package from ./python and runs its tests (pytest).
#
# The package builds with maturin, already installed by scripts/setup.sh (so no
# build isolation), in the dev profile: it reuses what `cargo test` built in
# the same target directory (the README's `pip install ./python` builds it
# optimised). The tests compare the package's records with the CLI's output:
# JIYAO_BIN names the binary (default: the debug build in the target dir).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
export JIYAO_BIN=${JIYAO_BIN:-$target/debug/jiyao}
if [ ! -x "$JIYAO_BIN" ]; then cargo build --locked --bin jiyao; fi
pip=(python3 -m pip install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./python)
export MATURIN_PEP517_ARGS="${MATURIN_PEP517_ARGS:---profile dev --locked}"
"${pip[@]}" || "${pip[@]}" --break-system-packages
# pytest exits with 5 when it collected no test: that is a failure here.
status=0
python3 -m pytest python/tests -q -p no:cacheprovider || status=$?
if [ "$status" -eq 5 ]; then
  echo "test-python: pytest collected no test" >&2
  exit 1
fi
exit "$status"
