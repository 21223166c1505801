#!/usr/bin/env bash
# Installs every Debian 12 package the build and the tests need. Idempotent: installs only what
# is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(g++ meson ninja-build pkg-config antlr4 libantlr4-runtime-dev libsqlite3-dev
          rapidjson-dev libboost-fiber-dev libboost-program-options-dev doctest-dev
          libedit-dev libre2-dev make python3)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq || true
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
