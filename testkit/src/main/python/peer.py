#!/usr/bin/env python3
"""A LiveKit peer that is not RoomFlux, for interop tests: LiveKit's own Python SDK.

It joins one room and can, at the same time:
  * publish a sine tone (``--tone HZ``) at 48 kHz mono for ``--tone-seconds`` seconds;
  * subscribe to one participant's audio (``--listen IDENTITY``) and report, once a second,
    the Goertzel power ratio at ``--listen-frequency`` and how many samples arrived;
  * publish a data track (``--data-track NAME``) and push a frame every 20 ms: frame i has the
    payload "py-i" and the user timestamp i;
  * subscribe to the data tracks of one participant (``--subscribe-data IDENTITY``) and report
    each frame;
  * use end-to-end encryption with a shared key (hex in the environment variable
    ``ROOMFLUX_PEER_E2EE_KEY_HEX``; never on the command line and never printed).

Connection: ``--url``/``--token``, else the environment variables LIVEKIT_URL and LIVEKIT_TOKEN
(preferred: a command line is visible to every process).

Output: one JSON object per line on stdout, each with a "type":
  connected   {"identity", "room"}                  joined the room
  published   {"track_sid"}                         the tone track is published
  tone_done   {"frames"}                            the tone's duration is over (it stays published)
  subscribed  {"participant", "track_sid"}          listening to that participant's audio track
  audio       {"participant", "track_sid", "frequency", "ratio", "samples", "total_samples",
               "sample_rate", "rms"}                every second while listening, samples received
                                                    in that second (0 when none came)
  data_track_published  {"sid", "name"}             the data track is published
  data_track_subscribed {"participant", "sid", "name"}  subscribed to that participant's data track
  data_frame  {"sid", "payload", "user_timestamp"}  a data track frame arrived (payload as UTF-8
                                                    text; user_timestamp null when absent)
  data_track_ended {"sid"}                          the data track's stream ended
  e2ee_state  {"participant", "state"}              a frame cryptor's state changed (OK,
                                                    DECRYPTION_FAILED, MISSING_KEY, ...)
  error       {"message"}                           something failed; the peer exits with status 1
  exit        {"reason"}                            the last line: "stdin closed", "duration",
                                                    "signal", "disconnected" or "error"
Diagnostics go to stderr. The peer leaves the room and exits when stdin closes, after
``--duration`` seconds, or on SIGTERM/SIGINT.

The ratio is 2|X(f)|^2 / (N * sum(x^2)) over the window's N samples: 1.0 for a pure tone at f
whose frequency is a whole number of cycles in the window, near 0 for silence, noise or another
frequency. Standard library only: the tone and the analysis need no numpy.
"""
import argparse
import array
import asyncio
import json
import logging
import math
import os
import signal
import sys
import threading
import time

from livekit import rtc

SAMPLE_RATE = 48000
FRAME_SAMPLES = SAMPLE_RATE // 100  # 10 ms frames, what WebRTC works on
KEY_ENV = "ROOMFLUX_PEER_E2EE_KEY_HEX"

log = logging.getLogger("roomflux.peer")
_out_lock = threading.Lock()


def emit(kind: str, **fields) -> None:
    line = json.dumps({"type": kind, **fields}, separators=(",", ":"))
    with _out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def goertzel_ratio(samples, sample_rate: int, frequency: float) -> float:
    """Power at ``frequency`` relative to the window's total power, in [0, ~1]."""
    n = len(samples)
    if n == 0:
        return 0.0
    coeff = 2.0 * math.cos(2.0 * math.pi * frequency / sample_rate)
    s1 = s2 = 0.0
    energy = 0.0
    for x in samples:
        s0 = x + coeff * s1 - s2
        s2 = s1
        s1 = s0
        energy += x * x
    if energy == 0.0:
        return 0.0
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    return 2.0 * power / (n * energy)


class Tone:
    """A phase-continuous sine, in 10 ms int16 frames."""

    def __init__(self, frequency: float, amplitude: float):
        self._step = 2.0 * math.pi * frequency / SAMPLE_RATE
        self._amplitude = amplitude * 32767.0
        self._index = 0

    def next_frame(self) -> rtc.AudioFrame:
        start = self._index
        samples = array.array("h", (int(round(self._amplitude * math.sin(self._step * (start + i))))
                                    for i in range(FRAME_SAMPLES)))
        self._index += FRAME_SAMPLES
        return rtc.AudioFrame(samples.tobytes(), SAMPLE_RATE, 1, FRAME_SAMPLES)


async def publish_tone(room: rtc.Room, args, stop: asyncio.Event) -> None:
    source = rtc.AudioSource(SAMPLE_RATE, 1)
    track = rtc.LocalAudioTrack.create_audio_track("tone", source)
    options = rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
    publication = await room.local_participant.publish_track(track, options)
    emit("published", track_sid=publication.sid)
    tone = Tone(args.tone, args.amplitude)
    frames = 0
    limit = None if args.tone_seconds <= 0 else int(args.tone_seconds * 100)
    try:
        while not stop.is_set() and (limit is None or frames < limit):
            # capture_frame paces the sender: it waits while the source's queue (1 s) is full.
            await source.capture_frame(tone.next_frame())
            frames += 1
        if limit is not None and frames >= limit:
            emit("tone_done", frames=frames)
    finally:
        await source.aclose()


async def listen(track: rtc.Track, participant: str, args, stop: asyncio.Event) -> None:
    stream = rtc.AudioStream(track, sample_rate=SAMPLE_RATE, num_channels=1)
    window = array.array("h")
    total = 0
    lock = asyncio.Lock()

    async def report() -> None:
        nonlocal window
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), timeout=1.0)
            except asyncio.TimeoutError:
                pass
            async with lock:
                taken, window = window, array.array("h")
            n = len(taken)
            rms = math.sqrt(sum(x * x for x in taken) / n) if n else 0.0
            emit("audio", participant=participant, track_sid=track.sid, frequency=args.listen_frequency,
                 ratio=round(goertzel_ratio(taken, SAMPLE_RATE, args.listen_frequency), 4), samples=n,
                 total_samples=total, sample_rate=SAMPLE_RATE, rms=round(rms, 1))

    reporter = asyncio.ensure_future(report())
    try:
        async for event in stream:
            data = event.frame.data  # int16, interleaved (mono here)
            async with lock:
                window.frombytes(data.tobytes())
            total += event.frame.samples_per_channel
            if stop.is_set():
                break
    finally:
        reporter.cancel()
        await stream.aclose()


async def publish_data_track(room: rtc.Room, args, stop: asyncio.Event) -> None:
    track = await room.local_participant.publish_data_track(name=args.data_track)
    emit("data_track_published", sid=track.info.sid, name=track.info.name)
    i = 0
    try:
        while not stop.is_set():
            try:
                track.try_push(rtc.DataTrackFrame(payload=f"py-{i}".encode(), user_timestamp=i))
            except rtc.PushFrameError as e:  # a full queue: this frame is skipped
                log.debug("push %d failed: %s", i, e.message)
            i += 1
            try:
                await asyncio.wait_for(stop.wait(), timeout=0.02)
            except asyncio.TimeoutError:
                pass
    finally:
        if track.is_published():
            await track.unpublish()


async def read_data_track(track, args, stop: asyncio.Event) -> None:
    emit("data_track_subscribed", participant=track.publisher_identity, sid=track.info.sid, name=track.info.name)
    stream = track.subscribe()
    try:
        async for frame in stream:
            emit("data_frame", sid=track.info.sid, payload=bytes(frame.payload).decode("utf-8", "replace"),
                 user_timestamp=frame.user_timestamp)
            if stop.is_set():
                break
        emit("data_track_ended", sid=track.info.sid)
    finally:
        stream.close()


def watch_stdin(loop: asyncio.AbstractEventLoop, stop: asyncio.Event, reason: list) -> None:
    # A daemon thread: stdin is the parent's lifeline, and its end means "leave now".
    def run() -> None:
        try:
            while sys.stdin.buffer.readline():
                pass
        except (OSError, ValueError):
            pass
        loop.call_soon_threadsafe(request_stop, stop, reason, "stdin closed")

    threading.Thread(target=run, name="stdin-watch", daemon=True).start()


def request_stop(stop: asyncio.Event, reason: list, why: str) -> None:
    if not stop.is_set():
        reason.append(why)
        stop.set()


async def main(args) -> int:
    url = args.url or os.environ.get("LIVEKIT_URL")
    token = args.token or os.environ.get("LIVEKIT_TOKEN")
    if not url or not token:
        emit("error", message="no URL or token: pass --url/--token or set LIVEKIT_URL/LIVEKIT_TOKEN")
        emit("exit", reason="error")
        return 2

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    reason: list = []
    if not args.no_stdin:
        watch_stdin(loop, stop, reason)
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, request_stop, stop, reason, "signal")
    if args.duration > 0:
        loop.call_later(args.duration, request_stop, stop, reason, "duration")

    options = rtc.RoomOptions(auto_subscribe=True)
    key_hex = os.environ.get(KEY_ENV)
    if key_hex:
        try:
            key = bytes.fromhex(key_hex)
        except ValueError:
            emit("error", message=KEY_ENV + " is not hex")
            emit("exit", reason="error")
            return 2
        options.encryption = rtc.E2EEOptions(key_provider_options=rtc.KeyProviderOptions(
            shared_key=key, failure_tolerance=args.e2ee_failure_tolerance,
            ratchet_window_size=args.e2ee_ratchet_window))

    room = rtc.Room(loop=loop)
    tasks: list = []
    failures: list = []

    def spawn(coro) -> None:
        task = asyncio.ensure_future(coro)
        tasks.append(task)

        def check(done: asyncio.Task) -> None:
            if not done.cancelled() and done.exception() is not None:
                failures.append(done.exception())
                request_stop(stop, reason, "error")

        task.add_done_callback(check)

    @room.on("track_subscribed")
    def on_track_subscribed(track: rtc.Track, publication: rtc.RemoteTrackPublication,
                            participant: rtc.RemoteParticipant) -> None:
        if args.listen and participant.identity == args.listen and track.kind == rtc.TrackKind.KIND_AUDIO:
            emit("subscribed", participant=participant.identity, track_sid=track.sid)
            spawn(listen(track, participant.identity, args, stop))

    @room.on("data_track_published")
    def on_data_track_published(track) -> None:
        if args.subscribe_data and track.publisher_identity == args.subscribe_data:
            spawn(read_data_track(track, args, stop))

    @room.on("e2ee_state_changed")
    def on_e2ee_state(participant, state) -> None:
        emit("e2ee_state", participant=participant.identity if participant is not None else None,
             state=rtc.EncryptionState.Name(state))

    @room.on("disconnected")
    def on_disconnected(why) -> None:
        request_stop(stop, reason, "disconnected")

    try:
        await room.connect(url, token, options)
        emit("connected", identity=room.local_participant.identity, room=room.name)
        if args.tone > 0:
            spawn(publish_tone(room, args, stop))
        if args.data_track:
            spawn(publish_data_track(room, args, stop))
        await stop.wait()
    except Exception as e:  # noqa: BLE001  (reported as a line, not a traceback the parent cannot parse)
        failures.append(e)
        request_stop(stop, reason, "error")
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        try:
            await room.disconnect()
        except Exception:  # noqa: BLE001
            log.warning("disconnect failed", exc_info=True)
        for failure in failures:
            log.error("peer failed", exc_info=failure)
            emit("error", message=f"{type(failure).__name__}: {failure}")
        emit("exit", reason=reason[0] if reason else "error")
    return 1 if failures else 0


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--url")
    p.add_argument("--token")
    p.add_argument("--tone", type=float, default=0.0, help="publish a sine of this frequency (Hz); 0: publish nothing")
    p.add_argument("--tone-seconds", type=float, default=0.0, help="how long to send the tone; 0: until exit")
    p.add_argument("--amplitude", type=float, default=0.3, help="tone amplitude, fraction of full scale")
    p.add_argument("--listen", help="identity of the participant whose audio to analyse")
    p.add_argument("--listen-frequency", type=float, default=440.0, help="frequency (Hz) to look for")
    p.add_argument("--data-track", help="publish a data track of this name and push a frame every 20 ms")
    p.add_argument("--subscribe-data", help="identity of the participant whose data tracks to read")
    p.add_argument("--e2ee-failure-tolerance", type=int, default=-1,
                   help="decryption failures tolerated before a key is invalid; -1: not counted")
    p.add_argument("--e2ee-ratchet-window", type=int, default=16,
                   help="how often a receiver ratchets a key forward to decrypt a frame")
    p.add_argument("--duration", type=float, default=0.0, help="leave after this many seconds; 0: no limit")
    p.add_argument("--no-stdin", action="store_true", help="do not exit when stdin closes")
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


if __name__ == "__main__":
    arguments = parse(sys.argv[1:])
    logging.basicConfig(stream=sys.stderr, level=arguments.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.exit(asyncio.run(main(arguments)))
