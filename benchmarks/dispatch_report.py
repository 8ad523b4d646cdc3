#!/usr/bin/env python3
"""The report of benchmarks/dispatch-latency.sh: per rate, the median over the rounds (min-max) of
each figure DispatchLatency prints, the load before and after; prints a Markdown section and, unless
--doc is "none" or a run failed, puts it into that file between BEGIN and END.

Reads the results file: one line per round and rate, `round=R rate=N load1=L` and the RESULT fields.
"""
import argparse
import statistics
import sys

from report import cell, fmt, publish

BEGIN = "<!-- BEGIN dispatch-latency.sh: this section is written by benchmarks/dispatch-latency.sh; do not edit it by hand -->"
END = "<!-- END dispatch-latency.sh -->"
METRICS = [
    ("achieved_per_s", "events/s achieved"),
    ("p50_us", "latency p50, µs"),
    ("p99_us", "latency p99, µs"),
    ("p999_us", "latency p99.9, µs"),
    ("max_us", "latency max, µs"),
    ("upcall_p50_us", "callback duration p50, µs"),
    ("upcall_p99_us", "callback duration p99, µs"),
    ("cpu_us_per_event", "process CPU per event, µs"),
]
COUNTS = ["lost", "duplicated", "missed", "unrouted", "upcall_failures"]


def parse(path):
    with open(path, encoding="utf-8") as f:
        return [dict(kv.split("=", 1) for kv in line.split()) for line in f if line.strip()]


def section(samples, a):
    rates = [r.strip() for r in a.rates.split(",")]
    loads = [float(s["load1"]) for s in samples]
    lines = [BEGIN, "## Event dispatch latency: native callback → subscriber", ""]
    lines.append(f"Command (from the repository root, `JAVA_HOME` at a JDK 25): "
                 f"`benchmarks/dispatch-latency.sh {a.seconds} {a.rounds} {a.rates}`.")
    lines.append("")
    lines.append("What it measures: the time from a native thread calling the core's event callback with a "
                 "data packet to that packet reaching `onNext` of a `Room.dataPackets(topic)` subscriber, "
                 "through RoomFlux's whole path: the FFM upcall stub and copy, the dispatcher thread (decode, "
                 "route by handle), the room's listener (map, copy the payload out of native memory, drop its "
                 "buffer handle), the room's event hub and the hop to the entry point's scheduler. The core is "
                 "`benchmarks/c/event_source.c`, a stand-in livekit-ffi loaded through `roomflux.ffi.library` "
                 "(it answers the join and the leave, and its own pthread sends pre-encoded `FfiEvent`s at the "
                 "rate, stamping `CLOCK_MONOTONIC` into each payload just before the call): the real core cannot "
                 "be made to send 10 000 events/s on demand. No server, no network. \"Callback duration\" is how "
                 "long the native thread spent inside the callback (copy, enqueue, wake the dispatcher). The floor "
                 "(`DispatchFloor`) takes the same events without RoomFlux: its own upcall stub copies and queues "
                 "them for one consumer thread, which decodes each and copies the payload: one hop, no routing, "
                 "no mapping, no Reactor.")
    lines.append("")
    lines.append(f"Each of the {a.rounds} rounds runs every rate and path in a fresh JVM (order rotated each round): "
                 f"2 s of warm-up at the rate, then {a.seconds} s measured. A cell is the median over the rounds "
                 f"(min–max in brackets); latencies are nearest-rank quantiles within a run.")
    lines.append("")
    load_range = f"{fmt(min(loads))}–{fmt(max(loads))}" if loads else "–"
    lines.append(f"Run {a.started} on {a.cores} cores; load average before: {a.load_before}; after: "
                 f"{a.load_after}; 1-minute load as each run started: {load_range}.")
    lines.append("")
    paths = [("roomflux", "RoomFlux"), ("floor", "floor")]
    header = [f"{label}, {r}/s" for r in rates for _, label in paths]
    lines.append("| figure | " + " | ".join(header) + " |")
    lines.append("|---|" + "---|" * len(header))

    def of(r, path):
        return [s for s in samples if s["rate"] == r and s.get("path", "roomflux") == path]

    for key, label in METRICS:
        cells = [cell([float(s[key]) for s in of(r, path) if key in s]) for r in rates for path, _ in paths]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for key in COUNTS:
        cells = [str(sum(int(s[key]) for s in of(r, path) if key in s)) for r in rates for path, _ in paths]
        lines.append(f"| {key.replace('_', ' ')} (sum over the rounds) | " + " | ".join(cells) + " |")
    lines.append("")
    for r in rates:
        by_round = {}
        for s in samples:
            if s["rate"] == r:
                by_round.setdefault(s["round"], {})[s.get("path", "roomflux")] = s
        for key in ("p50_us", "p99_us"):
            ratios = [float(x["roomflux"][key]) / float(x["floor"][key]) for x in by_round.values()
                      if "roomflux" in x and "floor" in x and float(x["floor"][key]) > 0]
            if ratios:
                lines.append(f"- {r} events/s, {key[:3]}: RoomFlux / floor = {statistics.median(ratios):.1f}× "
                             f"({min(ratios):.1f}–{max(ratios):.1f}), median over the rounds of the ratio within "
                             f"a round.")
    lines.append("")
    short = {r: sum(1 for s in samples if s["rate"] == r and float(s["achieved_per_s"]) < 0.95 * float(r))
             for r in rates}
    behind = [f"{r} events/s in {n} of {sum(1 for s in samples if s['rate'] == r)} runs" for r, n in short.items() if n]
    if behind:
        lines.append("**The pacing thread fell behind** (achieved below 95% of the target) at " + "; ".join(behind)
                     + ": the machine did not give it the CPU; those runs measured latency at the rate achieved.")
        lines.append("")
    missing = [f"round {r} {path} at {rate}/s" for r in range(1, int(a.rounds) + 1) for rate in rates
               for path in ("roomflux", "floor")
               if not any(s["round"] == str(r) and s["rate"] == rate and s.get("path", "roomflux") == path
                          for s in samples)]
    lines.append(f"Runs that printed no result: {', '.join(missing) if missing else 'none'}. Lost, duplicated and "
                 f"missed (dropped for the subscriber when its buffer of 1 024 overflowed) events are counted above, "
                 f"never hidden.")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    for name in ("seconds", "rounds", "rates", "started", "load-before", "load-after", "cores", "failed", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    publish(section(parse(a.results), a), a.doc, a.failed, BEGIN, END, "dispatch_report")


if __name__ == "__main__":
    main()
