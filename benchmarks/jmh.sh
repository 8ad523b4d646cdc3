#!/usr/bin/env bash
# RoomFlux's JMH micro-benchmarks (package io.roomflux.benchmarks.jmh), written into
# docs/PERFORMANCE.md by benchmarks/jmh_report.py.
#
#   benchmarks/jmh.sh [JMH options...]     default: -f 3 -wi 5 -w 1s -i 5 -r 1s  io.roomflux.benchmarks.jmh
#
# Builds the benchmarks (package + dependency:build-classpath in one Maven run, never install), then
# runs org.openjdk.jmh.Main on the class path; each fork is a JVM with native access for the core.
# JMH_DOC=none prints the section without touching docs/PERFORMANCE.md.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
doc=${JMH_DOC:-docs/PERFORMANCE.md}
args=("$@")
((${#args[@]} > 0)) || args=(-f 3 -wi 5 -w 1s -i 5 -r 1s io.roomflux.benchmarks.jmh)

: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
out=benchmarks/target/jmh
mkdir -p "$out"
echo "jmh: building the benchmarks (log: $out/build.log)" >&2
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath \
  -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; echo "jmh: the build failed (log: $out/build.log)" >&2; exit 1; }
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main \
  -jvmArgsAppend --enable-native-access=ALL-UNNAMED -rf json -rff "$out/results.json" "${args[@]}" \
  | tee "$out/jmh.log"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/jmh_report.py "$out/results.json" --args "${args[*]}" --started "$started" \
  --load-before "$load_before" --load-after "$load_after" --cores "$(nproc)" --doc "$doc"
