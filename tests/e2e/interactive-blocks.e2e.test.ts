/**
 * Issue 15's interactive blocks (tests/fixtures/courses/interactive-blocks) in Chromium: each block
 * with the mouse and with the keyboard only, axe (WCAG 2.1 AA) clean in each state, no horizontal
 * scroll at 320 CSS px, and print media showing every panel, back, step and spot.
 * The web build is served (standalone tracker); the blocks' markup and scripts are the same in every target.
 */
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildPackage } from '../support/build.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { servePackages, type PackageServer } from './support/package-server.js';

const COURSE = resolve(ROOT, 'tests/fixtures/courses/interactive-blocks');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: PackageServer;
let browser: Browser;

beforeAll(async () => {
  server = await servePackages({ en: await buildPackage(COURSE, 'web', 'en'), fr: await buildPackage(COURSE, 'web', 'fr') });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
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
  await page.goto(`${server.base}/${lang}/index.html`);
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

/** The elements matching `selector` on the page shown. */
const shown = (page: Page, selector: string) => page.locator(`section.cp-page:not([hidden]) ${selector}`);

/** Waits for the card turn animation to end (a face starts edge-on, invisible, at 90 degrees). */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

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

describe('flip cards (disclosure buttons)', () => {
  it('turns with the mouse, the back read after the button; axe clean on the front and turned', async () => {
    const page = await open('cards-page');
    const cards = page.locator('.cp-card');
    const turns = page.locator('.cp-card-turn');
    expect(await turns.count()).toBe(2);
    expect(await shownCount(page, '.cp-card-back')).toBe(0);
    expect(await shownCount(page, '.cp-card-front')).toBe(2);
    expect(await turns.first().textContent()).toBe('Show the back');
    expect(await turns.first().getAttribute('aria-expanded')).toBe('false');
    await expectAxeClean(page, 'cards on their front');
    await turns.first().click();
    expect(await turns.first().getAttribute('aria-expanded')).toBe('true');
    expect(await turns.first().textContent()).toBe('Show the front');
    const back = page.locator(`#${await turns.first().getAttribute('aria-controls')}`);
    await settled(page);
    expect(await back.isVisible()).toBe(true);
    expect(await back.textContent()).toContain('What runs in the browser.');
    expect(await cards.first().locator('.cp-card-front').isVisible()).toBe(false);
    // The button names the card through its front; the back comes right after it for screen readers.
    const described = await turns.first().getAttribute('aria-describedby');
    expect(await page.locator(`#${described}`).textContent()).toBe('Front end');
    expect(await turns.first().evaluate((b) => (b.nextElementSibling as HTMLElement).id)).toBe(await back.getAttribute('id'));
    await expectAxeClean(page, 'first card turned');
    await turns.first().click();
    expect(await back.isVisible()).toBe(false);
    noErrors(page);
    await page.close();
  });

  it('turns with the keyboard only (Enter, Space), and animates only without reduced motion', async () => {
    const page = await open('cards-page');
    await tabUntil(page, '.cp-card-turn');
    await page.keyboard.press('Enter');
    expect(await page.locator('.cp-card-turn').first().getAttribute('aria-expanded')).toBe('true');
    const animation = () => page.locator('.cp-card').first().locator('.cp-card-back').evaluate((el) => getComputedStyle(el).animationName);
    expect(await animation()).toBe('cp-card-turn');
    await tabUntil(page, '.cp-card-turn:not([aria-expanded="true"])');
    await page.keyboard.press(' ');
    await settled(page);
    expect(await shownCount(page, '.cp-card-back')).toBe(2);
    await expectAxeClean(page, 'both cards turned');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.locator('.cp-card-turn').first().click();
    await page.locator('.cp-card-turn').first().click();
    expect(await animation()).toBe('none');
    await page.close();
  });
});

describe('stepper (a paginated region)', () => {
  it('pages through with the mouse: one step shown, "Step n of m" announced, focus on the heading; axe clean on each step', async () => {
    const page = await open('stepper-page');
    const next = page.locator('.cp-step-next');
    const previous = page.locator('.cp-step-previous');
    const titles = ['Welcome', 'Listen', 'Explore', 'Agree'];
    expect(await previous.isDisabled()).toBe(true);
    for (let i = 0; i < titles.length; i++) {
      if (i > 0) await next.click();
      expect(await shownCount(page, '.cp-step')).toBe(1);
      expect(await page.locator('.cp-step:visible .cp-step-title').textContent()).toBe(titles[i]);
      expect(await page.locator('.cp-step-position').textContent()).toBe(`Step ${i + 1} of 4`);
      if (i > 0) {
        expect((await focused(page)).text).toBe(titles[i]);
        await expect.poll(() => page.locator('#cp-live').textContent()).toBe(`Step ${i + 1} of 4`);
      }
      await expectAxeClean(page, `step ${i + 1}`);
    }
    expect(await next.isDisabled()).toBe(true);
    await previous.click();
    expect((await focused(page)).text).toBe('Explore');
    noErrors(page);
    await page.close();
  });

  it('pages through with the keyboard only', async () => {
    const page = await open('stepper-page');
    await tabUntil(page, '.cp-step-next');
    await page.keyboard.press('Enter');
    expect((await focused(page)).text).toBe('Listen');
    await tabUntil(page, '.cp-step-next');
    await page.keyboard.press(' ');
    expect((await focused(page)).text).toBe('Explore');
    await tabUntil(page, '.cp-step-previous');
    await page.keyboard.press('Enter');
    expect((await focused(page)).text).toBe('Listen');
    expect(await page.locator('.cp-step-position').textContent()).toBe('Step 2 of 4');
    await page.close();
  });
});

describe('hotspots (disclosure buttons over the picture)', () => {
  it('opens each spot with the mouse below the picture, the picture keeping its alt text; axe clean closed and open', async () => {
    const page = await open('hotspots-page');
    const markers = shown(page, 'button.cp-hotspot');
    expect(await markers.count()).toBe(3);
    expect(await shown(page, '.cp-hotspots-image').getAttribute('alt')).toBe('Three boxes side by side, one per route into coding.');
    expect(await shown(page, '.cp-hotspot-item').count()).toBe(3);
    const names = await markers.evaluateAll((ms) => ms.map((m) => m.textContent));
    expect(names).toEqual(['11. Bootcamp', '22. Degree', '33. Apprenticeship']);
    const panel = shown(page, '.cp-hotspot-panel');
    expect(await panel.isVisible()).toBe(false);
    await expectAxeClean(page, 'hotspots closed');
    for (let i = 0; i < 3; i++) {
      await markers.nth(i).click();
      expect(await markers.nth(i).getAttribute('aria-expanded')).toBe('true');
      expect(await panel.isVisible()).toBe(true);
      expect(await panel.getAttribute('role')).toBe('region');
      expect(await panel.locator('.cp-hotspot-panel-title').textContent()).toBe(`${i + 1}. ${['Bootcamp', 'Degree', 'Apprenticeship'][i]}`);
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('cp-hotspot-panel');
      await expectAxeClean(page, `spot ${i + 1} open`);
    }
    // A link in a spot works like any link between pages.
    await panel.locator('a[data-page-link="tabs-page"]').click();
    await page.locator('section[data-page-id="tabs-page"]:not([hidden])').waitFor();
    noErrors(page);
    await page.close();
  });

  it('works with the keyboard only: Enter opens, Escape closes and returns the focus, Close too', async () => {
    const page = await open('hotspots-page');
    await tabUntil(page, 'button.cp-hotspot');
    expect((await focused(page)).text).toBe('11. Bootcamp');
    await page.keyboard.press('Enter');
    const panel = shown(page, '.cp-hotspot-panel');
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toContain('Three to six months, full time.');
    await page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(false);
    expect((await focused(page)).text).toBe('11. Bootcamp');
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('22. Degree');
    await page.keyboard.press(' ');
    expect(await panel.textContent()).toContain('Two to three years.');
    await tabUntil(page, '.cp-hotspot-close');
    await page.keyboard.press('Enter');
    expect(await panel.isVisible()).toBe(false);
    expect((await focused(page)).text).toBe('22. Degree');
    await page.close();
  });

  it('keeps markers of at least 24 × 24 px over their spot at 320 px', async () => {
    const page = await open('hotspots-page', 320, 640);
    const boxes = await page.evaluate(() => {
      const image = document.querySelector('section.cp-page:not([hidden]) .cp-hotspots-image')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('section.cp-page:not([hidden]) button.cp-hotspot')).map((m) => {
        const r = m.getBoundingClientRect();
        return { w: r.width, h: r.height, x: ((r.left + r.width / 2 - image.left) / image.width) * 100, y: ((r.top + r.height / 2 - image.top) / image.height) * 100 };
      });
    });
    expect(boxes).toHaveLength(3);
    [18.75, 50, 81.25].forEach((x, i) => {
      expect(boxes[i]!.w).toBeGreaterThanOrEqual(24);
      expect(boxes[i]!.h).toBeGreaterThanOrEqual(24);
      expect(boxes[i]!.x).toBeCloseTo(x, 0);
      expect(boxes[i]!.y).toBeCloseTo(50, 0);
    });
    expect(await shown(page, '.cp-hotspots-list').isVisible()).toBe(true);
    await page.close();
  });

  it('keeps the markers of spots at the edges (x, y: 0 and 100) inside the picture, at 320 px and at 1280 px', async () => {
    for (const width of [320, 1280]) {
      const page = await open('edges-page', width, 800);
      const outside = await page.evaluate(() => {
        const image = document.querySelector('section.cp-page:not([hidden]) .cp-hotspots-image')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('section.cp-page:not([hidden]) button.cp-hotspot'))
          .map((m) => m.getBoundingClientRect())
          .filter((r) => r.left < image.left - 0.5 || r.top < image.top - 0.5 || r.right > image.right + 0.5 || r.bottom > image.bottom + 0.5).length;
      });
      expect(outside, `${width} px`).toBe(0);
      expect(await page.locator('section.cp-page:not([hidden]) button.cp-hotspot').count()).toBe(2);
      await expectNoHorizontalScroll(page, `edges at ${width} px`);
      await page.close();
    }
  });
});

describe('every block at 320 CSS px and in print', () => {
  const PAGES = ['accordion-page', 'tabs-page', 'cards-page', 'stepper-page', 'hotspots-page', 'edges-page'];

  it('has no horizontal scrolling at 320 px', async () => {
    for (const id of PAGES) {
      const page = await open(id, 320, 640);
      await expectNoHorizontalScroll(page, id);
      const controls = ['.cp-accordion-button', '[role="tab"]', '.cp-card-turn', '.cp-step-next', 'button.cp-hotspot'].map((c) => `section.cp-page:not([hidden]) ${c}`).join(', ');
      for (const b of await page.locator(controls).all()) {
        if (await b.isDisabled()) continue;
        await b.click();
        await expectNoHorizontalScroll(page, `${id} after a click`);
      }
      await expectAxeClean(page, `${id} at 320 px`);
      await page.close();
    }
  });

  it('prints every panel, back, step and spot, and hides the controls that only make sense on screen', async () => {
    const page = await open('accordion-page');
    // Print what the learner last saw too: a turned card, a later step, an open spot.
    await page.locator('.cp-menu a[data-page-link="cards-page"]').click();
    await page.locator('.cp-card-turn').first().click();
    await page.locator('.cp-menu a[data-page-link="stepper-page"]').click();
    await page.locator('.cp-step-next').click();
    await page.locator('.cp-menu a[data-page-link="hotspots-page"]').click();
    await page.locator('button.cp-hotspot').first().click();
    await page.emulateMedia({ media: 'print' });
    const all = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => getComputedStyle(el).display !== 'none'));
    expect(await all('.cp-accordion-panel')).toEqual([true, true, true]);
    expect(await all('.cp-tab-panel')).toEqual([true, true, true, true, true]);
    expect(await all('.cp-tab-heading')).toEqual([true, true, true, true, true]);
    expect(await all('.cp-tablist')).toEqual([false, false]);
    expect(await all('.cp-card-front')).toEqual([true, true]);
    expect(await all('.cp-card-back')).toEqual([true, true]);
    expect(await all('.cp-card-turn')).toEqual([false, false]);
    expect(await all('.cp-step')).toEqual([true, true, true, true]);
    // Printed as the numbered list it is, every step with its number.
    expect(await page.locator('.cp-step').evaluateAll((els) => els.map((el) => getComputedStyle(el).display))).toEqual(['list-item', 'list-item', 'list-item', 'list-item']);
    expect(await all('.cp-stepper-nav')).toEqual([false]);
    expect(await all('.cp-hotspot-item')).toEqual([true, true, true, true, true]);
    expect(await all('.cp-hotspots-image')).toEqual([true, true]);
    expect(await all('.cp-hotspot-panel')).toEqual([false, false]);
    await page.close();
  });
});
