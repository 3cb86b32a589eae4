#!/usr/bin/env bash
# Installs what Parlor needs on Debian 12 and is quiet when everything is there.
# Idempotent: Debian packages are installed only when missing, npm trees only
# when their lock file changed since the last `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  g++ cmake ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev   # never libboost-dev: that is 1.74
  libsqlite3-dev libssl-dev
  libjemalloc-dev                          # the server's allocator (CMakeLists.txt, PARLOR_JEMALLOC)
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev                 # libFuzzer
  chromium                                 # end-to-end tests (playwright-core drives it)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm trees: `npm ci` when node_modules is missing or older than the lock file.
for dir in client tests; do
  [ -f "$dir/package-lock.json" ] || continue
  stamp="$dir/node_modules/.parlor-lock-sha"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$want" > "$stamp"
  fi
done
