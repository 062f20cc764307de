/**
 * WCAG 2.1 AA in a real browser: axe-core finds no violation on any page type or question state,
 * and the checks axe cannot make: focus on navigation, reduced motion, 200 % text, 44 px targets.
 * The web build is served (standalone tracker); the markup is the same in every target.
 */
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildPackage, COUNSELLOR } from '../support/build.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { servePackages, type PackageServer } from './support/package-server.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: PackageServer;
let base = '';
let browser: Browser;

beforeAll(async () => {
  server = await servePackages({
    counsellor: await buildPackage(COUNSELLOR, 'web', 'fr'),
    types: await buildPackage(resolve(ROOT, 'tests/fixtures/courses/all-types'), 'web', 'en'),
  });
  base = server.base;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(course: 'counsellor' | 'types', width = 1280, height = 800): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  // Each page starts as a new learner: no progress saved by an earlier test.
  await page.addInitScript(() => localStorage.clear());
  await page.goto(`${base}/${course}/index.html`);
  await page.locator('html[data-cp-ready]').waitFor();
  return page;
}

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, state).toEqual([]);
}

/** Gives any answer to a question of any type (sequencing already has one: its shown order). */
async function answerSomething(fieldset: Locator): Promise<void> {
  const type = await fieldset.getAttribute('data-type');
  if (type === 'fill-in' || type === 'free-text' || type === 'numeric') await fieldset.locator('.cp-text-input').fill(type === 'numeric' ? '3' : 'An answer');
  else if (type === 'matching') for (const select of await fieldset.locator('select').all()) await select.selectOption({ index: 1 });
  else if (type !== 'sequencing') await fieldset.locator('input').first().check();
}

/** Opens a page through the course menu (opening the menu first on small screens). */
async function goTo(page: Page, id: string): Promise<void> {
  const toggle = page.locator('.cp-menu-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`.cp-menu a[data-page-link="${id}"]`).click();
  await page.locator(`section[data-page-id="${id}"]:not([hidden])`).waitFor();
}

describe('axe finds no WCAG 2.1 AA violation', () => {
  it('on content pages (text, image, callout, testimony), at desktop and phone widths', async () => {
    for (const [w, h] of [[1280, 800], [375, 667]] as const) {
      const page = await open('counsellor', w, h);
      for (const id of ['sector-why-this-module', 'sector-labour-market', 'sector-one-path']) {
        await page.evaluate((pid) => (document.querySelector(`a[data-page-link="${pid}"]`) as HTMLElement).click(), id);
        await page.locator(`section[data-page-id="${id}"]:not([hidden])`).waitFor();
        await expectNoViolations(page, `${id} at ${w}px`);
      }
      await page.close();
    }
  });

  it('on every question type: unanswered, then with feedback shown', async () => {
    const page = await open('types');
    await goTo(page, 'checks');
    await expectNoViolations(page, 'unanswered');
    for (const form of await page.locator('.cp-check-form').all()) {
      await answerSomething(form.locator('.cp-question'));
      await form.locator('button[type="submit"]').click();
      await form.locator('.cp-feedback:not([hidden])').waitFor();
    }
    await expectNoViolations(page, 'feedback shown');
    await page.close();
  });

  it('on the assessment: before, during and in review', async () => {
    const page = await open('types');
    await goTo(page, 'exam');
    await expectNoViolations(page, 'assessment start');
    await page.locator('.cp-start').click();
    await page.locator('.cp-assessment-form:not([hidden])').waitFor();
    await expectNoViolations(page, 'attempt open');
    await page.locator('.cp-submit').click();
    await expectNoViolations(page, 'unanswered error shown');
    for (const li of await page.locator('.cp-question-list > li:not([hidden])').all()) await answerSomething(li.locator('.cp-question'));
    await page.locator('.cp-submit').click();
    await page.locator('.cp-result:not([hidden])').waitFor();
    await expectNoViolations(page, 'review');
    await page.close();
  });
});

/** Presses Tab, or Shift+Tab when the target comes before the focus, until `selector` has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  const back = await page.evaluate((sel) => {
    const target = document.querySelector(sel);
    const focus = document.activeElement;
    return !!target && !!focus && focus !== document.body && (target.compareDocumentPosition(focus) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }, selector);
  for (let i = 0; i < 150; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('keyboard only', () => {
  it('answers a matching and a sequencing question', async () => {
    const page = await open('types');
    await tabTo(page, '#cp-next');
    await page.keyboard.press('Enter');
    await page.locator('section[data-page-id="checks"]:not([hidden])').waitFor();

    // Matching: each drop-down is reached with Tab and set by typing the start of the answer.
    const matching = '.cp-check-form[data-question-id="k-matching"]';
    for (const [source, answer] of [['dev', 'Writes'], ['qa', 'Finds'], ['ux', 'Studies']] as const) {
      await tabTo(page, `${matching} select[data-source-id="${source}"]`);
      await page.keyboard.type(answer);
    }
    await tabTo(page, `${matching} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`${matching} .cp-feedback`).textContent()).toMatch(/Correct/);

    // Sequencing: "Move up" buttons, pressed with Space, until the steps are in order.
    const sequencing = '.cp-check-form[data-question-id="k-sequencing"]';
    const order = () => page.locator(`${sequencing} .cp-sequence-item`).evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.itemId));
    const target = ['listen', 'skills', 'step'];
    for (let i = 0; i < target.length; i++) {
      while ((await order()).indexOf(target[i]!) > i) {
        const up = `${sequencing} .cp-sequence-item[data-item-id="${target[i]}"] .cp-move[data-move="-1"]`;
        await tabTo(page, up);
        await page.keyboard.press('Space');
      }
    }
    expect(await order()).toEqual(target);
    await expect.poll(() => page.locator('#cp-live').textContent()).toMatch(/position \d of 3/);
    await tabTo(page, `${sequencing} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`${sequencing} .cp-feedback`).textContent()).toMatch(/Correct/);
    await page.close();
  });
});

describe('beyond axe', () => {
  it('moves focus to the new page heading, and announces feedback in a live region', async () => {
    const page = await open('types');
    await page.locator('#cp-next').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('h-checks');
    const live = await page.locator('#cp-live').getAttribute('aria-live');
    expect(live).toBe('polite');
    await page.locator('.cp-check-form[data-question-id="k-true-false"] input[value="false"]').check();
    await page.locator('.cp-check-form[data-question-id="k-true-false"] button[type="submit"]').click();
    await expect.poll(() => page.locator('#cp-live').textContent()).toMatch(/Correct/);
    await page.close();
  });

  it('gives every control a visible focus style and an accessible name', async () => {
    const page = await open('types');
    await goTo(page, 'checks');
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]'))
        .filter((el) => el.offsetParent !== null)
        .filter((el) => {
          const label = el.getAttribute('aria-label') || (el as HTMLInputElement).labels?.[0]?.textContent || el.textContent;
          return !label || !label.trim();
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.close();
  });

  it('prints every page of the course, without the navigation', async () => {
    const page = await open('counsellor');
    await page.emulateMedia({ media: 'print' });
    const shown = await page.locator('.cp-page').evaluateAll((pages) => pages.filter((p) => getComputedStyle(p).display !== 'none').length);
    expect(shown).toBe(await page.locator('.cp-page').count());
    expect(await page.locator('.cp-menu').evaluate((m) => getComputedStyle(m).display)).toBe('none');
    expect(await page.locator('.cp-pager').evaluate((m) => getComputedStyle(m).display)).toBe('none');
    await page.close();
  });

  it('runs under its Content-Security-Policy without a violation', async () => {
    const page = await browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${base}/types/index.html`);
    await page.locator('html[data-cp-ready]').waitFor();
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(/script-src 'self'/);
    await page.locator('#cp-next').click();
    await page.locator('.cp-check-form[data-question-id="k-true-false"] input[value="false"]').check();
    await page.locator('.cp-check-form[data-question-id="k-true-false"] button[type="submit"]').click();
    await page.locator('.cp-check-form[data-question-id="k-true-false"] .cp-feedback:not([hidden])').waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('honours prefers-reduced-motion', async () => {
    const page = await open('types');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const duration = await page.evaluate(() => getComputedStyle(document.querySelector('.cp-progress-fill')!).transitionDuration);
    expect(duration).toBe('0s');
    await page.close();
  });

  it('keeps every touch target at least 44 px on a phone', async () => {
    const page = await open('types', 375, 667);
    await goTo(page, 'checks');
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('button, .cp-choice, select, .cp-text-input, .cp-menu a'))
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ el: el.className || el.tagName, h: el.getBoundingClientRect().height, w: el.getBoundingClientRect().width }))
        .filter((r) => r.h < 44 || r.w < 44),
    );
    expect(small).toEqual([]);
    await page.close();
  });

  it('reflows at 320 CSS px (a 1280 px window zoomed to 400 %, 640 px at 200 %) without horizontal scrolling', async () => {
    const page = await open('counsellor', 320, 640);
    await goTo(page, 'sector-labour-market');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 640, height: 800 });
    await page.evaluate(() => (document.body.style.zoom = '2'));
    const zoomed = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(zoomed).toBeLessThanOrEqual(0);
    await page.close();
  });
});
