#!/usr/bin/env bash
# Sets up, builds (Release) and starts Parlor at http://localhost:4000 with its
# data under ./var. Extra arguments go to `parlor serve` (see `parlor serve --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARLOR_TESTS=OFF \
  -DPARLOR_BENCH=OFF >/dev/null
cmake --build build/release --target parlor client_bundle
mkdir -p var
echo "Parlor: http://localhost:${PARLOR_PORT:-4000}"
exec build/release/src/app/parlor serve --port "${PARLOR_PORT:-4000}" --data var "$@"
