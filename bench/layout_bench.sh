#!/usr/bin/env bash
# ms per page of `sheetx layout` against `pdftotext -bbox-layout` on the same files (whole
# process: start, parse, output), best of RUNS rounds of REPS runs each.
# Usage: bench/layout_bench.sh [--sheetx PATH] [PDF...]   (default: samples/*.pdf)
set -euo pipefail
sheetx=build/sheetx
if [ "${1:-}" = "--sheetx" ]; then sheetx=$2; shift 2; fi
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(samples/*.pdf)
reps=${REPS:-10}
runs=${RUNS:-3}

# best_ms CMD...: the fastest of $runs rounds of $reps runs of CMD, in ms per run.
best_ms() {
  local best=""
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    for _ in $(seq "$reps"); do "$@" >/dev/null 2>&1 || true; done
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / reps / 1000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"  # microseconds
}

printf '%-34s %5s %14s %14s %7s\n' file pages "sheetx ms/pg" "pdftotext ms/pg" ratio
total_s=0 total_p=0 total_pages=0
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  "$sheetx" layout "$f" >/dev/null  # fails loudly here rather than timing an error
  s=$(best_ms "$sheetx" layout "$f")
  p=$(best_ms pdftotext -bbox-layout "$f" -)
  total_s=$((total_s + s)) total_p=$((total_p + p)) total_pages=$((total_pages + pages))
  awk -v f="$(basename "$f")" -v n="$pages" -v s="$s" -v p="$p" \
    'BEGIN { printf "%-34s %5d %14.2f %14.2f %7.2f\n", f, n, s/n/1000, p/n/1000, s/p }'
done
awk -v n="$total_pages" -v s="$total_s" -v p="$total_p" \
  'BEGIN { printf "%-34s %5d %14.2f %14.2f %7.2f\n", "all", n, s/n/1000, p/n/1000, s/p }'
# The fixed cost of starting each program (loading its libraries), included in the rows above.
s=$(best_ms "$sheetx" layout /nonexistent.pdf)
p=$(best_ms pdftotext /nonexistent.pdf)
awk -v s="$s" -v p="$p" 'BEGIN { printf "%-34s %5s %14.2f %14.2f %7.2f\n", "(start-up, per run)", "-", s/1000, p/1000, s/p }'
