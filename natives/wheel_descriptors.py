#!/usr/bin/env python3
"""Reads the protocol descriptors that the pinned livekit wheel embeds in its generated
``*_pb2.py`` modules and writes them as one ``FileDescriptorSet``.

It needs no protobuf runtime: each module passes its serialized ``FileDescriptorProto`` to
``AddSerializedFile(b'...')``; we read that bytes literal with ``ast`` and frame it as field 1
of a ``FileDescriptorSet``. The result is what ``ProtocolCompatibilityTest`` compares our own
``.proto`` files against, field by field.

usage: wheel_descriptors.py WHEEL_PROTO_DIR OUT_FILE
"""
import ast
import pathlib
import sys


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def serialized_file(module: pathlib.Path) -> bytes:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "AddSerializedFile"):
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, bytes):
                return arg.value
    raise SystemExit(f"no AddSerializedFile(b'...') in {module}")


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    modules = sorted(src.glob("*_pb2.py"))
    if not modules:
        raise SystemExit(f"no *_pb2.py modules under {src}")
    body = bytearray()
    for module in modules:
        fd = serialized_file(module)
        body += b"\x0a" + varint(len(fd)) + fd
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(bytes(body))
    print(f"wrote {len(modules)} file descriptors ({len(body)} bytes) to {dst}")


if __name__ == "__main__":
    main()
