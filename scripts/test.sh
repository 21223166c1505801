#!/usr/bin/env bash
# Builds and runs every test (unit and golden) through meson, then prints the total counted
# from the test programs' own summaries: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs "$@"
status=$?
log=build/meson-logs/testlog.txt
# doctest: "[doctest] test cases: 6 | 6 passed | 0 failed | 0 skipped"
# golden and other runners: "summary: N passed, N failed"
read -r passed failed < <(python3 - "$log" <<'PY'
import re, sys
text = open(sys.argv[1], errors="replace").read()
p = f = 0
for m in re.finditer(r"\[doctest\] test cases:\s*\d+ \|\s*(\d+) passed \|\s*(\d+) failed", text):
    p += int(m.group(1)); f += int(m.group(2))
for m in re.finditer(r"^summary: (\d+) passed, (\d+) failed", text, re.M):
    p += int(m.group(1)); f += int(m.group(2))
print(p, f)
PY
)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crash counts as a failure
echo "${passed} passed, ${failed} failed"
exit "$status"
