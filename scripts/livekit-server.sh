#!/usr/bin/env bash
# Installs the livekit-server that RoomFlux tests talk to, where the Go module proxy is reachable
# (the devserver module's build runs it, never inside the test network namespace).
#
#   livekit-server.sh install   install v1.13.5 with `go install` unless already there; print its path
#   livekit-server.sh path      print the installed binary's path
#
# LiveKitDevServer (module devserver) runs the binary itself and finds it in Go's bin directory,
# where `install` puts it; outside this repository it finds one on PATH or installs its own.
set -euo pipefail

readonly LK_VERSION=1.13.5
readonly LK_MODULE=github.com/livekit/livekit-server/cmd/server

die() {
  echo "livekit-server.sh: $*" >&2
  exit 1
}

bin_path() {
  command -v go >/dev/null 2>&1 || die "go is not on PATH; it is needed to locate (and install) livekit-server ${LK_VERSION}"
  local gobin gopath
  gobin=$(go env GOBIN)
  if [[ -n $gobin ]]; then
    printf '%s/server\n' "$gobin"
    return
  fi
  gopath=$(go env GOPATH)
  # GOPATH may list several directories; `go install` writes to the first one.
  printf '%s/bin/server\n' "${gopath%%:*}"
}

installed() {
  local bin=$1
  local version
  [[ -x $bin ]] || return 1
  # Read whole, then matched: a pipe into grep -q could cut the writer off (SIGPIPE, pipefail).
  version=$("$bin" --version 2>/dev/null) || return 1
  grep -qE "(^|[[:space:]])v?${LK_VERSION//./\\.}\$" <<<"$version"
}

cmd_install() {
  local bin
  bin=$(bin_path)
  if ! installed "$bin"; then
    echo "livekit-server.sh: installing ${LK_MODULE}@v${LK_VERSION}" >&2
    if ! go install "${LK_MODULE}@v${LK_VERSION}"; then
      die "go install ${LK_MODULE}@v${LK_VERSION} failed (see the go output above)"
    fi
    installed "$bin" || die "${LK_MODULE}@v${LK_VERSION} was installed, but ${bin} --version does not report ${LK_VERSION}"
  fi
  printf '%s\n' "$bin"
}

cmd_path() {
  local bin
  bin=$(bin_path)
  installed "$bin" || die "livekit-server ${LK_VERSION} is not installed at ${bin}; run: $0 install"
  printf '%s\n' "$bin"
}

case "${1:-}" in
  install) cmd_install ;;
  path) cmd_path ;;
  *) die "usage: $0 install|path" ;;
esac
