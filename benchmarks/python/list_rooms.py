"""ListRooms through LiveKit's Python server SDK (livekit-api), for benchmarks/server-agents.sh.

    python list_rooms.py URL API_KEY API_SECRET CALLS WARMUP

Makes WARMUP calls (not counted), then CALLS calls one after the other on one LiveKitAPI (one
aiohttp session) in an asyncio loop, and prints `RESULT python mean_us=<mean> calls=<CALLS>
rooms=<rooms in the last answer>`. Not a test.
"""
import asyncio
import sys
import time

from livekit.api import ListRoomsRequest, LiveKitAPI


async def main(url, key, secret, calls, warmup):
    api = LiveKitAPI(url, key, secret)
    try:
        answer = None
        for _ in range(warmup):
            answer = await api.room.list_rooms(ListRoomsRequest())
        start = time.perf_counter_ns()
        for _ in range(calls):
            answer = await api.room.list_rooms(ListRoomsRequest())
        elapsed = time.perf_counter_ns() - start
    finally:
        await api.aclose()
    rooms = len(answer.rooms) if answer is not None else 0
    print(f"RESULT python mean_us={elapsed / calls / 1000:.1f} calls={calls} rooms={rooms}", flush=True)


if __name__ == "__main__":
    u, k, s, n, w = sys.argv[1:6]
    asyncio.run(main(u, k, s, int(n), int(w)))
