#!/usr/bin/env bash
# The main job: build, then run examples/quickstart.aql in the aql shell against the embedded
# in-memory database, printing each response.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec ./build/tools/aql/aql -f examples/quickstart.aql
