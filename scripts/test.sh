#!/usr/bin/env bash
# Sets up, builds and runs every test: unit and conformance tests (ctest) on an
# ASan+UBSan build, the Node integration tests against that real binary, the
# bounded frame-decoder fuzz run, and the web client's unit and end-to-end
# (Chromium) tests.
# Scale knobs (defaults keep the whole run well under 30 minutes on 2 cores):
#   PARLOR_CONFORMANCE_GAMES  random games per option set and game (see docs/testing.md)
#   PARLOR_FUZZ_SECONDS       libFuzzer time budget (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-$(nproc)}
start=$(date +%s)
stage() { echo; echo "== $* ($(( $(date +%s) - start )) s)"; }

stage setup
scripts/setup.sh

stage "build (ASan + UBSan)"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DPARLOR_SANITIZE=ON -DPARLOR_BENCH=OFF >/dev/null
cmake --build build/asan -j "$JOBS"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

stage "unit and conformance tests (ctest)"
ctest --test-dir build/asan --output-on-failure -j "$JOBS"

if [ -f tests/package.json ]; then
  stage "integration tests (real server, real phoenix client)"
  # Bounded: a test that leaves a socket or server behind cannot hang CI.
  PARLOR_BIN="$PWD/build/asan/src/app/parlor" timeout 1200 \
    node --test --test-concurrency=1 --test-timeout=300000 tests/integration/
fi

if [ -f src/channels/frame_fuzz.cc ]; then
  stage "fuzz the frame decoder (${PARLOR_FUZZ_SECONDS:-30} s)"
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DPARLOR_FUZZ=ON -DPARLOR_TESTS=OFF -DPARLOR_BENCH=OFF >/dev/null
  cmake --build build/fuzz --target frame_fuzz -j "$JOBS"
  mkdir -p build/fuzz/corpus
  if ! build/fuzz/src/channels/frame_fuzz -max_total_time="${PARLOR_FUZZ_SECONDS:-30}" \
    -max_len=4096 -artifact_prefix=build/fuzz/ build/fuzz/corpus src/channels/fuzz_seeds \
    > build/fuzz/fuzz.log 2>&1; then
    grep -v '^INFO' build/fuzz/fuzz.log | tail -n 40
    echo "fuzz: the frame decoder failed; the input is in build/fuzz/crash-*"
    exit 1
  fi
  tail -n 2 build/fuzz/fuzz.log
fi

stage "web client unit tests (vitest)"
(cd client && npm test --silent)

stage "end-to-end tests (Chromium via playwright-core, real server)"
(cd client && PARLOR_BIN="$PWD/../build/asan/src/app/parlor" timeout 600 npm run e2e --silent)

stage "done"
