#!/usr/bin/env bash
# Runs every test: the Swift test suites, then every policy scenario suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build
swift test --parallel 2>&1 | tee .build/swift-test.log | grep -vE '^(Test Suite|Test Case|\[)' || true
if grep -qE 'error:|✘|failed' .build/swift-test.log && ! grep -qE 'Test run with [0-9]+ tests? (in [0-9]+ suites? )?passed' .build/swift-test.log; then
  echo "swift test failed" >&2
  exit 1
fi
