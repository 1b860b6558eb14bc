// The system's Chromium (/usr/bin/chromium, installed by .ci/run from Debian's packages), driven by
// playwright-core: no browser is downloaded. Each launch gets a fresh profile directory.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const here = new URL('.', import.meta.url).pathname;
/** Where screenshots go: SCREENSHOT_DIR (browser-tests/pom.xml sets target/screenshots). */
export const screenshotDir = process.env.SCREENSHOT_DIR || resolve(here, '../target/screenshots');

/**
 * Why the tests cannot run, or null. Without Chromium a developer's `mvn verify` skips them with this
 * reason; in CI (CI=true), where .ci/run installs Chromium, its absence fails instead.
 */
export function missingBrowser() {
  if (existsSync(chromiumPath)) return null;
  const reason = `${chromiumPath} not found: install it (apt-get install chromium) or run bash .ci/run`;
  if (process.env.CI) throw new Error(reason);
  return reason;
}

/** @returns a browser context on a fresh profile; close() also deletes the profile. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'mercure-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(profile, { recursive: true, force: true }); };
  return context;
}

/**
 * @returns a Chromium whose contexts (browser.newContext()) are isolated from each other, like separate
 *     browser profiles: each has its own cookies, so each can be a different user of an application.
 */
export async function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Saves a full-page screenshot as SCREENSHOT_DIR/NAME.png. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, name + '.png');
  await page.screenshot({ path, fullPage: true });
  return path;
}
