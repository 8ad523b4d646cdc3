"""The LiveKit Python SDK 1.2.1 side of io.roomflux.benchmarks.DisconnectLatency (started by it, in the
same network namespace, against the same livekit-server). Reads one command per line on stdin:

    cycle URL TOKEN   joins the room, then times `await room.disconnect()`: prints
                      `RESULT disconnected_ns=N returned_ns=M` (from the call to the "disconnected"
                      event, -1 when the SDK emitted none, and to disconnect() returning;
                      time.perf_counter_ns)
    quit              ends

Errors are printed as `ERROR <text>` and the loop goes on.
"""
import asyncio
import sys
import time

from livekit import rtc


async def cycle(url, token):
    room = rtc.Room()
    disconnected = []
    room.on("disconnected", lambda *_: disconnected.append(time.perf_counter_ns()))
    await room.connect(url, token)
    start = time.perf_counter_ns()
    await room.disconnect()
    returned = time.perf_counter_ns()
    # The SDK does not always emit "disconnected" (it emits it only when its state was not
    # CONN_DISCONNECTED already): -1 says so, and the driver counts it.
    return (disconnected[0] - start) if disconnected else -1, returned - start


async def main():
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        words = line.split()
        if not words or words[0] == "quit":
            return
        try:
            disconnected, returned = await cycle(words[1], words[2])
            print(f"RESULT disconnected_ns={disconnected} returned_ns={returned}", flush=True)
        except Exception as e:  # noqa: BLE001  (reported to the driver, which counts it)
            print(f"ERROR {type(e).__name__}: {e}".replace("\n", " "), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
