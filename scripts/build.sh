#!/usr/bin/env bash
# Configures and builds sheetx into build/ (or $SHEETX_BUILD_DIR); extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${SHEETX_BUILD_DIR:-build}
cmake -S . -B "$dir" -DSHEETX_WERROR=ON "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
