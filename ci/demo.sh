#!/usr/bin/env bash
# Set-up command 1: install what is missing, build, and run the main job on snippets/.
# Exit 0 whatever the snippets' verdicts (they are a demo of every verdict); 2 on a real error.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/setup.sh
ci/build.sh
build="${SNIPCHECK_BUILD_DIR:-build}"
status=0
"$build/cli/snipcheck" check --cache "$build/cache" --report "$build/snippets-report.json" snippets/ || status=$?
[ "$status" -le 1 ] || exit "$status"
echo "report: $build/snippets-report.json (snipcheck explain $build/snippets-report.json ID shows one snippet)"
