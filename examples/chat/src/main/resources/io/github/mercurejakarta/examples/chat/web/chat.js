// The chat page: one EventSource (the browser's own) on the hub URL the server rendered with
// #{mercure.hubUrl(...)}, subscribed to this room, the user's inbox and the hub's subscription events.
// withCredentials: the mercureAuthorization cookie (set with this page) must reach a hub on another
// port too (the standalone hub of bin/demo); it grants the private updates: the inbox and presence.
'use strict';

const body = document.body.dataset;
const me = body.user;
const room = body.room;
const $ = id => document.getElementById(id);

// ---- rooms ----
for (const name of body.rooms.split(',')) {
  const a = document.createElement('a');
  a.href = '/rooms/' + encodeURIComponent(name);
  a.textContent = '#' + name;
  if (name === room) a.setAttribute('aria-current', 'page');
  $('rooms').append(a);
}

// ---- messages ----
const seen = new Set();  // event ids: after a reconnection the hub replays from Last-Event-ID, never twice

function show(event, kind, message) {
  if (event.lastEventId) {
    if (seen.has(event.lastEventId)) return;
    seen.add(event.lastEventId);
  }
  const li = document.createElement('li');
  li.className = 'message ' + kind + (message.from === me ? ' mine' : '');
  li.dataset.kind = kind;
  li.dataset.from = message.from;
  const time = document.createElement('time');
  time.dateTime = message.sentAt;
  time.textContent = new Date(message.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const from = document.createElement('span');
  from.className = 'from';
  from.textContent = kind === 'private' ? `${message.from} → ${message.to}` : message.from;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;
  li.append(time, from, text);
  $('messages').append(li);
  li.scrollIntoView({ block: 'end' });
}

// ---- presence: who is subscribed to this room, from the hub's subscription events ----
const connections = new Map();  // subscriber id -> user name
const gone = new Set();         // subscribers seen leaving: a late snapshot must not bring them back
let pending = null;             // events that arrive while a snapshot loads

function applySubscription(doc) {
  if (doc.topic !== body.roomTopic) return;
  const user = doc.payload && doc.payload.user;
  if (doc.active && typeof user === 'string' && !gone.has(doc.subscriber)) {
    connections.set(doc.subscriber, user);
  } else if (!doc.active) {
    gone.add(doc.subscriber);
    connections.delete(doc.subscriber);
  }
}

async function loadPresence() {
  pending = [];
  try {
    const r = await fetch('/api/rooms/' + encodeURIComponent(room) + '/presence', { credentials: 'same-origin' });
    if (!r.ok) throw new Error('presence: ' + r.status);
    connections.clear();
    for (const p of await r.json()) {
      if (!gone.has(p.subscriber)) connections.set(p.subscriber, p.user);
    }
  } catch (e) {
    console.warn(e);
  } finally {
    for (const doc of pending) applySubscription(doc);
    pending = null;
    renderPresence();
  }
}

function renderPresence() {
  const users = [...new Set(connections.values())].sort((a, b) => a.localeCompare(b));
  const list = $('presence');
  list.replaceChildren(...users.map(user => {
    const li = document.createElement('li');
    li.dataset.user = user;
    li.textContent = user === me ? user + ' (you)' : user;
    if (user !== me) {
      li.tabIndex = 0;
      li.title = 'Send ' + user + ' a private message';
      li.onclick = () => { $('to').value = user; $('text').focus(); };
    }
    return li;
  }));
  const to = $('to');
  const chosen = to.value;
  to.replaceChildren(to.options[0], ...users.filter(u => u !== me).map(user => {
    const option = document.createElement('option');
    option.value = user;
    option.textContent = 'Only ' + user + ' (private)';
    return option;
  }));
  to.value = users.includes(chosen) ? chosen : '';
}

// ---- the subscription ----
const status = $('status');
function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

const hub = new EventSource(body.hubUrl, { withCredentials: true });
hub.onopen = () => {
  setStatus('open', 'live');
  loadPresence(); // at each (re)connection: the list may have changed while the stream was down
};
hub.onerror = () => {
  setStatus(hub.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting',
    hub.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…');
};
hub.addEventListener('chat-message', e => show(e, 'room', JSON.parse(e.data)));
hub.addEventListener('private-message', e => show(e, 'private', JSON.parse(e.data)));
hub.onmessage = e => {  // no event type: the hub's subscription events (draft-07)
  const doc = JSON.parse(e.data);
  if (doc.type !== 'Subscription') return;
  if (pending) pending.push(doc); else { applySubscription(doc); renderPresence(); }
};
window.addEventListener('pagehide', () => hub.close());

// ---- sending ----
$('send').addEventListener('submit', async event => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  const to = $('to').value;
  const url = to ? '/api/users/' + encodeURIComponent(to) + '/messages'
                 : '/api/rooms/' + encodeURIComponent(room) + '/messages';
  $('send-error').textContent = '';
  try {
    const r = await fetch(url, { method: 'POST', body: new URLSearchParams({ text }), credentials: 'same-origin' });
    if (!r.ok) throw new Error((await r.text()) || 'the server answered ' + r.status);
    $('text').value = '';
  } catch (e) {
    $('send-error').textContent = 'Not sent: ' + e.message;
  }
  $('text').focus();
});
