"""Turns the RESULT lines of ServerAgentsBench (benchmarks/server-agents.sh) into a Markdown
section and, unless --doc is "none", puts it into that file between BEGIN and END, replacing what
was there (or appending it at the end the first time). Prints the section either way.
"""
import argparse
import re
import statistics
import sys

from report import rewrite

BEGIN = "<!-- BEGIN server-agents.sh: this section is written by benchmarks/server-agents.sh; do not edit it by hand -->"
END = "<!-- END server-agents.sh -->"


def parse(path):
    results = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("RESULT "):
                continue
            kind, rest = line[len("RESULT "):].strip().split(" ", 1)
            fields = dict(re.findall(r'(\w[\w-]*)=("[^"]*"|\S+)', rest))
            results.append((kind, {k: v.strip('"') for k, v in fields.items()}))
    return results


def fmt(x):
    return f"{x:.0f}" if x >= 100 else f"{x:.3g}"


def section(results, a):
    one = {kind: fields for kind, fields in results if kind in ("dispatch", "listrooms-setup")}
    holds = [fields for kind, fields in results if kind == "hold"]
    loads = {fields["phase"]: fields["loadavg"] for kind, fields in results if kind == "load"}
    sides = {"roomflux": [], "python": []}
    load1 = []
    for kind, fields in results:
        if kind == "listrooms":
            sides[fields["side"]].append(float(fields["mean_us"]))
            load1.append(float(fields["load1"]))
    d = one["dispatch"]
    setup = one["listrooms-setup"]
    lines = [BEGIN, "## Server API and agent workers (issue 8)", "",
             f"Command (from the repository root, `JAVA_HOME` at a JDK 25, as root for the network namespace): "
             f"`benchmarks/server-agents.sh`. Started {a.started} on {a.cores} cores, commit `{a.commit}`. "
             f"One JVM (`ServerAgentsBench {a.args}`) in a throwaway network namespace starts a dev-mode "
             f"livekit-server v1.13.5 there and runs one `AgentWorker` (agent name `bench`) and the `ServerApi` "
             f"client that dispatches to it; LiveKit's Python server SDK (`livekit-api` {a.python_api}, in the "
             f"venv of `scripts/python-peer.sh`) runs as a child process in the same namespace.", "",
             f"**Dispatch latency** (`CreateDispatch` called → the worker calls the job function, after its agent "
             f"joined the room; the job function completes at once), over {d['n']} dispatches one after the other "
             f"to the one worker JVM: p50 **{d['p50_ms']} ms**, p99 **{d['p99_ms']} ms** (min {d['min_ms']}, "
             f"max {d['max_ms']} ms; nearest rank).", "",
             "**Jobs held by one worker JVM at once** (job functions that never complete, each with its agent "
             "in its own room; resident set of the whole JVM from `/proc/self/status` after a GC, against the "
             "resident set after registration and the dispatch phase; the dispatching client lives in the same "
             "JVM, so these are upper bounds):", "",
             "| jobs running | RSS, MiB | baseline RSS, MiB | RSS per job, KiB |", "|---|---|---|---|"]
    for h in holds:
        lines.append(f"| {h['running']} of {h['jobs']} | {h['rss_mib']} | {h['base_rss_mib']} | {h['rss_per_job_kib']} |")
    r, p = sides["roomflux"], sides["python"]
    mr, mp = statistics.median(r), statistics.median(p)
    lines += ["",
              f"**`ListRooms` mean latency**, {len(r)} rounds per client, interleaved (RoomFlux first in odd "
              f"rounds, Python first in even ones); each round makes {setup['warmup']} uncounted calls, then "
              f"{setup['calls']} sequential calls on one client (RoomFlux: a fresh `ServerApi`, its calls "
              f"`block()`ed one after the other on the main thread; Python: `LiveKitAPI(url, key, secret)"
              f".room.list_rooms(ListRoomsRequest())` awaited one after the other in an asyncio loop, a fresh "
              f"process per round). The server holds {setup['rooms']} rooms. Each cell is the median of the "
              f"rounds' means, with min–max in brackets.", "",
              "| client | mean per call, µs | rounds |", "|---|---|---|",
              f"| RoomFlux `ServerApi` (reactor-netty) | {fmt(mr)} ({fmt(min(r))}–{fmt(max(r))}) | "
              + ", ".join(fmt(x) for x in r) + " |",
              f"| LiveKit Python `livekit-api` (aiohttp) | {fmt(mp)} ({fmt(min(p))}–{fmt(max(p))}) | "
              + ", ".join(fmt(x) for x in p) + " |",
              "",
              f"RoomFlux/Python ratio of the medians: **{mr / mp:.3f}** (below 1: RoomFlux is faster). "
              f"Load average (1, 5, 15 min) before the `ListRooms` rounds: {loads.get('before', '?')}; after: "
              f"{loads.get('after', '?')}; 1-minute load as each round started: {min(load1):.2f}–{max(load1):.2f}. "
              "A single run on a shared machine: read the figures as rough.",
              END]
    return "\n".join(lines) + "\n"




def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    for name in ("started", "cores", "commit", "args", "python-api", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    text = section(parse(a.results), a)
    print(text)
    if a.doc != "none":
        rewrite(a.doc, BEGIN, END, text, "server_agents_report")
        print(f"server_agents_report: rewrote the section in {a.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
