/**
 * The HTML report in Chromium: made by `coursepack report` from the recorded statements
 * (tests/fixtures/report/statements, from the real-LRS run), opened from disk. It makes no
 * request besides its own file, axe finds no WCAG 2.1 AA violation with every data table closed
 * and open, the tables sit behind keyboard-operable disclosures, and it prints at phone width;
 * the same in French (the interface from templates/i18n/report/fr.json, lang="fr" on <html>).
 * Screenshots: test-results/screenshots/report-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { ROOT } from '../support/build.js';
import { launchBrowser, type Browser } from './support/browser.js';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const OUT = resolve(ROOT, 'test-results/screenshots');
const FIXTURE = resolve(ROOT, 'tests/fixtures/report');

let browser: Browser;
let dir: string;
let url: string;
let moodleUrl: string;
let frenchUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'coursepack-report-e2e-'));
  const err: string[] = [];
  const code = await run(['report', join(FIXTURE, 'course'), '--from', join(FIXTURE, 'statements'), '--out', join(dir, 'report.html')], { stdout: () => {}, stderr: (t) => err.push(t), cwd: dir, color: false });
  if (code !== 0) throw new Error(err.join(''));
  url = pathToFileURL(join(dir, 'report.html')).href;
  // The same course from a Moodle export, with the named-learner table (--learners).
  const moodle = await run(['report', join(FIXTURE, 'course'), '--from', join(FIXTURE, 'moodle-interactions-en.txt'), '--lang', 'en', '--learners', '--out', join(dir, 'moodle.html')], { stdout: () => {}, stderr: (t) => err.push(t), cwd: dir, color: false });
  if (moodle !== 0) throw new Error(err.join(''));
  moodleUrl = pathToFileURL(join(dir, 'moodle.html')).href;
  // The French learners, the interface in French (--lang fr chooses it), every figure shown.
  const french = await run(['report', join(FIXTURE, 'course'), '--from', join(FIXTURE, 'statements'), '--lang', 'fr', '--min-group', '1', '--out', join(dir, 'french.html')], { stdout: () => {}, stderr: (t) => err.push(t), cwd: dir, color: false });
  if (french !== 0) throw new Error(err.join(''));
  frenchUrl = pathToFileURL(join(dir, 'french.html')).href;
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(width: number, requests: string[], address = url): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(address);
  return page;
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

describe('the HTML report in Chromium', () => {
  it('loads nothing but itself and passes axe (WCAG 2.1 AA) with tables closed and open', async () => {
    const requests: string[] = [];
    const page = await open(1280, requests);
    expect(await page.locator('svg.chart').count()).toBeGreaterThan(8);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, 'report-1280.png'), fullPage: true });
    await page.screenshot({ path: join(OUT, 'report-1280-top.png') });

    // Every chart has its numbers in a table behind a disclosure, opened from the keyboard.
    const charts = await page.locator('figure').count();
    expect(await page.locator('figure + details > summary').count()).toBe(charts);
    const first = page.locator('figure + details > summary').first();
    await first.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('figure + details').first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await page.locator('details table').count()).toBe(charts);
    await page.screenshot({ path: join(OUT, 'report-1280-tables.png'), fullPage: false });
    expect(await violations(page)).toEqual([]);

    expect(requests).toEqual([url]);
    await page.close();
  });

  it('from a Moodle export with --learners: no request, axe clean, the learners table present', async () => {
    const requests: string[] = [];
    const page = await open(1280, requests, moodleUrl);
    expect(await page.locator('#learners + p + .table-wrap tbody tr').count()).toBe(15);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, 'report-moodle-1280.png'), fullPage: true });
    expect(requests).toEqual([moodleUrl]);
    await page.close();
  });

  it('scenario and media sections (a Moodle export of the scenario fixture, issue 15): no request, axe clean closed and open, no sideways scrolling at 375 px', async () => {
    const header = ['Name', 'Email address', 'Attempt', 'Started on', 'Last accessed on', 'Score', 'Practising', 'Question 0', 'Response 0', 'Right answer 0', 'Result 0'];
    const paths = ['opening.reassure,skills.ask-projects,good-end.good', 'opening.lecture,pushback.insist,poor-end.poor', 'opening.reassure,skills.ask-projects,good-end.good'];
    const rows = paths.map((path, i) => [`Learner ${i}`, `l${i}@example.org`, '1', 'Tuesday, 1 September 2026, 8:00 AM', 'Tuesday, 1 September 2026, 8:05 AM', '', '', 'doubt-conversation', path, '', i === 1 ? 'wrong' : 'correct']);
    const file = join(dir, 'scenario-export.txt');
    writeFileSync(file, [header, ...rows].map((cells) => cells.join('\t')).join('\n') + '\n');
    const out = join(dir, 'scenario.html');
    expect(await run(['report', resolve(ROOT, 'tests/fixtures/courses/scenario'), '--from', file, '--lang', 'fr', '--min-group', '1', '--out', out], { stdout: () => {}, stderr: () => {}, cwd: dir, color: false })).toBe(0);
    const address = pathToFileURL(out).href;
    for (const width of [1280, 375]) {
      const requests: string[] = [];
      const page = await open(width, requests, address);
      expect(await page.locator('#scenarios').count()).toBe(1);
      // --lang fr: the interface is French too (templates/i18n/report/fr.json).
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.locator('#s-doubt-conversation + p').textContent()).toBe('Apprenants l’ayant commencé : 3 ; ayant atteint une fin : 3.');
      expect(await violations(page)).toEqual([]);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(await violations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.locator('#scenarios').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(OUT, `report-scenario-${width}.png`), fullPage: true });
      expect(requests).toEqual([address]);
      await page.close();
    }
  });

  it('in French: lang="fr" on <html>, no request, axe clean with tables closed and open, no sideways scrolling at 375 px', async () => {
    for (const width of [1280, 375]) {
      const requests: string[] = [];
      const page = await open(width, requests, frenchUrl);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await page.locator('h2#funnel').textContent()).toBe('Où vont les apprenants');
      expect(await page.locator('#flags + ul.flags li').count()).toBeGreaterThan(0);
      expect(await page.locator('[lang="fr"]:not(html)').count()).toBe(0); // course texts are in the page's language
      expect(await violations(page)).toEqual([]);
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(await violations(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(OUT, `report-fr-${width}.png`), fullPage: width === 1280 });
      expect(requests).toEqual([frenchUrl]);
      await page.close();
    }
  });

  it('reads at phone width without sideways scrolling', async () => {
    const requests: string[] = [];
    const page = await open(375, requests);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUT, 'report-375.png'), fullPage: false });
    expect(requests).toEqual([url]);
    await page.close();
  });
});
