#!/usr/bin/env bash
# The README's second command: builds and runs the whole test suite; CTest's summary comes last.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir "${SHEETX_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
