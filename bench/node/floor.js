// The Node.js floor (bench target `node-floor`): the least a plain node:http server does to fan SSE events
// out, protocol-equivalent to the Java NIO floor (FloorServer.java) so the bench's load client drives both
// unchanged. No protocol, no authorization, no per-subscriber queue, no npm dependencies.
//
//   GET  <any path>?topic=T            chunked text/event-stream, a ":\n\n" comment first, then T's events
//   POST <any path>  topic=T&data=D    (application/x-www-form-urlencoded) -> 200 text/plain "<id>"
//
// A publish is encoded once into one Buffer ("id: ...\ndata: ...\n\n") and that same Buffer is written to
// every subscriber of T (node:http adds each response's chunk size line around it, as it must). One
// process, one thread: Node's own model.
//
//   node bench/node/floor.js 127.0.0.1 5600
'use strict';
const http = require('node:http');

const host = process.argv[2] || '127.0.0.1';
const port = Number(process.argv[3] || 5600);
const MAX_BODY = 1024 * 1024;

/** topic -> Set of ServerResponse */
const topics = new Map();
let ids = 0;

function subscribe(req, res, topic) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.write(':\n\n');
  let set = topics.get(topic);
  if (!set) {
    set = new Set();
    topics.set(topic, set);
  }
  set.add(res);
  res.on('close', () => {
    set.delete(res);
  });
}

function publish(req, res) {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) {
      res.writeHead(413).end();
      req.destroy();
      return;
    }
    chunks.push(c);
  });
  req.on('end', () => {
    // URLSearchParams decodes a form as URLDecoder does ('+' is a space)
    const form = new URLSearchParams(Buffer.concat(chunks).toString('latin1'));
    const topic = form.get('topic');
    const data = form.get('data');
    const id = 'urn:floor:' + (++ids);
    const event = Buffer.from('id: ' + id + '\ndata: ' + (data === null ? '' : data) + '\n\n', 'utf8');
    const subscribers = topic === null ? undefined : topics.get(topic);
    if (subscribers) {
      for (const s of subscribers) {
        s.write(event);
      }
    }
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(id) });
    res.end(id);
  });
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    const q = req.url.indexOf('?');
    const topic = new URLSearchParams(q < 0 ? '' : req.url.substring(q + 1)).get('topic');
    subscribe(req, res, topic);
  } else if (req.method === 'POST') {
    publish(req, res);
  } else {
    res.writeHead(405, { 'Content-Length': 0 }).end();
  }
});
// the bench's publishers keep their connections between phases, idle for seconds: no keep-alive timeout;
// subscribers hold a request open for minutes: no request timeout
server.keepAliveTimeout = 0;
server.requestTimeout = 0;
server.headersTimeout = 60000;
server.maxHeadersCount = 100;
server.on('connection', (socket) => socket.setNoDelay(true));
server.listen({ host, port, backlog: 4096 }, () => {
  console.log('node-floor listening on ' + host + ':' + port);
});
process.on('SIGTERM', () => process.exit(0));
