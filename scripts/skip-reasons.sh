#!/usr/bin/env bash
# Why each test of the last CTest run in BUILD (default build) skipped, one line a test:
# "skipped NAME: REASON", from the run's log (GoogleTest's GTEST_SKIP message, or a script's
# "SKIP: ..." line before it exits 77).
set -euo pipefail
log=${1:-build}/Testing/Temporary/LastTest.log
[ -f "$log" ] || exit 0
awk '
  /^[0-9]+\/[0-9]+ Test: / { name = $3; reason = "" }
  /: Skipped$/ { getline reason }
  /^SKIP: / { reason = substr($0, 7) }
  /^<end of output>$/ { if (reason != "") print "skipped " name ": " reason; reason = "" }
' "$log"
