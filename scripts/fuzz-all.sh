#!/usr/bin/env bash
# Runs every `go test -fuzz` target in the module for the given time each (default 20s).
set -euo pipefail
dur=${1:-20s}
for pkg in $(go list ./...); do
  for fz in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    echo "== $pkg $fz"
    go test -run '^$' -fuzz "^${fz}\$" -fuzztime "$dur" "$pkg"
  done
done
