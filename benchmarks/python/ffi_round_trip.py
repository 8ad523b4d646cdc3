#!/usr/bin/env python3
"""The cost of one request through LiveKit's Python SDK, measured the way
io.roomflux.benchmarks.FfiRoundTrip measures RoomFlux: a NewAudioResamplerRequest through the SDK's
FfiClient (encode, call, copy, parse, drop the response handle) plus dropping the resampler handle.
Prints one line per round and a summary line `RESULT python <median ns/op>`.

usage: ffi_round_trip.py [iterations per round] [rounds]
"""
import statistics
import sys
import time

from livekit.rtc._ffi_client import FfiClient, FfiHandle
from livekit.rtc._proto import ffi_pb2


def once(client, request):
    response = client.request(request)
    FfiHandle(response.new_audio_resampler.resampler.handle.id).dispose()


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    client = FfiClient.instance
    request = ffi_pb2.FfiRequest()
    request.new_audio_resampler.SetInParent()
    for _ in range(50_000):
        once(client, request)
    results = []
    for r in range(rounds):
        start = time.perf_counter_ns()
        for _ in range(iterations):
            once(client, request)
        ns = (time.perf_counter_ns() - start) / iterations
        results.append(ns)
        print(f"python round {r + 1}: {ns:.0f} ns/op over {iterations} ops", flush=True)
    print(f"RESULT python {statistics.median(results):.0f}", flush=True)


if __name__ == "__main__":
    main()
