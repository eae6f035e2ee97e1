#!/usr/bin/env bash
# Installs what snipcheck needs on a Debian machine, only when something is missing.
# Build stack, sandbox and shell tools, headless Chromium (the HTML report's browser test), and
# the Debian-packaged crates of the default registry.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev
  libboost1.81-dev nlohmann-json3-dev catch2 libtomlplusplus-dev libcli11-dev libfmt-dev libssl-dev
  libre2-dev bubblewrap shellcheck libxml2-utils librsvg2-bin time
  clang libclang-rt-14-dev chromium
  librust-tokio-dev librust-serde-dev librust-serde-derive-dev librust-serde-json-dev
  librust-anyhow-dev librust-thiserror-dev librust-clap-dev librust-clap-2-dev
  librust-tracing-dev librust-tracing-subscriber-dev librust-futures-dev librust-reqwest-dev
  librust-rand-dev librust-regex-dev librust-rayon-dev librust-chrono-dev librust-itertools-dev
  librust-hyper-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "snipcheck setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Building the package (action.yml's package command) needs no Rust toolchain.
[ -z "${SNIPCHECK_SETUP_BUILD_ONLY:-}" ] || exit 0
for tool in rustc cargo; do
  command -v "$tool" >/dev/null || { echo "snipcheck setup: $tool not found (rustup stable + nightly expected)" >&2; exit 2; }
done
