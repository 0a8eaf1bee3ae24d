#!/usr/bin/env bash
# Runs every test: the Swift test suites, then every policy scenario suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build --parallel
# Policy scenarios last, so that the last line CI prints is the "N passed, N failed" summary.
.build/debug/hearth test scripts/scenarios --fail-on-empty
