#!/usr/bin/env python3
"""The report of benchmarks/participants.sh: per N and contender the median over the rounds (min-max)
of join time, RSS per participant, idle CPU and broadcast delivery; the idle CPU of RoomFlux by
thread group at the largest N; the load before and after. Prints a Markdown section and, unless
--doc is "none", puts it into that file between BEGIN and END.

Reads results.txt (one `key=value ...` line per run, `failed=1` for a run that failed) and
threads.jsonl (one JSON object per run: side, n, round, groups {group: % of one core}).
"""
import argparse
import json
import statistics
import sys

from report import cell, fmt, rewrite

BEGIN = "<!-- BEGIN participants.sh: this section is written by benchmarks/participants.sh; do not edit it by hand -->"
END = "<!-- END participants.sh -->"
LABELS = {
    "java": "**RoomFlux** (one JVM, `ParticipantsBench`)",
    "java-spc": "RoomFlux, `RoomOptions` `singlePeerConnection(true)`",
    "java-once": "RoomFlux, `RoomOptions` `continualIceGathering(false)`",
    "java-nologs": "RoomFlux, `LiveKitOptions` `coreLogs(false)`",
    "python": "LiveKit Python SDK 1.2.1 (one process, one asyncio loop)",
}


def parse(path):
    with open(path, encoding="utf-8") as f:
        return [dict(kv.split("=", 1) for kv in line.split()) for line in f if line.strip()]


def values(runs, key):
    return [float(r[key]) for r in runs if key in r]


def section(results, threads, a):
    ns = [int(n) for n in a.ns.split(",")]
    sides = list(dict.fromkeys(r["side"] for r in results))
    lines = [BEGIN, "## Participants per process", ""]
    lines.append(f"Command (as root, from the repository root, `JAVA_HOME` at a JDK 25): "
                 f"`benchmarks/participants.sh {a.ns} {a.rounds}`.")
    lines.append("")
    lines.append(f"What it measures: N data-only participants (`autoSubscribe` off, nothing published) in ONE "
                 f"process, {a.room_size} per room, joining {a.batch} at a time, against a dev-mode "
                 f"livekit-server v1.13.5 (log level info) started afresh for every run in a throwaway network "
                 f"namespace; dev mode limits neither participants per room nor per node. Measured from outside "
                 f"through `/proc`: **join** = the contender's time from the first connect to the last one "
                 f"finished; **RSS/participant** = (RSS after joining and {a.settle} s of rest − RSS once the SDK "
                 f"is loaded) / N; **idle CPU** = the process's utime + stime over the next {a.idle} s, in % of "
                 f"ONE core (the server's own CPU is not counted); **broadcast** = the first participant of each "
                 f"room publishes one reliable packet, received = how many of the others got it within "
                 f"{a.bound} s. One contender runs at a time, each in a fresh process; the order alternates "
                 f"with every N and round. A cell is the median over the rounds (min–max in brackets).")
    lines.append("")
    lines.append(f"Run {a.started} on {a.cores} cores; load average before: {a.load_before}; after: "
                 f"{a.load_after}. RoomFlux JVM options: {('`' + a.java_opts + '`') if a.java_opts else 'none'}.")
    lines.append("")
    lines.append("| N | contender | joined | join s | RSS MB/participant | idle CPU % of one core | broadcast received | CPU s while joining | 1-min load at start |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for n in ns:
        for side in sides:
            runs = [r for r in results if r["side"] == side and int(r["n"]) == n]
            ok = [r for r in runs if r.get("failed") != "1"]
            failed = len(runs) - len(ok)
            joined = ", ".join(sorted({f"{r['joined']}/{n}" for r in ok})) or "–"
            bcast = ", ".join(sorted({f"{r['bcast_received']}/{r['bcast_expected']}" for r in ok})) or "–"
            if failed:
                joined += f" ({failed} run(s) failed)"
            lines.append(f"| {n} | {LABELS.get(side, side)} | {joined} | {cell(values(ok, 'join_s'))} | "
                         f"{cell(values(ok, 'rss_mb_per'))} | {cell(values(ok, 'idle_cpu'))} | {bcast} | "
                         f"{cell(values(ok, 'join_cpu_s'))} | "
                         f"{cell(values(ok, 'load1'))} |")
    lines.append("")
    for side in sides:
        mine = [t for t in threads if t["side"] == side]
        if not mine:
            continue
        top = max(t["n"] for t in mine)
        at_top = [t for t in mine if t["n"] == top]
        groups = sorted({g for t in at_top for g in t["groups"]},
                        key=lambda g: -statistics.median([t["groups"].get(g, 0.0) for t in at_top]))
        lines.append(f"Idle CPU of {LABELS.get(side, side)} at N={top} by thread group (% of one core, "
                     f"median over {len(at_top)} run(s)): " + "; ".join(
                         f"{g} {fmt(statistics.median([t['groups'].get(g, 0.0) for t in at_top]))}"
                         for g in groups) + ".")
        joins = [t.get("join_cpu_s", {}) for t in at_top]
        jgroups = sorted({g for j in joins for g in j}, key=lambda g: -statistics.median([j.get(g, 0.0) for j in joins]))
        if jgroups:
            lines.append("")
            lines.append(f"CPU seconds while joining, same runs: " + "; ".join(
                f"{g} {fmt(statistics.median([j.get(g, 0.0) for j in joins]))}" for g in jgroups) + ".")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    p.add_argument("threads")
    for name in ("ns", "rounds", "room-size", "settle", "idle", "bound", "batch", "started", "load-before",
                 "load-after", "cores", "java-opts", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    with open(a.threads, encoding="utf-8") as f:
        threads = [json.loads(line) for line in f if line.strip()]
    text = section(parse(a.results), threads, a)
    print(text)
    if a.doc != "none":
        rewrite(a.doc, BEGIN, END, text, "participants_report")
        print(f"participants_report: rewrote the section in {a.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
