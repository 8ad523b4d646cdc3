#!/usr/bin/env python3
"""The report of benchmarks/jmh.sh: one row per JMH benchmark (score ± the 99.9% error JMH reports,
with its forks and iterations), the load before and after; prints a Markdown section and, unless
--doc is "none", puts it into that file between BEGIN and END.

Reads the JSON that JMH writes with `-rf json`.
"""
import argparse
import json
import sys

from report import fmt, rewrite

BEGIN = "<!-- BEGIN jmh.sh: this section is written by benchmarks/jmh.sh; do not edit it by hand -->"
END = "<!-- END jmh.sh -->"
WHAT = {
    "FfiRequestBenchmark.newAudioResampler": "`FfiClient.request(NewAudioResampler)` + both handle drops, real core",
    "EventDecodeBenchmark.decode": "`FfiEvent.parseFrom` of one data-packet event (dispatcher thread)",
    "EventDecodeBenchmark.decodeAndMap": "decode + map to `RoomEvent.DataReceived` (dispatcher thread)",
}


def section(results, a):
    lines = [BEGIN, "## JMH micro-benchmarks", ""]
    lines.append(f"Command (from the repository root, `JAVA_HOME` at a JDK 25): `benchmarks/jmh.sh"
                 f"{' ' + a.args if a.args else ''}` (JMH 1.37; package `io.roomflux.benchmarks.jmh`).")
    lines.append("")
    lines.append(f"Run {a.started} on {a.cores} cores; load average before: {a.load_before}; after: {a.load_after}.")
    lines.append("")
    lines.append("| benchmark | what | mode | score | ± error (99.9%) | forks × iterations |")
    lines.append("|---|---|---|---|---|---|")
    for r in results:
        name = r["benchmark"].rsplit(".", 2)
        short = f"{name[-2]}.{name[-1]}"
        m = r["primaryMetric"]
        err = m.get("scoreError")
        err_text = fmt(err) if isinstance(err, (int, float)) and err == err else "–"
        lines.append(f"| `{short}` | {WHAT.get(short, '')} | {r['mode']} | {fmt(m['score'])} {m['scoreUnit']} | "
                     f"{err_text} | {r['forks']} × {r['measurementIterations']} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("results")
    for name in ("args", "started", "load-before", "load-after", "cores", "doc"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    with open(a.results, encoding="utf-8") as f:
        results = json.load(f)
    if not results:
        sys.exit("jmh_report: JMH wrote no results")
    text = section(results, a)
    print(text)
    if a.doc != "none":
        rewrite(a.doc, BEGIN, END, text, "jmh_report")
        print(f"jmh_report: rewrote the section in {a.doc}", file=sys.stderr)


if __name__ == "__main__":
    main()
