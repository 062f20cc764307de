/**
 * Issue 15's blocks at issue 14's scale: the 1000-page, 40-module course with blocks in modules 5
 * to 40 (`LARGE_COURSE_BLOCKS`, scripts/generate-course.ts) as a SCORM 1.2 package in Chromium,
 * scorm-again (strict) as the LMS. The learner opens pages of modules 20 and 40 (their module
 * scripts load when shown), opens an accordion section, switches a tab, steps the stepper, turns a
 * card, opens a hotspot, plays one scenario to its good ending and leaves another mid-way, leaves,
 * relaunches: the bookmark, both scenarios' progress and the blocks' behaviour are back. Every
 * request is recorded: no block script at start, each `blocks/<kind>.js` once per launch at most,
 * and only with a module whose pages use the kind. No page error, no LMS rule broken.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { generateCourse, LARGE_COURSE_BLOCKS, pageId } from '../../scripts/generate-course.js';
import { buildPackage } from '../support/build.js';
import { playerData, visiblePage, type PlayerData } from './support/course.js';
import { waitForVisiblePage } from './support/learner.js';
import { closeSco, launchInHost, lmsRecord, savedForRelaunch } from './support/lms.js';
import { startServer } from './support/server.js';
import { newPage, useBrowser } from './support/session.js';

const browser = useBrowser();
const root = mkdtempSync(join(tmpdir(), 'large-blocks-e2e-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Pages of the generated course (25 a module): module 20 holds pages 476–500, module 40 pages 976–1000. */
const M20 = { tabs: pageId(477), stepper: pageId(478), scenario: pageId(479) };
const M40 = { hotspots: pageId(977), scenario: pageId(978) };
const MODULE_20_KINDS = ['accordion', 'flip-cards', 'scenario', 'stepper', 'tabs'];
const MODULE_40_KINDS = ['accordion', 'hotspots', 'scenario', 'video'];

/** The block scripts requested, in order (`blocks/<kind>.js` → kind). */
function recordBlockScripts(page: Page): string[] {
  const kinds: string[] = [];
  page.on('request', (request) => {
    const match = /\/pkg\/blocks\/([\w-]+)\.js$/.exec(new URL(request.url()).pathname);
    if (match) kinds.push(match[1]!);
  });
  return kinds;
}

/** Goes to a page as a menu link does, opening its module in the collapsible menu first. */
async function goTo(frame: Frame, data: PlayerData, id: string): Promise<void> {
  const module = data.pages.find((p) => p.id === id)!.module;
  const toggle = `.cp-module[data-module="${module}"] > .cp-module-toggle`;
  if ((await frame.getAttribute(toggle, 'aria-expanded')) !== 'true') await frame.$eval(toggle, (b) => (b as HTMLElement).click());
  await frame.$eval(`.cp-menu a[data-page-link="${id}"]`, (a) => (a as HTMLElement).click());
  await waitForVisiblePage(frame, id);
}

const on = (id: string, selector: string) => `.cp-page[data-page-id="${id}"] ${selector}`;

/** Every scripted block of a page is mounted (its kind's script ran after the module arrived). */
async function expectMounted(frame: Frame, id: string, count: number): Promise<void> {
  await frame.waitForFunction(([sel, n]) => document.querySelectorAll(`${sel}[data-cp-mounted]`).length === n, [on(id, '[data-cp-block]'), count] as const);
  expect(await frame.$$eval(on(id, '[data-cp-block]'), (blocks) => blocks.filter((b) => !(b as HTMLElement).dataset.cpMounted).length)).toBe(0);
}

const scenarioBlock = (n: number) => `[data-scenario-id="scenario-${n}"]`;
const currentNode = (frame: Frame, n: number) => frame.$eval(scenarioBlock(n), (b) => b.querySelector<HTMLElement>('.cp-scenario-current')?.dataset.nodeId ?? '');

/** Makes `choice` at the current node and presses Continue; resolves at the next node. */
async function choose(frame: Frame, n: number, choice: string): Promise<string> {
  const before = await currentNode(frame, n);
  await frame.locator(`${scenarioBlock(n)} .cp-scenario-option[data-choice-id="${choice}"]`).click();
  await frame.locator(`${scenarioBlock(n)} .cp-scenario-action`).click();
  await frame.waitForFunction(([sel, prev]) => document.querySelector<HTMLElement>(`${sel} .cp-scenario-current`)?.dataset.nodeId !== prev, [scenarioBlock(n), before] as const);
  return currentNode(frame, n);
}

test('SCORM 1.2, the 1000-page course with blocks: modules 20 and 40 load their block scripts once, each block works, a relaunch restores the page and the scenarios', async () => {
  const dir = generateCourse(root, LARGE_COURSE_BLOCKS, 'large-blocks');
  const pkg = await buildPackage(dir, 'scorm12', 'en');
  const errors: string[] = [];
  const page = await newPage(browser(), errors);
  const server = await startServer({ pkg: pkg.zip });
  try {
    let requested = recordBlockScripts(page);
    let frame = await launchInHost(page, server);
    const data = await playerData(frame);
    expect(requested, 'no block script at start (module 1 has no block)').toEqual([]);

    // Module 20: accordion and tabs, then stepper and flip cards, then a scenario to its good ending.
    await goTo(frame, data, M20.tabs);
    await expectMounted(frame, M20.tabs, 2);
    expect([...requested].sort()).toEqual(MODULE_20_KINDS);
    const section = frame.locator(on(M20.tabs, '.cp-accordion-button')).nth(1);
    await section.click();
    expect(await section.getAttribute('aria-expanded')).toBe('true');
    const tab = frame.locator(on(M20.tabs, '[role="tablist"] > [role="tab"]')).nth(2);
    await tab.click();
    expect(await tab.getAttribute('aria-selected')).toBe('true');

    await goTo(frame, data, M20.stepper);
    await expectMounted(frame, M20.stepper, 2);
    await frame.locator(on(M20.stepper, '.cp-step-next')).click();
    expect(await frame.locator(on(M20.stepper, '.cp-step-position')).textContent()).toBe('Step 2 of 4');
    const card = frame.locator(on(M20.stepper, '.cp-card-turn')).first();
    await card.click();
    expect(await card.getAttribute('aria-expanded')).toBe('true');

    await goTo(frame, data, M20.scenario);
    await expectMounted(frame, M20.scenario, 1);
    expect(await currentNode(frame, 479)).toBe('opening');
    expect(await choose(frame, 479, 'ask')).toBe('skills');
    expect(await choose(frame, 479, 'build')).toBe('good-end');

    // Module 40: hotspots and a captioned video, then an accordion and a scenario left mid-way.
    const before40 = requested.length;
    await goTo(frame, data, M40.hotspots);
    await expectMounted(frame, M40.hotspots, 2);
    expect(requested.slice(before40).sort(), 'only the kinds module 20 did not bring').toEqual(['hotspots', 'video']);
    const spot = frame.locator(on(M40.hotspots, 'button.cp-hotspot')).first();
    // The generated SVG has a viewBox but no width or height: the picture must still take room, its markers apart.
    const boxes = await frame.$$eval(`${on(M40.hotspots, '.cp-hotspots-image')}, ${on(M40.hotspots, 'button.cp-hotspot')}`, (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, width: r.width, height: r.height })));
    expect(boxes[0]!.width).toBeGreaterThan(200);
    expect(boxes[0]!.height).toBeGreaterThan(100);
    expect(boxes[2]!.x - boxes[1]!.x).toBeGreaterThan(100);
    await spot.click();
    expect(await spot.getAttribute('aria-expanded')).toBe('true');
    expect(await frame.$eval(on(M40.hotspots, 'video track'), (t) => [t.getAttribute('kind'), t.getAttribute('srclang')])).toEqual(['captions', 'en']);

    await goTo(frame, data, M40.scenario);
    await expectMounted(frame, M40.scenario, 2);
    const section40 = frame.locator(on(M40.scenario, '.cp-accordion-button')).first();
    await section40.click();
    expect(await section40.getAttribute('aria-expanded')).toBe('true');
    expect(await choose(frame, 978, 'lecture')).toBe('pushback');
    expect([...requested].sort(), 'each block script once').toEqual([...new Set([...MODULE_20_KINDS, ...MODULE_40_KINDS])].sort());

    const left = await closeSco(page, server);
    let lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(left.core).toMatchObject({ exit: 'suspend', lesson_location: M40.scenario });
    expect(left.suspend_data.length).toBeLessThanOrEqual(4096);

    // Relaunch: the bookmark's module (40) and its block scripts load at start, module 20's when shown.
    server.saved.set('learner-1', savedForRelaunch(left));
    page.removeAllListeners('request');
    requested = recordBlockScripts(page);
    frame = await launchInHost(page, server, { resume: 'learner-1' });
    expect(await visiblePage(frame)).toBe(M40.scenario);
    await expectMounted(frame, M40.scenario, 2);
    expect([...requested].sort()).toEqual(MODULE_40_KINDS);
    expect(await currentNode(frame, 978)).toBe('pushback');
    expect(await choose(frame, 978, 'again')).toBe('opening');

    const before20 = requested.length;
    await goTo(frame, data, M20.scenario);
    await expectMounted(frame, M20.scenario, 1);
    expect(requested.slice(before20).sort()).toEqual(['flip-cards', 'stepper', 'tabs']);
    expect(await currentNode(frame, 479)).toBe('good-end');
    await goTo(frame, data, M20.tabs);
    await expectMounted(frame, M20.tabs, 2);
    const tabAgain = frame.locator(on(M20.tabs, '[role="tablist"] > [role="tab"]')).nth(1);
    await tabAgain.click();
    expect(await tabAgain.getAttribute('aria-selected')).toBe('true');

    await closeSco(page, server);
    lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await server.close();
  }
}, 300_000);
