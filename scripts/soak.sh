#!/usr/bin/env bash
# The long run, outside CI: connect -> operate -> disconnect cycles with random cancellations,
# several rooms at a time, then a churn soak; against a livekit-server of its own, in a throwaway
# network namespace (scripts/netns-java) when it can. Reports JVM crashes (hs_err files), the
# core's panics, errors by type, live handles and RSS over time, and writes them into
# docs/RELIABILITY.md (between the soak markers).
#
#   scripts/soak.sh [cycles=10000] [rooms at a time=4] [churn minutes=30]
#
# Takes a machine for its duration: run it where nothing else runs. Builds with `mvn package`
# (never install).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
cycles=${1:-10000}
rooms=${2:-4}
minutes=${3:-30}

: "${JAVA_HOME:?point JAVA_HOME at a JDK 25}"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
out=benchmarks/target/soak
mkdir -p "$out"
rm -f "$out"/hs_err_pid*.log
mvn -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$repo/benchmarks/target/classpath.txt" >/dev/null
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

log="$out/soak-$(date -u +%Y%m%d-%H%M%S).log"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
set +e
scripts/netns-java --enable-native-access=ALL-UNNAMED -XX:ErrorFile="$repo/$out/hs_err_pid%p.log" \
  -Droomflux.buildDir="$repo/$out" -cp "$cp" io.roomflux.benchmarks.Soak "$cycles" "$rooms" "$minutes" \
  2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
crashes=$(find "$out" -maxdepth 1 -name 'hs_err_pid*.log' | wc -l)
panics_logged=$(grep -v '^SOAK' "$log" | grep -ci 'panic' || true)

{
  echo "<!-- soak:begin -->"
  echo "Last run by \`scripts/soak.sh $cycles $rooms $minutes\` on $started ($(nproc) cores; exit status $status)."
  if [[ $cycles -lt 10000 || $minutes != 30 ]]; then
    echo "**A short run with small parameters** (proof that the command works), not the full 10 000 cycles / 30 minutes."
  fi
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| JVM crashes (hs_err files) | $crashes |"
  echo "| log lines (other than SOAK lines) mentioning a panic | $panics_logged |"
  grep '^SOAK cycles\|^SOAK churn' "$log" | sed 's/^SOAK /| /; s/$/ | |/' || true
  grep '^SOAK final' "$log" | sed 's/^SOAK final /| final | /; s/$/ |/' || true
  grep '^SOAK error' "$log" | awk '{print "| errors: " $3 " | " $4 " |"}' || true
  echo
  echo "RSS and live handles over time:"
  echo
  echo '```'
  grep '^SOAK sample' "$log" | sed 's/^SOAK sample //' || true
  echo '```'
  echo "<!-- soak:end -->"
} > "$out/section.md"

python3 - "$repo/docs/RELIABILITY.md" "$out/section.md" <<'EOF'
import re, sys
doc, section = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
text = re.sub(r"<!-- soak:begin -->.*?<!-- soak:end -->\n?", lambda m: section, text, flags=re.S)
open(doc, "w").write(text)
EOF
echo "soak: crashes=$crashes status=$status; docs/RELIABILITY.md updated; log $log"
