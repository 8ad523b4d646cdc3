#!/usr/bin/env node
// Reliable data packets A -> B through LiveKit's Node SDK (@livekit/rtc-node), both rooms in this
// process, measured the way io.roomflux.benchmarks.DataPacketBench measures RoomFlux: for each
// mode, `warmup` packets on a topic of their own (not counted), then `packets` packets of `size`
// bytes on a fresh topic; each payload starts with its sequence number (8 bytes, big-endian) and
// the time its send started (8 bytes); B records the arrival time. Modes: awaited (each
// publishData awaited before the next) and pipelined (`inflight` publishData promises
// outstanding, a new one started as soon as one resolves).
// Prints one line per mode, `RESULT data mode=... size=... inflight=... packets=... msg_per_s=...
// send_msg_per_s=... p50_ms=... p99_ms=... cpu_us_per_msg=... lost=... duplicated=... corrupt=...`.
//
// usage: data_packets.cjs <node_modules dir> <url> <token A> <token B> [packets] [size] [inflight]
//        [warmup] [modes]
'use strict';
const path = require('node:path');

const [modules, url, tokenA, tokenB] = process.argv.slice(2, 6);
if (!modules || !url || !tokenA || !tokenB) {
  console.error('usage: data_packets.cjs <node_modules dir> <url> <token A> <token B> [packets] [size] [inflight] [warmup] [modes]');
  process.exit(2);
}
const packets = Number(process.argv[6] ?? 2000);
const size = Number(process.argv[7] ?? 1024);
const inflight = Number(process.argv[8] ?? 16);
const warmup = Number(process.argv[9] ?? 300);
const modes = (process.argv[10] ?? 'awaited,pipelined').split(',');
const { Room, RoomEvent } = require(path.join(modules, '@livekit/rtc-node'));

const nowNs = () => process.hrtime.bigint();

function payload(seq) {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setBigInt64(0, BigInt(seq));
  view.setBigInt64(8, nowNs());
  return bytes;
}

async function measure(a, b, mode, count) {
  const topic = `bench-${mode}-${Math.random().toString(36).slice(2)}`;
  const sentAt = new Array(count).fill(0n);
  const receivedAt = new Array(count).fill(0n);
  let unique = 0;
  let duplicated = 0;
  let corrupt = 0;
  let done;
  const all = new Promise((resolve) => { done = resolve; });
  const onData = (data, _participant, _kind, t) => {
    if (t !== topic) return;
    const now = nowNs();
    if (data.length !== size) { corrupt++; return; }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const seq = Number(view.getBigInt64(0));
    if (seq < 0 || seq >= count) { corrupt++; return; }
    if (receivedAt[seq] !== 0n) { duplicated++; return; }
    receivedAt[seq] = now;
    sentAt[seq] = view.getBigInt64(8);
    if (++unique === count) done();
  };
  b.on(RoomEvent.DataReceived, onData);
  const options = { reliable: true, topic };
  const cpu0 = process.cpuUsage();
  const start = nowNs();
  const window = mode === 'awaited' ? 1 : inflight;
  let next = 0;
  async function lane() {
    while (next < count) {
      const seq = next++;
      await a.localParticipant.publishData(payload(seq), options);
    }
  }
  await Promise.all(Array.from({ length: window }, lane));
  const sent = nowNs();
  const timeout = new Promise((resolve) => setTimeout(resolve, 30000, 'timeout'));
  const complete = (await Promise.race([all.then(() => 'all'), timeout])) === 'all';
  const cpu = process.cpuUsage(cpu0);
  b.off(RoomEvent.DataReceived, onData);
  const last = complete ? receivedAt.reduce((m, t) => (t > m ? t : m), 0n) : nowNs();
  const latencies = [];
  for (let i = 0; i < count; i++) {
    if (receivedAt[i] !== 0n) latencies.push(Number(receivedAt[i] - sentAt[i]) / 1e6);
  }
  latencies.sort((x, y) => x - y);
  const rank = (p) => (latencies.length === 0 ? NaN : latencies[Math.max(0, Math.ceil(p * latencies.length) - 1)]);
  return {
    mode, window, count, unique, duplicated, corrupt,
    msgPerS: unique / (Number(last - start) / 1e9),
    sendPerS: count / (Number(sent - start) / 1e9),
    p50: rank(0.5), p99: rank(0.99),
    cpuUs: (cpu.user + cpu.system) / count,
  };
}

async function main() {
  const b = new Room();
  await b.connect(url, tokenB, { autoSubscribe: false, dynacast: false });
  const a = new Room();
  await a.connect(url, tokenA, { autoSubscribe: false, dynacast: false });
  let status = 0;
  for (const mode of modes) {
    await measure(a, b, mode, warmup);
    const r = await measure(a, b, mode, packets);
    console.log(`RESULT data mode=${r.mode} size=${size} inflight=${r.window} packets=${r.count}`
      + ` msg_per_s=${r.msgPerS.toFixed(1)} send_msg_per_s=${r.sendPerS.toFixed(1)}`
      + ` p50_ms=${r.p50.toFixed(3)} p99_ms=${r.p99.toFixed(3)} cpu_us_per_msg=${r.cpuUs.toFixed(1)}`
      + ` lost=${r.count - r.unique} duplicated=${r.duplicated} corrupt=${r.corrupt}`);
    if (r.count !== r.unique || r.duplicated || r.corrupt) status = 2;
  }
  await a.disconnect();
  await b.disconnect();
  process.exit(status);
}

main().catch((e) => { console.error('data_packets.cjs FAILED:', e); process.exit(1); });
