#!/usr/bin/env python3
"""One side of benchmarks/media-cpu.sh in a process of its own, through LiveKit's Python SDK: a
sender of one 48 kHz mono tone, or a receiver that subscribes to every remote track of one kind and
counts its frames. Speaks the protocol of io.roomflux.benchmarks.MediaPeer: prints READY once it
publishes (sender) or has joined (receiver); on stdin, `mark` prints
`MARK identity:frames:samples:WxH ...` (per remote publisher, or `self` for a sender), `quit` or end
of input leaves and exits 0; any failure exits 1.

usage: media_peer.py send|recv audio|video URL TOKEN
"""
import asyncio
import math
import sys

import numpy as np
from livekit import rtc

RATE = 48000
FRAME = RATE // 100


class Count:
    def __init__(self):
        self.frames = 0
        self.samples = 0
        self.width = 0
        self.height = 0

    def line(self, identity):
        return f"{identity}:{self.frames}:{self.samples}:{self.width}x{self.height}"


def tone_frames():
    """One second of a 440 Hz sine (a whole number of periods), as 100 ready 10 ms frames."""
    t = np.arange(RATE)
    samples = np.round(0.3 * 32767 * np.sin(2 * math.pi * 440 * t / RATE)).astype(np.int16)
    return [rtc.AudioFrame(samples[i:i + FRAME].tobytes(), RATE, 1, FRAME) for i in range(0, RATE, FRAME)]


async def send(room, audio, count):
    if not audio:
        raise SystemExit("media_peer.py sends audio only")
    source = rtc.AudioSource(RATE, 1)
    track = rtc.LocalAudioTrack.create_audio_track("tone", source)
    await room.local_participant.publish_track(
        track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE, dtx=False))
    frames = tone_frames()

    async def pump():
        i = 0
        while True:
            # capture_frame waits while the source's queue is full: the tone goes out in real time.
            await source.capture_frame(frames[i])
            i = (i + 1) % len(frames)
            count.frames += 1
            count.samples += FRAME

    return asyncio.ensure_future(pump())


def receive(room, audio, counts, tasks):
    kind = rtc.TrackKind.KIND_AUDIO if audio else rtc.TrackKind.KIND_VIDEO

    async def consume(track, identity):
        count = counts.setdefault(identity, Count())
        if audio:
            async for event in rtc.AudioStream(track, sample_rate=RATE, num_channels=1):
                count.frames += 1
                count.samples += event.frame.samples_per_channel
        else:
            async for event in rtc.VideoStream(track):
                count.frames += 1
                count.width = event.frame.width
                count.height = event.frame.height

    def on_subscribed(track, publication, participant):
        if track.kind == kind:
            tasks.append(asyncio.ensure_future(consume(track, participant.identity)))

    room.on("track_subscribed", on_subscribed)


async def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    role, what, url, token = sys.argv[1:5]
    audio = what == "audio"
    counts = {}
    tasks = []
    room = rtc.Room()
    if role == "recv":
        receive(room, audio, counts, tasks)
    await room.connect(url, token, rtc.RoomOptions(auto_subscribe=role == "recv"))
    if role == "send":
        tasks.append(await send(room, audio, counts.setdefault("self", Count())))
    print("READY", flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = (await reader.readline()).decode().strip()
        if failed := [t for t in tasks if t.done() and t.exception()]:
            raise failed[0].exception()
        if line == "mark":
            print("MARK " + " ".join(counts[k].line(k) for k in sorted(counts)), flush=True)
        elif line in ("quit", ""):
            break
    for t in tasks:
        t.cancel()
    await room.disconnect()


if __name__ == "__main__":
    asyncio.run(main())
