#!/usr/bin/env bash
# Builds and tests samples/user-project, a Maven project outside this build, against RoomFlux's
# installed artifacts only, as a user's own project would be:
#   1. installs the artifacts it needs (mvn install -DskipTests) into a PRIVATE local repository,
#      target/user-repo (never ~/.m2, which other checkouts share);
#   2. copies the project to a temporary directory outside the repository (so that nothing of
#      this checkout, not even its .mvn/ settings, is in reach) and runs its mvn verify with that
#      repository: its test starts a real livekit-server with the test kit and joins a room.
# The private repository starts as a copy of the local repository (ROOMFLUX_SEED_REPO, default
# ~/.m2/repository) without io/roomflux, so that third-party artifacts need no download; Maven
# downloads anything missing as usual. Run from any directory; reads no stdin.
# Exit code: 0 when the project's tests passed, else Maven's (or 1).
set -euo pipefail
exec </dev/null

say() { echo "check-user-project: $*"; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seed=${ROOMFLUX_SEED_REPO:-$HOME/.m2/repository}
private="$repo/target/user-repo"
start=$SECONDS

if [[ ! -d $private ]]; then
  mkdir -p "$private"
  if [[ -d $seed ]]; then
    say "seeding the private repository $private from $seed"
    cp -a "$seed/." "$private/"
  fi
fi
# Only what step 1 installs may provide RoomFlux's artifacts.
rm -rf "$private/io/roomflux"

say "installing roomflux-bom, roomflux-reactor, roomflux-testkit and what they need into $private"
(cd "$repo" && mvn -B -q -Dstyle.color=never install -DskipTests -Dmaven.repo.local="$private" -pl bom,sdk-reactor,testkit -am)
say "installed ($(( SECONDS - start )) s): $(cd "$private/io/roomflux" && ls | tr '\n' ' ')"

work=$(mktemp -d "${TMPDIR:-/tmp}/roomflux-user-project.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$repo/samples/user-project/." "$work/"
rm -rf "$work/target"
say "running mvn verify in a copy of samples/user-project ($work)"
# No .mvn/jvm.config out there: silence Maven's own sun.misc.Unsafe warnings (JDK 23 and newer)
# the way it does here.
(cd "$work" && MAVEN_OPTS="${MAVEN_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions --sun-misc-unsafe-memory-access=allow" \
  mvn -B -Dstyle.color=never verify -Dmaven.repo.local="$private")
say "samples/user-project passed against the installed artifacts ($(( SECONDS - start )) s in all)"
