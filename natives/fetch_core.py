#!/usr/bin/env python3
"""Obtains the pinned livekit-ffi core for the natives jar.

The core is never committed: it comes from the PyPI package ``livekit`` (its wheel carries
``livekit/rtc/resources/liblivekit_ffi.so``, a plain C library), fetched with the ordinary pip
client into a per-user cache, checked against the sha256 sums pinned in natives/pom.xml, and
unpacked as a class-path resource. The wheel's protocol descriptors are written beside it so
that proto/'s tests can compare our .proto files with the exact protocol of this core.

usage: fetch_core.py --version V --wheel-sha256 H --library-sha256 H --out DIR --descriptors FILE
"""
import argparse
import hashlib
import os
import pathlib
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import wheel_descriptors  # noqa: E402

PACKAGE = "livekit"
LIBRARY_IN_WHEEL = "livekit/rtc/resources/liblivekit_ffi.so"
PROTO_DIR_IN_WHEEL = "livekit/rtc/_proto/"
PLATFORM = "manylinux_2_28_x86_64"


def sha256(path: pathlib.Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fail(msg: str) -> None:
    print(f"[roomflux-natives] ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


def cache_dir() -> pathlib.Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(pathlib.Path.home() / ".cache")
    return pathlib.Path(base) / "roomflux" / "wheels"


def fetch_wheel(version: str, expected: str) -> pathlib.Path:
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    for existing in cache.glob(f"{PACKAGE}-{version}-*{PLATFORM}*.whl"):
        if sha256(existing) == expected:
            print(f"[roomflux-natives] using cached {existing.name}")
            return existing
        existing.unlink()
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
               "--only-binary=:all:", "--platform", PLATFORM, "--python-version", "3.11",
               "--dest", tmp, f"{PACKAGE}=={version}"]
        print(f"[roomflux-natives] fetching {PACKAGE}=={version} ({PLATFORM}) with pip")
        result = subprocess.run(cmd, capture_output=True, text=True)
        wheels = list(pathlib.Path(tmp).glob("*.whl"))
        if result.returncode != 0 or not wheels:
            fail(f"could not obtain the PyPI package {PACKAGE}=={version} for {PLATFORM} with pip "
                 f"(exit {result.returncode}): {result.stderr.strip()[-2000:]}\n"
                 f"RoomFlux needs it for the livekit-ffi core; check that pip can reach its "
                 f"package index, or set ROOMFLUX_FFI_LIBRARY at run time to a library you have.")
        wheel = wheels[0]
        actual = sha256(wheel)
        if actual != expected:
            fail(f"{wheel.name} has sha256 {actual}, expected {expected} (package {PACKAGE}=={version}); "
                 f"refusing to use it")
        target = cache / wheel.name
        os.replace(wheel, target)
        return target


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--version", required=True)
    p.add_argument("--wheel-sha256", required=True)
    p.add_argument("--library-sha256", required=True)
    p.add_argument("--out", required=True, help="resource directory for the library")
    p.add_argument("--descriptors", required=True, help="FileDescriptorSet output file")
    a = p.parse_args()

    out = pathlib.Path(a.out)
    lib = out / "liblivekit_ffi.so"
    if lib.exists() and sha256(lib) == a.library_sha256 and pathlib.Path(a.descriptors).exists():
        print(f"[roomflux-natives] {lib} is up to date")
        return

    wheel = fetch_wheel(a.version, a.wheel_sha256)
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
        tmp_lib = pathlib.Path(tmp) / "liblivekit_ffi.so"
        tmp_lib.write_bytes(z.read(LIBRARY_IN_WHEEL))
        actual = sha256(tmp_lib)
        if actual != a.library_sha256:
            fail(f"{LIBRARY_IN_WHEEL} in {wheel.name} has sha256 {actual}, expected {a.library_sha256}")
        os.replace(tmp_lib, lib)
        (out / "liblivekit_ffi.so.sha256").write_text(a.library_sha256 + "\n")
        proto_dir = pathlib.Path(tmp) / "proto"
        proto_dir.mkdir()
        for name in z.namelist():
            if name.startswith(PROTO_DIR_IN_WHEEL) and name.endswith("_pb2.py"):
                (proto_dir / pathlib.Path(name).name).write_bytes(z.read(name))
        sys.argv = ["wheel_descriptors.py", str(proto_dir), a.descriptors]
        wheel_descriptors.main()
    print(f"[roomflux-natives] {lib} ({a.library_sha256}) from {PACKAGE}=={a.version}")


if __name__ == "__main__":
    main()
