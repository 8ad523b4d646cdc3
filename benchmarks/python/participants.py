#!/usr/bin/env python3
"""The Python contender of benchmarks/participants.sh: many data-only participants in one process,
with LiveKit's own Python SDK (livekit==1.2.1), driven over stdin/stdout by
benchmarks/participants_driver.py exactly like io.roomflux.benchmarks.ParticipantsBench:

  prints "PROTO ready participants=N" once the SDK is loaded;
  "join"      connects one participant per line of the tokens file (`room identity token`),
              BATCH connects in flight, auto_subscribe off; prints "PROTO joined ok= failed= ms=";
  "broadcast" the first participant of each room publishes one reliable packet on topic
              "broadcast"; prints "PROTO broadcast received= expected= ms= complete=" once every
              other participant has it, or after BOUND seconds;
  "quit"      disconnects every room and exits 0.

usage: participants.py TOKENS_FILE URL [BATCH=10] [BOUND=10]
"""
import asyncio
import sys
import time

from livekit import rtc

TOPIC = "broadcast"


def say(line):
    sys.stdout.write("PROTO " + line + "\n")
    sys.stdout.flush()


async def expect(command):
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    if not line:
        raise RuntimeError(f"the driver closed stdin while {command} was expected")
    if line.strip() != command:
        raise RuntimeError(f"expected the command {command}, got {line.strip()}")


async def main():
    tokens_file, url = sys.argv[1], sys.argv[2]
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    bound = float(sys.argv[4]) if len(sys.argv) > 4 else 10.0
    with open(tokens_file, encoding="utf-8") as f:
        seats = [line.split() for line in f if line.strip()]
    publishers = {}
    for room_name, identity, _ in seats:
        publishers.setdefault(room_name, identity)
    expected = len(seats) - len(publishers)
    say(f"ready participants={len(seats)}")

    await expect("join")
    received = 0
    everyone = asyncio.Event()

    def on_data(packet):
        nonlocal received
        if packet.topic == TOPIC:
            received += 1
            if received >= expected:
                everyone.set()

    rooms, publisher_rooms, failures = [], [], []
    gate = asyncio.Semaphore(batch)

    async def join(room_name, identity, token):
        async with gate:
            room = rtc.Room()
            if publishers[room_name] != identity:
                room.on("data_received", on_data)
            try:
                await room.connect(url, token, options=rtc.RoomOptions(auto_subscribe=False))
            except Exception as e:  # noqa: BLE001 - counted and reported
                failures.append(f"{identity}: {e!r}")
                return
            rooms.append(room)
            if publishers[room_name] == identity:
                publisher_rooms.append(room)

    start = time.monotonic()
    await asyncio.gather(*(join(*seat) for seat in seats))
    elapsed = time.monotonic() - start
    if failures:
        print(f"first connect failure: {failures[0]}", file=sys.stderr)
    say(f"joined ok={len(rooms)} failed={len(failures)} ms={int(elapsed * 1000)}")

    await expect("broadcast")
    sent = time.monotonic()
    await asyncio.gather(*(r.local_participant.publish_data(b"hello, everyone", reliable=True, topic=TOPIC)
                           for r in publisher_rooms))
    try:
        await asyncio.wait_for(everyone.wait(), bound) if expected > 0 else None
        complete = True
    except asyncio.TimeoutError:
        complete = False
    say(f"broadcast received={received} expected={expected} ms={int((time.monotonic() - sent) * 1000)} "
        f"complete={str(complete).lower()}")

    await expect("quit")
    await asyncio.gather(*(r.disconnect() for r in rooms), return_exceptions=True)


if __name__ == "__main__":
    status = 0
    try:
        asyncio.run(main())
    except Exception as e:  # noqa: BLE001 - reported, exit status 1
        print(f"participants.py FAILED: {e!r}", file=sys.stderr)
        status = 1
    say(f"exit status={status}")
    sys.stdout.flush()
    # The SDK's native threads are not ours to wait for.
    import os
    os._exit(status)
