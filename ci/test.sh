#!/usr/bin/env bash
# Set-up command 2: install what is missing, build, and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh
build="${SNIPCHECK_BUILD_DIR:-build}"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
