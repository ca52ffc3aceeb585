#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time each, seeded from the project's
# own inputs: bash fuzz/run.sh BUILD_DIR SECONDS. Longer runs: raise SECONDS (or run a target
# by hand with -max_total_time=N). A crash leaves its input as crash-* in fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS}
seconds=${2:-20}
findings=fuzz/findings
mkdir -p "$findings"
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT

mkdir -p "$seeds/normalizer" "$seeds/rules" "$seeds/extractor"
printf '%s' '延べ4,600社' > "$seeds/normalizer/1"
printf '%s' '年19社
(年15社)' > "$seeds/normalizer/2"
printf '%s' 'R２(2020)年度末' > "$seeds/normalizer/3"
cp rules/*.yaml "$seeds/rules/"
cp samples/*.pdf samples/bad/*.pdf "$seeds/extractor/"

for unit in normalizer rules extractor; do
  target="$build/fuzz/${unit}_fuzz"
  [ -x "$target" ] || { echo "fuzz: no $target"; exit 1; }
  dict=()
  [ -f "fuzz/$unit.dict" ] && dict=(-dict="fuzz/$unit.dict")
  echo "fuzz: $unit for ${seconds}s"
  "$target" "${dict[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$seeds/$unit" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY)|ERROR" || true
  if ls "$findings"/crash-* "$findings"/timeout-* "$findings"/leak-* >/dev/null 2>&1; then
    echo "fuzz: $unit found a failing input in $findings/"
    exit 1
  fi
done
