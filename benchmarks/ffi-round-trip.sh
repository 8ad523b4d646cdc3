#!/usr/bin/env bash
# The request round trip through RoomFlux against its floors and LiveKit's own SDKs, interleaved
# and rotated in one run, written into docs/PERFORMANCE.md by benchmarks/ffi_report.py.
#
#   benchmarks/ffi-round-trip.sh [iterations per round=200000] [rounds=5]
#
# Contenders (each a fresh process per round, one at a time, order rotated each round):
#   c       benchmarks/c/ffi_round_trip.c, compiled here with gcc -O2: the core's own cost
#   ffm     io.roomflux.benchmarks.FfiRoundTripBareFfm: bare java.lang.foreign, no protobuf
#   java    io.roomflux.benchmarks.FfiRoundTrip: RoomFlux's FfiClient
#   python  benchmarks/python/ffi_round_trip.py: LiveKit's Python SDK 1.2.1 (same core build)
#   node    benchmarks/node/ffi_round_trip.cjs: LiveKit's Node SDK (its own core build)
# FFI_DOC=none prints the section without touching docs/PERFORMANCE.md.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
iterations=${1:-200000}
rounds=${2:-5}
doc=${FFI_DOC:-docs/PERFORMANCE.md}

: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
out=benchmarks/target/ffi
mkdir -p "$out"
mvn -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" >/dev/null
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
python=$(scripts/python-peer.sh install | tail -n 1)
node_modules=$(scripts/node-peer.sh install | tail -n 1)
node_sdk=$(node -p 'require(process.argv[1] + "/@livekit/rtc-node/package.json").version' "$node_modules")
node_core=$(node -p 'require(process.argv[1] + "/@livekit/rtc-ffi-bindings/package.json").version' "$node_modules")
# The core RoomFlux loads: the one the natives module unpacked from the pinned wheel.
core=$(find natives/target/classes -name 'liblivekit_ffi.so' | head -n 1)
[ -n "$core" ] || { echo "ffi-round-trip: no liblivekit_ffi.so under natives/target/classes" >&2; exit 1; }
gcc -O2 -o "$out/ffi_round_trip" benchmarks/c/ffi_round_trip.c -ldl

java_opts=(--enable-native-access=ALL-UNNAMED)
run() {
  case "$1" in
    c) "$out/ffi_round_trip" "$core" "$iterations" 1 ;;
    ffm) "$JAVA_HOME/bin/java" "${java_opts[@]}" -cp "$cp" io.roomflux.benchmarks.FfiRoundTripBareFfm "$core" "$iterations" 1 ;;
    java) "$JAVA_HOME/bin/java" "${java_opts[@]}" -cp "$cp" io.roomflux.benchmarks.FfiRoundTrip "$iterations" 1 ;;
    python) "$python" benchmarks/python/ffi_round_trip.py "$iterations" 1 ;;
    node) node benchmarks/node/ffi_round_trip.cjs "$node_modules" "$iterations" 1 ;;
  esac
}

sides=(c ffm java python node)
results="$out/results.txt"
: >"$results"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < ${#sides[@]}; i++)); do
    side=${sides[$(((i + r - 1) % ${#sides[@]}))]}
    load1=$(cut -d' ' -f1 /proc/loadavg)
    if line=$(run "$side" 2>"$out/$side.err" | tee -a "$out/$side.log" | grep '^RESULT '); then
      echo "round=$r side=$side ns=$(awk '{print $3}' <<<"$line") load1=$load1" | tee -a "$results"
    else
      echo "ffi-round-trip: round $r $side failed; see $out/$side.err" >&2
    fi
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/ffi_report.py "$results" --iterations "$iterations" --rounds "$rounds" \
  --started "$started" --load-before "$load_before" --load-after "$load_after" --cores "$(nproc)" \
  --node-sdk "$node_sdk" --node-core "$node_core" --doc "$doc"
