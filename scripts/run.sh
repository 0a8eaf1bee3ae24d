#!/usr/bin/env bash
# Sets up and runs Hearth's main job on its embedded defaults: the bundled plugins and an SQLite store.
#  1. the example cases decided under each council's published procedures, side by side;
#  2. the same cases opened in a new SQLite case store (out/hearth.sqlite) under Cross Keys Homes' plugin,
#     with the monitoring report and a check of the audit trail.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product hearth >&2
hearth=.build/release/hearth
$hearth compare --now 2025-03-04T10:00:00Z
mkdir -p out
rm -f out/hearth.sqlite out/hearth.sqlite-wal out/hearth.sqlite-shm
echo
echo "Opening the example cases in out/hearth.sqlite under plugins/cross_keys_homes:"
for f in docs/examples/*.json; do
  $hearth case open --db out/hearth.sqlite --plugin plugins/cross_keys_homes "$f" --by demo --now 2025-03-04T10:00:00Z 2>/dev/null | head -1
done
echo
$hearth report --db out/hearth.sqlite --as-of 2025-03-06
echo
$hearth audit verify --db out/hearth.sqlite
