#!/usr/bin/env bash
# Measures the JVM's CPU share while sending, and while sending and receiving, one 48 kHz mono
# audio stream (io.roomflux.benchmarks.MediaCpuShare), with a dev-mode livekit-server it starts
# itself, inside the test network namespace (scripts/netns-java; plain java when not root).
#
#   benchmarks/media-cpu.sh [seconds per phase, default 20]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mvn -B -q -pl benchmarks -am install -DskipTests >/dev/null
scripts/livekit-server.sh install >/dev/null
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$PWD/benchmarks/target/classpath.txt" >/dev/null
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
echo "load before: $(uptime)"
scripts/netns-java --enable-native-access=ALL-UNNAMED \
  -Droomflux.repo="$repo" -Droomflux.buildDir="$repo/benchmarks/target" \
  -cp "$cp" io.roomflux.benchmarks.MediaCpuShare "$@"
echo "load after: $(uptime)"
