#!/usr/bin/env bash
# The README's second command: builds and runs the whole test suite; CTest's summary comes last,
# followed by why each skipped test skipped (CTest lists skipped tests without their reasons).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
build=${SHEETX_BUILD_DIR:-build}
status=0
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" || status=$?
bash scripts/skip-reasons.sh "$build"
exit "$status"
