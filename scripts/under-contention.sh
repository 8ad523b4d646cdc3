#!/usr/bin/env bash
# The whole test suite (the README's test command, through .ci/run) several times in a row, each
# with busy loops keeping every core loaded beside it: the proof that no test depends on a quiet
# machine. Outside CI (it takes the machine for an hour or more).
#
#   scripts/under-contention.sh [runs=3] [busy loops=nproc]
#
# Each run prints a line (exit code, minutes, tests run, failures, errors, skipped, from the
# surefire reports); all lines go to target/contention/summary.txt, each run's log beside it.
# Exit code: 0 only if every run passed.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
runs=${1:-3}
loops=${2:-$(nproc)}
out=target/contention
mkdir -p "$out"
summary="$out/summary.txt"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') commit $(git rev-parse --short HEAD), $runs run(s), $loops busy loop(s) on $(nproc) core(s)" >>"$summary"

burners=()
stop() { ((${#burners[@]})) && kill "${burners[@]}" 2>/dev/null; wait "${burners[@]}" 2>/dev/null; }
trap stop EXIT INT TERM
for _ in $(seq "$loops"); do
  ( trap - EXIT INT TERM; while :; do :; done ) &
  burners+=("$!")
done

failed=0
touch "$out/run-1.log.start"
for run in $(seq "$runs"); do
  start=$SECONDS
  bash .ci/run >"$out/run-$run.log" 2>&1
  rc=$?
  minutes=$(awk "BEGIN { printf \"%.1f\", ($SECONDS - $start) / 60 }")
  # Totals over every surefire report of this run (each module's report directory).
  totals=$(find . -path '*/target/surefire-reports/TEST-*.xml' -newer "$out/run-$run.log.start" 2>/dev/null \
    | xargs -r grep -ho '<testsuite [^>]*' \
    | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
             if (kv[1] == "tests") t += kv[2]; if (kv[1] == "failures") f += kv[2];
             if (kv[1] == "errors") e += kv[2]; if (kv[1] == "skipped") s += kv[2] } }
           END { printf "tests=%d failures=%d errors=%d skipped=%d", t, f, e, s }')
  line="run $run: exit $rc, $minutes min, $totals"
  echo "$line" | tee -a "$summary"
  ((rc == 0)) || failed=1
  touch "$out/run-$((run + 1)).log.start"
done
exit "$failed"
