/**
 * The menu of DESIGN.md's 40-module course in Chromium: one disclosure button per module
 * (WAI-ARIA APG disclosure pattern), the current module open, the others collapsed; opened,
 * followed and collapsed again with the keyboard only; axe finds nothing collapsed or expanded.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LARGE_COURSE } from '../../scripts/generate-course.js';
import { generated, serveBuilt, type Served } from './support/large-course.js';
import { newPage, useBrowser } from './support/session.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const browser = useBrowser();
let course: ReturnType<typeof generated>;
let served: Served;

beforeAll(async () => {
  course = generated();
  served = await serveBuilt(course.dir, 'web');
}, 120_000);

afterAll(async () => {
  await served?.close();
  course?.remove();
});

async function open(errors: string[]): Promise<Page> {
  const page = await newPage(browser(), errors);
  await page.addInitScript(() => localStorage.clear());
  await page.goto(`${served.origin}/pkg/index.html`);
  await page.locator('html[data-cp-ready]').waitFor({ state: 'attached' });
  return page;
}

const toggle = (module: number) => `.cp-module[data-module="${module}"] > .cp-module-toggle`;

/** Presses Tab until the focus is on `selector` (fails after `max` presses). */
async function tabTo(page: Page, selector: string, key = 'Tab', max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${selector}`);
}

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), state).toEqual([]);
}

/** Each module's button, whether it says it is expanded, and whether its list shows. */
async function menuState(page: Page) {
  return page.$$eval('.cp-module[data-module]', (items) =>
    items.map((li) => {
      const button = li.querySelector('.cp-module-toggle')!;
      const list = document.getElementById(button.getAttribute('aria-controls') ?? '');
      return { expanded: button.getAttribute('aria-expanded'), listShown: Boolean(list && !list.hidden && list.getClientRects().length), links: list?.querySelectorAll('a[data-page-link]').length ?? 0 };
    }),
  );
}

it('groups 1000 pages into 40 collapsible modules, the current one open, and passes axe collapsed', async () => {
  const errors: string[] = [];
  const page = await open(errors);
  const state = await menuState(page);
  expect(state).toHaveLength(LARGE_COURSE.modules);
  expect(state[0]).toEqual({ expanded: 'true', listShown: true, links: LARGE_COURSE.pages / LARGE_COURSE.modules });
  expect(state.slice(1).every((m) => m.expanded === 'false' && !m.listShown)).toBe(true);
  // Buttons named by their module, each controlling its own list of pages.
  expect(await page.locator(toggle(19)).textContent()).toBe('Module 20');
  expect(await page.getByRole('button', { name: 'Module 20' }).getAttribute('aria-expanded')).toBe('false');
  await expectNoViolations(page, 'menu collapsed');
  expect(errors).toEqual([]);
  await page.close();
});

it('opens a module, follows one of its pages and collapses it again with the keyboard only', async () => {
  const errors: string[] = [];
  const page = await open(errors);
  await tabTo(page, toggle(19));
  await page.keyboard.press('Enter');
  let state = await menuState(page);
  expect(state[19]).toEqual({ expanded: 'true', listShown: true, links: 25 });
  expect(state[0]!.expanded).toBe('true'); // opening one module leaves the others as they were

  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.getAttribute('data-page-link'));
  expect(first).toBe('page-0476');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'h-page-0476');
  expect(await page.locator('#p-page-0476').isVisible()).toBe(true);
  expect(await page.locator('.cp-menu a[data-page-link="page-0476"]').getAttribute('aria-current')).toBe('page');

  await tabTo(page, toggle(19), 'Shift+Tab');
  await page.keyboard.press('Space');
  state = await menuState(page);
  expect(state[19]).toEqual({ expanded: 'false', listShown: false, links: 25 });
  await page.keyboard.press('Space');
  expect((await menuState(page))[19]!.expanded).toBe('true');
  expect(errors).toEqual([]);
  await page.close();
});

it('passes axe with every module expanded', async () => {
  const errors: string[] = [];
  const page = await open(errors);
  for (let m = 1; m < LARGE_COURSE.modules; m++) await page.locator(toggle(m)).press('Enter');
  const state = await menuState(page);
  expect(state.every((m) => m.expanded === 'true' && m.listShown && m.links === 25)).toBe(true);
  await expectNoViolations(page, 'menu expanded');
  expect(errors).toEqual([]);
  await page.close();
});
