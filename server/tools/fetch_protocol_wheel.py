#!/usr/bin/env python3
"""Writes the LiveKit server-protocol descriptors of the pinned PyPI ``livekit-protocol`` wheel as
one ``FileDescriptorSet``, the reference that server/'s ProtocolCompatibilityTest compares our
.proto files with.

The wheel is fetched with the ordinary pip client into ~/.cache/roomflux/wheels (never
committed) and checked against the sha256 pinned in server/pom.xml. Its generated modules
(``livekit/protocol/*.py``) pass each serialized ``FileDescriptorProto`` to
``AddSerializedFile(b'...')``; we read those literals with ``ast``, so no protobuf runtime is
needed, and frame each as field 1 of a ``FileDescriptorSet``.

usage: fetch_protocol_wheel.py --version V --wheel-sha256 H --descriptors FILE
"""
import argparse
import ast
import hashlib
import os
import pathlib
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "livekit-protocol"
WHEEL_PREFIX = "livekit_protocol"
MODULE_DIR_IN_WHEEL = "livekit/protocol/"


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fail(msg):
    print(f"[roomflux-server] ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or str(pathlib.Path.home() / ".cache")
    return pathlib.Path(base) / "roomflux" / "wheels"


def fetch_wheel(version, expected):
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for existing in cache.glob(f"{WHEEL_PREFIX}-{version}-*.whl"):
        if sha256(existing) == expected:
            return existing
        existing.unlink()
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
               "--dest", tmp, f"{PACKAGE}=={version}"]
        print(f"[roomflux-server] fetching {PACKAGE}=={version} with pip")
        result = subprocess.run(cmd, capture_output=True, text=True)
        wheels = list(pathlib.Path(tmp).glob("*.whl"))
        if result.returncode != 0 or not wheels:
            fail(f"could not obtain {PACKAGE}=={version} with pip (exit {result.returncode}): "
                 f"{result.stderr.strip()[-2000:]}")
        actual = sha256(wheels[0])
        if actual != expected:
            fail(f"{wheels[0].name} has sha256 {actual}, expected {expected}; refusing to use it")
        target = cache / wheels[0].name
        os.replace(wheels[0], target)
        return target


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def serialized_files(wheel):
    with zipfile.ZipFile(wheel) as z:
        for name in sorted(z.namelist()):
            if not (name.startswith(MODULE_DIR_IN_WHEEL) and name.endswith(".py")):
                continue
            for node in ast.walk(ast.parse(z.read(name).decode("utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "AddSerializedFile"
                        and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, bytes)):
                    yield node.args[0].value


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--version", required=True)
    p.add_argument("--wheel-sha256", required=True)
    p.add_argument("--descriptors", required=True)
    a = p.parse_args()
    out = pathlib.Path(a.descriptors)
    stamp = out.with_suffix(".sha256")
    if out.exists() and stamp.exists() and stamp.read_text().strip() == a.wheel_sha256:
        return
    wheel = fetch_wheel(a.version, a.wheel_sha256)
    body = bytearray()
    count = 0
    for fd in serialized_files(wheel):
        body += b"\x0a" + varint(len(fd)) + fd
        count += 1
    if not count:
        fail(f"no AddSerializedFile(b'...') descriptors in {wheel.name}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(bytes(body))
    stamp.write_text(a.wheel_sha256 + "\n")
    print(f"[roomflux-server] {count} file descriptors from {wheel.name} -> {out}")


if __name__ == "__main__":
    main()
