#!/usr/bin/env bash
# CPU per received and per sent 48 kHz mono audio stream and per received 1280x720 30 fps video
# stream, RoomFlux against LiveKit's Python SDK 1.2.1 and Node SDK, each peer a process of its own,
# measured at the same time over the same window; written into docs/PERFORMANCE.md by
# benchmarks/media_report.py.
#
#   benchmarks/media-cpu.sh [rounds=3] [window seconds=20]
#
# Builds the benchmarks module and what it needs (`mvn package` + `dependency:build-classpath`,
# never install), installs livekit-server v1.13.5, the Python venv and the Node SDK if missing,
# then runs io.roomflux.benchmarks.MediaCpuBench in a throwaway network namespace
# (scripts/netns-java; as root) where it starts the server and every peer (MediaPeer,
# benchmarks/python/media_peer.py, benchmarks/node/media_peer.cjs). Per round and scenario the
# peers start in an order rotated by one each round; every peer's CPU is utime+stime from
# /proc/<pid>/stat over the same window, in % of one core.
#
# Environment (defaults in brackets):
#   MEDIA_SCENARIOS [recv-audio,send-audio,recv-video]   MEDIA_SETTLE [60] seconds before each window (the JIT's warm-up;
#                     its CPU is reported apart)
#   MEDIA_JAVA_OPTS   options for the RoomFlux peer JVMs, separated by commas [none]
#   MEDIA_DOC [docs/PERFORMANCE.md]  the file to rewrite; "none" only prints the section
#   MEDIA_OUT [benchmarks/target/media-cpu]  results.txt and every peer's stderr
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
rounds=${1:-3}
window=${2:-20}
[[ $rounds =~ ^[1-9][0-9]*$ && $window =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: $0 [rounds] [window seconds]" >&2; exit 64; }
scenarios=${MEDIA_SCENARIOS:-recv-audio,send-audio,recv-video}
settle=${MEDIA_SETTLE:-60}
doc=${MEDIA_DOC:-docs/PERFORMANCE.md}
out=${MEDIA_OUT:-benchmarks/target/media-cpu}
say() { echo "media-cpu: $*" >&2; }

: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
say "building (mvn package -pl benchmarks -am, tests skipped)"
mkdir -p benchmarks/target
if ! mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath \
  -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" -Dmdep.includeScope=runtime >benchmarks/target/media-build.log 2>&1; then
  tail -n 40 benchmarks/target/media-build.log >&2
  say "the build failed (log: benchmarks/target/media-build.log)"
  exit 1
fi
deps=$(cat benchmarks/target/classpath.txt)
# RoomFlux's own jars must come from this checkout's build, never from a shared ~/.m2.
if tr ':' '\n' <<<"$deps" | grep '/io/roomflux/' | grep -v "^$repo/" >&2; then
  say "the class path takes RoomFlux jars from outside this checkout (above)"
  exit 1
fi
cp="$repo/benchmarks/target/classes:$deps"
say "installing the peers if missing"
scripts/livekit-server.sh install >/dev/null
python=$(scripts/python-peer.sh install | tail -n 1)
node_modules=$(scripts/node-peer.sh install | tail -n 1)
node_sdk=$(node -p 'require(process.argv[1] + "/@livekit/rtc-node/package.json").version' "$node_modules")
node_core=$(node -p 'require(process.argv[1] + "/@livekit/rtc-ffi-bindings/package.json").version' "$node_modules")

mkdir -p "$out"
results=$out/results.txt
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "load before: $load_before; $rounds rounds of $scenarios, ${window} s windows; peers' logs in $out"
rc=0
scripts/netns-java --enable-native-access=ALL-UNNAMED -Droomflux.repo="$repo" \
  -Droomflux.buildDir="$repo/benchmarks/target" -cp "$cp" io.roomflux.benchmarks.MediaCpuBench \
  "scenarios=$scenarios" "rounds=$rounds" "window=$window" "settle=$settle" "python=$python" \
  "node_modules=$node_modules" "clk_tck=$(getconf CLK_TCK)" "out=$out" "java_opts=${MEDIA_JAVA_OPTS:-}" \
  >"$results" || rc=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
say "load after: $load_after"
if ! grep -q '^RESULT .*cpu_pct=' "$results"; then
  say "no measurement at all (exit $rc); see the lines above and $out"
  exit 1
fi
(( rc == 0 )) || say "some peers failed (exit $rc): the report lists them and $doc is left alone"
python3 benchmarks/media_report.py "$results" --rounds "$rounds" --window "$window" --settle "$settle" \
  --scenarios "$scenarios" --started "$started" --load-before "$load_before" --load-after "$load_after" \
  --cores "$(nproc)" --node-sdk "$node_sdk" --node-core "$node_core" --java-opts "${MEDIA_JAVA_OPTS:-}" \
  --doc "$([[ $rc != 0 ]] && echo none || echo "$doc")"
exit "$rc"
