#!/usr/bin/env bash
# Data packets side by side in one run: RoomFlux (awaited, pipelined with flatMap, and
# publishData(Publisher)), LiveKit's Node SDK and LiveKit's Python SDK (awaited and pipelined),
# reliable packets A -> B, a dev-mode livekit-server started for the run inside a throwaway
# network namespace (scripts/netns-java). Rounds rotate the contenders' order; the medians go
# into docs/PERFORMANCE.md between this script's markers (AB_DOC=none: only print them).
#
#   benchmarks/data.sh [rounds, default 5]
# Environment: DATA_PACKETS (2000), DATA_SIZES (1024), DATA_INFLIGHT (16), DATA_WARMUP (300),
# DATA_JAVA_OPTS (extra JVM options), DATA_DOC (docs/PERFORMANCE.md, or none).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
rounds=${1:-5}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "rounds must be a positive number: $rounds" >&2; exit 64; }
doc=${DATA_DOC:-$repo/docs/PERFORMANCE.md}
out=$repo/benchmarks/target/data-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath \
  -Dmdep.outputFile=target/data-classpath.txt -Dmdep.includeScope=runtime >"$out/build.log" 2>&1 \
  || { tail -n 40 "$out/build.log" >&2; echo "data.sh: the build failed" >&2; exit 1; }
scripts/livekit-server.sh install >/dev/null
node_modules=$(scripts/node-peer.sh install)
python=$(scripts/python-peer.sh install | tail -n 1)
cp="benchmarks/target/classes:$(cat benchmarks/target/data-classpath.txt)"
read -r -a java_opts <<<"${DATA_JAVA_OPTS:-}"
args=("packets=${DATA_PACKETS:-2000}" "sizes=${DATA_SIZES:-1024}" "inflight=${DATA_INFLIGHT:-16}"
  "warmup=${DATA_WARMUP:-300}" "rounds=$rounds" "node=$node_modules" "python=$python")
load_before=$(cat /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "data.sh: load before: $load_before" >&2
rc=0
scripts/netns-java --enable-native-access=ALL-UNNAMED "${java_opts[@]}" \
  -Droomflux.repo="$repo" -Droomflux.buildDir="$repo/benchmarks/target" \
  -cp "$cp" io.roomflux.benchmarks.DataPacketBench "${args[@]}" | tee "$out/run.log" || rc=$?
load_after=$(cat /proc/loadavg)
echo "data.sh: load after: $load_after (exit $rc; log $out/run.log)" >&2
(( rc == 0 )) || exit "$rc"
[[ $doc == none ]] && exit 0
section=$(mktemp)
{
  echo "<!-- BEGIN data.sh: this section is written by benchmarks/data.sh; do not edit it by hand -->"
  echo "## Data packets: RoomFlux, Node and Python side by side"
  echo
  echo "Command (from the repository root, \`JAVA_HOME\` at a JDK 25, as root for the network namespace): \`benchmarks/data.sh $rounds\`."
  echo "Commit \`$(git rev-parse --short HEAD)\`$(git diff --quiet HEAD -- . ':!docs' || echo ' plus uncommitted changes'); started $started on $(nproc) cores."
  echo
  echo "One JVM (\`DataPacketBench ${args[*]:0:5} node=<node-peer.sh install> python=<python-peer.sh install>\`) starts a dev-mode livekit-server v1.13.5 in a throwaway network namespace and measures reliable packets from participant A to participant B of one room, both in the measuring process: RoomFlux in that JVM (awaited: each \`publishData\` completes before the next is subscribed; pipelined: \`flatMap(publishData, 16)\`; publisher: one \`publishData(Publisher, options, 16)\`), LiveKit's Node SDK \`@livekit/rtc-node\` 1.1.0 (\`benchmarks/node/data_packets.cjs\`) and Python SDK \`livekit\` 1.2.1 (\`benchmarks/python/data_packets.py\`) as child processes in rooms of their own (awaited: each \`publishData\` awaited; pipelined: 16 calls outstanding). Each round runs every contender once, in an order rotated per round; each measurement is preceded by uncounted warm-up packets. Latency: send started → B's handler called (nearest rank); rate: packets received / time from the first send to the last reception; CPU: the measuring process's CPU time over the same window / packets (the server is not counted). Each cell is the median over the rounds, min–max in brackets."
  echo
  sed -n 's/^TABLE //p' "$out/run.log"
  echo
  echo "Load average (1, 5, 15 min) before: ${load_before}; after: ${load_after}. A shared 2-core machine: read the spreads."
  echo "<!-- END data.sh -->"
} >"$section"
python3 - "$doc" "$section" <<'PY'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
pattern = re.compile(r"<!-- BEGIN data\.sh:.*?<!-- END data\.sh -->\n", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(doc, "w").write(text)
PY
rm -f "$section"
echo "data.sh: wrote the section into $doc" >&2
