#!/usr/bin/env python3
"""The report of benchmarks/media-cpu.sh: per scenario and SDK the median CPU share over the rounds
with min-max, the ratio to the best peer (median of the per-round ratios, each within one round and
one window), the frames each receiver counted against what was sent, and where the RoomFlux
receiver's CPU goes by thread; prints a Markdown section and, unless --doc is "none", puts it into
that file between BEGIN and END.

Reads the results file of io.roomflux.benchmarks.MediaCpuBench: `RESULT scenario=S round=R side=X
cpu_pct=... frames=... samples=... ref_frames=... ref_samples=... size=WxH load1=...` (or
`failed=1`), and `THREAD scenario=S round=R side=X name=N cpu_pct=...`.
"""
import argparse
import re
import statistics
import sys

from report import cell, fmt, rewrite

BEGIN = "<!-- BEGIN media-cpu.sh: this section is written by benchmarks/media-cpu.sh; do not edit it by hand -->"
END = "<!-- END media-cpu.sh -->"
SIDES = [("roomflux", "**RoomFlux**"), ("python", "LiveKit Python SDK 1.2.1"), ("node", "LiveKit Node SDK {node_sdk}")]
PEERS = ("python", "node")
SCENARIOS = {
    "recv-audio": "receiving one 48 kHz mono audio stream",
    "send-audio": "sending one 48 kHz mono audio stream",
    "recv-video": "receiving one 1280x720 30 fps video stream",
}
# Thread names as /proc shows them (15 characters, digits replaced by #), grouped.
GROUPS = [
    ("core: tokio runtime (signalling, FFI requests, audio/video stream tasks)", r"^tokio"),
    ("core: libwebrtc threads (network, worker, signaling, audio device, decoding)",
     r"^(network_thread|worker_thread|signaling_thre|SyntheticAudio|AudioDevice|rtc|Decoding|IncomingVideo|"
     r"VideoDecoder|TaskQueue|EncoderQueue|PacerThread|ModuleProcess)"),
    ("RoomFlux: FFI event dispatcher (`roomflux-ffi-dispatch`)", r"^roomflux-ffi-di"),
    ("RoomFlux: other RoomFlux threads", r"^roomflux"),
    ("Reactor schedulers (`parallel`, `boundedElastic`, `single`)", r"^(parallel-|boundedElastic|single-)"),
    ("JVM: garbage collector", r"^(GC_Thread|G#_|VM_Thread|GC_|ZDirector|ZWorker)"),
    ("JVM: JIT compilers", r"^C#_CompilerThre"),
    ("JVM: other (`main`, periodic tasks, cleaners, signals)", r"."),
]


def parse(path):
    results, threads = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if not words or words[0] not in ("RESULT", "THREAD"):
                continue
            rec = dict(kv.split("=", 1) for kv in words[1:])
            (results if words[0] == "RESULT" else threads).append(rec)
    return results, threads


def group_of(name):
    for label, pattern in GROUPS:
        if re.search(pattern, name):
            return label
    return GROUPS[-1][0]


def ratio_cell(ratios):
    if not ratios:
        return "–"
    return f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"


def completeness(mine, everyone, audio):
    """Counted over sent, summed over the rounds, and the rounds where this receiver counted less
    than 98 % of what the best receiver of the same round counted (a sender or encoder that drops
    frames is not the receiver's fault; the percentage shows it)."""
    key = "samples" if audio else "frames"
    got = sum(int(r[key]) for r in mine)
    sent = sum(int(r["ref_" + key]) for r in mine)
    best = {}
    for r in everyone:
        best[r["round"]] = max(best.get(r["round"], 0), int(r[key]))
    short = [r["round"] for r in mine if int(r[key]) < 0.98 * best[r["round"]]]
    text = f"{got / sent * 100:.1f} %" if sent else "–"
    if short:
        text += f" (**short** in round {', '.join(short)})"
    return text, short


def section(results, threads, a):
    ok = [r for r in results if "cpu_pct" in r]
    loads = [float(r["load1"]) for r in ok]
    lines = [BEGIN, "## CPU per audio and video stream, each SDK in a process of its own", ""]
    lines.append(f"Command (from the repository root, `JAVA_HOME` at a JDK 25, as root for the network namespace): "
                 f"`{'MEDIA_JAVA_OPTS=' + a.java_opts + ' ' if a.java_opts else ''}"
                 f"benchmarks/media-cpu.sh {a.rounds} {a.window}`"
                 f"{' (scenarios ' + a.scenarios + ')' if a.scenarios != ','.join(SCENARIOS) else ''}.")
    lines.append("")
    lines.append(
        "What it measures: the CPU time (utime + stime from `/proc/<pid>/stat`) of each SDK's process over "
        f"the same {a.window} s window, in % of ONE core. A livekit-server v1.13.5 runs in a throwaway network "
        "namespace; every peer is a process of its own (`MediaPeer` for RoomFlux with the JVM's default "
        "options, `benchmarks/python/media_peer.py`, `benchmarks/node/media_peer.cjs`). *Receiving*: a "
        "RoomFlux sender publishes a 440 Hz tone, 48 kHz mono in 10 ms frames (or a moving 1280x720 I420 "
        "picture at 30 fps, VP8 at 1.7 Mbit/s, no simulcast), and one receiver per SDK subscribes and reads "
        "every frame (48 kHz mono `AudioStream` / default `VideoStream`), all three at the same time. "
        "*Sending*: one sender per SDK publishes the same tone (one second of frames computed in advance, "
        "captured with the SDK's `AudioSource` and its 1 s queue, which paces it to real time) at the same "
        "time, and one RoomFlux receiver counts what arrives from each. Each process includes the whole SDK "
        "and its core (Opus/VP8, WebRTC, the FFI). "
        f"Per round and scenario the peers start in an order rotated by one each round; the window starts "
        f"{a.settle} s after every receiver has counted frames from every sender, so that it measures the "
        f"steady state of a long-lived receiver or sender; the CPU of those first {a.settle} s, which hold "
        f"the JIT's warm-up (the JVM's and V8's), is in the last column.")
    lines.append("")
    lines.append(
        "A CPU cell is the median over the rounds (min–max in brackets); the ratio is the median over the "
        "rounds of (SDK / the cheaper of Python and Node in the same round). *Counted* is what the receiver "
        "counted in the window over what the sender captured in it (samples for audio, frames for video), "
        "summed over the rounds; a receiver that counted less than 98 % of what the best receiver of the "
        "same round counted is flagged (frames the sender's encoder dropped are missing for everyone).")
    lines.append("")
    lines.append(f"Run {a.started} on {a.cores} cores; load average before: {a.load_before}; after: "
                 f"{a.load_after}; 1-minute load as each window started: "
                 f"{fmt(min(loads)) if loads else '–'}–{fmt(max(loads)) if loads else '–'}. "
                 f"Python SDK 1.2.1 runs livekit-ffi 0.13.2 (the core RoomFlux ships); the Node SDK "
                 f"{a.node_sdk} runs its own build, @livekit/rtc-ffi-bindings {a.node_core}.")
    lines.append("")
    lines.append(f"| stream | SDK | CPU, % of one core | ratio to the best peer | counted | first {a.settle} s "
                 f"(warm-up), % of one core |")
    lines.append("|---|---|---|---|---|---|")
    problems = []
    for scenario in a.scenarios.split(","):
        rows = [r for r in ok if r["scenario"] == scenario]
        by_round = {}
        for r in rows:
            by_round.setdefault(r["round"], {})[r["side"]] = float(r["cpu_pct"])
        for side, label in SIDES:
            mine = [r for r in rows if r["side"] == side]
            values = [float(r["cpu_pct"]) for r in mine]
            ratios = [got[side] / min(got[p] for p in PEERS) for got in by_round.values()
                      if side in got and all(p in got for p in PEERS) and min(got[p] for p in PEERS) > 0]
            counted, short = completeness(mine, rows if scenario.startswith("recv") else mine, scenario.endswith("audio"))
            if short:
                problems.append(f"{side} {scenario} in round(s) {', '.join(short)}")
            sizes = {r["size"] for r in mine if scenario == "recv-video"}
            if sizes and sizes != {"1280x720"}:
                counted += f"; sizes seen {', '.join(sorted(sizes))}"
                problems.append(f"{side} {scenario} received {', '.join(sorted(sizes))}")
            lines.append(f"| {SCENARIOS[scenario]} | {label.format(node_sdk=a.node_sdk)} | {cell(values)} | "
                         f"{ratio_cell(ratios)} | {counted} | "
                         f"{cell([float(r['warmup_pct']) for r in mine if 'warmup_pct' in r])} |")
    lines.append("")
    failed = sorted({f"round {r['round']} {r['scenario']} {r['side']} ({r.get('reason', '?').replace('_', ' ')})"
                     for r in results if "failed" in r})
    lines.append(f"Peers that failed: {'; '.join(failed) if failed else 'none'}. Receivers flagged short: {'; '.join(problems) if problems else 'none'}.")
    lines.append("")
    lines.append("Where each receiver's CPU goes, by thread (the same windows; per group the median over the rounds "
                 "of the group's share, so the groups need not add up to the process's median):")
    lines.append("")
    for scenario in [s for s in a.scenarios.split(",") if s.startswith("recv")]:
        lines.append(f"| {SCENARIOS[scenario]}: threads | " + " | ".join(label.format(node_sdk=a.node_sdk)
                                                                        for _, label in SIDES) + " |")
        lines.append("|---|" + "---|" * len(SIDES))
        rounds = sorted({t["round"] for t in threads if t["scenario"] == scenario})
        table = {}
        for t in threads:
            if t["scenario"] != scenario:
                continue
            label = group_of(t["name"]) if t["side"] == "roomflux" else peer_group(t["name"])
            key = (label, t["side"], t["round"])
            table[key] = table.get(key, 0.0) + float(t["cpu_pct"])
        labels = [g for g, _ in GROUPS] + [g for g, _ in PEER_GROUPS if g not in dict(GROUPS)]
        for label in labels:
            cells = []
            for side, _ in SIDES:
                values = [table.get((label, side, r), 0.0) for r in rounds]
                cells.append(fmt(statistics.median(values)) if any(values) else "–")
            if any(c != "–" for c in cells):
                lines.append(f"| {label} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines) + "\n"


PEER_GROUPS = [
    ("core: tokio runtime (signalling, FFI requests, audio/video stream tasks)", r"^tokio"),
    ("core: libwebrtc threads (network, worker, signaling, audio device, decoding)", GROUPS[1][1]),
    ("Python/Node: the interpreter's own threads (event loop, libuv, V8)", r"."),
]


def peer_group(name):
    for label, pattern in PEER_GROUPS:
        if re.search(pattern, name):
            return label
    return PEER_GROUPS[-1][0]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    for name in ("rounds", "window", "settle", "scenarios", "started", "load-before", "load-after", "cores",
                 "node-sdk", "node-core", "java-opts", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    results, threads = parse(a.results)
    text = section(results, threads, a)
    print(text)
    if a.doc != "none":
        rewrite(a.doc, BEGIN, END, text, "media_report")
        print(f"media_report: rewrote the section in {a.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
