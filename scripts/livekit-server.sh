#!/usr/bin/env bash
# Installs and runs the livekit-server that RoomFlux tests talk to.
#
#   livekit-server.sh install   install v1.13.5 with `go install` unless already there; print its path
#   livekit-server.sh path      print the installed binary's path
#   livekit-server.sh run       run it in the foreground in --dev mode (keys devkey / secret)
#
# `run` has two modes. With ROOMFLUX_NODE_IP set (scripts/netns-java exports it inside a test
# network namespace) the server announces that address, gathers candidates on lk0 only, and is
# given a STUN server that does not exist, so nothing leaves the namespace. Without it (a
# developer's machine) the server picks its node IP as LiveKit's docs describe; STUN still points
# at loopback so it never hands out Google's or Twilio's servers.
# Ports: ROOMFLUX_LK_PORT (7880, HTTP and WebSocket), ROOMFLUX_LK_RTC_TCP_PORT (7881),
# ROOMFLUX_LK_RTC_UDP_PORT (7882).
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

port_var() {
  local name=$1 default=$2 value
  value=${!name:-$default}
  if ! [[ $value =~ ^[0-9]+$ ]] || (( value < 1 || value > 65535 )); then
    die "${name}=${value} is not a port number"
  fi
  printf '%s\n' "$value"
}

cmd_run() {
  local bin port tcp_port udp_port
  bin=$(cmd_path)
  port=$(port_var ROOMFLUX_LK_PORT 7880)
  tcp_port=$(port_var ROOMFLUX_LK_RTC_TCP_PORT 7881)
  udp_port=$(port_var ROOMFLUX_LK_RTC_UDP_PORT 7882)

  local rtc="tcp_port: ${tcp_port}, udp_port: ${udp_port}, stun_servers: [\"127.0.0.1:3478\"]"
  local args=(--dev --bind 127.0.0.1)
  if [[ -n ${ROOMFLUX_NODE_IP:-} ]]; then
    [[ $ROOMFLUX_NODE_IP =~ ^[0-9]+(\.[0-9]+){3}$ ]] || die "ROOMFLUX_NODE_IP=${ROOMFLUX_NODE_IP} is not an IPv4 address"
    rtc+=", interfaces: {includes: [lk0]}"
    args+=(--node-ip "$ROOMFLUX_NODE_IP")
  fi
  args+=(--config-body "{port: ${port}, rtc: {${rtc}}}")
  exec "$bin" "${args[@]}"
}

case "${1:-}" in
  install) cmd_install ;;
  path) cmd_path ;;
  run) cmd_run ;;
  *) die "usage: $0 install|path|run" ;;
esac
