#!/usr/bin/env bash
# Disconnect -> disposed latency of RoomFlux (room.disconnect() and the usingWhen scope of
# LiveKit.withRoomMono) against LiveKit's Python SDK 1.2.1 (await room.disconnect()), interleaved
# cycle by cycle on one real livekit-server (io.roomflux.benchmarks.DisconnectLatency), written into
# docs/PERFORMANCE.md by benchmarks/disconnect_report.py.
#
#   benchmarks/disconnect-latency.sh [cycles per round=200] [rounds=3]
#
# Builds the benchmarks (package + dependency:build-classpath in one Maven run, never install),
# installs livekit-server (scripts/livekit-server.sh) and the Python SDK's venv
# (scripts/python-peer.sh) where the package registries are reachable, then runs each round in a
# fresh JVM inside a throwaway network namespace (scripts/netns-java; plain mode when not root),
# which starts its own dev-mode livekit-server there and the Python peer beside it.
# DISCONNECT_DOC=none prints the section without touching docs/PERFORMANCE.md.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
cycles=${1:-200}
rounds=${2:-3}
doc=${DISCONNECT_DOC:-docs/PERFORMANCE.md}
[[ $cycles =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] \
  || { echo "usage: $0 [cycles per round] [rounds] (positive numbers)" >&2; exit 64; }

: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
out=benchmarks/target/disconnect
mkdir -p "$out"
echo "disconnect-latency: building the benchmarks (log: $out/build.log)" >&2
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath \
  -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; echo "disconnect-latency: the build failed (log: $out/build.log)" >&2; exit 1; }
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
scripts/livekit-server.sh install >/dev/null
python=$(scripts/python-peer.sh install | tail -n 1)

results="$out/results.txt"
: >"$results"
failed=0
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 1; r <= rounds; r++)); do
  load1=$(cut -d' ' -f1 /proc/loadavg)
  log="$out/r$r.log"
  echo "disconnect-latency: round $r/$rounds, $cycles cycles (load $load1; log: $log)" >&2
  # Progress lines on stderr as they come; the JVM's own exit status decides.
  set +o pipefail
  scripts/netns-java --enable-native-access=ALL-UNNAMED -Droomflux.repo="$repo" \
    -Droomflux.buildDir="$repo/benchmarks/target" -cp "$cp" io.roomflux.benchmarks.DisconnectLatency \
    "python=$python" "cycles=$cycles" warmup=10 2>&1 | tee "$log" | { grep --line-buffered '^disconnect-latency:' >&2 || true; }
  rc=${PIPESTATUS[0]}
  set -o pipefail
  lines=$(sed -n 's/^RESULT disconnect //p' "$log")
  if [[ -n $lines ]]; then
    sed "s/^/round=$r load1=$load1 /" <<<"$lines" | tee -a "$results"
  fi
  if ((rc != 0)) || [[ $(grep -c . <<<"$lines") -ne 3 ]] || grep -q 'FAILED\|failures=[1-9]' "$log"; then
    echo "disconnect-latency: round $r FAILED; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    failed=1
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/disconnect_report.py "$results" --cycles "$cycles" --rounds "$rounds" \
  --started "$started" --load-before "$load_before" --load-after "$load_after" --cores "$(nproc)" \
  --failed "$failed" --doc "$doc"
exit "$failed"
