#!/usr/bin/env bash
# Before/after in one run: the FFI round trip (FfiRoundTrip) and the data-packet benchmark
# (DataPacketBench, awaited and pipelined 1 KiB) of two revisions, interleaved and rotated.
#
#   benchmarks/ab.sh BEFORE_REV AFTER_REV [rounds, default 5]
#
# Each revision is checked out in a temporary `git worktree` under /tmp and built there with
# `mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath` (never
# install; test sources are not compiled either, so a revision whose tests are still being ported
# can be measured, and no module uses another's test jar):
# in that one Maven run the revision's own modules resolve to its own jars, never to ~/.m2, and the
# script refuses a class path that says otherwise. Then, for each round: the FFI round trip of both
# revisions, then the data-packet benchmark of both; BEFORE goes first in odd rounds and AFTER in
# even ones. Every contender is a fresh JVM with the same arguments and options; the data-packet
# JVM runs in a throwaway network namespace (this checkout's scripts/netns-java) and starts its own
# livekit-server (the revision's scripts/livekit-server.sh). One benchmark runs at a time.
#
# Each revision must have the main classes, by name; they must print `RESULT java <ns per op>`
# (FfiRoundTrip) and `RESULT data key=value...` lines (DataPacketBench). benchmarks/ab_report.py
# prints per contender the median and min–max, the load average before and after, and the
# AFTER/BEFORE ratios, and rewrites the "Before/after the architecture refactor" section of
# docs/PERFORMANCE.md (between its marker comments) unless a contender failed.
#
# Environment (defaults in brackets):
#   AB_FFI_ITERATIONS [200000]  iterations per FfiRoundTrip round; AB_FFI_ROUNDS [3] rounds inside
#                               one JVM, whose median (its RESULT line) is the round's sample
#   AB_DATA_PACKETS [2000]      packets per configuration; AB_DATA_INFLIGHT [16]; AB_DATA_WARMUP [300]
#   AB_BEFORE_FFI_CLASS, AB_AFTER_FFI_CLASS    [io.roomflux.benchmarks.FfiRoundTrip]
#   AB_BEFORE_DATA_CLASS, AB_AFTER_DATA_CLASS  [io.roomflux.benchmarks.DataPacketBench]
#   AB_JAVA_OPTS                extra JVM options, the same for every contender
#   AB_DOC [docs/PERFORMANCE.md of this checkout]  the file to rewrite; "none" leaves it alone
#   AB_OUT [benchmarks/target/ab-<UTC time>]       raw outputs and results.txt
#   AB_KEEP=1                   keep the temporary worktrees
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
(( $# >= 2 && $# <= 3 )) || { echo "usage: $0 BEFORE_REV AFTER_REV [rounds]" >&2; exit 64; }
: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
before_rev=$1
after_rev=$2
rounds=${3:-5}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "rounds must be a positive number: $rounds" >&2; exit 64; }
ffi_iterations=${AB_FFI_ITERATIONS:-200000}
ffi_rounds=${AB_FFI_ROUNDS:-3}
data_args=("packets=${AB_DATA_PACKETS:-2000}" "inflight=${AB_DATA_INFLIGHT:-16}" "warmup=${AB_DATA_WARMUP:-300}"
  sizes=1024 modes=awaited,pipelined)
read -r -a java_opts <<<"${AB_JAVA_OPTS:-}"
declare -A sha dir cp ffi_class data_class
sha[before]=$(git -C "$repo" rev-parse --verify "${before_rev}^{commit}")
sha[after]=$(git -C "$repo" rev-parse --verify "${after_rev}^{commit}")
ffi_class[before]=${AB_BEFORE_FFI_CLASS:-io.roomflux.benchmarks.FfiRoundTrip}
ffi_class[after]=${AB_AFTER_FFI_CLASS:-io.roomflux.benchmarks.FfiRoundTrip}
data_class[before]=${AB_BEFORE_DATA_CLASS:-io.roomflux.benchmarks.DataPacketBench}
data_class[after]=${AB_AFTER_DATA_CLASS:-io.roomflux.benchmarks.DataPacketBench}
out=${AB_OUT:-$repo/benchmarks/target/ab-$(date -u +%Y%m%dT%H%M%SZ)}
doc=${AB_DOC:-$repo/docs/PERFORMANCE.md}
mkdir -p "$out"
results=$out/results.txt
: >"$results"
tmp=$(mktemp -d /tmp/roomflux-ab.XXXXXX)

cleanup() {
  if [[ ${AB_KEEP:-0} != 1 ]]; then
    for side in before after; do
      if [[ -n ${dir[$side]:-} ]]; then
        git -C "$repo" worktree remove --force "${dir[$side]}" 2>/dev/null || true
      fi
    done
    rm -rf "$tmp"
  else
    echo "ab: kept the worktrees under $tmp" >&2
  fi
}
trap cleanup EXIT

build() {
  local side=$1
  dir[$side]=$tmp/$side
  git -C "$repo" worktree add --quiet --detach "${dir[$side]}" "${sha[$side]}"
  echo "ab: building $side ${sha[$side]} in ${dir[$side]}" >&2
  (cd "${dir[$side]}" && mvn -B -q -Dmaven.test.skip=true -pl benchmarks -am package dependency:build-classpath \
    -Dmdep.outputFile=target/ab-classpath.txt -Dmdep.includeScope=runtime) >"$out/build-$side.log" 2>&1 \
    || { tail -n 40 "$out/build-$side.log" >&2; echo "ab: the $side build failed (log: $out/build-$side.log)" >&2; exit 1; }
  local deps
  deps=$(cat "${dir[$side]}/benchmarks/target/ab-classpath.txt")
  # RoomFlux's own jars must come from this revision's build, never from a shared ~/.m2.
  if tr ':' '\n' <<<"$deps" | grep '/io/roomflux/' | grep -v "^${dir[$side]}/" >&2; then
    echo "ab: the $side class path takes RoomFlux jars from outside its worktree (above)" >&2
    exit 1
  fi
  cp[$side]="${dir[$side]}/benchmarks/target/classes:$deps"
}

load1() { cut -d' ' -f1 /proc/loadavg; }

failed=0
# Runs one contender and appends its sample(s) to results.txt.
contend() {
  local round=$1 side=$2 bench=$3 log load rc=0
  log=$out/r$round-$bench-$side.log
  load=$(load1)
  case $bench in
    ffi)
      (cd "${dir[$side]}" && "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "${java_opts[@]}" \
        -cp "${cp[$side]}" "${ffi_class[$side]}" "$ffi_iterations" "$ffi_rounds") >"$log" 2>&1 || rc=$?
      ;;
    data)
      (cd "${dir[$side]}" && "$repo/scripts/netns-java" --enable-native-access=ALL-UNNAMED "${java_opts[@]}" \
        -Droomflux.repo="${dir[$side]}" -Droomflux.buildDir="${dir[$side]}/benchmarks/target" \
        -cp "${cp[$side]}" "${data_class[$side]}" "${data_args[@]}") >"$log" 2>&1 || rc=$?
      ;;
  esac
  local samples
  if [[ $bench == ffi ]]; then
    samples=$(awk '$1 == "RESULT" && $2 == "java" { print "ns_per_op=" $3 }' "$log")
  else
    samples=$(sed -n 's/^RESULT data //p' "$log")
  fi
  if (( rc != 0 )) || [[ -z $samples ]]; then
    echo "ab: round $round $bench $side FAILED (exit $rc); log $log:" >&2
    tail -n 20 "$log" >&2
    failed=1
    echo "round=$round side=$side bench=$bench load1=$load failed=1 exit=$rc" >>"$results"
    return
  fi
  while read -r line; do
    echo "round=$round side=$side bench=$bench load1=$load $line" >>"$results"
  done <<<"$samples"
  echo "ab: round $round $bench $side: $(tr '\n' ' ' <<<"$samples")" >&2
}

build before
build after
load_before=$(cat /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "ab: load before: $load_before" >&2
for (( r = 1; r <= rounds; r++ )); do
  if (( r % 2 == 1 )); then order=(before after); else order=(after before); fi
  for bench in ffi data; do
    for side in "${order[@]}"; do
      contend "$r" "$side" "$bench"
    done
  done
done
load_after=$(cat /proc/loadavg)
echo "ab: load after: $load_after" >&2

subject() { git -C "$repo" log -1 --format='%h %s' "$1"; }
python3 "$repo/benchmarks/ab_report.py" "$results" \
  --before "$before_rev" --before-commit "$(subject "${sha[before]}")" \
  --after "$after_rev" --after-commit "$(subject "${sha[after]}")" \
  --rounds "$rounds" --started "$started" --load-before "$load_before" --load-after "$load_after" \
  --cores "$(nproc)" --ffi-iterations "$ffi_iterations" --ffi-rounds "$ffi_rounds" --data-args "${data_args[*]}" \
  --classes "before: ${ffi_class[before]}, ${data_class[before]}; after: ${ffi_class[after]}, ${data_class[after]}" \
  --doc "$([[ $doc == none || $failed == 1 ]] && echo none || echo "$doc")"
echo "ab: raw outputs in $out" >&2
if (( failed )); then
  echo "ab: a contender failed; $doc was not rewritten" >&2
  exit 1
fi
