#!/usr/bin/env bash
# Set-up command 1: install what is missing, build, and run the main job on snippets/.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh
build="${SNIPCHECK_BUILD_DIR:-build}"
"$build/cli/snipcheck" extract --format text snippets/
