#!/usr/bin/env bash
# Builds and runs a RoomFlux sample against an embedded dev-mode livekit-server that the sample
# starts (and stops) itself.
#
#   scripts/run-sample.sh [hello-room|webflux|tone|agent] [sample arguments...]
#
#   hello-room (default)  alice greets bob in one room; prints the story and exits 0 (1 on failure)
#   webflux               the WebFlux room bot and its page on port 8080; runs until Ctrl-C or SIGTERM
#                         (started in the background by a script it ignores SIGINT, as background
#                         jobs do: stop it with kill)
#   tone                  speaker sends a 440 Hz tone for 5 s, listener measures it; exits 0 (1 on failure)
#   agent                 an agent worker is dispatched to a room, greets a visitor and answers "say" with
#                         a 440 Hz tone; exits 0 (1 on failure)
#
# Steps: builds the sample and what it needs (mvn package -DskipTests, nothing installed into
# ~/.m2) and computes its runtime class path in the same Maven run, makes sure livekit-server is
# installed (scripts/livekit-server.sh install: inside a namespace the sample could not install
# it), and runs the main class through scripts/netns-java. As root with `ip` available (a CI-like machine) that puts
# the JVM and its livekit-server in a throwaway network namespace, so WebRTC never touches the
# machine's own network; the webflux bot's port is then reachable only inside it:
#   ip netns exec <namespace named in the "netns-java:" line> curl http://127.0.0.1:8080/...
# Anywhere else (ROOMFLUX_NETNS=off, or not root) it runs plainly, as on a laptop.
# Needs JAVA_HOME at a JDK 25 (if unset, one under /usr/lib/jvm is used), Maven, Python 3 with pip,
# and Go.
set -euo pipefail

say() { echo "run-sample.sh: $*" >&2; }
die() { say "$*"; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sample=${1:-hello-room}
(( $# > 0 )) && shift

case "$sample" in
  hello-room) main=io.roomflux.samples.hello.HelloRoom ;;
  webflux) main=io.roomflux.samples.webflux.RoomBotApplication ;;
  tone) main=io.roomflux.samples.tone.ToneSample ;;
  agent) main=io.roomflux.samples.agent.AgentSample ;;
  *) die "unknown sample '${sample}': use hello-room, webflux, tone or agent" ;;
esac

if [[ -z ${JAVA_HOME:-} ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*-25-*; do
    if [[ -x $candidate/bin/java ]]; then
      export JAVA_HOME=$candidate
      say "JAVA_HOME was unset; using ${JAVA_HOME}"
      break
    fi
  done
fi
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] || die "set JAVA_HOME to a JDK 25 (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)"
java_version=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
if ! [[ ${java_version%%.*} =~ ^[0-9]+$ ]] || (( ${java_version%%.*} < 25 )); then
  die "JAVA_HOME=${JAVA_HOME} is Java ${java_version:-(unknown)}; RoomFlux needs JDK 25"
fi
command -v mvn >/dev/null 2>&1 || die "mvn is not on PATH"
# Maven 3.8's own libraries use sun.misc.Unsafe, which JDK 25 warns about on every run.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

module="samples/${sample}"
target="${repo}/${module}/target"
cd "$repo"

# Build output goes to stderr: standard output is the sample's.
say "building ${module} and what it needs"
# One reactor run: the sibling modules resolve to the jars it just packaged. Every module writes
# its own target/runtime-classpath.txt; the sample's is the one used.
classpath_file="${target}/runtime-classpath.txt"
mvn -B -q -Dstyle.color=never -pl "$module" -am -DskipTests package dependency:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt >&2
scripts/livekit-server.sh install >/dev/null

classpath="${target}/classes:$(<"$classpath_file")"

if [[ $sample == webflux ]]; then
  say "the room bot runs until Ctrl-C; its page is http://127.0.0.1:8080/ (in namespace mode reachable only inside"
  say "the namespace). Or try, from another shell (prefixed with ip netns exec <namespace> in namespace mode):"
  say "  curl http://127.0.0.1:8080/rooms"
  say "  curl -X POST 'http://127.0.0.1:8080/rooms/lobby/join?identity=bot'"
  say "  curl -N http://127.0.0.1:8080/rooms/lobby/events"
  say "  curl -X POST -H 'Content-Type: text/plain' -d 'hello' 'http://127.0.0.1:8080/rooms/lobby/messages?topic=chat'"
  say "  curl -X DELETE http://127.0.0.1:8080/rooms/lobby"
fi

# roomflux.buildDir: where the server's log goes.
exec "${repo}/scripts/netns-java" --enable-native-access=ALL-UNNAMED \
  -Droomflux.buildDir="$target" \
  -cp "$classpath" "$main" "$@"
