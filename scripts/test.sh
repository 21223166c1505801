#!/usr/bin/env bash
# Sets up, builds and runs every test (unit, golden, docs examples, install) through meson, then
# prints the total counted from the test programs' own reports: "N passed, N failed".
#
#   bash scripts/test.sh              # the normal build in ./build
#   bash scripts/test.sh --sanitize   # also an ASan+UBSan build in ./build-asan (unit, golden and
#                                     # docs suites; counted in the total). CI runs this.
# Other arguments go to `meson test` (e.g. --suite golden).
set -uo pipefail
cd "$(dirname "$0")/.."

sanitize=0
args=()
for a in "$@"; do
  if [ "$a" = "--sanitize" ]; then sanitize=1; else args+=("$a"); fi
done

bash scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }
rm -f build/meson-logs/testlog.json
meson test -C build --print-errorlogs --num-processes 2 "${args[@]}"
status=$?
logs=(build/meson-logs/testlog.json)

if [ "$sanitize" -eq 1 ]; then
  echo "== sanitizer build (address, undefined) in build-asan"
  if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null \
      || { echo "0 passed, 1 failed"; exit 1; }
  fi
  if ninja -C build-asan -j2 >build-asan/build.log 2>&1; then
    rm -f build-asan/meson-logs/testlog.json
    meson test -C build-asan --print-errorlogs --num-processes 2 --no-suite install "${args[@]}" || status=1
  else
    tail -n 40 build-asan/build.log
    status=1
  fi
  logs+=(build-asan/meson-logs/testlog.json)
fi

read -r passed failed < <(python3 scripts/count_tests.py "${logs[@]}")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
