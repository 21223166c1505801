"""Shared helpers of the golden and docs runners: running the real `aql` binary and making
its output comparable (generated ids and timestamps replaced by placeholders)."""

import re
import subprocess

# Generated ids are ULIDs (src/common/ids.cc): 26 Crockford base-32 characters, time first, so
# for the next few centuries they start with "0".
ID_RE = re.compile(r"(?<![0-9A-Za-z])0[0-9A-HJKMNP-TV-Z]{25}(?![0-9A-Za-z])")
# ISO-8601 UTC times as the engine writes them ("2026-11-28T13:29:41.123Z").
TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def normalize(text):
    """Replaces generated ids by <id> and timestamps by <time>."""
    return TIME_RE.sub("<time>", ID_RE.sub("<id>", text))


def run_aql(aql, args, cwd, stdin=b"", timeout=120):
    """Runs aql; returns (stdout, stderr, exit status) as text (invalid UTF-8 replaced)."""
    try:
        p = subprocess.run([aql] + list(args), cwd=cwd, input=stdin, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return "", "aql did not finish within %d s\n" % timeout, "timeout"
    status = p.returncode
    if status < 0:
        status = "killed by signal %d" % -status
    return (p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), status)


# --- JSON matching with placeholders (docs runner) -------------------------------------------
ANY_VALUE = ("…", "...", "<any>")
ANY_STRING = ("<id>", "<time>")
REST = "…"  # as the last array element: any further elements; as an object key: any other members


def json_matches(expected, actual, path="$"):
    """Returns None when `actual` matches `expected` (with placeholders), else a message."""
    if isinstance(expected, str) and expected in ANY_VALUE:
        return None
    if isinstance(expected, str) and expected in ANY_STRING:
        return None if isinstance(actual, str) else "%s: expected a string, got %r" % (path, actual)
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return "%s: expected an object, got %r" % (path, actual)
        open_ended = REST in expected
        for key, value in expected.items():
            if key == REST:
                continue
            if key not in actual:
                return "%s: missing member %r" % (path, key)
            problem = json_matches(value, actual[key], "%s.%s" % (path, key))
            if problem:
                return problem
        if not open_ended:
            extra = [k for k in actual if k not in expected]
            if extra:
                return "%s: unexpected member(s) %s" % (path, ", ".join(map(repr, extra)))
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return "%s: expected an array, got %r" % (path, actual)
        open_ended = len(expected) > 0 and expected[-1] == REST
        items = expected[:-1] if open_ended else expected
        if len(actual) < len(items) or (not open_ended and len(actual) != len(items)):
            return "%s: expected %s%d element(s), got %d" % (
                path, "at least " if open_ended else "", len(items), len(actual))
        for i, item in enumerate(items):
            problem = json_matches(item, actual[i], "%s[%d]" % (path, i))
            if problem:
                return problem
        return None
    # Scalars: same JSON type and value (Python would say True == 1 and 1 == 1.0).
    def kind(v):
        if isinstance(v, bool):
            return "bool"
        if isinstance(v, (int, float)):
            return "number"
        return type(v).__name__
    if kind(expected) != kind(actual) or expected != actual:
        return "%s: expected %s, got %s" % (path, _short(expected), _short(actual))
    return None


def _short(v):
    import json
    text = json.dumps(v, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
