// The demo chat (examples/chat on Open Liberty) in a real Chromium, as its users see it: each user is a
// browser context of their own (own cookies, so own Mercure authorization cookie). First with the chat's
// embedded hub (its default), then with the standalone hub as its external hub (bin/demo's setup). Each
// scenario saves screenshots under target/screenshots/chat-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHub } from '../support/hub.mjs';
import { launchChromium, missingBrowser, screenshot } from '../support/browser.mjs';
import { chatPort, missingServer, startChat } from '../support/liberty.mjs';

/** The promise: a message typed in one page appears in the other within one second. */
const DELIVERY_MS = 1000;
/** A closed page leaves the others' presence lists once the hub notices (keep-alive: 2 s embedded, 1 s standalone). */
const LEAVE_MS = 20_000;
const PUBLISHER_KEY = 'chat-browser-tests-publisher-key-32-bytes!';
const SUBSCRIBER_KEY = 'chat-browser-tests-subscriber-key-32-bytes';

const skip = missingBrowser() ?? missingServer();
if (skip) console.log(`SKIPPED: the chat browser tests: ${skip}`);

/** Logs `name` in (a browser context of their own) and waits until the room's stream is open. */
async function join(browser, chat, name, room = 'general') {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', e => console.log(`${name}'s page error:`, e.message));
  await page.goto(chat.url + '/login');
  await page.fill('#name', name);
  await Promise.all([page.waitForURL(chat.url + '/rooms/' + room), page.click('#join')]);
  await page.waitForSelector('#status[data-state=open]', { timeout: 10_000 });
  await sees(page, name);
  return { name, context, page, close: () => context.close() };
}

/** Waits until `user` is in the page's presence list. */
async function sees(page, user, timeout = 10_000) {
  await page.locator(`#presence li[data-user="${user}"]`).waitFor({ timeout });
}

/**
 * Waits until the page's presence list is exactly `users` (pages closed by an earlier test may take a
 * keep-alive or two to leave), failing with the list it shows.
 */
async function presenceIs(page, users) {
  const shown = () => page.$$eval('#presence li', lis => lis.map(li => li.dataset.user));
  try {
    await page.waitForFunction(expected => JSON.stringify([...document.querySelectorAll('#presence li')]
      .map(li => li.dataset.user)) === expected, JSON.stringify(users), { timeout: LEAVE_MS });
  } catch (e) {
    assert.deepEqual(await shown(), users, 'the presence list shows who is in the room');
    throw e;
  }
}

/** The messages a page shows: [kind, from, text]. */
async function messages(page) {
  return page.$$eval('#messages li', lis => lis.map(li =>
    [li.dataset.kind, li.querySelector('.from').textContent, li.querySelector('.text').textContent]));
}

/** Types `text` (to `to`, when given: a private message) and sends it; resolves when sent. */
async function say(user, text, to = '') {
  await user.page.selectOption('#to', to);
  await user.page.fill('#text', text);
  await user.page.press('#text', 'Enter');
}

/**
 * Types `text` in `from`'s page and sends it, and measures in the browser, from the form's submission to
 * the moment `to`'s page adds it to its list (a MutationObserver; both pages share the browser's clock):
 * what a user sees, without the test driver's round trips. Asserts the 1 s promise.
 */
async function timedDelivery(from, to, text) {
  await to.page.evaluate(expected => {
    window.shownAt = new Promise(done => {
      const list = document.getElementById('messages');
      const shown = () => [...list.querySelectorAll('li .text')].some(t => t.textContent === expected);
      new MutationObserver((_, observer) => {
        if (shown()) { observer.disconnect(); done(Date.now()); }
      }).observe(list, { childList: true });
    });
  }, text);
  const typedAt = await from.page.evaluate(t => {
    document.getElementById('to').value = '';
    document.getElementById('text').value = t;
    const at = Date.now();
    document.getElementById('send').requestSubmit();
    return at;
  }, text);
  const shownAt = await Promise.race([
    to.page.evaluate(() => window.shownAt),
    new Promise((_, fail) => setTimeout(() => fail(new Error(`${to.name} did not get "${text}" within 5 s`)), 5_000)),
  ]);
  const elapsed = shownAt - typedAt;
  console.log(`"${text}": sent by ${from.name}, shown to ${to.name} ${elapsed} ms later`);
  assert.ok(elapsed < DELIVERY_MS, `the message appears in the other page within ${DELIVERY_MS} ms (took ${elapsed} ms)`);
}

async function shoot(users, scenario) {
  for (const u of users) await screenshot(u.page, `chat-${scenario}-${u.name}`);
}

describe('the chat on its embedded hub', { skip: skip ?? false }, () => {
  let chat;
  let browser;

  before(async () => {
    chat = await startChat();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close(); // the pages' streams end before Liberty stops (it waits for open requests)
    await chat?.stop();
  });

  test('a message typed in one page appears in the other page of the room within 1 s', { timeout: 120_000 }, async () => {
    const alice = await join(browser, chat, 'alice');
    const bob = await join(browser, chat, 'bob');
    try {
      await sees(alice.page, 'bob');
      await timedDelivery(alice, bob, 'hello bob');   // the first message of the server's life included
      await timedDelivery(bob, alice, 'hi alice!');
      await alice.page.locator('#messages li', { hasText: 'hi alice!' }).waitFor({ timeout: 5_000 });
      const expected = [['room', 'alice', 'hello bob'], ['room', 'bob', 'hi alice!']];
      assert.deepEqual(await messages(alice.page), expected, 'alice sees both messages once, in order');
      assert.deepEqual(await messages(bob.page), expected, 'bob sees both messages once, in order');
    } finally {
      await shoot([alice, bob], 'room-message');
      await alice.close();
      await bob.close();
    }
  });

  test('a private message reaches its addressee only, even a page that asks the hub for it', { timeout: 120_000 }, async () => {
    const alice = await join(browser, chat, 'alice');
    const bob = await join(browser, chat, 'bob');
    const carol = await join(browser, chat, 'carol');
    try {
      // carol also opens her own EventSource on bob's inbox (and the room): her cookie does not grant it
      const bobInbox = await bob.page.evaluate(() => document.body.dataset.inboxTopic);
      await carol.page.evaluate(inbox => {
        const hub = new URL(document.body.dataset.hubUrl);
        const url = hub.origin + hub.pathname + '?topic=' + encodeURIComponent(inbox)
          + '&topic=' + encodeURIComponent(document.body.dataset.roomTopic);
        window.eavesdropped = [];
        const es = new EventSource(url, { withCredentials: true });
        const record = e => window.eavesdropped.push(e.data);
        es.onmessage = record;
        es.addEventListener('private-message', record);
        es.addEventListener('chat-message', record);
        return new Promise(done => { es.onopen = done; });
      }, bobInbox);
      await sees(alice.page, 'bob');

      await say(alice, 'for bob only', 'bob');
      await bob.page.locator('#messages li[data-kind=private]', { hasText: 'for bob only' }).waitFor({ timeout: 5_000 });
      await alice.page.locator('#messages li[data-kind=private]', { hasText: 'for bob only' }).waitFor({ timeout: 5_000 });
      // a public message after it: the hub delivers in order, so once carol has this one she would have
      // had the private one before it
      await say(alice, 'everyone: hello');
      await carol.page.locator('#messages li', { hasText: 'everyone: hello' }).waitFor({ timeout: 5_000 });
      await carol.page.waitForFunction(() => window.eavesdropped.some(d => d.includes('everyone: hello')), null, { timeout: 5_000 });

      assert.deepEqual(await messages(bob.page), [['private', 'alice → bob', 'for bob only'], ['room', 'alice', 'everyone: hello']],
        'bob got the private message (his cookie grants his inbox) and the public one');
      assert.deepEqual(await messages(carol.page), [['room', 'alice', 'everyone: hello']],
        'carol\'s page shows the public message only');
      const eavesdropped = await carol.page.evaluate(() => window.eavesdropped);
      assert.ok(eavesdropped.every(d => !d.includes('for bob only')) && eavesdropped.some(d => d.includes('everyone: hello')),
        `carol's own subscription to bob's inbox got the public message but not the private one: ${eavesdropped}`);
    } finally {
      await shoot([alice, bob, carol], 'private-message');
      await alice.close();
      await bob.close();
      await carol.close();
    }
  });

  test('the presence list shows who joins and drops a page that closes', { timeout: 120_000 }, async () => {
    const alice = await join(browser, chat, 'alice');
    const bob = await join(browser, chat, 'bob');
    try {
      await sees(alice.page, 'bob');
      await sees(bob.page, 'alice');
      const closed = Date.now();
      await bob.close();
      await alice.page.locator('#presence li[data-user="bob"]').waitFor({ state: 'detached', timeout: LEAVE_MS });
      console.log(`bob left alice's presence list ${Date.now() - closed} ms after his page closed`);
      await presenceIs(alice.page, ['alice']);
      assert.deepEqual(await alice.page.$$eval('#to option', os => os.map(o => o.value)), [''],
        'bob is no longer offered as the addressee of a private message');
    } finally {
      await shoot([alice], 'presence-after-leave');
      await alice.close();
    }
  });
});

describe('the chat with the standalone hub as its external hub', { skip: skip ?? false }, () => {
  let hub;
  let chat;
  let browser;
  let hubUrl;

  before(async () => {
    hub = await startHub({
      args: ['--publisher-secret', PUBLISHER_KEY, '--subscriber-secret', SUBSCRIBER_KEY,
        '--cors-origins', `http://localhost:${chatPort}`, '--keepalive-interval', '1'],
    });
    // the page is on localhost: the hub must be too, for the host-only authorization cookie to reach it
    hubUrl = `http://localhost:${hub.port}/.well-known/mercure`;
    chat = await startChat({
      MERCURE_HUB_URL: hubUrl,
      MERCURE_PUBLISHER_SECRET_KEY: PUBLISHER_KEY,
      MERCURE_SUBSCRIBER_SECRET_KEY: SUBSCRIBER_KEY,
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await chat?.stop();
    await hub?.stop();
  });

  test('pages subscribe to the standalone hub with the cookie: room messages, a private message, presence',
    { timeout: 120_000 }, async () => {
      const alice = await join(browser, chat, 'alice');
      const bob = await join(browser, chat, 'bob');
      const carol = await join(browser, chat, 'carol');
      try {
        assert.ok((await alice.page.evaluate(() => document.body.dataset.hubUrl)).startsWith(hubUrl + '?'),
          'the page subscribes to the standalone hub, on another port than the page');
        await sees(alice.page, 'bob');
        await sees(alice.page, 'carol');
        await timedDelivery(alice, bob, 'hello over the standalone hub');
        await say(bob, 'just between us', 'alice');
        await alice.page.locator('#messages li[data-kind=private]', { hasText: 'just between us' }).waitFor({ timeout: 5_000 });
        await say(bob, 'back to everyone');
        await carol.page.locator('#messages li', { hasText: 'back to everyone' }).waitFor({ timeout: 5_000 });
        assert.deepEqual((await messages(carol.page)).map(m => m[2]), ['hello over the standalone hub', 'back to everyone'],
          'carol sees the room\'s messages, not the private one');

        await carol.close();
        await alice.page.locator('#presence li[data-user="carol"]').waitFor({ state: 'detached', timeout: LEAVE_MS });
        await presenceIs(alice.page, ['alice', 'bob']);
      } finally {
        await shoot([alice, bob], 'external-hub');
        await alice.close();
        await bob.close();
        await carol.close();
      }
    });
});
