#!/usr/bin/env bash
# Installs the Python interpreter that runs testkit/src/main/python/peer.py, the non-RoomFlux
# LiveKit peer of the interop tests: a virtual environment with LiveKit's own Python SDK.
#
#   python-peer.sh install   create (or reuse) the venv and install livekit==1.2.1 into it; print
#                            the interpreter's path
#   python-peer.sh path      print the interpreter's path if the venv is complete, else fail
#
# livekit==1.2.1 is the wheel whose livekit-ffi core the natives module ships, so the peer runs
# the same core version as RoomFlux, in a process of its own. Installing needs the package index,
# so it runs at build time (testkit's Maven build), never inside the test network namespace,
# which has no route out. Where the venv lives: ROOMFLUX_PEER_VENV, else
# ${XDG_CACHE_HOME:-$HOME/.cache}/roomflux/peer-venv (the Maven build passes the interpreter's
# path to the tests as the system property roomflux.peer.python).
# The base interpreter: ROOMFLUX_PEER_BASE_PYTHON, else python3 on PATH (3.9 or newer).
set -euo pipefail

readonly LK_PY_VERSION=1.2.1

die() {
  echo "python-peer.sh: $*" >&2
  exit 1
}

venv_dir() {
  if [[ -n ${ROOMFLUX_PEER_VENV:-} ]]; then
    printf '%s\n' "$ROOMFLUX_PEER_VENV"
  else
    printf '%s/roomflux/peer-venv\n' "${XDG_CACHE_HOME:-$HOME/.cache}"
  fi
}

# True if the venv's interpreter runs and has exactly the pinned SDK.
complete() {
  local python=$1
  [[ -x $python ]] && "$python" - "$LK_PY_VERSION" >/dev/null 2>&1 <<'EOF'
import sys
from importlib.metadata import version
from livekit import rtc  # noqa: F401  (the import loads the bundled core's bindings)
sys.exit(0 if version("livekit") == sys.argv[1] else 1)
EOF
}

cmd_path() {
  local python
  python="$(venv_dir)/bin/python"
  complete "$python" || die "no venv with livekit==${LK_PY_VERSION} at $(venv_dir); run: $0 install"
  printf '%s\n' "$python"
}

cmd_install() {
  local dir python base
  dir=$(venv_dir)
  python="$dir/bin/python"
  if complete "$python"; then
    printf '%s\n' "$python"
    return
  fi
  base=${ROOMFLUX_PEER_BASE_PYTHON:-python3}
  command -v "$base" >/dev/null 2>&1 || die "${base} is not on PATH; it is needed to create the peer's venv"
  "$base" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' ||
    die "$("$base" --version 2>&1) is too old: livekit==${LK_PY_VERSION} needs Python 3.9 or newer"
  echo "python-peer.sh: creating ${dir} with livekit==${LK_PY_VERSION}" >&2
  # A venv left half-built by an interrupted install is started afresh.
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  "$base" -m venv "$dir" || die "'${base} -m venv ${dir}' failed (on Debian/Ubuntu: apt-get install python3-venv)"
  # The natives build caches the same wheel; pip takes it from there instead of downloading it again.
  local find_links=()
  local wheels="${XDG_CACHE_HOME:-$HOME/.cache}/roomflux/wheels"
  [[ -d $wheels ]] && find_links=(--find-links "$wheels")
  if ! "$python" -m pip install --quiet --disable-pip-version-check "${find_links[@]}" "livekit==${LK_PY_VERSION}"; then
    rm -rf "$dir"
    die "pip could not install livekit==${LK_PY_VERSION} (and its dependencies protobuf, aiofiles, numpy):" \
      "is the package index reachable from here (proxy, PIP_INDEX_URL)? See pip's output above." \
      "This step needs the network and must run outside the test network namespace."
  fi
  complete "$python" || die "livekit==${LK_PY_VERSION} was installed into ${dir}, but 'from livekit import rtc' fails there"
  printf '%s\n' "$python"
}

case "${1:-}" in
  install) cmd_install ;;
  path) cmd_path ;;
  *) die "usage: $0 install|path" ;;
esac
