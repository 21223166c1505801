#!/bin/sh
# Copies the ANTLR 4.9 runtime headers to $2 with the one line clang rejects (a default
# constructor of misc::InterpreterData that cannot exist; GCC ignores it while unused) removed.
# Used only by the fuzz build (meson -Dfuzz=true), which compiles with clang.
set -e
rm -rf "$2"
cp -r "$1" "$2"
sed -i 's|^\( *\)InterpreterData() {}; // For invalid content.|\1// (removed for clang: tools/fuzz/antlr_headers.sh)|' "$2/misc/InterpreterDataReader.h"
