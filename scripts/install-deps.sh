#!/usr/bin/env bash
# Installs every Debian 12 package that sheetx needs to build, test and make its samples, and the
# npm packages the portal tests load the CSV tables with (tests/portal/package-lock.json, into
# tests/portal/node_modules). Run as root (CI does); with sudo otherwise. Nothing is downloaded
# outside Debian's archive and the npm registry.
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config
  # libraries
  libpoppler-cpp-dev libpoppler-private-dev libicu-dev libre2-dev nlohmann-json3-dev
  libyaml-cpp-dev libcli11-dev nettle-dev
  # tests, sanitizers, fuzzing, benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  poppler-utils qpdf python3 python3-jsonschema time
  mupdf-tools  # bench/run.py: `mutool draw -F stext` beside pdftotext
  zlib1g-dev  # tests/robustness: Flate streams in the hostile PDFs
  # the sample generator (samples/generate.py) and the fonts the samples are drawn in
  python3-reportlab python3-yaml fonts-ipaexfont-gothic fonts-ipaexfont-mincho fonts-noto-cjk
  chromium  # the browser test of sheetx inspect (headless)
  sqlite3   # tests/portal: the CSV tables loaded and joined
)
# tests/portal runs a Frictionless validator and DuckDB under Node.js; a node of its own (say from
# NodeSource, with npm inside) is kept, Debian's otherwise.
command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "install-deps: npm ci in tests/portal"
(cd "$(dirname "$0")/../tests/portal" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
