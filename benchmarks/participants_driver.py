#!/usr/bin/env python3
"""One contender run of benchmarks/participants.sh, inside the network namespace the script made:
starts a dev-mode livekit-server v1.13.5, writes the tokens, starts the contender (RoomFlux's
ParticipantsBench or benchmarks/python/participants.py), drives it over stdin/stdout and measures
it from outside through /proc:

  rss_before   VmRSS once the SDK is loaded, before any participant joins
  join_s       the contender's own time from the first connect to the last one finished
  join_cpu_s   CPU seconds of the process while joining (per thread group too, in THREADS)
  rss_after    VmRSS after joining and SETTLE seconds of rest
  idle_cpu     (utime + stime) of the process over IDLE seconds after that, % of one core
  threads      the same per thread (/proc/<pid>/task/*/stat), grouped by thread name
  broadcast    one reliable packet from the first participant of each room: how many of the
               others received it within the bound
  server_idle  the livekit-server's own CPU over the same idle window (not part of any score)

Prints progress on stderr and one result line `RESULT key=value ...` (plus `THREADS {json}`) on stdout.
Runs with LiveKit's Python venv (it mints the tokens with livekit-api).
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import threading
import time
import urllib.request
import queue

from livekit import api

CLK_TCK = os.sysconf("SC_CLK_TCK")
KEY, SECRET = "devkey", "secret-for-the-participants-benchmark-0123456789"

# Thread name (the kernel's 15-character comm) -> group, first match wins.
GROUPS = [
    (r"^tokio-runtime-w|^tokio-", "core: tokio workers"),
    (r"^(network_thread|worker_thread|signaling_thre|signaling_thread|rtc_event_log|rtc-low-prio"
     r"|AudioEncoder|AudioDeviceBuff|TaskQueuePacedS|PacerQueue|IncomingVideoSt|DecodingQueue"
     r"|EncoderQueue|rtp_send_contro|RtpSenderEgress|ModuleProcessTh|rtc_|webrtc)", "core: libwebrtc"),
    (r"^roomflux-ffi-di", "RoomFlux: FFI dispatcher"),
    (r"^roomflux", "RoomFlux: other"),
    (r"^(parallel-|boundedElastic|single-|reactor-)", "Reactor schedulers"),
    (r"^(GC Thread|G1 |GC |VM Periodic|Service Thread|VM Thread)", "JVM: GC and VM"),
    (r"^(C1 CompilerThre|C2 CompilerThre)", "JVM: JIT compilers"),
    (r"^java$|^main$", "main thread"),
    (r"^python", "Python: main (event loop)"),
    (r"^asyncio_", "Python: executor"),
]


def group_of(name):
    for pattern, group in GROUPS:
        if re.search(pattern, name):
            return group
    return "other"


def proc_ticks(pid):
    with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)


def thread_ticks(pid):
    """{tid: (name, ticks)} of the threads alive now."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", encoding="utf-8") as f:
                text = f.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        out[tid] = (name, int(fields[11]) + int(fields[12]))
    return out


def rss_kb(pid):
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def say(msg):
    print(f"participants: {msg}", file=sys.stderr, flush=True)


class Contender:
    """The contender's process; its PROTO lines arrive on a queue, everything else goes to a log."""

    def __init__(self, cmd, log_path):
        self.log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.log.write("$ " + " ".join(shlex.quote(c) for c in cmd) + "\n")
        self.log.flush()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            if line.startswith("PROTO "):
                self.lines.put(line[6:].strip())
            self.log.write(line)
            self.log.flush()
        self.lines.put(None)

    def send(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def await_line(self, word, timeout):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"no '{word}' from the contender within {timeout:.0f} s")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError(f"the contender exited (status {self.proc.wait()}) before '{word}'")
            if line.split()[0] == word:
                return dict(kv.split("=", 1) for kv in line.split()[1:])

    def stop(self, timeout):
        try:
            self.send("quit")
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            say(f"the contender did not exit within {timeout} s of quit; killing it")
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        return self.proc.returncode


def start_server(binary, node_ip, interface, workdir):
    config = os.path.join(workdir, "livekit.yaml")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"""port: 7880
bind_addresses: ["127.0.0.1"]
keys: {{{KEY}: {SECRET}}}
logging: {{level: info}}
rtc:
  tcp_port: 7881
  udp_port: 7882
  stun_servers: ["127.0.0.1:3478"]
  use_external_ip: false
  node_ip: {node_ip}
  interfaces: {{includes: [{interface}]}}
""")
    log = open(os.path.join(workdir, "livekit-server.log"), "w", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen([binary, "--dev", "--config", config], stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"livekit-server exited with {proc.returncode}; see {log.name}")
        try:
            with urllib.request.build_opener(urllib.request.ProxyHandler({})).open("http://127.0.0.1:7880/",
                                                                                timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("livekit-server did not answer on 127.0.0.1:7880 within 30 s")


def write_tokens(path, n, room_size, run_id):
    rooms = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            room = f"bench-{run_id}-{i // room_size}"
            rooms = i // room_size + 1
            token = (api.AccessToken(KEY, SECRET).with_identity(f"p{i}")
                     .with_grants(api.VideoGrants(room_join=True, room=room)).to_jwt())
            f.write(f"{room} p{i} {token}\n")
    return rooms


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--side", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--round", type=int, default=1)
    p.add_argument("--room-size", type=int, required=True)
    p.add_argument("--settle", type=float, default=5)
    p.add_argument("--idle", type=float, default=20)
    p.add_argument("--bound", type=int, default=10)
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--server", required=True, help="the livekit-server binary")
    p.add_argument("--node-ip", required=True)
    p.add_argument("--interface", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--probe", default="", help="a command run once after settling, {pid} replaced "
                   "(e.g. jcmd {pid} VM.native_memory summary); its output goes to probe.txt")
    p.add_argument("cmd", nargs=argparse.REMAINDER, help="-- the contender's command; "
                   "{tokens}, {url}, {batch} and {bound} are replaced")
    a = p.parse_args()
    cmd = [c.format(tokens=os.path.join(a.workdir, "tokens.txt"), url="ws://127.0.0.1:7880", batch=a.batch,
                    bound=a.bound) for c in a.cmd if c != "--"]
    os.makedirs(a.workdir, exist_ok=True)
    rooms = write_tokens(os.path.join(a.workdir, "tokens.txt"), a.n, a.room_size, f"{a.side}{a.n}r{a.round}")
    result = {"side": a.side, "n": a.n, "round": a.round, "rooms": rooms,
              "load1": f"{os.getloadavg()[0]:.2f}"}
    server = start_server(a.server, a.node_ip, a.interface, a.workdir)
    contender = None
    try:
        contender = Contender(cmd, os.path.join(a.workdir, "contender.log"))
        pid = contender.proc.pid
        contender.await_line("ready", 120)
        rss_before = rss_kb(pid)
        say(f"{a.side} N={a.n}: SDK loaded (RSS {rss_before / 1024:.0f} MB); joining {a.n} participants "
            f"in {rooms} room(s), {a.batch} at a time")
        j0, jw0 = thread_ticks(pid), time.monotonic()
        contender.send("join")
        joined = contender.await_line("joined", 60 + a.n * 2)
        j1, jw1 = thread_ticks(pid), time.monotonic()
        result.update(joined=joined["ok"], failed=joined["failed"], join_s=f"{int(joined['ms']) / 1000:.2f}")
        say(f"{a.side} N={a.n}: {joined['ok']} joined, {joined['failed']} failed, in {result['join_s']} s; "
            f"settling {a.settle:.0f} s, then measuring idle CPU for {a.idle:.0f} s")
        time.sleep(a.settle)
        rss_after = rss_kb(pid)
        if a.probe:
            with open(os.path.join(a.workdir, "probe.txt"), "w", encoding="utf-8") as f:
                subprocess.run(shlex.split(a.probe.replace("{pid}", str(pid))), stdout=f, stderr=subprocess.STDOUT,
                               timeout=120, check=False)
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as src, \
                    open(os.path.join(a.workdir, "probe.txt"), "a", encoding="utf-8") as f:
                f.write(src.read())
        ok = max(1, int(joined["ok"]))
        result.update(rss_before_mb=f"{rss_before / 1024:.1f}", rss_after_mb=f"{rss_after / 1024:.1f}",
                      rss_mb_per=f"{(rss_after - rss_before) / 1024 / ok:.3f}")
        t0, w0, s0 = thread_ticks(pid), time.monotonic(), proc_ticks(server.pid)
        p0 = proc_ticks(pid)
        time.sleep(a.idle)
        p1, t1, w1, s1 = proc_ticks(pid), thread_ticks(pid), time.monotonic(), proc_ticks(server.pid)
        wall = w1 - w0
        pct = lambda ticks: 100.0 * ticks / CLK_TCK / wall  # noqa: E731
        result.update(idle_cpu=f"{pct(p1 - p0):.1f}", server_idle_cpu=f"{pct(s1 - s0):.1f}",
                      threads_n=len(t1))
        groups, names = {}, {}
        for tid, (name, ticks) in t1.items():
            delta = ticks - t0.get(tid, (name, 0))[1]
            g = group_of(name)
            groups[g] = groups.get(g, 0.0) + pct(delta)
            names.setdefault(g, {}).setdefault(name, [0, 0.0])
            names[g][name][0] += 1
            names[g][name][1] += pct(delta)
        # CPU seconds while joining, by thread group (threads that ended meanwhile are not counted).
        join_groups = {}
        for tid, (name, ticks) in j1.items():
            g = group_of(name)
            join_groups[g] = join_groups.get(g, 0.0) + (ticks - j0.get(tid, (name, 0))[1]) / CLK_TCK
        result.update(join_cpu_s=f"{sum(join_groups.values()):.1f}")
        say(f"{a.side} N={a.n}: idle CPU {result['idle_cpu']}% of one core, RSS +{result['rss_mb_per']} MB "
            f"per participant; broadcasting")
        contender.send("broadcast")
        b = contender.await_line("broadcast", a.bound + 120)
        result.update(bcast_received=b["received"], bcast_expected=b["expected"], bcast_ms=b["ms"])
        say(f"{a.side} N={a.n}: broadcast received by {b['received']} of {b['expected']}")
        status = contender.stop(120)
        contender = None
        result.update(exit=status)
        print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()), flush=True)
        print("THREADS " + json.dumps({"side": a.side, "n": a.n, "round": a.round, "groups": groups,
                                       "names": names, "join_cpu_s": join_groups}), flush=True)
    finally:
        if contender is not None:
            contender.stop(30)
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as e:
        say(f"FAILED: {e}")
        sys.exit(1)
