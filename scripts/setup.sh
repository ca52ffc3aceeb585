#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs sheetx on the bundled
# samples, writing one JSON file per sheet under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/sheetx extract samples/*.pdf -o out
