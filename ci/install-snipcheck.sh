#!/usr/bin/env bash
# Installs snipcheck from its .deb on a Debian bookworm machine (as root, or with sudo): apt
# resolves the package's Depends (bubblewrap, shellcheck, a C toolchain, Debian's packaged
# crates, the shared libraries). Then rustup's stable and nightly, which are not Debian
# packages, unless --no-toolchains (they are provided another way, e.g. bind-mounted).
# The one install path: ci/package-test.sh runs it in a fresh Debian root, the Containerfile
# and action.yml run it too.
# usage: ci/install-snipcheck.sh [--no-toolchains] [DEB | DIR]   (a DIR's newest snipcheck_*.deb;
# default DIR: build/)
set -euo pipefail
toolchains=1
deb=""
for arg in "$@"; do
  case "$arg" in
    --no-toolchains) toolchains=0 ;;
    -*) echo "install-snipcheck: unknown option $arg" >&2; exit 2 ;;
    *) deb="$arg" ;;
  esac
done
[ -n "$deb" ] || deb="$(dirname "$0")/../${SNIPCHECK_BUILD_DIR:-build}"
if [ -d "$deb" ]; then
  # shellcheck disable=SC2012 # names of our own making
  deb=$(ls -t "$deb"/snipcheck_*.deb 2>/dev/null | head -n 1 || true)
fi
[ -f "$deb" ] || { echo "install-snipcheck: no .deb (build one with ci/package.sh, or name it)" >&2; exit 2; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# A path with a slash makes apt install the file and resolve its Depends from the archive.
$SUDO apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >/dev/null
snipcheck --version

if ((toolchains)); then
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! rustc +stable --version >/dev/null 2>&1 || ! rustc +nightly --version >/dev/null 2>&1; then
    command -v rustup >/dev/null || {
      $SUDO apt-get install -y -qq --no-install-recommends curl >/dev/null
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain none
    }
    rustup toolchain install stable --profile minimal
    # nightly's docs hold the Unstable Book (feature gates for nightly-only verdicts).
    rustup toolchain install nightly --profile minimal --component rust-docs
  fi
  rustc +stable --version
  rustc +nightly --version
  [ -z "${GITHUB_PATH:-}" ] || echo "$HOME/.cargo/bin" >>"$GITHUB_PATH"
fi
