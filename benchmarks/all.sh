#!/usr/bin/env bash
# Every measurement of docs/PERFORMANCE.md, one after the other, each by its own script with its
# defaults; each script runs its contenders interleaved and rewrites its own section. Takes the
# machine for about two hours: run it where nothing else runs (the load before and after each
# measurement is in its section). Needs root for the network namespaces, JAVA_HOME at a JDK 25.
#
#   benchmarks/all.sh [script names to skip, e.g. participants,media-cpu]
#
# ab.sh (two revisions, before/after) is not part of it: it needs the revisions to compare.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
skip=",${1:-},"
failed=()
for bench in ffi-round-trip jmh dispatch-latency disconnect-latency data media-cpu participants server-agents; do
  if [[ $skip == *",$bench,"* ]]; then
    echo "== $bench: skipped"
    continue
  fi
  echo "== $bench ($(date -u '+%H:%M:%S'), load $(cut -d' ' -f1-3 /proc/loadavg))"
  if ! "benchmarks/$bench.sh"; then
    failed+=("$bench")
    echo "== $bench FAILED" >&2
  fi
done
if ((${#failed[@]})); then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
echo "all measurements written to docs/PERFORMANCE.md"
