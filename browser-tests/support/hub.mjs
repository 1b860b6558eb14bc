// Runs the standalone hub (server/target/mercure.jar) as a separate process, as a user runs it, for the
// browser tests: start, wait for its banner, read the URL and tokens it prints, stop, restart on the same port.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
/** The jar under test: MERCURE_JAR (set by browser-tests/pom.xml), else the reactor's build output. */
export const jar = process.env.MERCURE_JAR || resolve(here, '../../server/target/mercure.jar');
const java = process.env.JAVA_BIN || 'java';
const BANNER_TIMEOUT_MS = 30_000;

const running = new Set();
// A test that fails half-way must not leave a hub listening: kill what is left when node exits.
process.on('exit', () => { for (const child of running) child.kill('SIGKILL'); });

/**
 * Starts `mercure hub --port PORT ARGS...` and resolves once it printed "Ready in" (its banner's last line).
 * The hub's environment drops every MERCURE_* variable of the caller's, so a developer's shell cannot change
 * the outcome.
 *
 * @returns {{url: string, origin: string, port: number, draft07Token: string, draft08Token: string,
 *            stop: () => Promise<void>, output: () => string}}
 */
export async function startHub({ port = 0, args = [], env = {} } = {}) {
  if (!existsSync(jar)) throw new Error(`${jar} does not exist: build it with mvn -B -f reactor.xml install -DskipTests`);
  const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MERCURE_')));
  const child = spawn(java, ['-jar', jar, 'hub', '--port', String(port), ...args], {
    env: { ...childEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const lines = [];
  const exited = new Promise(done => child.once('exit', code => { running.delete(child); done(code); }));
  createInterface({ input: child.stderr }).on('line', l => lines.push('[stderr] ' + l));
  const banner = new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no banner within ${BANNER_TIMEOUT_MS} ms:\n${lines.join('\n')}`)), BANNER_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', l => {
      lines.push(l);
      if (l.startsWith('Ready in ')) { clearTimeout(timer); done(); }
    });
    exited.then(code => { clearTimeout(timer); fail(new Error(`the hub exited with ${code} before its banner:\n${lines.join('\n')}`)); });
  });
  await banner;
  const find = re => { for (const l of lines) { const m = l.match(re); if (m) return m[1]; } throw new Error(`no ${re} in:\n${lines.join('\n')}`); };
  const url = find(/^Hub URL: (\S+)$/);
  return {
    url,
    origin: new URL(url).origin,
    port: Number(new URL(url).port),
    draft07Token: find(/^Publisher JWT \(draft-07.*\): (\S+)$/),
    draft08Token: find(/^Publisher JWT \(draft-08.*\): (\S+)$/),
    output: () => lines.join('\n'),
    /** SIGTERM (the hub ends its streams and stops), SIGKILL if it lingers. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Publishes one update over HTTP as an application would; resolves to the id the hub answered. */
export async function publish(hub, fields, token = hub.draft07Token) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [].concat(value)) body.append(name, v);
  }
  const r = await fetch(hub.url, { method: 'POST', body, headers: { Authorization: 'Bearer ' + token } });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`publishing answered ${r.status}: ${text}`);
  return text;
}
