#!/usr/bin/env python3
"""The report of benchmarks/ffi-round-trip.sh: per contender the median of its rounds with min-max,
the ratio to the C floor (median of the per-round ratios, each taken within one round), the load
before and after; prints a Markdown section and, unless --doc is "none", puts it into that file
between BEGIN and END.

Reads the results file: one line per contender per round, `round=R side=S ns=N load1=L`.
"""
import argparse
import statistics
import sys

from report import cell, fmt, rewrite

BEGIN = "<!-- BEGIN ffi-round-trip.sh: this section is written by benchmarks/ffi-round-trip.sh; do not edit it by hand -->"
END = "<!-- END ffi-round-trip.sh -->"
SIDES = [
    ("c", "C caller (gcc -O2, `benchmarks/c/ffi_round_trip.c`): the floor", "livekit-ffi 0.13.2"),
    ("ffm", "bare Java FFM, no protobuf (`FfiRoundTripBareFfm`)", "livekit-ffi 0.13.2"),
    ("java", "**RoomFlux** (`FfiRoundTrip`: `FfiClient.request` + `OwnedHandle.close`)", "livekit-ffi 0.13.2"),
    ("python", "LiveKit Python SDK 1.2.1 (ctypes, its `FfiClient`)", "livekit-ffi 0.13.2"),
    ("node", "LiveKit Node SDK {node_sdk} (napi, its `FfiClient`)", "livekit-ffi {node_core}"),
]


def parse(path):
    with open(path, encoding="utf-8") as f:
        return [dict(kv.split("=", 1) for kv in line.split()) for line in f if line.strip()]


def section(samples, a):
    by_round = {}
    for s in samples:
        by_round.setdefault(int(s["round"]), {})[s["side"]] = float(s["ns"])
    loads = [float(s["load1"]) for s in samples]
    lines = [BEGIN, "## Request round trip through the binding, against its floors", ""]
    lines.append(f"Command (from the repository root, `JAVA_HOME` at a JDK 25): "
                 f"`benchmarks/ffi-round-trip.sh {a.iterations} {a.rounds}`.")
    lines.append("")
    lines.append("What it measures: one `NewAudioResamplerRequest` through each caller (encode, "
                 "`livekit_ffi_request`, read the response, drop the response handle) plus dropping the "
                 "resampler handle it returns. No server, no network. The C caller and the bare FFM caller "
                 "send constant request bytes and read the handle id by walking the response's bytes: they "
                 "are the floors (the core's own cost, then that plus FFM's downcalls). The Node SDK brings "
                 "its own build of the core (no 0.13.x Node addon exists) and its addon returns the response "
                 "bytes without a response handle, so its row has one handle drop fewer.")
    lines.append("")
    lines.append(f"Each of the {a.rounds} rounds starts every contender in a fresh process, one at a time, in "
                 f"an order rotated by one each round; each does 50 000 warm-up iterations and then "
                 f"{a.iterations} timed ones. A cell is the median over the rounds (min–max in brackets); a "
                 f"ratio is the median over the rounds of (contender / C floor) within the same round.")
    lines.append("")
    lines.append(f"Run {a.started} on {a.cores} cores; load average before: {a.load_before}; after: "
                 f"{a.load_after}; 1-minute load as each contender started: {fmt(min(loads))}–{fmt(max(loads))}.")
    lines.append("")
    lines.append("| caller | core | ns per round trip + drops | ratio to C floor |")
    lines.append("|---|---|---|---|")
    for side, label, core in SIDES:
        values = [r[side] for r in by_round.values() if side in r]
        ratios = [r[side] / r["c"] for r in by_round.values() if side in r and "c" in r]
        ratio = f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})" if ratios else "–"
        lines.append(f"| {label.format(node_sdk=a.node_sdk)} | {core.format(node_core=a.node_core)} | "
                     f"{cell(values)} | {ratio} |")
    lines.append("")
    missing = [f"round {r} {side}" for r, got in sorted(by_round.items()) for side, _, _ in SIDES if side not in got]
    lines.append(f"Contenders that failed or were skipped: {', '.join(missing) if missing else 'none'}.")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    for name in ("iterations", "rounds", "started", "load-before", "load-after", "cores", "node-sdk",
                 "node-core", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    text = section(parse(a.results), a)
    print(text)
    if a.doc != "none":
        rewrite(a.doc, BEGIN, END, text, "ffi_report")
        print(f"ffi_report: rewrote the section in {a.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
