#!/usr/bin/env python3
"""Writes the seed corpus for aql_fuzz: every ```aql block of docs/*.md, every tests/golden/**/*.aql,
and a few inputs with variables, one file each, into the folder given (default build-fuzz/corpus)."""
import hashlib
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else root / "build-fuzz" / "corpus")
out.mkdir(parents=True, exist_ok=True)

texts = []
for md in sorted((root / "docs").glob("*.md")):
    texts += re.findall(r"^```aql[^\n]*\n(.*?)^```", md.read_text(), flags=re.S | re.M)
for aql in sorted((root / "tests" / "golden").rglob("*.aql")):
    texts.append(aql.read_text(errors="replace"))

# A few with variables, in the harness's format (AQL, a "#vars" line, JSON).
texts += [
    'query ($n: Int) { users(where: {age: {gte: $n}}) { id name } }\n#vars{"n": 18}',
    'mutation ($d: Object) { insertInto(collection: "products", data: $d) { id } }\n#vars{"d": {"id": "p9", "price": 1e308}}',
    'mutation ($t: String) { enqueueJob(type: $t, payload: {a: [1, {b: null}]}) { jobId } }\n#vars{"t": "x"}',
    'query ($w: Object) { _jobs(where: $w) { id status } }\n#vars{"w": {"status": {"eq": "PENDING"}}}',
]

# Inputs of bugs it found (regression seeds; each has a unit test too).
texts += [
    '{ users { a: name | substring(start: 1, length: 9223372036854775807) } }',
    'mutation { insertMany(collection: "big", data: [{n: 9223372036854775807}, {n: 9223372036854775807}]) { affected } }\n'
    '{ big { aggregate { sum(field: "n") } } }',
    'mutation { update(collection: "users", where: {id: {eq: "u1"}}, data: {age: {increment: 9223372036854775807}}) { affected } }',
    '{ users { ...F0 } }\n' + ''.join(f'fragment F{i} on users {{ ...F{i + 1} ...F{i + 1} }}\n' for i in range(30))
    + 'fragment F30 on users { id }',
    'mutation { insertInto(collection: "Products", data: {id: "P1"}) { id } }',
]

n = 0
for t in texts:
    if not t.strip():
        continue
    name = hashlib.sha1(t.encode()).hexdigest()
    (out / name).write_text(t)
    n += 1
print(f"{n} files in {out}")
