#!/usr/bin/env python3
"""Golden tests: runs every tests/golden/<feature>/<name> case through the real `aql` binary
and compares its output with <name>.expected. See tests/golden/README.md.

  run_golden.py --aql BUILD/tools/aql/aql [--rewrite] [FILTER...]

Prints one line per failure (with a diff) and ends with "summary: N passed, N failed"."""

import argparse
import difflib
import os
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aqltest import normalize, run_aql  # noqa: E402

CASE_SUFFIXES = (".aql", ".args", ".stdin", ".gen.py")


def find_cases(root):
    """Yields (feature_dir, name) for every case, sorted."""
    cases = set()
    for feature in sorted(os.listdir(root)):
        fdir = os.path.join(root, feature)
        if not os.path.isdir(fdir) or feature.startswith((".", "_")):
            continue
        for f in os.listdir(fdir):
            for suffix in CASE_SUFFIXES:
                if f.endswith(suffix):
                    cases.add((fdir, f[: -len(suffix)]))
    return sorted(cases)


def invocations(fdir, name):
    """The argument lists of a case: one per line of NAME.args, else `--json -f NAME.aql`."""
    args_file = os.path.join(fdir, name + ".args")
    if os.path.exists(args_file):
        result = []
        with open(args_file, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    result.append(shlex.split(line))
        return result
    if os.path.exists(os.path.join(fdir, name + ".aql")):
        return [["--json", "-f", name + ".aql"]]
    return [["--json"]]


def stdin_of(fdir, name):
    path = os.path.join(fdir, name + ".stdin")
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    gen = os.path.join(fdir, name + ".gen.py")
    if os.path.exists(gen):
        return subprocess.run([sys.executable, gen], cwd=fdir, check=True,
                              capture_output=True).stdout
    return b""


def run_case(aql, fdir, name):
    """Runs a case and returns its normalized transcript (the text .expected holds)."""
    out = []
    stdin = stdin_of(fdir, name)
    with tempfile.TemporaryDirectory(prefix="aql-golden-") as tmp:
        for args in invocations(fdir, name):
            args = [a.replace("{tmp}", tmp) for a in args]
            stdout, stderr, status = run_aql(aql, args, fdir, stdin)
            shown = " ".join(shlex.quote(a.replace(tmp, "{tmp}")) for a in args)
            out.append("$ aql %s\n" % shown)
            out.append(stdout if stdout.endswith("\n") or not stdout else stdout + "\n")
            if stderr:
                out.append("[stderr]\n")
                out.append(stderr if stderr.endswith("\n") else stderr + "\n")
            out.append("[exit %s]\n" % status)
    return normalize("".join(out).replace(tmp, "{tmp}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aql", required=True, help="the aql binary to test")
    parser.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)),
                        help="the golden test folder (default: this script's)")
    parser.add_argument("--rewrite", action="store_true",
                        help="write the actual output into the .expected files")
    parser.add_argument("filters", nargs="*", help="run only cases whose feature/name contains one")
    opts = parser.parse_args()
    aql = os.path.abspath(opts.aql)

    passed = failed = rewritten = 0
    for fdir, name in find_cases(opts.dir):
        label = "%s/%s" % (os.path.basename(fdir), name)
        if opts.filters and not any(f in label for f in opts.filters):
            continue
        try:
            actual = run_case(aql, fdir, name)
        except Exception as e:  # a broken case (e.g. its .gen.py failed) is a failure, not a crash
            actual = "[runner error] %s\n" % e
        expected_path = os.path.join(fdir, name + ".expected")
        expected = None
        if os.path.exists(expected_path):
            with open(expected_path, encoding="utf-8", errors="replace") as f:
                expected = f.read()
        if actual == expected:
            passed += 1
            continue
        if opts.rewrite:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(actual)
            rewritten += 1
            passed += 1
            print("rewrote %s" % label)
            continue
        failed += 1
        print("FAIL %s" % label)
        if expected is None:
            print("  no %s.expected; actual output:" % name)
            print("".join("  | " + l for l in actual.splitlines(True))[:4000])
        else:
            diff = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected", "actual")
            print("".join("  " + l for l in diff)[:4000])
    if failed:
        print("If these changes are deliberate, regenerate the expectations and review the diff:\n"
              "  python3 tests/golden/run_golden.py --aql build/tools/aql/aql --rewrite && git diff tests/golden")
    if rewritten:
        print("rewrote %d expectation(s); review them with git diff tests/golden" % rewritten)
    print("summary: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
