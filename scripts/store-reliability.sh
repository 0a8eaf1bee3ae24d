#!/usr/bin/env bash
# Kills a store writer with SIGKILL at random moments, then checks that the store opens, its audit trail
# verifies and every event the writer acknowledged is stored. Ends with two writers at once.
#
#   bash scripts/store-reliability.sh [rounds]      (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-20}"
swift build -c release --product hearth-store-writer >&2
writer=".build/release/hearth-store-writer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/crash.sqlite"
passed=0
failed=0

for round in $(seq 1 "$rounds"); do
  batch=$(( (RANDOM % 4 == 0) ? 1 : (RANDOM % 100 + 1) ))
  "$writer" append "$db" C-CRASH 100000000 "$batch" > "$work/acks-$round.txt" &
  pid=$!
  # Between 0.05 and 0.5 seconds.
  sleep "$(printf '0.%03d' $(( RANDOM % 450 + 50 )))"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  acks=$(grep -c . "$work/acks-$round.txt" || true)
  if "$writer" verify "$db" > "$work/verify.txt" && "$writer" check-acks "$db" C-CRASH "$work/acks-$round.txt" > "$work/check.txt"; then
    passed=$((passed + 1))
    echo "round $round (batch $batch): killed after $acks acknowledged events; $(cat "$work/verify.txt"); $(cat "$work/check.txt")"
  else
    failed=$((failed + 1))
    echo "round $round (batch $batch): FAILED: $(cat "$work/verify.txt" "$work/check.txt" 2>/dev/null)"
  fi
done

# Two writers at once on a new store.
shared="$work/shared.sqlite"
"$writer" append "$shared" C-A 2000 1 > "$work/acks-a.txt" &
a=$!
"$writer" append "$shared" C-B 2000 10 > "$work/acks-b.txt" &
b=$!
wait "$a" "$b"
if "$writer" verify "$shared" && "$writer" check-acks "$shared" C-A "$work/acks-a.txt" && "$writer" check-acks "$shared" C-B "$work/acks-b.txt"; then
  passed=$((passed + 1))
  echo "two writers at once: nothing lost"
else
  failed=$((failed + 1))
  echo "two writers at once: FAILED"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
