/**
 * The studio's preview in Chromium: the real player in scorm-again's SCORM 1.2 runtime opens at the
 * page the designer is editing (`page=`), under the host page's CSP, keeps no progress between
 * pages, reloads with the new text after an edit made through the API, and requests nothing from
 * anywhere but the studio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openStudio, type StudioClient } from '../support/studio.js';
import { testdir, validCourse } from '../support/testdir.js';
import { launchBrowser, type Browser } from './support/browser.js';

const courseFrame = (page: Page) => page.frames().find((f) => f.url().endsWith('/course/index.html'))!;
const ready = (page: Page) => page.frameLocator('#course').locator('html[data-cp-ready]').waitFor();
const visiblePage = (page: Page) => courseFrame(page).evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.cp-page')).find((s) => !s.hidden)?.dataset.pageId);

describe('studio preview in Chromium', () => {
  let browser: Browser;
  let studio: StudioClient;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the real player at the page asked for, and shows an edit after the reload it triggers', async () => {
    studio = await openStudio({ courseDir: testdir(validCourse()) });
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // Nothing leaves 127.0.0.1: every request the preview makes goes to the studio.
    const elsewhere: string[] = [];
    page.on('request', (r) => !r.url().startsWith(`${studio.base}/`) && !/^(data|about|blob):/.test(r.url()) && elsewhere.push(r.url()));
    await page.goto(`${studio.base}/preview/?token=${studio.studio.token}&lang=fr&page=quiz-page`);
    await ready(page);
    expect(await visiblePage(page)).toBe('quiz-page');
    expect(await page.evaluate(() => typeof (window as unknown as { API?: unknown }).API)).toBe('object');
    expect(await courseFrame(page).locator('#cp-notice').isHidden()).toBe(true);
    expect(await courseFrame(page).locator('html').getAttribute('lang')).toBe('fr');

    // Another page: it opens there, whatever the last one saved.
    await page.goto(`${studio.base}/preview/?token=${studio.studio.token}&lang=fr&page=welcome`);
    await ready(page);
    expect(await visiblePage(page)).toBe('welcome');

    const { version } = (await studio.json('/api/file?path=modules/one.yaml')).body;
    const reloaded = page.waitForEvent('load');
    await studio.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: 'modules/one.yaml', baseVersion: version, ops: [{ op: 'set', path: ['pages', 0, 'title', 'fr'], value: 'Salut tout le monde' }] }) });
    await reloaded;
    await ready(page);
    expect(await visiblePage(page)).toBe('welcome');
    await expect.poll(() => courseFrame(page).locator('.cp-page:not([hidden]) h1, .cp-page:not([hidden]) h2').first().innerText()).toContain('Salut tout le monde');
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('reloads a preview whose events connect only after an edit (a change is never missed)', async () => {
    studio = await openStudio({ courseDir: testdir(validCourse()) });
    const page = await browser.context.newPage();
    // The page's EventSource is held until the edit is written: as on a loaded machine, where the
    // designer's first edit can come before the preview has connected.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/events', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${studio.base}/preview/?token=${studio.studio.token}&lang=fr&page=welcome`);
    await ready(page);
    const { version } = (await studio.json('/api/file?path=modules/one.yaml')).body;
    await studio.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: 'modules/one.yaml', baseVersion: version, ops: [{ op: 'set', path: ['pages', 0, 'title', 'fr'], value: 'Bonjour plus tard' }] }) });
    const reloaded = page.waitForEvent('load');
    release();
    await reloaded;
    await ready(page);
    await expect.poll(() => courseFrame(page).locator('.cp-page:not([hidden]) h1, .cp-page:not([hidden]) h2').first().innerText()).toContain('Bonjour plus tard');
    await page.close();
  });
});
