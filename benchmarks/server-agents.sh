#!/usr/bin/env bash
# The measurements of issue 8's closing note, in one run (benchmarks/ServerAgentsBench):
#   (a) dispatch latency CreateDispatch → job function started, p50/p99 over 100 dispatches to
#       one worker JVM; (b) jobs held by that JVM at once (20, 50) with its RSS per job; (c) the
#       mean latency of ListRooms over 500 calls from RoomFlux's ServerApi and from LiveKit's
#       Python livekit-api, interleaved (5 rounds each, alternating which goes first).
#
#   benchmarks/server-agents.sh
#
# Builds the benchmarks module and what it needs (mvn package, tests skipped, nothing installed),
# makes sure the Python venv of scripts/python-peer.sh exists and holds livekit-api==1.2.1 (pip,
# outside the namespace), then runs ServerAgentsBench through scripts/netns-java: the JVM, the
# livekit-server it starts and the Python clients it spawns share a throwaway network namespace.
# benchmarks/server_agents_report.py then rewrites the "Server API and agent workers" section
# of docs/PERFORMANCE.md (between its marker comments), unless the run failed.
#
# Environment (defaults in brackets): SA_DISPATCHES [100], SA_HOLD [20,50], SA_CALLS [500],
# SA_WARMUP [20], SA_ROUNDS [5]; SA_DOC [docs/PERFORMANCE.md], "none" leaves it alone;
# SA_OUT [benchmarks/target/server-agents-<UTC time>] for the raw output.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
readonly LK_API_VERSION=1.2.1
out=${SA_OUT:-$repo/benchmarks/target/server-agents-$(date -u +%Y%m%dT%H%M%SZ)}
doc=${SA_DOC:-$repo/docs/PERFORMANCE.md}
mkdir -p "$out"
cd "$repo"

echo "server-agents: building benchmarks" >&2
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath \
  -Dmdep.outputFile=target/sa-classpath.txt -Dmdep.includeScope=runtime >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; echo "server-agents: the build failed (log: $out/build.log)" >&2; exit 1; }
scripts/livekit-server.sh install >/dev/null
python=$(scripts/python-peer.sh install)
if ! "$python" -c 'import sys; from importlib.metadata import version; sys.exit(version("livekit-api") != sys.argv[1])' \
    "$LK_API_VERSION" 2>/dev/null; then
  echo "server-agents: installing livekit-api==${LK_API_VERSION} into $(dirname "$(dirname "$python")")" >&2
  "$python" -m pip install --quiet "livekit-api==${LK_API_VERSION}" >&2
fi

args=("dispatches=${SA_DISPATCHES:-100}" "hold=${SA_HOLD:-20,50}" "calls=${SA_CALLS:-500}"
  "warmup=${SA_WARMUP:-20}" "rounds=${SA_ROUNDS:-5}")
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
log=$out/bench.log
echo "server-agents: running ServerAgentsBench ${args[*]} (output: $log)" >&2
rc=0
"$repo/scripts/netns-java" --enable-native-access=ALL-UNNAMED -Droomflux.buildDir="$repo/benchmarks/target" \
  -cp "$repo/benchmarks/target/classes:$(<"$repo/benchmarks/target/sa-classpath.txt")" \
  io.roomflux.benchmarks.ServerAgentsBench "${args[@]}" "python=$python" \
  "list-script=$repo/benchmarks/python/list_rooms.py" >"$log" 2>&1 || rc=$?
grep '^RESULT ' "$log" >&2 || true
if (( rc != 0 )); then
  tail -n 40 "$log" >&2
  echo "server-agents: the benchmark failed (exit $rc); $doc was not rewritten" >&2
  exit 1
fi
python3 "$repo/benchmarks/server_agents_report.py" "$log" --started "$started" --cores "$(nproc)" \
  --commit "$(git -C "$repo" log -1 --format='%h')" --args "${args[*]}" --python-api "$LK_API_VERSION" \
  --doc "$([[ $doc == none ]] && echo none || echo "$doc")"
echo "server-agents: raw output in $out" >&2
