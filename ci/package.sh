#!/usr/bin/env bash
# Builds snipcheck and its Debian package: build/snipcheck_VERSION_ARCH.deb (or under
# $SNIPCHECK_BUILD_DIR). Prints the .deb's path and its control fields.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${SNIPCHECK_BUILD_DIR:-build}"
ci/build.sh >&2
(cd "$build" && cpack -G DEB >/dev/null)
# shellcheck disable=SC2012 # names of our own making
deb=$(ls -t "$build"/snipcheck_*.deb | head -n 1)
dpkg-deb --field "$deb" Package Version Architecture Depends >&2
realpath "$deb"
