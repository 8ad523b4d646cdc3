#!/usr/bin/env bash
# Runs the request round-trip benchmark through RoomFlux (Java, FFM), through LiveKit's Python SDK
# (ctypes, the same pinned livekit-ffi core) and through LiveKit's Node SDK (napi, the core build
# that SDK pins), one after the other in one run, and prints a table. No server and no network
# are involved.
#
#   benchmarks/run.sh [iterations per round] [rounds]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
iterations=${1:-200000}
rounds=${2:-5}

: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -B -q -pl benchmarks -am install -DskipTests >/dev/null
python=$(scripts/python-peer.sh install | tail -n 1)
node_modules=$(scripts/node-peer.sh install | tail -n 1)
node_sdk=$(node -p 'require(process.argv[1] + "/@livekit/rtc-node/package.json").version' "$node_modules")
node_core=$(node -p 'require(process.argv[1] + "/@livekit/rtc-ffi-bindings/package.json").version' "$node_modules")
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" >/dev/null
cp=$(cat "$repo/benchmarks/target/classpath.txt")

java_out=$("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "benchmarks/target/classes:$cp" \
  io.roomflux.benchmarks.FfiRoundTrip "$iterations" "$rounds" | tee /dev/stderr)
python_out=$("$python" benchmarks/python/ffi_round_trip.py "$iterations" "$rounds" | tee /dev/stderr)
node_out=$(node benchmarks/node/ffi_round_trip.cjs "$node_modules" "$iterations" "$rounds" | tee /dev/stderr)

java_ns=$(grep '^RESULT java' <<<"$java_out" | awk '{print $3}')
python_ns=$(grep '^RESULT python' <<<"$python_out" | awk '{print $3}')
node_ns=$(grep '^RESULT node' <<<"$node_out" | awk '{print $3}')
echo
echo "| binding | median ns per NewAudioResamplerRequest round trip + 2 handle drops |"
echo "|---|---|"
echo "| RoomFlux (Java 25, FFM), livekit-ffi 0.13.2 | $java_ns |"
echo "| LiveKit Python SDK 1.2.1 (ctypes), livekit-ffi 0.13.2 | $python_ns |"
echo "| LiveKit Node SDK $node_sdk (napi), livekit-ffi $node_core | $node_ns |"
