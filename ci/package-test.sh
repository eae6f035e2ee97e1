#!/usr/bin/env bash
# Hooks and dpkg-query formats are single-quoted on purpose: they expand later, elsewhere.
# shellcheck disable=SC2016
# From the source tree to a fresh Debian root: builds the .deb (ci/package.sh), makes a
# bookworm root with mmdebstrap from this machine's own apt sources, installs the package
# there with ci/install-snipcheck.sh --no-toolchains (the Containerfile runs the same script),
# then, inside that root, runs `snipcheck --version` and checks snippets/ with rustup's
# stable and nightly bind-mounted read-only from /root/.rustup and /root/.cargo (the only
# host paths the root sees, besides the snippets and a scratch cache). The verdicts must
# equal the build tree's on the same articles. Prints timings. Root only.
# usage: ci/package-test.sh [WORKDIR]   (default: $SNIPCHECK_BUILD_DIR/package-test)
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build="${SNIPCHECK_BUILD_DIR:-build}"
work=$(realpath -m "${1:-$build/package-test}")
[ "$(id -u)" -eq 0 ] || { echo "package-test: run as root (mmdebstrap, apt)" >&2; exit 2; }
command -v mmdebstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null; }
now() { date +%s.%N; }
took() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
rm -rf "$work/root" "$work/out"; mkdir -p "$work/out" "$work/debs"

t=$(now)
deb=$(ci/package.sh)
echo "package-test: built $(basename "$deb") in $(took "$t") s"

# The mirror is whatever this machine's apt uses: its sources files, handed to mmdebstrap
# as they are (enabled ones only: *.list and *.sources).
sources=()
etc=$(apt-config shell D Dir::Etc | sed -n "s/^D='\(.*\)'$/\1/p"); etc="/${etc#/}"
[ -s "$etc/sources.list" ] && grep -qE '^\s*deb\s' "$etc/sources.list" && sources+=("$etc/sources.list")
for f in "$etc"/sources.list.d/*.list "$etc"/sources.list.d/*.sources; do
  [ -f "$f" ] && grep -qE 'debian(-security)?/?\s*$|/debian(-security)?\b' "$f" && sources+=("$f")
done
((${#sources[@]})) || { echo "package-test: no Debian apt sources on this machine" >&2; exit 2; }

t=$(now)
# Downloaded .debs are kept in $work/debs between runs (sync-in before, sync-out after).
mmdebstrap --quiet --variant=apt --mode=root bookworm "$work/root" "${sources[@]}" \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives' \
  --setup-hook="sync-in '$work/debs' /var/cache/apt/archives" \
  --aptopt='APT::Keep-Downloaded-Packages "true"' \
  --customize-hook="copy-in '$deb' '$src/ci/install-snipcheck.sh' /tmp" \
  --customize-hook="chroot \"\$1\" /tmp/install-snipcheck.sh --no-toolchains /tmp/$(basename "$deb")" \
  --customize-hook="sync-out /var/cache/apt/archives '$work/debs'"
echo "package-test: made the Debian root and installed the package in $(took "$t") s"
echo "package-test: $(chroot "$work/root" dpkg-query -W -f='${binary:Package} ${Version}\n' snipcheck) in a root of $(chroot "$work/root" dpkg-query -W -f='.\n' | wc -l) packages"

# Inside the root: bubblewrap as the chroot (no mounts on the host), the toolchains
# read-only, the articles read-only, a cache and the reports in $work/out.
inside() {
  bwrap --bind "$work/root" / --proc /proc --dev /dev --tmpfs /tmp \
    --ro-bind /root/.rustup /root/.rustup --ro-bind /root/.cargo /root/.cargo \
    --ro-bind "$src/snippets" /articles --bind "$work/out" /out \
    --clearenv --setenv HOME /root --setenv PATH /root/.cargo/bin:/usr/bin:/bin --setenv LANG C.UTF-8 \
    --chdir / -- "$@"
}
inside snipcheck --version
t=$(now)
set +e
inside snipcheck check --color never --cache /out/cache --report /out/installed.json /articles >"$work/out/installed.txt"
rc_installed=$?
set -e
echo "package-test: check of snippets/ inside the root: exit $rc_installed in $(took "$t") s (cold cache: crate sets built there)"

t=$(now)
set +e
"$build/cli/snipcheck" check --color never --cache "${SNIPCHECK_CACHE:-$HOME/.cache/snipcheck}" \
  --report "$work/out/tree.json" snippets >"$work/out/tree.txt"
rc_tree=$?
set -e
echo "package-test: check of snippets/ by the build tree: exit $rc_tree in $(took "$t") s"

python3 - "$work/out/installed.json" "$work/out/tree.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
va = {s["id"]: (s["verdict"], s.get("subkind", "")) for s in a["snippets"]}
vb = {s["id"]: (s["verdict"], s.get("subkind", "")) for s in b["snippets"]}
diff = sorted(k for k in va.keys() | vb.keys() if va.get(k) != vb.get(k))
for k in diff:
    print(f"package-test: {k}: installed {va.get(k)} vs build tree {vb.get(k)}")
print(f"package-test: {len(va)} snippets, {len(va) - len(diff)} same verdict and subkind, {len(diff)} different")
sys.exit(1 if diff or not va else 0)
PY
[ "$rc_installed" -eq "$rc_tree" ] || { echo "package-test: exit codes differ ($rc_installed vs $rc_tree)" >&2; exit 1; }
echo "package-test: ok"
