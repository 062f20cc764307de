/**
 * `coursepack preview` in Chromium, for both simulated LMSs: the player finds the runtime the host
 * page offers (SCORM 1.2's `API`, SCORM 2004's `API_1484_11`), the header follows the course,
 * a reload resumes where the author was, and "Forget progress" starts over. The SCORM 2004 case
 * uses a course whose learner state is too large for SCORM 1.2, which only that target can preview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { testdir, validCourse } from '../support/testdir.js';
import { launchBrowser, type Browser } from './support/browser.js';

/** The fixture course with an assessment whose worst-case state is over SCORM 1.2's 4096 characters. */
function largeStateCourse(): string {
  // Learners' text is what fills a state: three reflections of 1500 characters.
  const questions = [...Array.from({ length: 3 }, (_, i) => `  - id: big-${i}\n    type: free-text\n    prompt: { en: P, fr: P }\n    maxLength: 1500`), '  - { id: a-one, type: true-false, prompt: { en: P, fr: P }, answer: true }'].join('\n');
  return testdir(validCourse({ 'assessment.yaml': `id: final\ntitle: { en: F, fr: F }\npassingScore: 80\nattempts: 3\nquestions:\n${questions}\n` }));
}

const header = (page: Page) => page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('header output')).map((o) => [o.id, o.textContent ?? ''])));
const courseFrame = (page: Page) => page.frames().find((f) => f.url().endsWith('/course/index.html'))!;
const ready = (page: Page) => page.frameLocator('#course').locator('html[data-cp-ready]').waitFor();
const visiblePage = (page: Page) => courseFrame(page).evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.cp-page')).find((s) => !s.hidden)?.dataset.pageId);

describe.each([
  { target: 'scorm12' as const, course: () => testdir(validCourse()), api: 'API', limit: '4096' },
  { target: 'scorm2004' as const, course: largeStateCourse, api: 'API_1484_11', limit: '64000' },
])('preview --target $target in Chromium', ({ target, course, api, limit }) => {
  let browser: Browser;
  let preview: Preview;

  beforeAll(async () => {
    browser = await launchBrowser();
    const dir = course();
    preview = await startPreview({ course: dir, port: 0, cwd: dir, target, log: () => {} });
  });

  afterAll(async () => {
    await preview?.close();
    await browser?.close();
  });

  it('plays the course in the simulated LMS, resumes after a reload, and forgets on request', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(preview.url);
    await ready(page);
    expect(await page.locator('header').innerText()).toContain(`/ ${limit}`);
    // The player found the LMS the host page offers (it would show the standalone notice otherwise).
    expect(await page.evaluate((name) => typeof (window as unknown as Record<string, unknown>)[name], api)).toBe('object');
    expect(await courseFrame(page).locator('#cp-notice').isHidden()).toBe(true);
    const before = await header(page);
    expect(Number(before.state)).toBeGreaterThan(0);
    // The state's length alone may not change (one bit a page viewed): compare what the LMS holds.
    const savedState = () => page.evaluate((name) => (window as unknown as Record<string, { cmi: { suspend_data: string } }>)[name]!.cmi.suspend_data, api);
    const stateBefore = await savedState();

    await courseFrame(page).locator('#cp-next').click();
    await expect.poll(() => visiblePage(page)).toBe('quiz-page');
    await expect.poll(savedState).not.toBe(stateBefore);
    expect((await header(page)).state).toBe(String((await savedState()).length));

    // A reload (what every save of a source file does) resumes on the same page.
    await page.reload();
    await ready(page);
    expect(await visiblePage(page)).toBe('quiz-page');

    // "Forget progress" starts over on the first page.
    await Promise.all([page.waitForEvent('load'), page.locator('#reset').click()]);
    await ready(page);
    expect(await visiblePage(page)).toBe('welcome');
    expect(errors).toEqual([]);
    await page.close();
  });
});
