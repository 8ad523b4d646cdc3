#!/usr/bin/env python3
"""The report of benchmarks/ab.sh: medians, min-max and AFTER/BEFORE ratios per measurement.

Reads the results file that ab.sh writes (one sample per line, key=value pairs: round, side,
bench, load1, then the benchmark's own RESULT fields), prints a Markdown section and, unless
--doc is "none", puts it into that file between BEGIN and END, replacing what was there (or
appending it, with the markers, when the file has none). Nothing else in the file changes.
"""
import argparse
import statistics
import sys

from report import cell, fmt, rewrite

BEGIN = "<!-- BEGIN ab.sh: this section is written by benchmarks/ab.sh; do not edit it by hand -->"
END = "<!-- END ab.sh -->"
DATA_METRICS = [
    ("msg_per_s", "msg/s received", "higher"),
    ("p50_ms", "latency p50, ms", "lower"),
    ("p99_ms", "latency p99, ms", "lower"),
    ("cpu_us_per_msg", "process CPU per packet, µs", "lower"),
]


def parse(path):
    samples = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = dict(kv.split("=", 1) for kv in line.split())
            if fields:
                samples.append(fields)
    return samples




def rows(samples):
    ok = [s for s in samples if s.get("failed") != "1"]
    out = [("FFI round trip, ns per request + handle drops", "lower",
            {side: [float(s["ns_per_op"]) for s in ok if s["bench"] == "ffi" and s["side"] == side]
             for side in ("before", "after")})]
    configs = sorted({(s["mode"], int(s["size"]), int(s["inflight"])) for s in ok if s["bench"] == "data"},
                     key=lambda c: (c[1], c[0] != "awaited", c[2]))
    for mode, size, inflight in configs:
        label = f"data {size} B, {mode}" + (f" ({inflight} in flight)" if mode != "awaited" else "")
        for key, what, better in DATA_METRICS:
            out.append((f"{label}: {what}", better,
                        {side: [float(s[key]) for s in ok if s["bench"] == "data" and s["side"] == side
                                and s["mode"] == mode and int(s["size"]) == size
                                and int(s["inflight"]) == inflight]
                         for side in ("before", "after")}))
    return out


def section(samples, a):
    loads = [float(s["load1"]) for s in samples]
    lines = [BEGIN, "## Before/after the architecture refactor", ""]
    lines.append(f"Command (from the repository root, `JAVA_HOME` at a JDK 25, as root for the network namespace): "
                 f"`benchmarks/ab.sh {a.before} {a.after} {a.rounds}`.")
    lines.append("")
    lines.append(f"BEFORE = `{a.before}` ({a.before_commit}); AFTER = `{a.after}` ({a.after_commit}). "
                 f"Main classes: {a.classes}.")
    lines.append("")
    lines.append(f"Each of the {a.rounds} rounds runs every contender in a fresh JVM, one at a time: the FFI round trip "
                 f"(`FfiRoundTrip {a.ffi_iterations} {a.ffi_rounds}`: 50 000 warm-up iterations, then "
                 f"{a.ffi_rounds} rounds of {a.ffi_iterations}; the sample is its median round) of both revisions, "
                 f"then the data-packet benchmark (`DataPacketBench {a.data_args}`: participants A and B in one JVM, "
                 f"a livekit-server v1.13.5 started for the run in a throwaway network namespace, reliable packets "
                 f"A→B) of both. BEFORE runs first in odd rounds, AFTER in even ones. Each cell is the median of "
                 f"the rounds, with min–max in brackets; the ratio is AFTER's median over BEFORE's (below 1 is "
                 f"better where lower is better, above 1 where higher is).")
    lines.append("")
    lines.append(f"Started {a.started} on {a.cores} cores. Load average (1, 5, 15 min) before: "
                 f"{' '.join(a.load_before.split()[:3])}; after: {' '.join(a.load_after.split()[:3])}; "
                 f"1-minute load as each contender started: {fmt(min(loads))}–{fmt(max(loads))}.")
    lines.append("")
    lines.append("| measurement | better | BEFORE | AFTER | AFTER/BEFORE |")
    lines.append("|---|---|---|---|---|")
    for label, better, values in rows(samples):
        b, f = values["before"], values["after"]
        ratio = f"{statistics.median(f) / statistics.median(b):.3f}" if b and f and statistics.median(b) else "–"
        lines.append(f"| {label} | {better} | {cell(b)} | {cell(f)} | {ratio} |")
    lines.append("")
    lost = {}
    for side in ("before", "after"):
        data = [s for s in samples if s["bench"] == "data" and s["side"] == side and s.get("failed") != "1"]
        lost[side] = "/".join(str(sum(int(s[k]) for s in data)) for k in ("lost", "duplicated", "corrupt"))
    failed = [f"round {s['round']} {s['bench']} {s['side']}" for s in samples if s.get("failed") == "1"]
    lines.append(f"Packets lost/duplicated/corrupt over all data runs: BEFORE {lost['before']}, "
                 f"AFTER {lost['after']}. Failed contenders: {', '.join(failed) if failed else 'none'}.")
    lines.append(END)
    return "\n".join(lines) + "\n"




def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    for name in ("before", "before-commit", "after", "after-commit", "rounds", "started", "load-before",
                 "load-after", "cores", "ffi-iterations", "ffi-rounds", "data-args", "classes", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    text = section(parse(a.results), a)
    print(text)
    if a.doc != "none":
        rewrite(a.doc, BEGIN, END, text, "ab_report")
        print(f"ab_report: rewrote the section in {a.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
