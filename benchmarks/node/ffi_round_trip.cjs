#!/usr/bin/env node
// The cost of one request through LiveKit's Node SDK, measured the way
// io.roomflux.benchmarks.FfiRoundTrip measures RoomFlux: a NewAudioResamplerRequest through the
// SDK's FfiClient (encode, call into the napi addon, decode; the addon gives the response back
// without a response handle) plus dropping the resampler handle with the SDK's FfiHandle.
// Prints one line per round and a summary line `RESULT node <median ns/op>`.
//
// usage: ffi_round_trip.cjs <node_modules dir> [iterations per round] [rounds]
'use strict';
const path = require('node:path');

const modules = process.argv[2];
if (!modules) {
  console.error('usage: ffi_round_trip.cjs <node_modules dir> [iterations] [rounds]');
  process.exit(2);
}
const iterations = Number(process.argv[3] ?? 200000);
const rounds = Number(process.argv[4] ?? 5);
// The SDK's own client; its package exports only the room API, so the file is loaded by path.
const { FfiClient, FfiHandle } = require(path.join(modules, '@livekit/rtc-node/dist/ffi_client.cjs'));

const client = FfiClient.instance;
const request = { message: { case: 'newAudioResampler', value: {} } };

function once() {
  const response = client.request(request);
  new FfiHandle(response.resampler.handle.id).dispose();
}

for (let i = 0; i < 50000; i++) {
  once();
}
const results = [];
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    once();
  }
  const ns = Number(process.hrtime.bigint() - start) / iterations;
  results.push(ns);
  console.log(`node round ${r + 1}: ${ns.toFixed(0)} ns/op over ${iterations} ops`);
}
results.sort((a, b) => a - b);
console.log(`RESULT node ${results[Math.floor(results.length / 2)].toFixed(0)}`);
process.exit(0);
