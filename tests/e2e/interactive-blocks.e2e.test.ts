/**
 * Issue 15's interactive blocks (tests/fixtures/courses/interactive-blocks) in Chromium: each block
 * with the mouse and with the keyboard only, axe (WCAG 2.1 AA) clean in each state, no horizontal
 * scroll at 320 CSS px, and print media showing every panel, back, step and spot.
 * The web build is served (standalone tracker); the blocks' markup and scripts are the same in every target.
 */
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { ROOT, buildPackage } from '../support/build.js';
import { launchBrowser, type Browser } from './support/browser.js';

const COURSE = resolve(ROOT, 'tests/fixtures/courses/interactive-blocks');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: Server;
let base = '';
let browser: Browser;
const packages: Record<string, BuiltPackage> = {};

beforeAll(async () => {
  packages.en = await buildPackage(COURSE, 'web', 'en');
  packages.fr = await buildPackage(COURSE, 'web', 'fr');
  server = createServer((req, res) => {
    const [, name, ...rest] = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.split('/');
    const file = packages[name ?? '']?.files.find((f) => f.path === rest.join('/'));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file.path)] ?? 'application/octet-stream' });
    res.end(file.data);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server?.close(() => r()));
});

/** Opens the course as a new learner, on page `id` (through the menu, opened first on small screens). */
async function open(id: string, width = 1280, height = 800, lang = 'en'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  await page.addInitScript(() => localStorage.clear());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A missing file is reported below with its URL (the browser asks for /favicon.ico on its own).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${base}/${lang}/index.html`);
  await page.locator('html[data-cp-ready]').waitFor();
  const toggle = page.locator('.cp-menu-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`.cp-menu a[data-page-link="${id}"]`).click();
  await page.locator(`section[data-page-id="${id}"]:not([hidden])`).waitFor();
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

async function expectAxeClean(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, state).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page, state: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, state).toBeLessThanOrEqual(0);
}

/** What has the focus: its class and text, to compare with what a learner expects. */
const focused = (page: Page) => page.evaluate(() => ({ cls: document.activeElement?.className ?? '', text: (document.activeElement?.textContent ?? '').trim() }));

/** Presses Tab until the focus is on an element matching `selector` (at most 20 times): keyboard only. */
async function tabUntil(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** How many elements matching `selector` inside the visible page are displayed (not display: none). */
const shownCount = (page: Page, selector: string) =>
  page.locator(`section.cp-page:not([hidden]) ${selector}`).evaluateAll((els) => els.filter((el) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden').length);

const noErrors = (page: Page) => expect((page as Page & { errors?: string[] }).errors).toEqual([]);

describe('accordion (APG accordion pattern)', () => {
  it('opens and closes with the mouse; axe clean closed and open', async () => {
    const page = await open('accordion-page');
    const buttons = page.locator('.cp-accordion-heading > button.cp-accordion-button');
    expect(await buttons.count()).toBe(3);
    expect(await shownCount(page, '.cp-accordion-panel')).toBe(0);
    for (const b of await buttons.all()) expect(await b.getAttribute('aria-expanded')).toBe('false');
    await expectAxeClean(page, 'accordion closed');
    await buttons.nth(1).click();
    expect(await buttons.nth(1).getAttribute('aria-expanded')).toBe('true');
    const panelId = (await buttons.nth(1).getAttribute('aria-controls'))!;
    const panel = page.locator(`#${panelId}`);
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.getAttribute('role')).toBe('region');
    expect(await panel.getAttribute('aria-labelledby')).toBe(await buttons.nth(1).getAttribute('id'));
    expect(await panel.textContent()).toContain('your CV');
    await expectAxeClean(page, 'accordion item open');
    await buttons.nth(0).click();
    expect(await shownCount(page, '.cp-accordion-panel')).toBe(2);
    await buttons.nth(1).click();
    expect(await panel.isVisible()).toBe(false);
    noErrors(page);
    await page.close();
  });

  it('works with the keyboard only: Tab, arrows, Home, End, Enter, Space', async () => {
    const page = await open('accordion-page');
    await tabUntil(page, '.cp-accordion-button');
    expect((await focused(page)).text).toBe('How long does a meeting last?');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).text).toBe('What should I bring?');
    await page.keyboard.press('Enter');
    expect(await page.locator('.cp-accordion-button').nth(1).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('End');
    expect((await focused(page)).text).toBe('Who else is there?');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).text).toBe('How long does a meeting last?');
    await page.keyboard.press('ArrowUp');
    expect((await focused(page)).text).toBe('Who else is there?');
    await page.keyboard.press(' ');
    expect(await page.locator('.cp-accordion-button').nth(2).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Home');
    expect((await focused(page)).text).toBe('How long does a meeting last?');
    // Tab from the second header goes into its open panel's content or the next header, never skips a header.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.locator('.cp-accordion-button').nth(1).getAttribute('aria-expanded')).toBe('false');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await expectAxeClean(page, 'accordion after keyboard use');
    await page.close();
  });
});

describe('tabs (APG tabs pattern, automatic activation)', () => {
  it('switches panels with the mouse; axe clean on each tab', async () => {
    const page = await open('tabs-page');
    const block = page.locator('section.cp-page:not([hidden]) .cp-tabs').first();
    const tabs = block.locator('[role="tablist"] > [role="tab"]');
    expect(await tabs.count()).toBe(3);
    expect(await block.locator('[role="tablist"]').getAttribute('aria-labelledby')).toBe(await block.locator('.cp-block-title').getAttribute('id'));
    for (let i = 0; i < 3; i++) {
      await tabs.nth(i).click();
      for (let j = 0; j < 3; j++) {
        expect(await tabs.nth(j).getAttribute('aria-selected')).toBe(String(i === j));
        expect(await tabs.nth(j).getAttribute('tabindex')).toBe(i === j ? '0' : '-1');
      }
      const panel = page.locator(`#${await tabs.nth(i).getAttribute('aria-controls')}`);
      expect(await panel.isVisible()).toBe(true);
      expect(await panel.getAttribute('role')).toBe('tabpanel');
      expect(await block.locator('[role="tabpanel"]:visible').count()).toBe(1);
      await expectAxeClean(page, `tab ${i + 1} selected`);
    }
    noErrors(page);
    await page.close();
  });

  it('works with the keyboard only: Tab into the tab list, arrows, Home, End, Tab to the panel', async () => {
    const page = await open('tabs-page');
    await tabUntil(page, '[role="tab"]');
    expect((await focused(page)).text).toBe('Bootcamp');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).text).toBe('Degree');
    const block = page.locator('section.cp-page:not([hidden]) .cp-tabs').first();
    expect(await block.locator('[role="tabpanel"]:visible').textContent()).toContain('Two to three years');
    await page.keyboard.press('End');
    expect((await focused(page)).text).toBe('Apprenticeship');
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).text).toBe('Bootcamp');
    await page.keyboard.press('ArrowLeft');
    expect((await focused(page)).text).toBe('Apprenticeship');
    await page.keyboard.press('Home');
    expect((await focused(page)).text).toBe('Bootcamp');
    // One Tab leaves the tab list (roving tabindex) for the shown panel.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tabpanel');
    expect((await focused(page)).text).toContain('three to six months');
    await expectAxeClean(page, 'tabs after keyboard use');
    await page.close();
  });
});

describe('every block at 320 CSS px and in print', () => {
  const PAGES = ['accordion-page', 'tabs-page'];

  it('has no horizontal scrolling at 320 px', async () => {
    for (const id of PAGES) {
      const page = await open(id, 320, 640);
      await expectNoHorizontalScroll(page, id);
      for (const b of await page.locator('section.cp-page:not([hidden]) .cp-accordion-button, section.cp-page:not([hidden]) [role="tab"]').all()) {
        await b.click();
        await expectNoHorizontalScroll(page, `${id} after a click`);
      }
      await expectAxeClean(page, `${id} at 320 px`);
      await page.close();
    }
  });

  it('prints every panel and hides the controls that only make sense on screen', async () => {
    const page = await open('accordion-page');
    await page.emulateMedia({ media: 'print' });
    const all = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => getComputedStyle(el).display !== 'none'));
    expect(await all('.cp-accordion-panel')).toEqual([true, true, true]);
    expect(await all('.cp-tab-panel')).toEqual([true, true, true, true, true]);
    expect(await all('.cp-tab-heading')).toEqual([true, true, true, true, true]);
    expect(await all('.cp-tablist')).toEqual([false, false]);
    await page.close();
  });
});
