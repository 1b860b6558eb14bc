// The hub's debugging page: subscribe with EventSource, publish with fetch, show what the hub answers.
// Plain browser JavaScript, no dependencies, no build step. The page is served at <hub>/ui/, so the hub
// URL is the page's path without its last two segments.
'use strict';

const hubUrl = location.origin + location.pathname.replace(/\/ui(\/[^/]*)?$/, '');
const $ = id => document.getElementById(id);

let source = null;          // the open EventSource, if any
let sourceUrl = null;
let listenedTypes = new Set();
let opened = false;          // whether the current EventSource has ever been open

function now() {
  return new Date().toISOString().slice(11, 23);
}

function log(text, isError) {
  const li = document.createElement('li');
  li.textContent = now() + '  ' + text;
  if (isError) li.className = 'error';
  $('log').prepend(li);
}

function setStatus(state, text) {
  const s = $('sub-status');
  s.dataset.state = state;
  s.textContent = text || state;
}

function lines(value) {
  return value.split('\n').map(s => s.trim()).filter(s => s.length > 0);
}

function showEvent(e) {
  const tr = document.createElement('tr');
  tr.className = 'event';
  for (const [cls, value] of [['time', now()], ['id', e.lastEventId], ['type', e.type], ['data', e.data]]) {
    const td = document.createElement('td');
    td.className = cls;
    td.textContent = value;
    tr.append(td);
  }
  $('event-rows').prepend(tr);
  if (e.lastEventId) $('sub-last-id').textContent = e.lastEventId;
}

function listen(type) {
  if (source && type && !listenedTypes.has(type)) {
    listenedTypes.add(type);
    source.addEventListener(type, showEvent);
  }
}

function subscriptionUrl() {
  const dialect = $('sub-dialect').value;
  const draft07 = dialect === 'topic';
  const params = new URLSearchParams();
  for (const t of lines($('sub-topics').value)) params.append(dialect, t);
  const lastEventId = $('sub-last-event-id').value.trim();
  if (lastEventId) params.append(draft07 ? 'lastEventID' : 'last_event_id', lastEventId);
  const token = $('sub-token').value.trim();
  if (token) {
    if (!draft07) {
      log('not sent: draft-08 does not accept a token in the query; the hub sees the cookie, if your application set it', true);
    } else {
      params.append('authorization', token);
    }
  }
  return hubUrl + '?' + params.toString();
}

// EventSource hides why a connection was refused; ask the hub the same question with fetch to show its answer.
async function explainRefusal(url) {
  const abort = new AbortController();
  try {
    const r = await fetch(url, { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
    if (r.ok) {
      abort.abort();
      log('the stream failed, yet the hub accepts the same request now (' + r.status + ')', true);
      return;
    }
    const body = await r.text();
    const challenge = r.headers.get('WWW-Authenticate');
    const answer = r.status + ' ' + r.statusText + (body ? ': ' + body : '') + (challenge ? ' (WWW-Authenticate: ' + challenge + ')' : '');
    setStatus('failed', 'refused: ' + r.status);
    log('subscription refused: ' + answer, true);
  } catch (e) {
    if (e.name !== 'AbortError') log('cannot reach the hub: ' + e.message, true);
  }
}

function subscribe(event) {
  event.preventDefault();
  unsubscribe();
  sourceUrl = subscriptionUrl();
  opened = false;
  listenedTypes = new Set();
  source = new EventSource(sourceUrl, { withCredentials: false });
  const current = source;
  setStatus('connecting');
  log('subscribing: GET ' + sourceUrl);
  source.onopen = () => {
    if (current !== source) return;
    setStatus('open');
    log(opened ? 'reconnected (EventSource sent Last-Event-ID: ' + $('sub-last-id').textContent + ')' : 'stream open');
    opened = true;
  };
  source.onerror = () => {
    if (current !== source) return;
    if (source.readyState === EventSource.CLOSED) {
      setStatus('failed', 'closed by an error');
      log('the stream failed and EventSource gave up', true);
      explainRefusal(sourceUrl);
      $('unsubscribe').disabled = true;
    } else {
      setStatus('reconnecting');
      log('connection lost; EventSource reconnects', true);
    }
  };
  listen('message');
  for (const t of $('sub-types').value.split(',')) listen(t.trim());
  $('unsubscribe').disabled = false;
}

function unsubscribe() {
  if (source) {
    source.close();
    source = null;
    setStatus('closed');
    log('stream closed by the page');
  }
  $('unsubscribe').disabled = true;
}

async function publish(event) {
  event.preventDefault();
  const form = new URLSearchParams();
  for (const t of lines($('pub-topics').value)) form.append('topic', t);
  form.append('data', $('pub-data').value);
  if ($('pub-private').checked) form.append('private', 'on');
  for (const [name, id] of [['id', 'pub-id'], ['type', 'pub-type'], ['retry', 'pub-retry']]) {
    const v = $(id).value.trim();
    if (v) form.append(name, v);
  }
  const type = $('pub-type').value.trim();
  if (type) listen(type);
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const token = $('pub-token').value.trim();
  if (token) headers.Authorization = 'Bearer ' + token;
  const result = $('pub-result');
  try {
    const r = await fetch(hubUrl, { method: 'POST', headers, body: form });
    const body = await r.text();
    const challenge = r.headers.get('WWW-Authenticate');
    const answer = r.status + ' ' + r.statusText + (body ? ': ' + body : '') + (challenge ? ' (WWW-Authenticate: ' + challenge + ')' : '');
    result.dataset.status = String(r.status);
    result.className = r.ok ? 'ok' : 'error';
    result.textContent = r.ok ? 'published: ' + body : answer;
    log('publish: ' + answer, !r.ok);
  } catch (e) {
    result.dataset.status = 'error';
    result.className = 'error';
    result.textContent = 'cannot reach the hub: ' + e.message;
    log('publish failed: ' + e.message, true);
  }
}

$('hub-url').textContent = hubUrl;
$('subscribe-form').addEventListener('submit', subscribe);
$('unsubscribe').addEventListener('click', unsubscribe);
$('publish-form').addEventListener('submit', publish);
$('clear-events').addEventListener('click', () => $('event-rows').replaceChildren());
