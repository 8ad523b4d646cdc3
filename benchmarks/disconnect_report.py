#!/usr/bin/env python3
"""The report of benchmarks/disconnect-latency.sh: per side (RoomFlux's disconnect(), RoomFlux's
usingWhen scope, the Python SDK's disconnect()), the median over the rounds (min-max) of each
round's p50 and p99, and the ratio to Python within each round; the load before and after. Prints
a Markdown section and, unless --doc is "none" or a round failed, puts it into that file between
BEGIN and END.

Reads the results file: one line per side per round, `round=R load1=L side=S` and the RESULT fields.
"""
import argparse
import statistics
import sys

from report import cell, fmt, publish

BEGIN = "<!-- BEGIN disconnect-latency.sh: this section is written by benchmarks/disconnect-latency.sh; do not edit it by hand -->"
END = "<!-- END disconnect-latency.sh -->"
SIDES = [
    ("disconnect", "**RoomFlux** `room.disconnect()`"),
    ("scope", "**RoomFlux** `LiveKit.withRoomMono` scope closing"),
    ("python", "LiveKit Python SDK 1.2.1 `await room.disconnect()`"),
]
FIGURES = [
    ("disconnected", "→ `Disconnected` delivered"),
    ("done", "→ call done (`Mono` completes / `await` returns)"),
    ("handles", "→ the room's handles all dropped"),
]


def parse(path):
    with open(path, encoding="utf-8") as f:
        return [dict(kv.split("=", 1) for kv in line.split()) for line in f if line.strip()]


def ratio(samples, side, key, python_key):
    """Median (min-max) over the rounds of side's `key` / Python's `python_key` within each round."""
    by_round = {}
    for s in samples:
        by_round.setdefault(s["round"], {})[s["side"]] = s
    values = [float(r[side][key]) / float(r["python"][python_key]) for r in by_round.values()
              if side in r and "python" in r and key in r[side] and float(r["python"].get(python_key, 0)) > 0]
    return f"{statistics.median(values):.2f}× ({min(values):.2f}–{max(values):.2f})" if values else "–"


def section(samples, a):
    loads = sorted({float(s["load1"]) for s in samples})
    lines = [BEGIN, "## Disconnect → disposed latency", ""]
    lines.append(f"Command (from the repository root, `JAVA_HOME` at a JDK 25, as root for the network "
                 f"namespace): `benchmarks/disconnect-latency.sh {a.cycles} {a.rounds}`.")
    lines.append("")
    lines.append("What it measures: a participant joins a fresh room on a dev-mode livekit-server v1.13.5 (in a "
                 "throwaway network namespace, with the benchmark's JVM and the Python process) and leaves it. "
                 "Timed from the call that starts the leave: to `Disconnected` reaching an `events()` subscriber "
                 "(Python: its `\"disconnected\"` event), to the call being done (RoomFlux: the `Mono` of "
                 "`disconnect()` or of `withRoomMono` completing; Python: `await room.disconnect()` returning), "
                 "and to the entry point's live-handle count (`LiveKit.diagnostics()`) being back where it was "
                 "before the join (Python drops its handles when its garbage collector frees the objects: no "
                 "figure). For the scope, the leave starts when the body's `Mono` completes, and "
                 "`usingWhen` disconnects. Each cycle runs the three sides one after the other, in an order "
                 "rotated by one each cycle, on one server; 10 warm-up cycles are not counted.")
    lines.append("")
    lines.append(f"{a.rounds} rounds of {a.cycles} cycles, each round a fresh JVM, server and Python process. A "
                 f"cell is the median over the rounds of each round's quantile (min–max in brackets); a ratio is "
                 f"the median over the rounds of (side / Python) within the round.")
    lines.append("")
    load_range = f"{fmt(min(loads))}–{fmt(max(loads))}" if loads else "–"
    lines.append(f"Run {a.started} on {a.cores} cores; load average before: {a.load_before}; after: "
                 f"{a.load_after}; 1-minute load as each round started: {load_range}.")
    lines.append("")
    lines.append("| side | from the call | p50, ms | p99, ms | p50 ratio to Python | p99 ratio to Python |")
    lines.append("|---|---|---|---|---|---|")
    for side, label in SIDES:
        for key, what in FIGURES:
            if side == "python" and key == "handles":
                continue
            rows = [s for s in samples if s["side"] == side]
            p50 = [float(s[f"{key}_p50_ms"]) for s in rows if f"{key}_p50_ms" in s]
            p99 = [float(s[f"{key}_p99_ms"]) for s in rows if f"{key}_p99_ms" in s]
            py_key = key if key != "handles" else "done"
            r50 = ratio(samples, side, f"{key}_p50_ms", f"{py_key}_p50_ms") if side != "python" else "1"
            r99 = ratio(samples, side, f"{key}_p99_ms", f"{py_key}_p99_ms") if side != "python" else "1"
            lines.append(f"| {label} | {what} | {cell(p50)} | {cell(p99)} | {r50} | {r99} |")
    lines.append("")
    late = sum(int(s.get("handles_late", 0)) for s in samples)
    failures = {side: sum(int(s.get("failures", 0)) for s in samples if s["side"] == side) for side, _ in SIDES}
    no_event = {side: sum(int(s.get("no_event", 0)) for s in samples if s["side"] == side) for side, _ in SIDES}
    lines.append(f"RoomFlux cycles whose handles were not all dropped when the `Mono` completed: {late}. Cycles in "
                 f"which no disconnected event was emitted (left out of that row's quantiles): "
                 + ", ".join(f"{side} {n}" for side, n in no_event.items()) + ". Failed cycles: "
                 + ", ".join(f"{side} {n}" for side, n in failures.items()) + ". The handle ratio is taken to "
                 f"Python's call returning.")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    for name in ("cycles", "rounds", "started", "load-before", "load-after", "cores", "failed", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    publish(section(parse(a.results), a), a.doc, a.failed, BEGIN, END, "disconnect_report")


if __name__ == "__main__":
    main()
