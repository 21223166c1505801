#!/usr/bin/env python3
"""Counts test cases from meson's testlog.json files: doctest's "[doctest] test cases: … |
N passed | N failed" lines and runners' "summary: N passed, N failed" lines. A test program
that failed (crashed, timed out, exited non-zero) without reporting a failure of its own counts
as one failure; a log that is missing counts as one failure.

  count_tests.py LOG.json... -> prints "PASSED FAILED"
"""
import json
import re
import sys

DOCTEST = re.compile(r"\[doctest\] test cases:\s*\d+\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")
SUMMARY = re.compile(r"^summary: (\d+) passed, (\d+) failed\s*$", re.M)
GOOD = {"OK", "SKIP", "EXPECTEDFAIL"}


def count(path):
    passed = failed = 0
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError:
        return 0, 1
    for line in lines:
        if not line.strip():
            continue
        try:
            test = json.loads(line)
        except ValueError:
            continue
        out = (test.get("stdout") or "") + "\n" + (test.get("stderr") or "")
        p = f = 0
        for m in DOCTEST.finditer(out):
            p += int(m.group(1))
            f += int(m.group(2))
        for m in SUMMARY.finditer(out):
            p += int(m.group(1))
            f += int(m.group(2))
        if test.get("result") not in GOOD and f == 0:
            f = 1
        passed += p
        failed += f
    return passed, failed


def main():
    passed = failed = 0
    for path in sys.argv[1:]:
        p, f = count(path)
        passed += p
        failed += f
    print(passed, failed)


if __name__ == "__main__":
    main()
