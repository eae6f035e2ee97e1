#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads the page of snippets/ and of a
# hostile article, and check_dom.py reads the DOM it dumps (blocks, verdict labels, the page's
# own filter self-test, ?filter=error, nothing injected); a screenshot of each is kept.
# Skips (exit 77) only when Chromium is missing and cannot be installed.
#
# usage: browser_test.sh SNIPCHECK SNIPPETS_DIR CACHE_DIR WORK_DIR
set -u
snipcheck="$1"; snippets="$2"; cache="$3"; work="$4"
here="$(cd "$(dirname "$0")" && pwd)"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "browser test: installing chromium" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >/dev/null 2>&1
  browser=$(command -v chromium || true)
fi
if [ -z "$browser" ]; then
  echo "SKIP: headless Chromium is not installed and cannot be installed here (apt-get install chromium)"
  exit 77
fi
rm -rf "$work"; mkdir -p "$work"
fails=0
chrome() {  # chrome URL ARGS...: a fresh profile per run, nothing reaching the network
  local url="$1"; shift
  local profile; profile=$(mktemp -d)
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" "$@" "$url" 2>>"$work/chromium.log"
  local rc=$?
  rm -rf "$profile"
  return $rc
}
page() {  # page NAME ARTICLE...
  local name="$1"; shift
  "$snipcheck" check --cache "$cache" --color never --report "$work/$name.json" --html "$work/$name.html" "$@" \
    >"$work/$name.out" 2>&1
  local rc=$?
  if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
    echo "FAIL $name: snipcheck check exited $rc"; cat "$work/$name.out"; fails=$((fails + 1)); return
  fi
  chrome "file://$work/$name.html?selftest=1" --dump-dom >"$work/$name.selftest.dom.html"
  python3 "$here/check_dom.py" "$work/$name.json" "$work/$name.selftest.dom.html" selftest || fails=$((fails + 1))
  chrome "file://$work/$name.html?filter=error" --dump-dom >"$work/$name.filter.dom.html"
  python3 "$here/check_dom.py" "$work/$name.json" "$work/$name.filter.dom.html" filter=error || fails=$((fails + 1))
  chrome "file://$work/$name.html" --screenshot="$work/$name.png" --window-size=1280,1600 --hide-scrollbars >/dev/null
  if [ -s "$work/$name.png" ]; then echo "screenshot: $work/$name.png"; else
    echo "FAIL $name: no screenshot"; fails=$((fails + 1)); fi
}
page snippets "$snippets"
hostile_dir="$work/hostile-articles"
mkdir -p "$hostile_dir"
cp "$here/hostile.md" "$hostile_dir/hostile\"<img src=x onerror=alert(1)>.md"
page hostile "$hostile_dir"
echo "browser: $fails failures"
[ "$fails" = 0 ]
