"""Reliable data packets A -> B through LiveKit's Python SDK (livekit 1.2.1), both rooms in this
process, measured the way io.roomflux.benchmarks.DataPacketBench measures RoomFlux (see
benchmarks/node/data_packets.cjs for the method): awaited (each publish_data awaited before the
next) and pipelined (`inflight` publish_data calls outstanding on the event loop).

Prints one `RESULT data mode=... ...` line per mode, as DataPacketBench does.

usage: data_packets.py URL TOKEN_A TOKEN_B [packets] [size] [inflight] [warmup] [modes]
"""

import asyncio
import math
import os
import struct
import sys
import time
import uuid

from livekit import rtc


def payload(seq: int, size: int) -> bytes:
    return struct.pack(">qq", seq, time.perf_counter_ns()) + bytes(size - 16)


async def measure(a: rtc.Room, b: rtc.Room, mode: str, count: int, size: int, inflight: int) -> dict:
    topic = f"bench-{mode}-{uuid.uuid4()}"
    sent_at = [0] * count
    received_at = [0] * count
    state = {"unique": 0, "duplicated": 0, "corrupt": 0}
    done = asyncio.get_running_loop().create_future()

    def on_data(packet: rtc.DataPacket) -> None:
        if packet.topic != topic:
            return
        now = time.perf_counter_ns()
        data = packet.data
        if len(data) != size:
            state["corrupt"] += 1
            return
        seq, sent = struct.unpack_from(">qq", data)
        if seq < 0 or seq >= count:
            state["corrupt"] += 1
        elif received_at[seq]:
            state["duplicated"] += 1
        else:
            received_at[seq] = now
            sent_at[seq] = sent
            state["unique"] += 1
            if state["unique"] == count and not done.done():
                done.set_result(None)

    b.on("data_received", on_data)
    cpu0 = os.times()
    start = time.perf_counter_ns()
    window = 1 if mode == "awaited" else inflight
    next_seq = [0]

    async def lane() -> None:
        while next_seq[0] < count:
            seq = next_seq[0]
            next_seq[0] += 1
            await a.local_participant.publish_data(payload(seq, size), reliable=True, topic=topic)

    await asyncio.gather(*(lane() for _ in range(window)))
    sent = time.perf_counter_ns()
    try:
        await asyncio.wait_for(done, 30)
        complete = True
    except asyncio.TimeoutError:
        complete = False
    cpu1 = os.times()
    b.off("data_received", on_data)
    last = max(received_at) if complete else time.perf_counter_ns()
    latencies = sorted((received_at[i] - sent_at[i]) / 1e6 for i in range(count) if received_at[i])

    def rank(p: float) -> float:
        return latencies[max(0, math.ceil(p * len(latencies)) - 1)] if latencies else float("nan")

    unique = state["unique"]
    return {
        "mode": mode, "inflight": window, "packets": count, "unique": unique,
        "msg_per_s": unique / ((last - start) / 1e9), "send_msg_per_s": count / ((sent - start) / 1e9),
        "p50": rank(0.5), "p99": rank(0.99),
        "cpu_us": ((cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)) * 1e6 / count,
        "duplicated": state["duplicated"], "corrupt": state["corrupt"],
    }


async def main() -> int:
    url, token_a, token_b = sys.argv[1:4]
    packets = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
    size = int(sys.argv[5]) if len(sys.argv) > 5 else 1024
    inflight = int(sys.argv[6]) if len(sys.argv) > 6 else 16
    warmup = int(sys.argv[7]) if len(sys.argv) > 7 else 300
    modes = (sys.argv[8] if len(sys.argv) > 8 else "awaited,pipelined").split(",")
    b = rtc.Room()
    await b.connect(url, token_b, rtc.RoomOptions(auto_subscribe=False))
    a = rtc.Room()
    await a.connect(url, token_a, rtc.RoomOptions(auto_subscribe=False))
    status = 0
    for mode in modes:
        await measure(a, b, mode, warmup, size, inflight)
        r = await measure(a, b, mode, packets, size, inflight)
        lost = r["packets"] - r["unique"]
        print(f"RESULT data mode={mode} size={size} inflight={r['inflight']} packets={r['packets']}"
              f" msg_per_s={r['msg_per_s']:.1f} send_msg_per_s={r['send_msg_per_s']:.1f}"
              f" p50_ms={r['p50']:.3f} p99_ms={r['p99']:.3f} cpu_us_per_msg={r['cpu_us']:.1f}"
              f" lost={lost} duplicated={r['duplicated']} corrupt={r['corrupt']}", flush=True)
        if lost or r["duplicated"] or r["corrupt"]:
            status = 2
    await a.disconnect()
    await b.disconnect()
    return status


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
