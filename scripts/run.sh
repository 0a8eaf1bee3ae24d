#!/usr/bin/env bash
# Sets up and runs Hearth's main job on its embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product hearth >&2
.build/release/hearth compare
