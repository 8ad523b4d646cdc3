#!/usr/bin/env bash
# Participants per process: N data-only participants in ONE process, RoomFlux (one JVM,
# io.roomflux.benchmarks.ParticipantsBench; with its defaults and with coreLogs(false)) against
# LiveKit's Python SDK 1.2.1 (one process, benchmarks/python/participants.py), interleaved, and
# written into docs/PERFORMANCE.md by benchmarks/participants_report.py (the section between its
# markers; a failed run is marked in the table, and the exit status is then 1).
#
#   benchmarks/participants.sh [N list, default 50,100,200,500] [rounds, default 1]
#
# Needs root (it makes a throwaway network namespace, as scripts/netns-java does: lo and a veth
# pair lk0/lk1, node IP 10.77.0.1, no route out; deleted at exit). For every round, every N and
# every contender (one at a time; the order alternates with each N and round), the driver
# benchmarks/participants_driver.py starts a fresh dev-mode livekit-server v1.13.5 in it (log level
# info instead of dev mode's debug), starts the contender, and measures it from /proc: join time,
# RSS per participant ((RSS after joining - RSS before) / N), idle CPU over PARTICIPANTS_IDLE s
# (utime + stime, % of one core; per thread too, grouped by thread name), and how many received
# one reliable broadcast packet per room within PARTICIPANTS_BOUND s.
#
# Environment (defaults in brackets):
#   PARTICIPANTS_ROOM_SIZE [100]  participants per room (dev mode has no per-room or per-node
#                                 participant limit; 100 keeps the per-room fan-out of participant
#                                 events the same across N; set it >= N for one room)
#   PARTICIPANTS_SIDES [java,java-nologs,python]  contenders: java = RoomFlux's defaults,
#                                 java-nologs = LiveKitOptions.coreLogs(false); also java-spc
#                                 (RoomOptions singlePeerConnection) and java-once
#                                 (continualIceGathering false)
#   PARTICIPANTS_SETTLE [5] PARTICIPANTS_IDLE [20] PARTICIPANTS_BOUND [10] PARTICIPANTS_BATCH [10]
#   PARTICIPANTS_BUILD [1]        0 skips the Maven build (uses the jars already in */target)
#   PARTICIPANTS_MVN_FLAGS        extra Maven flags for the build, e.g. -o
#   PARTICIPANTS_JAVA_ARGS        extra ParticipantsBench arguments, e.g. connectTimeout=60 (seconds;
#                                 default RoomOptions' 15 s, which a machine under heavy load misses)
#   PARTICIPANTS_JAVA_OPTS        extra JVM options for the RoomFlux contender
#   PARTICIPANTS_PROBE            a command run once per run after settling, {pid} = the contender,
#                                 e.g. "$JAVA_HOME/bin/jcmd {pid} VM.native_memory summary" (with
#                                 PARTICIPANTS_JAVA_OPTS=-XX:NativeMemoryTracking=summary); output
#                                 and /proc/<pid>/smaps_rollup in <run>/probe.txt
#   PARTICIPANTS_DOC [docs/PERFORMANCE.md]  "none" prints the section without touching the file
#   PARTICIPANTS_OUT [benchmarks/target/participants-<UTC time>]  logs and results.txt
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
die() { echo "participants: $*" >&2; exit 1; }

ns_list=${1:-50,100,200,500}
rounds=${2:-1}
[[ $ns_list =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "N list must look like 50,100,200: $ns_list"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "rounds must be a positive number: $rounds"
IFS=, read -r -a ns <<<"$ns_list"
IFS=, read -r -a sides <<<"${PARTICIPANTS_SIDES:-java,java-nologs,python}"
room_size=${PARTICIPANTS_ROOM_SIZE:-100}
settle=${PARTICIPANTS_SETTLE:-5}
idle=${PARTICIPANTS_IDLE:-20}
bound=${PARTICIPANTS_BOUND:-10}
batch=${PARTICIPANTS_BATCH:-10}
doc=${PARTICIPANTS_DOC:-docs/PERFORMANCE.md}
out=${PARTICIPANTS_OUT:-$repo/benchmarks/target/participants-$(date -u +%Y%m%dT%H%M%SZ)}
read -r -a java_opts <<<"${PARTICIPANTS_JAVA_OPTS:-}"

(( EUID == 0 )) || die "must run as root: it makes a network namespace for the server and the contenders"
command -v ip >/dev/null || die "no ip command (iproute2)"
: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
mkdir -p "$out"

if [[ ${PARTICIPANTS_BUILD:-1} == 1 ]]; then
  echo "participants: building RoomFlux (mvn package -pl benchmarks -am, tests skipped)" >&2
  mvn -B -q ${PARTICIPANTS_MVN_FLAGS:-} -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" >"$out/build.log" 2>&1 \
    || { tail -n 30 "$out/build.log" >&2; die "the build failed (log: $out/build.log)"; }
fi
[[ -s benchmarks/target/classpath.txt ]] || die "no benchmarks/target/classpath.txt: run without PARTICIPANTS_BUILD=0 once"
cp="$repo/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
server=$(scripts/livekit-server.sh install | tail -n 1) || die "no livekit-server v1.13.5"
python=$(scripts/python-peer.sh install | tail -n 1) || die "no Python venv with livekit==1.2.1"

# Hundreds of peer connections need more descriptors than the usual soft limit of 1024. The JVM
# raises its own soft limit to the hard one; Python does not, so raise it for everyone here.
ulimit -n "$(ulimit -Hn)"

netns="roomflux-participants-$$"
cleanup() {
  local pids
  pids=$(ip netns pids "$netns" 2>/dev/null || true)
  # shellcheck disable=SC2086  # one pid per word
  [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
  ip netns delete "$netns" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ip netns add "$netns" || die "could not create network namespace $netns"
ip -n "$netns" link set lo up
ip -n "$netns" link add lk0 type veth peer name lk1
ip -n "$netns" addr add 10.77.0.1/24 dev lk0
ip -n "$netns" link set lk1 up
ip -n "$netns" link set lk0 up
[[ -z $(ip -n "$netns" -4 route show default) ]] || die "namespace $netns has a default route"

contender_cmd() {
  local java="$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED ${java_opts[*]} -cp $cp \
io.roomflux.benchmarks.ParticipantsBench tokens={tokens} url={url} batch={batch} bound={bound} ${PARTICIPANTS_JAVA_ARGS:-}"
  case $1 in
    java) echo "$java" ;;
    java-spc) echo "$java singlePeerConnection=true" ;;
    java-nologs) echo "$java coreLogs=false" ;;
    java-once) echo "$java continualIceGathering=false" ;;
    python) echo "$python $repo/benchmarks/python/participants.py {tokens} {url} {batch} {bound}" ;;
    *) die "unknown contender $1 (java, java-spc, java-nologs, java-once, python)" ;;
  esac
}

for side in "${sides[@]}"; do
  contender_cmd "$side" >/dev/null
done

results=$out/results.txt
threads=$out/threads.jsonl
: >"$results"
: >"$threads"
failed=0
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "participants: N=${ns_list}, ${rounds} round(s), ${room_size} per room, contenders ${sides[*]}; load before: $load_before; output $out" >&2
turn=0
for ((r = 1; r <= rounds; r++)); do
  for n in "${ns[@]}"; do
    for ((i = 0; i < ${#sides[@]}; i++)); do
      side=${sides[$(((i + turn) % ${#sides[@]}))]}
      work=$out/r$r-n$n-$side
      mkdir -p "$work"
      echo "participants: round $r, N=$n, $side (load $(cut -d' ' -f1 /proc/loadavg))" >&2
      # shellcheck disable=SC2046  # the command is split into words on purpose
      if ip netns exec "$netns" "$python" benchmarks/participants_driver.py --side "$side" --n "$n" --round "$r" \
        --room-size "$room_size" --settle "$settle" --idle "$idle" --bound "$bound" --batch "$batch" \
        --probe "${PARTICIPANTS_PROBE:-}" --server "$server" --node-ip 10.77.0.1 --interface lk0 --workdir "$work" -- $(contender_cmd "$side") \
        >"$work/driver.out"; then
        grep '^RESULT ' "$work/driver.out" | sed 's/^RESULT //' | tee -a "$results" >&2
        grep '^THREADS ' "$work/driver.out" | sed 's/^THREADS //' >>"$threads"
      else
        failed=1
        echo "side=$side n=$n round=$r failed=1" >>"$results"
        echo "participants: round $r N=$n $side FAILED; its logs: $work (contender.log, livekit-server.log)" >&2
        tail -n 15 "$work/contender.log" >&2 || true
      fi
    done
    turn=$((turn + 1))
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "participants: load after: $load_after" >&2
python3 benchmarks/participants_report.py "$results" "$threads" --ns "$ns_list" --rounds "$rounds" \
  --room-size "$room_size" --settle "$settle" --idle "$idle" --bound "$bound" --batch "$batch" \
  --started "$started" --load-before "$load_before" --load-after "$load_after" --cores "$(nproc)" \
  --java-opts "${java_opts[*]}" --doc "$doc"
echo "participants: raw outputs in $out" >&2
(( failed == 0 )) || echo "participants: some runs failed (marked in the table)" >&2
exit "$failed"
