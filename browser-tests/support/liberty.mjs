// Runs the chat demo (examples/chat, chat.war) on the Open Liberty server that browser-tests/pom.xml
// prepares in pre-integration-test (created from examples/chat's server.xml, war copied into apps/): start
// it with the environment of one configuration (embedded hub, or MERCURE_HUB_URL naming an external hub),
// wait until the chat answers, stop it. Liberty runs as its own process, as `bin/demo` runs it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const wlp = process.env.WLP_DIR;
export const serverName = process.env.CHAT_SERVER || 'chatIT';
export const chatPort = Number(process.env.CHAT_HTTP_PORT || 19280);
const START_TIMEOUT_MS = 240_000;

let running = false;
// A test that fails half-way must not leave Liberty running: stop it when node exits.
process.on('exit', () => { if (running) spawnSync(join(wlp, 'bin', 'server'), ['stop', serverName], { stdio: 'ignore' }); });

/** Why the chat tests cannot run (no prepared server), or null. */
export function missingServer() {
  if (!wlp) return 'WLP_DIR is not set: run the tests through Maven (mvn -f reactor.xml verify), which prepares the Liberty server';
  if (!existsSync(join(wlp, 'usr', 'servers', serverName, 'apps', 'chat.war'))) {
    return `${join(wlp, 'usr', 'servers', serverName)} has no apps/chat.war: run the tests through Maven`;
  }
  return null;
}

function server(action, env) {
  return new Promise((done, fail) => {
    const child = spawn(join(wlp, 'bin', 'server'), [action, serverName], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', d => { output += d; });
    child.stderr.on('data', d => { output += d; });
    child.once('error', fail);
    child.once('exit', code => (code === 0 ? done(output) : fail(new Error(`server ${action} ${serverName} exited with ${code}: ${output}`))));
  });
}

/** The last lines of the server's messages.log, for failure messages. */
export function serverLog(lines = 40) {
  const log = join(wlp, 'usr', 'servers', serverName, 'logs', 'messages.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-lines).join('\n') : '(no messages.log)';
}

/**
 * Starts the chat with `env` added to the server's environment (every MERCURE_* variable of the caller's
 * is dropped first, so that a developer's shell cannot change the outcome) and resolves once
 * http://localhost:PORT/login answers 200.
 *
 * @returns {{url: string, stop: () => Promise<void>}}
 */
export async function startChat(env = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MERCURE_')));
  running = true;
  await server('start', { ...base, CHAT_HTTP_PORT: String(chatPort), ...env });
  const url = `http://localhost:${chatPort}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const r = await fetch(url + '/login');
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the chat did not answer at ${url}/login within ${START_TIMEOUT_MS} ms:\n${serverLog()}`);
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      await server('stop', process.env);
      running = false;
    },
  };
}
