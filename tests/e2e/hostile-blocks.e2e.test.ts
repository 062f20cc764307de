/**
 * Issue 15's blocks with hostile texts (tests/fixtures/courses/hostile-blocks: every text a payload
 * that sets `window.__cpPwned` if it ever becomes markup, or a word far wider than a phone) played
 * at 320 CSS px in Chromium (web build): the accordion opened, every tab selected, every card turned,
 * the stepper stepped to its end, every hotspot opened and closed, the scenario played to an ending,
 * both transcripts opened. After each: no page error, no console error, no horizontal scrolling,
 * axe clean, no element or attribute made of author text, and the payload still reads as text.
 *
 * The packages' CSP would stop an injected handler from running (and Chromium would log that as a
 * console error): a second browser bypasses the CSP, so a payload made markup would really run
 * and set the flag. A probe shows that browser runs inline handlers.
 */
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildPackage } from '../support/build.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { servePackages, type PackageServer } from './support/package-server.js';

const COURSE = resolve(ROOT, 'tests/fixtures/courses/hostile-blocks');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Texts of the fixture, as the learner must read them. */
const ATTR = `"><img src=x onerror=window.__cpPwned='attr'>`;
const IMG = `<img src=x onerror="window.__cpPwned='img'">`;
const SCRIPT = `<script>window.__cpPwned='script'</script>`;

let server: PackageServer;
let browser: Browser;
let noCsp: Browser;

beforeAll(async () => {
  server = await servePackages({ en: await buildPackage(COURSE, 'web', 'en') });
  browser = await launchBrowser();
  noCsp = await launchBrowser({ bypassCSP: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await noCsp?.close();
  await server?.close();
});

interface Session {
  page: Page;
  errors: string[];
}

async function start(on: Browser): Promise<Session> {
  const page = await on.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  await page.addInitScript(() => localStorage.clear());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A missing file is reported below with its URL (the browser asks for /favicon.ico on its own).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.base}/en/index.html`);
  await page.locator('html[data-cp-ready]').waitFor();
  return { page, errors };
}

/** Opens page `id` through the menu, as a learner on a phone does. */
async function go(page: Page, id: string): Promise<void> {
  const toggle = page.locator('.cp-menu-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`.cp-menu a[data-page-link="${id}"]`).click();
  await page.locator(`section[data-page-id="${id}"]:not([hidden])`).waitFor();
}

/** Elements and attributes no author text may make: handlers, scripts, frames, javascript: links, images other than the hotspot picture. */
const injected = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name) || attr.name === 'srcdoc') found.push(`${tag}[${attr.name}]`);
      if (tag === 'script' && el.id !== 'cp-data' && !/^(?:player|blocks\/[a-z-]+)\.js$/.test(el.getAttribute('src') ?? '')) found.push('script');
      if (['iframe', 'object', 'embed', 'details', 'style', 'meta', 'base'].includes(tag) && !(tag === 'meta' && el.closest('head'))) found.push(tag);
      if (tag === 'img' && !el.classList.contains('cp-hotspots-image')) found.push(`img ${el.getAttribute('src')}`);
      if (tag === 'svg' && el.closest('.cp-hotspots-picture') === null && !el.closest('.cp-hotspots-markers')) found.push('svg');
      if (/^\s*javascript:/i.test(el.getAttribute('href') ?? '')) found.push(`${tag}[href=javascript:]`);
    }
    return found;
  });

async function expectSound(s: Session, state: string, axe = true): Promise<void> {
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${state}: horizontal scroll`).toBeLessThanOrEqual(0);
  expect(await injected(s.page), `${state}: elements made of author text`).toEqual([]);
  expect(await s.page.evaluate(() => (window as unknown as { __cpPwned?: unknown }).__cpPwned), `${state}: a payload ran`).toBeUndefined();
  expect(s.errors, state).toEqual([]);
  if (!axe) return;
  const results = await new AxeBuilder({ page: s.page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), `${state}: axe`).toEqual([]);
}

const visible = (page: Page, selector: string) => page.locator(`section.cp-page:not([hidden]) ${selector}`);

/** Operates every block of the fixture, checking after each state; `axe` off for the second pass. */
async function operateEveryBlock(s: Session, axe: boolean): Promise<void> {
  const { page } = s;
  await expectSound(s, 'start', axe);

  await go(page, 'accordion-page');
  const sections = visible(page, '.cp-accordion-button');
  expect(await sections.count()).toBe(2);
  expect((await sections.first().textContent())?.trim()).toBe(ATTR);
  for (const button of await sections.all()) {
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
  }
  await expectSound(s, 'accordion open', axe);

  await go(page, 'tabs-page');
  const tabs = visible(page, '[role="tab"]');
  expect(await tabs.count()).toBe(3);
  for (const tab of await tabs.all()) {
    await tab.click();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    await expectSound(s, `tab ${await tab.textContent()}`, axe);
  }
  expect((await tabs.first().textContent())?.trim()).toBe(IMG);

  await go(page, 'cards-page');
  const turns = visible(page, '.cp-card-turn');
  expect(await turns.count()).toBe(2);
  for (const turn of await turns.all()) await turn.click();
  expect(await visible(page, '.cp-card-turned').count()).toBe(2);
  expect((await visible(page, '.cp-card-front').first().textContent())?.trim()).toBe(ATTR);
  await expectSound(s, 'cards turned', axe);

  await go(page, 'stepper-page');
  const next = visible(page, '.cp-step-next');
  expect((await visible(page, '.cp-step:not([hidden]) .cp-step-title').textContent())?.trim()).toBe(SCRIPT);
  await next.click();
  await expectSound(s, 'step 2', axe);
  await next.click();
  expect(await next.isDisabled()).toBe(true);
  expect((await visible(page, '.cp-step:not([hidden]) .cp-step-title').textContent())?.trim()).toBe(ATTR);
  await expectSound(s, 'step 3', axe);

  await go(page, 'hotspots-page');
  const markers = visible(page, '.cp-hotspot');
  expect(await markers.count()).toBe(3);
  for (const [i, marker] of (await markers.all()).entries()) {
    await marker.click();
    const panel = visible(page, '.cp-hotspot-panel');
    expect(await panel.isVisible()).toBe(true);
    if (i === 0) expect((await visible(page, '.cp-hotspot-panel-title').textContent())?.trim()).toBe(`1. ${IMG}`);
    await expectSound(s, `hotspot ${i + 1} open`, axe);
    await visible(page, '.cp-hotspot-close').click();
    expect(await panel.isHidden()).toBe(true);
  }

  await go(page, 'scenario-page');
  const block = '.cp-scenario[data-scenario-id="hostile-talk"]';
  expect((await visible(page, `${block} .cp-scenario-current .cp-scenario-speaker`).textContent())?.trim()).toBe(IMG);
  await visible(page, `${block} .cp-scenario-option[data-choice-id="listen"]`).click();
  expect((await visible(page, `${block} .cp-scenario-said`).textContent())?.trim()).toContain(ATTR);
  await expectSound(s, 'scenario: first choice', axe);
  await visible(page, `${block} .cp-scenario-action`).click();
  await visible(page, `${block} .cp-scenario-option[data-choice-id="finish"]`).click();
  await visible(page, `${block} .cp-scenario-action`).click();
  await visible(page, `${block} .cp-scenario-play .cp-scenario-ending-good`).waitFor();
  await expectSound(s, 'scenario: good ending', axe);

  await go(page, 'media-page');
  const transcripts = visible(page, '.cp-transcript-toggle');
  expect(await transcripts.count()).toBe(2);
  for (const toggle of await transcripts.all()) {
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  }
  // The cues' text, tags removed and references decoded, reads as text in the video's transcript.
  const cues = await visible(page, '.cp-media-video .cp-transcript-body').textContent();
  expect(cues).toContain(`<img src=x onerror="window.__cpPwned='cue'">`);
  expect(cues).toContain(`<script>window.__cpPwned='cue-script'</script>`);
  await expectSound(s, 'transcripts open', axe);
}

describe('hostile texts in every block of issue 15, at 320 px', () => {
  it('every block operated: no error, no scrolling sideways, axe clean, every payload stays text', async () => {
    const s = await start(browser);
    try {
      await operateEveryBlock(s, true);
    } finally {
      await s.page.close();
    }
  });

  it('with the CSP bypassed, where an injected handler would run, no payload runs', async () => {
    const s = await start(noCsp);
    try {
      // The probe: in this browser, markup made from such a text runs its handler.
      await s.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img id="cp-probe" src="data:," onerror="window.__cpProbe=1">'));
      await s.page.waitForFunction(() => (window as unknown as { __cpProbe?: number }).__cpProbe === 1);
      await s.page.evaluate(() => document.getElementById('cp-probe')?.remove());
      await operateEveryBlock(s, false);
    } finally {
      await s.page.close();
    }
  });
});
