#!/usr/bin/env python3
"""Writes the skeleton of server/src/main/proto from a compiled FileDescriptorSet.

How our LiveKit server-protocol files were made: upstream livekit/protocol's .proto files at the
commit livekit-server v1.13.5 pins were compiled with protoc into a descriptor set WITHOUT source
info (so none of upstream's comments or layout come along), and this script printed each file
again from the descriptors alone: the same package, message, field, enum and service structure
(which is what wire and JSON compatibility need), upstream's logger options dropped, our own
file options, and our own comments added from COMMENTS below and by hand afterwards.
The ProtocolCompatibilityTest is what keeps the result honest.

usage: proto_from_descriptors.py DESCRIPTOR_SET OUT_DIR FILE.proto ...
"""
import pathlib
import sys

from google.protobuf import descriptor_pb2 as d

F = d.FieldDescriptorProto
SCALARS = {
    F.TYPE_DOUBLE: "double", F.TYPE_FLOAT: "float", F.TYPE_INT64: "int64", F.TYPE_UINT64: "uint64",
    F.TYPE_INT32: "int32", F.TYPE_FIXED64: "fixed64", F.TYPE_FIXED32: "fixed32", F.TYPE_BOOL: "bool",
    F.TYPE_STRING: "string", F.TYPE_BYTES: "bytes", F.TYPE_UINT32: "uint32", F.TYPE_SFIXED32: "sfixed32",
    F.TYPE_SFIXED64: "sfixed64", F.TYPE_SINT32: "sint32", F.TYPE_SINT64: "sint64",
}

HEADER = """// RoomFlux's description of the LiveKit server protocol: {what}.
//
// Wire- and JSON-compatible with livekit/protocol at the commit that livekit-server v1.13.5 pins
// (28e604c046c6): same package, message names, field numbers, types and enum values.
// server/README.md says how that is checked. Comments here are RoomFlux's.
"""


def camel(name):
    return "".join(p[:1].upper() + p[1:] for p in name.replace(".proto", "").split("_") if p)


def type_name(f, pkg):
    if f.type in SCALARS:
        return SCALARS[f.type]
    name = f.type_name
    if name.startswith("." + pkg + "."):
        return name[len(pkg) + 2:]
    return name[1:]


def field_options(f):
    opts = []
    if f.options.HasField("deprecated") and f.options.deprecated:
        opts.append("deprecated = true")
    if f.options.HasField("packed"):
        opts.append("packed = " + ("true" if f.options.packed else "false"))
    if f.HasField("json_name"):
        default = "".join(p if i == 0 else p[:1].upper() + p[1:] for i, p in enumerate(f.name.split("_")))
        if f.json_name != default:
            opts.append(f'json_name = "{f.json_name}"')
    return (" [" + ", ".join(opts) + "]") if opts else ""


def emit_enum(e, ind, out):
    out.append(f"{ind}enum {e.name} {{")
    if e.options.HasField("allow_alias") and e.options.allow_alias:
        out.append(f"{ind}  option allow_alias = true;")
    for v in e.value:
        dep = " [deprecated = true]" if v.options.deprecated else ""
        out.append(f"{ind}  {v.name} = {v.number}{dep};")
    for r in e.reserved_range:
        out.append(f"{ind}  reserved {r.start if r.start == r.end else f'{r.start} to {r.end}'};")
    out.append(f"{ind}}}")


def emit_message(m, pkg, ind, out, scope):
    out.append(f"{ind}message {m.name} {{")
    if m.options.deprecated:
        out.append(f"{ind}  option deprecated = true;")
    maps = {f"{scope}.{m.name}.{n.name}": n for n in m.nested_type if n.options.map_entry}
    for n in m.nested_type:
        if not n.options.map_entry:
            emit_message(n, pkg, ind + "  ", out, f"{scope}.{m.name}")
    for e in m.enum_type:
        emit_enum(e, ind + "  ", out)
    real_oneofs = {}
    for f in m.field:
        if f.HasField("oneof_index") and not f.proto3_optional:
            real_oneofs.setdefault(f.oneof_index, []).append(f)
    done_oneofs = set()

    def field_line(f, prefix):
        if f.label == F.LABEL_REPEATED and f.type_name in maps:
            entry = maps[f.type_name]
            k, v = entry.field[0], entry.field[1]
            return f"{prefix}map<{type_name(k, pkg)}, {type_name(v, pkg)}> {f.name} = {f.number}{field_options(f)};"
        label = "repeated " if f.label == F.LABEL_REPEATED else ("optional " if f.proto3_optional else "")
        return f"{prefix}{label}{type_name(f, pkg)} {f.name} = {f.number}{field_options(f)};"

    for f in m.field:
        if f.HasField("oneof_index") and not f.proto3_optional:
            idx = f.oneof_index
            if idx in done_oneofs:
                continue
            done_oneofs.add(idx)
            out.append(f"{ind}  oneof {m.oneof_decl[idx].name} {{")
            for g in real_oneofs[idx]:
                out.append(field_line(g, ind + "    "))
            out.append(f"{ind}  }}")
        else:
            out.append(field_line(f, ind + "  "))
    for r in m.reserved_range:
        end = r.end - 1
        out.append(f"{ind}  reserved {r.start if r.start == end else f'{r.start} to {end}'};")
    for n in m.reserved_name:
        out.append(f'{ind}  reserved "{n}";')
    out.append(f"{ind}}}")


def main():
    fds = d.FileDescriptorSet()
    fds.ParseFromString(pathlib.Path(sys.argv[1]).read_bytes())
    outdir = pathlib.Path(sys.argv[2])
    wanted = set(sys.argv[3:])
    for f in fds.file:
        if f.name not in wanted:
            continue
        out = [HEADER.format(what=f.name.replace("livekit_", "").replace(".proto", "").replace("_", " ")), f'syntax = "proto3";', "", f"package {f.package};", ""]
        for dep in f.dependency:
            if dep.startswith("logger/"):
                continue
            out.append(f'import "{dep}";')
        out += ["", 'option java_package = "io.roomflux.server.proto";', "option java_multiple_files = true;",
                f'option java_outer_classname = "{camel(f.name)}Proto";', ""]
        for e in f.enum_type:
            emit_enum(e, "", out)
            out.append("")
        for m in f.message_type:
            emit_message(m, f.package, "", out, "." + f.package)
            out.append("")
        for s in f.service:
            out.append(f"service {s.name} {{")
            for meth in s.method:
                cs = "stream " if meth.client_streaming else ""
                ss = "stream " if meth.server_streaming else ""
                out.append(f"  rpc {meth.name}({cs}{type_name_of(meth.input_type, f.package)}) returns ({ss}{type_name_of(meth.output_type, f.package)});")
            out.append("}")
            out.append("")
        (outdir / f.name).write_text("\n".join(out).rstrip() + "\n")
        print("wrote", outdir / f.name)


def type_name_of(name, pkg):
    return name[len(pkg) + 2:] if name.startswith("." + pkg + ".") else name[1:]


if __name__ == "__main__":
    main()
