#!/usr/bin/env bash
# Install test: `meson install` into a temporary DESTDIR, then build examples/embed with
# pkg-config from there (as a program outside the tree would), run it, and compare its output
# with examples/embed/expected_output.txt.
#   run_install_test.sh BUILD_DIR SOURCE_DIR [--rewrite]
set -uo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
rewrite=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL install: $*"; echo "summary: 0 passed, 1 failed"; exit 1; }

meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet >"$tmp/install.log" 2>&1 \
  || { cat "$tmp/install.log"; fail "meson install failed"; }
pc=$(find "$tmp/root" -name aurora.pc | head -n 1)
[ -n "$pc" ] || fail "aurora.pc was not installed"
for h in aurora.h database.h json.h response.h error.h config.h job.h; do
  [ -n "$(find "$tmp/root" -path "*/include/aurora/$h")" ] || fail "header aurora/$h was not installed"
done
[ -n "$(find "$tmp/root" -path '*/bin/aql')" ] || fail "the aql shell was not installed"

# pkg-config as a user of the installed tree: the .pc's own paths, relocated under DESTDIR.
export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_SYSROOT_DIR="$tmp/root"
pkg-config --exists aurora || fail "pkg-config cannot use aurora.pc: $(pkg-config --print-errors --exists aurora 2>&1)"
echo "pkg-config --cflags --libs aurora: $(pkg-config --cflags --libs aurora)"

make -s -C "$src/examples/embed" OUT="$tmp" >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; fail "examples/embed did not build"; }
libdir=$(dirname "$(find "$tmp/root" -name 'libaurora.so*' | head -n 1)")
LD_LIBRARY_PATH="$libdir" "$tmp/embed" >"$tmp/out.txt" 2>&1
echo "[exit $?]" >>"$tmp/out.txt"

expected="$src/examples/embed/expected_output.txt"
if [ "$rewrite" = "--rewrite" ]; then
  cp "$tmp/out.txt" "$expected"
  echo "rewrote $expected"
fi
if ! diff -u "$expected" "$tmp/out.txt"; then
  echo "(if the change is deliberate: bash tests/install/run_install_test.sh build . --rewrite)"
  fail "examples/embed printed something else than examples/embed/expected_output.txt"
fi
echo "summary: 1 passed, 0 failed"
