#!/usr/bin/env bash
# Installs LiveKit's own Node SDK for the side-by-side benchmarks: @livekit/rtc-node at a pinned
# version, with the napi build of the core it depends on, into a cache directory.
#
#   node-peer.sh install   install (or reuse) it; print the node_modules directory
#
# Where it lives: ROOMFLUX_NODE_PEER, else ${XDG_CACHE_HOME:-$HOME/.cache}/roomflux/node-peer.
# Needs node (18 or newer) and npm on PATH, and the package registry npm is configured for.
set -euo pipefail

readonly LK_NODE_VERSION=1.1.0

die() {
  echo "node-peer.sh: $*" >&2
  exit 1
}

dir="${ROOMFLUX_NODE_PEER:-${XDG_CACHE_HOME:-$HOME/.cache}/roomflux/node-peer}"

installed() {
  [[ -f $dir/node_modules/@livekit/rtc-node/package.json ]] && node -e '
    const v = require(process.argv[1] + "/node_modules/@livekit/rtc-node/package.json").version;
    process.exit(v === process.argv[2] ? 0 : 1)' "$dir" "$LK_NODE_VERSION"
}

case "${1:-}" in
  install)
    command -v node >/dev/null || die "node is not on PATH"
    command -v npm >/dev/null || die "npm is not on PATH"
    if ! installed; then
      mkdir -p "$dir"
      [[ -f $dir/package.json ]] || printf '{"name":"roomflux-node-peer","private":true}\n' >"$dir/package.json"
      (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "@livekit/rtc-node@${LK_NODE_VERSION}" >&2) ||
        die "npm could not install @livekit/rtc-node@${LK_NODE_VERSION}"
      installed || die "@livekit/rtc-node@${LK_NODE_VERSION} is not usable in $dir"
    fi
    printf '%s\n' "$dir/node_modules"
    ;;
  *)
    die "usage: $0 install"
    ;;
esac
