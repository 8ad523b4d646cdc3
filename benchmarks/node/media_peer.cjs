#!/usr/bin/env node
// One side of benchmarks/media-cpu.sh in a process of its own, through LiveKit's Node SDK: a sender
// of one 48 kHz mono tone, or a receiver that subscribes to every remote track of one kind and
// counts its frames. Speaks the protocol of io.roomflux.benchmarks.MediaPeer: prints READY once it
// publishes (sender) or has joined (receiver); on stdin, `mark` prints
// `MARK identity:frames:samples:WxH ...` (per remote publisher, or `self` for a sender), `quit` or
// end of input leaves and exits 0; any failure exits 1.
//
// usage: media_peer.cjs <node_modules dir> send|recv audio|video URL TOKEN
'use strict';
const path = require('node:path');
const readline = require('node:readline');

const [modules, role, what, url, token] = process.argv.slice(2);
if (!token) {
  console.error('usage: media_peer.cjs <node_modules dir> send|recv audio|video URL TOKEN');
  process.exit(2);
}
const lk = require(path.join(modules, '@livekit/rtc-node'));
const RATE = 48000;
const FRAME = RATE / 100;
const audio = what === 'audio';
const counts = new Map();

function count(identity) {
  if (!counts.has(identity)) {
    counts.set(identity, { frames: 0, samples: 0, width: 0, height: 0 });
  }
  return counts.get(identity);
}

function fail(e) {
  console.error('media_peer.cjs FAILED:', e);
  process.exit(1);
}

// One second of a 440 Hz sine (a whole number of periods), as 100 ready 10 ms frames.
function toneFrames() {
  const frames = [];
  for (let f = 0; f < 100; f++) {
    const data = new Int16Array(FRAME);
    for (let i = 0; i < FRAME; i++) {
      data[i] = Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * 440 * (f * FRAME + i)) / RATE));
    }
    frames.push(new lk.AudioFrame(data, RATE, 1, FRAME));
  }
  return frames;
}

async function send(room) {
  if (!audio) {
    throw new Error('media_peer.cjs sends audio only');
  }
  const source = new lk.AudioSource(RATE, 1);
  const track = lk.LocalAudioTrack.createAudioTrack('tone', source);
  await room.localParticipant.publishTrack(track,
    new lk.TrackPublishOptions({ source: lk.TrackSource.SOURCE_MICROPHONE, dtx: false }));
  const frames = toneFrames();
  const self = count('self');
  (async () => {
    // captureFrame waits while the source's queue is full: the tone goes out in real time.
    for (let i = 0; ; i = (i + 1) % frames.length) {
      await source.captureFrame(frames[i]);
      self.frames++;
      self.samples += FRAME;
    }
  })().catch(fail);
}

async function consume(track, identity) {
  const c = count(identity);
  if (audio) {
    for await (const frame of new lk.AudioStream(track, { sampleRate: RATE, numChannels: 1 })) {
      c.frames++;
      c.samples += frame.samplesPerChannel;
    }
  } else {
    for await (const event of new lk.VideoStream(track)) {
      c.frames++;
      c.width = event.frame.width;
      c.height = event.frame.height;
    }
  }
}

async function main() {
  const room = new lk.Room();
  const kind = audio ? lk.TrackKind.KIND_AUDIO : lk.TrackKind.KIND_VIDEO;
  if (role === 'recv') {
    room.on(lk.RoomEvent.TrackSubscribed, (track, publication, participant) => {
      if (track.kind === kind) {
        consume(track, participant.identity).catch(fail);
      }
    });
  }
  await room.connect(url, token, { autoSubscribe: role === 'recv', dynacast: false });
  if (role === 'send') {
    await send(room);
  }
  console.log('READY');
  const input = readline.createInterface({ input: process.stdin });
  for await (const line of input) {
    if (line === 'mark') {
      const parts = [...counts.keys()].sort().map((k) => {
        const c = counts.get(k);
        return `${k}:${c.frames}:${c.samples}:${c.width}x${c.height}`;
      });
      console.log(['MARK', ...parts].join(' '));
    } else if (line === 'quit') {
      break;
    }
  }
  await room.disconnect();
  await lk.dispose();
  process.exit(0);
}

main().catch(fail);
