// Debian's chromium, headless, driven by playwright-core; shared by the specs.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The spec's arguments: `node <spec> <baseUrl> <screenshotDir> [audio fixture]`. */
export function specArgs() {
  const [baseUrl, shots, audio] = process.argv.slice(2);
  if (!baseUrl || !shots) throw new Error('usage: node <spec> <baseUrl> <screenshotDir> [audio.wav]');
  mkdirSync(shots, { recursive: true });
  return { baseUrl, shots, audio };
}

/** Launches chromium (a fresh profile each time); with `audio`, the microphone plays that wav file. */
export async function launch({ audio } = {}) {
  const args = [...ARGS];
  if (audio) {
    args.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${audio}`);
  }
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args });
}

/** A new page of `viewport` size on `baseUrl` that fails the spec on any script error in the page. */
export async function openPage(browser, baseUrl, viewport, path = '/') {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'ko-KR' });
  if (process.env.STORYVOX_GRANT_MIC !== 'no') await context.grantPermissions(['microphone']).catch(() => {});
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (error) => fail(`script error in the page: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && log(`page console: ${message.text()}`));
  await page.goto(path);
  return page;
}

/** Saves a screenshot (of the whole page unless `fullPage` is false) as `<shots>/<name>.png`. */
export async function shoot(page, shots, name, { fullPage = true } = {}) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage });
  log(`screenshot ${path}`);
}

/** Fails unless nothing on `page` is wider than its viewport; names the widest element when something is. */
export async function checkFits(page) {
  const wider = await page.evaluate(() => {
    const limit = window.innerWidth;
    const over = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > limit + 0.5);
    const last = over.at(-1);
    return last ? `${last.tagName.toLowerCase()}#${last.id}.${last.className} ends at ${last.getBoundingClientRect().right}px` : '';
  });
  check(wider === '', `nothing is wider than the ${await page.evaluate(() => window.innerWidth)}px screen: ${wider}`);
}

/** Throws with `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function log(message) {
  console.log(`[browser] ${message}`);
}

function fail(message) {
  console.error(`[browser] ${message}`);
  process.exitCode = 1;
}

/** Runs a spec's body and sets the exit code: 0 when it passed, 1 with the reason when not. */
export async function run(name, body) {
  const started = Date.now();
  try {
    await body();
    if (process.exitCode) throw new Error('the page reported a script error');
    log(`${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`[browser] ${name}: FAILED: ${error.stack ?? error}`);
    process.exitCode = 1;
  }
}
