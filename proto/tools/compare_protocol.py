#!/usr/bin/env python3
"""Quick local check while editing proto/src/main/proto: compiles our .proto files with
grpcio-tools' protoc and compares them with the pinned wheel's descriptors, the same rules as
the Java ProtocolCompatibilityTest (field numbers, types, labels, type names, oneof membership,
defaults, enum values; every upstream message and enum present, nothing extra).

usage: compare_protocol.py UPSTREAM_DESCRIPTOR_SET [FILE.proto ...]
With file names, only messages and enums declared in those upstream files are checked.
"""
import pathlib
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2 as d

import os
ROOT = pathlib.Path(os.environ.get("PROTO_DIR") or (pathlib.Path(__file__).resolve().parent.parent / "src" / "main" / "proto"))


def load(path):
    fds = d.FileDescriptorSet()
    fds.ParseFromString(pathlib.Path(path).read_bytes())
    return fds


def ours():
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "ours.pb"
        files = sorted(p.name for p in ROOT.glob("*.proto"))
        # PROTO_FALLBACK: an include dir for imports not written yet (local work only).
        extra = [f"-I{os.environ['PROTO_FALLBACK']}"] if os.environ.get("PROTO_FALLBACK") else []
        subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{ROOT}", *extra,
                        f"--descriptor_set_out={out}", *files], check=True)
        return load(out)


def index(fds, only=None):
    msgs, enums = {}, {}

    def walk_msg(m, prefix, fname):
        full = f"{prefix}.{m.name}"
        msgs[full] = (m, fname)
        for e in m.enum_type:
            enums[f"{full}.{e.name}"] = (e, fname)
        for n in m.nested_type:
            walk_msg(n, full, fname)

    for f in fds.file:
        if only and f.name not in only:
            continue
        for e in f.enum_type:
            enums[f".{f.package}.{e.name}"] = (e, f.name)
        for m in f.message_type:
            walk_msg(m, f".{f.package}", f.name)
    return msgs, enums


def field_sig(m, f):
    oneof = None
    if f.HasField("oneof_index"):
        oneof = m.oneof_decl[f.oneof_index].name
    return (f.name, f.label, f.type, f.type_name, oneof,
            f.default_value if f.HasField("default_value") else None)


def main():
    upstream = load(sys.argv[1])
    only = set(sys.argv[2:]) or None
    up_msgs, up_enums = index(upstream, only)
    our_msgs, our_enums = index(ours(), None)
    problems = []
    for name, (m, fname) in sorted(up_msgs.items()):
        if name not in our_msgs:
            problems.append(f"{fname}: message {name} missing")
            continue
        om = our_msgs[name][0]
        uf = {f.number: field_sig(m, f) for f in m.field}
        of = {f.number: field_sig(om, f) for f in om.field}
        for num in sorted(set(uf) | set(of)):
            if uf.get(num) != of.get(num):
                problems.append(f"{fname}: {name} field {num}: upstream {uf.get(num)} ours {of.get(num)}")
    for name, (e, fname) in sorted(up_enums.items()):
        if name not in our_enums:
            problems.append(f"{fname}: enum {name} missing")
            continue
        uv = {v.number: v.name for v in e.value}
        ov = {v.number: v.name for v in our_enums[name][0].value}
        if uv != ov:
            problems.append(f"{fname}: enum {name}: upstream {uv} ours {ov}")
    if not only:
        for name in sorted(set(our_msgs) - set(up_msgs)):
            problems.append(f"extra message {name}")
        for name in sorted(set(our_enums) - set(up_enums)):
            problems.append(f"extra enum {name}")
    for p in problems:
        print(p)
    print(f"{len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
