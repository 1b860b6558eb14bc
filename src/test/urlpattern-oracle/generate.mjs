// Differential-test oracle for io.github.mercurejakarta.match.urlpattern.UrlPattern.
//
// Regenerate (node 20+, from this directory):
//   npm ci || npm install && node generate.mjs ../resources/urlpattern/oracle-results.json
// then run UrlPatternOracleTest. The output is committed so the Java build never needs node.
//
// The corpus is (pattern, baseURL, input) triples: Mercure-like topics and selectors, plus random
// ones from a fixed seed, so the file is reproducible byte for byte.
import { writeFileSync } from 'node:fs';
import { URLPattern } from 'urlpattern-polyfill/urlpattern';

const HUB = 'https://hub.example/.well-known/mercure';

// mulberry32: a tiny deterministic PRNG (Math.random cannot be seeded)
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20240611);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const mercurePatterns = [
  '/.well-known/mercure/subscriptions/:t/:m/:s',
  '/.well-known/mercure/subscriptions{/:topic}?{/:subscriber}?',
  '/books/:id',
  '/books/:id(\\d+)',
  '/books/*',
  '/books{/:id}?',
  '/users/:user/books/:book',
  'https://example.com/books/:id',
  'https://{*.}?example.com/books/:id',
  'http{s}?://example.com/:path*',
  'https://example.com/books/:id?lang=:lang',
  'https://example.com/books/:id#:frag',
  'https://example.com:8443/*',
  'https://example.com/caf%C3%A9/:x',
  'https://example.com/café/:x',
  '*://*/*',
  'https://*.example.com/*',
  'urn\\:isbn\\::n',
  'urn:*',
  'https://example.com/:a-:b',
  'https://example.com/:file.:ext',
  'https://example.com/(foo|bar)/:id',
  'https://EXAMPLE.com/Books/:id',
  'https://example.com/books/:id+',
  'https://example.com/books/:id*',
  '/(.*)',
  '?q=:q',
  '#:frag',
];
const mercureTopics = [
  'https://hub.example/.well-known/mercure/subscriptions/exact/a/b',
  'https://hub.example/.well-known/mercure/subscriptions/exact',
  'https://hub.example/.well-known/mercure/subscriptions',
  '/.well-known/mercure/subscriptions/x/y/z',
  'https://hub.example/books/1',
  'https://hub.example/books/abc',
  'https://hub.example/books/',
  'https://hub.example/books',
  '/books/42',
  'books/42',
  '../books/7',
  'https://example.com/books/1',
  'https://EXAMPLE.COM/books/1',
  'https://example.com/Books/1',
  'https://sub.example.com/books/1',
  'https://a.b.example.com/books/1',
  'http://example.com/books/1',
  'https://example.com:443/books/1',
  'https://example.com:8443/books/1',
  'https://example.com/books/1?lang=fr',
  'https://example.com/books/1#top',
  'https://example.com/books/1/2/3',
  'https://example.com/caf%C3%A9/1',
  'https://example.com/café/1',
  'https://example.com/a/./b/../books/1',
  'https://example.com/%2e%2e/books/1',
  'https://user:pass@example.com/books/1',
  'https://example.com/foo-bar',
  'https://example.com/index.html',
  'https://example.com/foo/9',
  'urn:isbn:123',
  'urn:issn:123',
  'mailto:someone@example.com',
  'https://[::1]/books/1',
  'https://127.0.0.1/books/1',
  'https://0x7f.1/books/1',
  'https://xn--caf-dma.com/books/1',
  'https://café.com/books/1',
  'http://exa mple.com/',
  'https://',
  'not a url',
  '',
  '?q=x',
  '#frag',
];

const segments = ['books', ':id', '*', '{/:opt}?', ':id(\\d+)', '(.*)', '{:x}+', 'café', '%E2%82%AC', '..', '.',
  ':a?', '{x}*', 'a-b', ':n([a-z]+)', '{/x}+', 'index.html', ':f.:e', '(a|b)', '\\:', 'Z'];
const hosts = ['example.com', '*.example.com', '{*.}?example.com', ':sub.example.com', 'EXAMPLE.com', '*',
  'xn--caf-dma.com', 'café.com', '127.0.0.1', '[\\:\\:1]', ':h'];
const protocols = ['https', 'http', 'http{s}?', '*', 'ws{s}?', ':p', 'urn'];
const inputSegments = ['books', '1', '42', 'abc', 'café', '%E2%82%AC', '..', '.', 'a-b', 'index.html', 'x', 'a',
  'b', 'Z', '', 'x.y', ':'];
const inputHosts = ['example.com', 'sub.example.com', 'a.b.example.com', 'EXAMPLE.COM', 'other.org',
  'café.com', '127.0.0.1', '[::1]', 'hub.example'];

function randomPattern() {
  const n = 1 + Math.floor(rand() * 4);
  let path = '';
  for (let i = 0; i < n; i++) path += '/' + pick(segments);
  const kind = rand();
  if (kind < 0.35) return path; // relative to the hub
  let p = `${pick(protocols)}://${pick(hosts)}${path}`;
  if (rand() < 0.15) p += '\\?' + pick(['q=:q', '*', 'a=1']);
  if (rand() < 0.1) p += '#' + pick([':h', '*', 'top']);
  return p;
}

function randomInput() {
  const n = Math.floor(rand() * 5);
  let path = '';
  for (let i = 0; i < n; i++) path += '/' + pick(inputSegments);
  if (rand() < 0.2) return path || '/';
  let url = `${pick(['https', 'http', 'wss', 'urn'])}://${pick(inputHosts)}${path}`;
  if (rand() < 0.15) url += '?' + pick(['q=1', 'a=1', '']);
  if (rand() < 0.1) url += '#' + pick(['top', 'x', '']);
  return url;
}

const cases = [];
for (const p of mercurePatterns) for (const t of mercureTopics) cases.push([p, HUB, t]);
for (let i = 0; i < 400; i++) {
  const p = randomPattern();
  for (let j = 0; j < 6; j++) cases.push([p, HUB, randomInput()]);
}

const COMPONENTS = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];
const results = cases.map(([pattern, baseURL, input]) => {
  let compiled;
  try {
    compiled = new URLPattern(pattern, baseURL);
  } catch (e) {
    return { pattern, baseURL, input, compiled: false };
  }
  const components = {};
  for (const c of COMPONENTS) components[c] = compiled[c];
  let match;
  try {
    match = compiled.exec(input, baseURL);
  } catch (e) {
    match = null;
  }
  let groups = null;
  if (match) {
    groups = {};
    for (const c of COMPONENTS) {
      const g = {};
      for (const [k, v] of Object.entries(match[c].groups)) g[k] = v === undefined ? null : v;
      groups[c] = { input: match[c].input, groups: g };
    }
  }
  return { pattern, baseURL, input, compiled: true, components, matches: !!match, exec: groups };
});

const out = process.argv[2] ?? '../resources/urlpattern/oracle-results.json';
// one case per line: reviewable diffs when the corpus or the oracle changes
const header = JSON.stringify({ oracle: 'urlpattern-polyfill@10.1.0', node: process.version });
writeFileSync(out, header.slice(0, -1) + ',"cases":[\n' + results.map((r) => JSON.stringify(r)).join(',\n') + '\n]}\n');
console.log(`${results.length} cases written to ${out}`);
