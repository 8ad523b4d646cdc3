// The room bot's page: lists the server's rooms (GET rooms), has the bot join the chosen one
// (POST rooms/{room}/join), shows its events (EventSource on rooms/{room}/events) and sends
// messages into it (POST rooms/{room}/messages?topic=chat). Plain DOM, no framework.
'use strict';

const TOPIC = 'chat';
const $ = (id) => document.getElementById(id);
let room = null;
let source = null;

const roomPath = (name, rest) => `rooms/${encodeURIComponent(name)}${rest}`;

async function problem(response) {
  try {
    return (await response.json()).detail || response.statusText;
  } catch {
    return response.statusText;
  }
}

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
  const watching = state === 'watching';
  for (const id of ['message', 'send-button', 'leave']) {
    $(id).disabled = !watching;
  }
}

async function loadRooms() {
  const list = $('rooms');
  const response = await fetch('rooms');
  if (!response.ok) {
    list.replaceChildren(item(`cannot list rooms: ${await problem(response)}`));
    return;
  }
  const rooms = await response.json();
  list.replaceChildren(...rooms.map((listed) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.room = listed.name;
    button.textContent = listed.name;
    button.title = `created ${new Date(listed.createdAt).toLocaleString()}`;
    button.setAttribute('aria-pressed', String(listed.name === room));
    button.addEventListener('click', () => watch(listed.name));
    const li = document.createElement('li');
    li.append(button);
    return li;
  }));
  if (rooms.length === 0) {
    list.replaceChildren(item('no rooms yet'));
  }
}

function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

// One line of the event log; data-type and data-identity let tests and styles find it.
function logLine(type, identity, text, className) {
  const li = document.createElement('li');
  li.dataset.type = type;
  if (identity) {
    li.dataset.identity = identity;
  }
  if (className) {
    li.className = className;
  }
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString();
  li.append(time, `${type} ${text}`);
  $('events').append(li);
  li.scrollIntoView({ block: 'nearest' });
}

function describe(event) {
  switch (event.type) {
    case 'ParticipantConnected':
      return event.identity;
    case 'ParticipantDisconnected':
    case 'Disconnected':
      return `${event.identity || ''} ${event.reason}`.trim();
    case 'DataReceived':
      return `${event.identity} on ${event.topic || '(no topic)'}: ${event.text}`;
    default: {
      const { type, ...fields } = event;
      return Object.keys(fields).length ? JSON.stringify(fields) : '';
    }
  }
}

function show(event) {
  if (event.type === 'Watching') {
    setStatus('watching', `Watching ${event.room} as ${event.identity}`);
    const here = event.participants.length ? event.participants.join(', ') : 'nobody else';
    logLine('Watching', event.identity, `${event.room}; here: ${here}`);
    return;
  }
  logLine(event.type, event.identity, describe(event));
  if (event.type === 'Disconnected') {
    stopWatching('closed', `The bot left ${room}`);
  }
}

function stopWatching(state, text) {
  if (source) {
    source.close();
    source = null;
  }
  setStatus(state, text);
}

async function watch(name) {
  stopWatching('joining', `Joining ${name}…`);
  room = name;
  $('events').replaceChildren();
  const joined = await fetch(roomPath(name, '/join'), { method: 'POST' });
  // 409: the bot is in the room already, which is just as good.
  if (!joined.ok && joined.status !== 409) {
    setStatus('error', `Cannot join ${name}: ${await problem(joined)}`);
    return;
  }
  source = new EventSource(roomPath(name, '/events'));
  source.onmessage = (message) => show(JSON.parse(message.data));
  source.onerror = () => {
    // The browser retries a dropped stream by itself; a refused one (the bot left) is final.
    if (source && source.readyState === EventSource.CLOSED) {
      stopWatching('closed', `No more events from ${name}`);
    }
  };
  await loadRooms();
}

async function send(event) {
  event.preventDefault();
  const text = $('message').value;
  const response = await fetch(roomPath(room, `/messages?topic=${TOPIC}`), {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    body: text,
  });
  if (response.ok) {
    logLine('Sent', null, `on ${TOPIC}: ${text}`, 'sent');
    $('message').value = '';
  } else {
    logLine('SendFailed', null, await problem(response), 'error');
  }
}

async function leave() {
  const left = room;
  stopWatching('leaving', `Leaving ${left}…`);
  const response = await fetch(roomPath(left, ''), { method: 'DELETE' });
  setStatus(response.ok ? 'left' : 'error', response.ok ? `Left ${left}` : await problem(response));
  await loadRooms();
}

$('refresh').addEventListener('click', loadRooms);
$('other-room').addEventListener('submit', (event) => {
  event.preventDefault();
  watch($('room-name').value.trim());
});
$('send').addEventListener('submit', send);
$('leave').addEventListener('click', leave);
loadRooms();
