#!/usr/bin/env python3
"""Docs examples: every ```aql block in docs/*.md that is followed by a ```json block is run
through `aql --json`, and its LAST response must match the json block. See tests/golden/README.md.

  run_docs.py --aql BUILD/tools/aql/aql [--docs DOCS_DIR] [FILE...]

Ends with "summary: N passed, N failed"."""

import argparse
import glob
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aqltest import json_matches, run_aql  # noqa: E402

FENCE_RE = re.compile(r"^(```+|~~~+)[ \t]*([^\n`]*)$")


def fenced_blocks(text):
    """Yields (info_words, body, first_line, line_after_block) for every fenced block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i].strip())
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2).split()
        start = i
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i])
            i += 1
        yield info, "\n".join(body) + "\n", start + 1, i + 1
        i += 1


def examples(path):
    """The ```aql blocks of a file, in order: (line, aql, attributes, expected json text or None)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = list(fenced_blocks(text))
    lines = text.split("\n")
    result = []
    for k, (info, body, line, end) in enumerate(blocks):
        if not info or info[0] != "aql":
            continue
        expected = None
        if k + 1 < len(blocks):
            ninfo, nbody, nline, _ = blocks[k + 1]
            between = "\n".join(lines[end:nline - 1]).strip()
            if ninfo and ninfo[0] == "json" and between == "":
                expected = nbody
        result.append((line, body, set(info[1:]), expected))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aql", required=True)
    parser.add_argument("--docs", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                       "..", "..", "docs"))
    parser.add_argument("files", nargs="*", help="markdown files (default: DOCS/*.md)")
    opts = parser.parse_args()
    aql = os.path.abspath(opts.aql)
    files = opts.files or sorted(glob.glob(os.path.join(opts.docs, "*.md")))

    passed = failed = 0
    for path in files:
        name = os.path.relpath(path)
        with tempfile.TemporaryDirectory(prefix="aql-docs-") as tmp:
            db_count = 0
            db = None
            for line, body, attrs, expected in examples(path):
                if "norun" in attrs:
                    continue
                if db is None or "reset" in attrs:
                    db_count += 1
                    db = os.path.join(tmp, "doc%d.db" % db_count)
                stdout, stderr, status = run_aql(aql, [db, "--json"], tmp, body.encode("utf-8"))
                if expected is None:
                    continue
                label = "%s:%d" % (name, line)
                problem = None
                try:
                    want = json.loads(expected)
                except ValueError as e:
                    problem = "the json block is not valid JSON: %s" % e
                if problem is None:
                    out_lines = [l for l in stdout.splitlines() if l.strip()]
                    if not out_lines:
                        problem = "aql printed no response (exit %s): %s" % (status, stderr.strip()[:500])
                    else:
                        try:
                            got = json.loads(out_lines[-1])
                            problem = json_matches(want, got)
                            if problem:
                                problem += "\n  response: " + out_lines[-1][:1000]
                        except ValueError:
                            problem = "aql printed something that is not JSON: " + out_lines[-1][:500]
                if problem:
                    failed += 1
                    print("FAIL %s: %s" % (label, problem))
                else:
                    passed += 1
    print("summary: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
