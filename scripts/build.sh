#!/usr/bin/env bash
# Sets up (packages), configures and builds into ./build. Idempotent. Shows the compiler's
# output only when the build fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -f build/build.ninja ]; then
  meson setup build >/dev/null
fi
if ! ninja -C build >build/build.log 2>&1; then
  tail -n 60 build/build.log >&2
  echo "build failed (full log: build/build.log)" >&2
  exit 1
fi
