/**
 * Issue 13, point 7: on a 320 CSS px screen (WCAG 1.4.10), words, URLs, code, tables, titles and
 * prompts far longer than the screen never make a page scroll sideways, and a long question
 * prompt is not set all in bold. The course is tests/fixtures/courses/hostile-assets (web build);
 * every page is visited, with the menu open and closed, every check answered, every assessment started.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildPackage, ROOT } from '../support/build.js';
import { pageOrder, playerData } from './support/course.js';
import { startServer } from './support/server.js';
import { newPage, useBrowser } from './support/session.js';

const HOSTILE = resolve(ROOT, 'tests/fixtures/courses/hostile-assets');
const browser = useBrowser();

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The elements wider than the screen, to say what overflows when the test fails. */
async function wideElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 8),
  );
}

describe('the hostile course at 320 px', () => {
  it('never scrolls sideways, on any page, with the menu open or closed', async () => {
    const pkg = await buildPackage(HOSTILE, 'web', 'en');
    const server = await startServer({ web: pkg.zip });
    const errors: string[] = [];
    const page = await newPage(browser(), errors);
    try {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.addInitScript(() => localStorage.clear());
      await page.goto(`${server.origin}/web/index.html`);
      await page.locator('html[data-cp-ready]').waitFor();
      const toggle = page.locator('.cp-menu-toggle');
      await toggle.click();
      expect(await overflow(page), `menu open: ${await wideElements(page)}`).toBeLessThanOrEqual(0);
      await toggle.click();
      const data = await playerData(page.mainFrame());
      for (const id of pageOrder(data)) {
        await page.evaluate((pid) => (document.querySelector(`.cp-menu a[data-page-link="${pid}"]`) as HTMLElement).click(), id);
        const section = page.locator(`section[data-page-id="${id}"]:not([hidden])`);
        await section.waitFor();
        expect(await overflow(page), `${id}: ${await wideElements(page)}`).toBeLessThanOrEqual(0);
        for (const button of await section.locator('.cp-check-button, .cp-start').all()) {
          await button.click();
          expect(await overflow(page), `${id} after ${await button.textContent()}: ${await wideElements(page)}`).toBeLessThanOrEqual(0);
        }
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('sets a long prompt in the body weight, and keeps short prompts bold', async () => {
    const pkg = await buildPackage(HOSTILE, 'web', 'en');
    const server = await startServer({ web: pkg.zip });
    const page = await newPage(browser(), []);
    try {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(`${server.origin}/web/index.html`);
      await page.locator('html[data-cp-ready]').waitFor();
      const prompts = await page.$$eval('.cp-prompt', (legends) =>
        legends.map((l) => ({ length: (l.textContent ?? '').trim().length, weight: Number(getComputedStyle(l).fontWeight) })),
      );
      const long = prompts.filter((p) => p.length > 160);
      const short = prompts.filter((p) => p.length <= 60);
      expect(long.length).toBeGreaterThan(1);
      expect(short.length).toBeGreaterThan(0);
      for (const p of long) expect(p.weight, `prompt of ${p.length} characters`).toBeLessThanOrEqual(400);
      for (const p of short) expect(p.weight, `prompt of ${p.length} characters`).toBeGreaterThanOrEqual(600);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
