#!/usr/bin/env bash
# Event dispatch latency from the native callback to a subscriber (io.roomflux.benchmarks.DispatchLatency),
# written into docs/PERFORMANCE.md by benchmarks/dispatch_report.py.
#
#   benchmarks/dispatch-latency.sh [seconds per run=10] [rounds=5] [rates=10000]
#
# Builds the benchmarks (package + dependency:build-classpath in one Maven run, never install) and
# the stand-in core benchmarks/c/event_source.c (gcc -O2 -shared), then, for each round, each rate
# and each path (RoomFlux, and the floor: DispatchFloor), in an order rotated each round, runs a
# fresh JVM (RoomFlux's joins a room through the stand-in core), warms up for 2 s at the rate and
# measures `seconds` at the rate. No server and no network. Events lost or dropped for the
# subscriber are counted in the section (the JVM exits 2 then); a JVM that prints no result fails
# the script, which then leaves docs/PERFORMANCE.md as it was. DISPATCH_DOC=none prints the section without touching docs/PERFORMANCE.md;
# DISPATCH_JAVA_OPTS adds JVM options to every run.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
seconds=${1:-10}
rounds=${2:-5}
IFS=, read -r -a rates <<<"${3:-10000}"
doc=${DISPATCH_DOC:-docs/PERFORMANCE.md}
read -r -a extra_opts <<<"${DISPATCH_JAVA_OPTS:-}"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "dispatch-latency: rounds must be a positive number: $rounds" >&2; exit 64; }

: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
out=benchmarks/target/dispatch
mkdir -p "$out"
echo "dispatch-latency: building the benchmarks (log: $out/build.log)" >&2
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath \
  -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; echo "dispatch-latency: the build failed (log: $out/build.log)" >&2; exit 1; }
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
gcc -O2 -Wall -Wextra -Werror -shared -fPIC -pthread -o "$out/event_source.so" benchmarks/c/event_source.c

results="$out/results.txt"
: >"$results"
failed=0
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Every (path, rate) pair once per round, in an order rotated by one each round: RoomFlux's path
# and the floor (DispatchFloor: upcall, copy, one hop, decode, no RoomFlux) at each rate.
combos=()
for rate in "${rates[@]}"; do
  for path in roomflux floor; do
    combos+=("$path:$rate")
  done
done
for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < ${#combos[@]}; i++)); do
    combo=${combos[$(((i + r - 1) % ${#combos[@]}))]}
    path=${combo%%:*}
    rate=${combo#*:}
    load1=$(cut -d' ' -f1 /proc/loadavg)
    log="$out/r$r-$path-$rate.log"
    echo "dispatch-latency: round $r/$rounds, $path at $rate events/s for ${seconds} s (load $load1)" >&2
    rc=0
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "${extra_opts[@]}" \
      -Droomflux.ffi.library="$repo/$out/event_source.so" -cp "$cp" io.roomflux.benchmarks.DispatchLatency \
      "rate=$rate" "seconds=$seconds" warmup=2 "path=$path" >"$log" 2>&1 || rc=$?
    line=$(sed -n 's/^RESULT dispatch //p' "$log")
    if [[ -n $line ]]; then
      echo "round=$r path=$path rate=$rate load1=$load1 $line" | tee -a "$results"
    fi
    if ((rc == 2)) && [[ -n $line ]]; then
      echo "dispatch-latency: round $r, $path at $rate/s lost or dropped events (counted in the section)" >&2
    elif ((rc != 0)) || [[ -z $line ]]; then
      echo "dispatch-latency: round $r, $path at $rate/s FAILED (exit $rc); last lines of $log:" >&2
      tail -n 20 "$log" >&2
      failed=1
    fi
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/dispatch_report.py "$results" --seconds "$seconds" --rounds "$rounds" --rates "${3:-10000}" \
  --started "$started" --load-before "$load_before" --load-after "$load_after" --cores "$(nproc)" \
  --failed "$failed" --doc "$doc"
exit "$failed"
