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
# Downloaded .debs are kept in $work/debs between runs (copied in before, out after; the
# hooks run on this machine in --mode=root, $1 being the new root).
mmdebstrap --quiet --variant=apt --mode=root bookworm "$work/root" "${sources[@]}" \
  --setup-hook='mkdir -p "$1"/var/cache/apt/archives' \
  --setup-hook="find '$work/debs' -name '*.deb' -exec cp -t \"\$1\"/var/cache/apt/archives {} +" \
  --aptopt='APT::Keep-Downloaded-Packages "true"' \
  --customize-hook="cp '$deb' '$src/ci/install-snipcheck.sh' \"\$1\"/tmp/" \
  --customize-hook="chroot \"\$1\" /tmp/install-snipcheck.sh --no-toolchains /tmp/$(basename "$deb")" \
  --customize-hook="find \"\$1\"/var/cache/apt/archives -name '*.deb' -exec cp -n -t '$work/debs' {} +"
echo "package-test: made the Debian root and installed the package in $(took "$t") s"
echo "package-test: $(chroot "$work/root" dpkg-query -W -f='${binary:Package} ${Version}\n' snipcheck) in a root of $(chroot "$work/root" dpkg-query -W -f='.\n' | wc -l) packages"

# Inside the root: a private mount namespace whose root is pivoted to it (not chroot: the
# kernel refuses user namespaces, so bubblewrap, to a chrooted process), the old root then
# unmounted with its own umount; the toolchains and the articles read-only, the reports in
# $work/out, and the cache (empty unless SNIPCHECK_PACKAGE_TEST_CACHE, see below).
cache_host="${SNIPCHECK_PACKAGE_TEST_CACHE:-$work/out/cache}"
mkdir -p "$cache_host"
inside() {
  unshare --mount --propagation private /bin/sh -ec '
    r=$1; shift
    mount --bind "$r" "$r"
    mount -t proc proc "$r/proc"; mount --rbind /dev "$r/dev"; mount -t tmpfs tmpfs "$r/tmp"
    mkdir -p "$r/root/.rustup" "$r/root/.cargo" "$r/articles" "$r/out" "$r/cache" "$r/.old"
    for m in /root/.rustup:/root/.rustup:ro /root/.cargo:/root/.cargo:ro "$SRC/snippets:/articles:ro" \
             "$WORK/out:/out:rw" "$CACHE:/cache:rw"; do
      from=${m%%:*}; rest=${m#*:}; to=${rest%%:*}
      mount --bind "$from" "$r$to"
      [ "${rest#*:}" = rw ] || mount -o remount,bind,ro "$r$to"
    done
    cd "$r"; pivot_root . .old; cd /
    /.old/lib64/ld-linux-x86-64.so.2 --library-path /.old/lib/x86_64-linux-gnu:/.old/usr/lib/x86_64-linux-gnu \
      /.old/usr/bin/umount -l /.old
    exec /usr/bin/env -i HOME=/root PATH=/root/.cargo/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"' \
    sh "$work/root" "$@"
}
export SRC="$src" WORK="$work" CACHE="$cache_host"
inside snipcheck --version
# The cache inside is empty by default (the crate sets are built in the root); with
# SNIPCHECK_PACKAGE_TEST_CACHE=DIR it is DIR, and DIR's crate sets are reused.
cache_inside=/cache
t=$(now)
set +e
inside snipcheck check --color never --cache "$cache_inside" --report /out/installed.json /articles >"$work/out/installed.txt"
rc_installed=$?
set -e
echo "package-test: check of snippets/ inside the root: exit $rc_installed in $(took "$t") s (cache: ${SNIPCHECK_PACKAGE_TEST_CACHE:-empty, crate sets built there})"

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
# Ids carry the path each run was given (/articles inside, snippets here): compare by the
# article's path below that folder and the line.
def key(s, root):
    article = s["article"]
    return article[article.index(root) + len(root):].lstrip("/") + f":{s['start_line']}"
va = {key(s, "articles"): (s["verdict"], s.get("subkind", "")) for s in a["snippets"]}
vb = {key(s, "snippets"): (s["verdict"], s.get("subkind", "")) for s in b["snippets"]}
diff = sorted(k for k in va.keys() | vb.keys() if va.get(k) != vb.get(k))
for k in diff:
    print(f"package-test: {k}: installed {va.get(k)} vs build tree {vb.get(k)}")
print(f"package-test: {len(va)} snippets, {len(va) - len(diff)} same verdict and subkind, {len(diff)} different")
sys.exit(1 if diff or not va else 0)
PY
[ "$rc_installed" -eq "$rc_tree" ] || { echo "package-test: exit codes differ ($rc_installed vs $rc_tree)" >&2; exit 1; }
echo "package-test: ok"
