"""What the report scripts of benchmarks/ share: number formatting, median (min-max) cells, the
load average, and rewriting one marked section of a Markdown file without touching the rest.
"""
import os
import statistics
import sys


def fmt(x):
    """A figure with as many digits as it deserves: 1234, 12.3, 1.23."""
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def cell(values):
    """`median (min–max)` of the samples, or a dash when there are none."""
    if not values:
        return "–"
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))})"


def loadavg():
    """The 1, 5 and 15 minute load averages, as text."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def rewrite(doc, begin, end, text, tool):
    """Puts `text` (which starts with `begin` and ends with `end`) into `doc` in place of what is
    between the markers, or appends it when the file has neither; refuses a file with one marker."""
    with open(doc, encoding="utf-8") as f:
        content = f.read()
    start, stop = content.find(begin), content.find(end)
    if start >= 0 and stop > start:
        content = content[:start] + text + content[stop + len(end):].lstrip("\n")
    elif start < 0 and stop < 0:
        content = content.rstrip("\n") + "\n\n" + text
    else:
        sys.exit(f"{tool}: {doc} has only one of the markers, or them in the wrong order; fix it by hand")
    with open(doc, "w", encoding="utf-8") as f:
        f.write(content)


def publish(text, doc, failed, begin, end, tool):
    """Prints the section and, unless `doc` is "none" or a run failed (`failed` other than "0"),
    puts it into `doc` between the markers; a failed run leaves the file as it was."""
    print(text)
    if doc == "none":
        return
    if failed != "0":
        print(f"{tool}: a run failed; {doc} left as it was", file=sys.stderr)
        return
    rewrite(doc, begin, end, text, tool)
    print(f"{tool}: rewrote the section in {doc}", file=sys.stderr)
