/**
 * SCORM 1.2 in Chromium with scorm-again as the LMS: a learner using the mouse opens every page,
 * answers every knowledge check, fails the assessment once and passes it, then closes the course;
 * another uses every attempt and fails; links between pages work; Exit ends the session once.
 */
import { expect, test } from 'vitest';
import { assessment, assessmentsOf, playerData, presentedQuestions, wrongAnswer } from './support/course.js';
import { cmiInteractions, completeCourse, inGroups, recordedInteractions } from './support/journey.js';
import { closeSco, CMI_TIMESPAN, launchInHost, lmsRecord, poll, SESSION_TIME } from './support/lms.js';
import { waitForVisiblePage } from './support/learner.js';
import { MouseLearner } from './support/mouse.js';
import { useBrowser, withCourse } from './support/session.js';

const browser = useBrowser();

test.each(['en', 'fr'])('SCORM 1.2, counsellor-training (%s), mouse: every page, every check, assessment failed then passed', async (lang) => {
  await withCourse(browser(), 'scorm12', lang, async ({ page, server, errors }) => {
    const frame = await launchInHost(page, server);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe(lang);
    const { interactions } = await completeCourse(new MouseLearner(page, frame));

    const final = await closeSco(page, server);
    const lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(lms.finishCount).toBe(1);
    expect(lms.calls.filter((c) => c.method === 'LMSFinish')).toHaveLength(1);
    expect(lms.values['cmi.core.session_time']).toMatch(SESSION_TIME);
    expect(lms.cmi.core.lesson_status).toBe('passed');
    expect(lms.cmi.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
    expect(final.core.lesson_status).toBe('passed');
    expect(final.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
    expect(final.core.session_time).toMatch(CMI_TIMESPAN);
    expect(final.core.session_time).not.toMatch(/^0+:00:00(\.0+)?$/);
    expect(inGroups(recordedInteractions(lms.values), interactions)).toEqual(interactions);
    expect(inGroups(cmiInteractions(lms.cmi), interactions)).toEqual(interactions);
    expect(inGroups(cmiInteractions(final), interactions)).toEqual(interactions);
    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test('SCORM 1.2, counsellor-training (en): a link in the text opens the page it names', async () => {
  await withCourse(browser(), 'scorm12', 'en', async ({ page, server, errors }) => {
    const frame = await launchInHost(page, server);
    const link = await frame.evaluate(() => {
      const a = document.querySelector<HTMLElement>('.cp-page .cp-text a[data-page-link]');
      return a ? { from: a.closest<HTMLElement>('.cp-page')!.dataset.pageId!, to: a.dataset.pageLink! } : null;
    });
    if (!link) throw new Error('no page of the course links to another page: nothing to test');
    await frame.locator(`.cp-menu a[data-page-link="${link.from}"]`).click();
    await waitForVisiblePage(frame, link.from);
    await frame.locator(`.cp-page[data-page-id="${link.from}"] .cp-text a[data-page-link="${link.to}"]`).first().click();
    await waitForVisiblePage(frame, link.to);
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe(`h-${link.to}`);
    const lms = await lmsRecord(page);
    expect(lms.values['cmi.core.lesson_location']).toBe(link.to);
    expect(lms.violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test('SCORM 1.2, counsellor-training (en): every attempt failed, the LMS records failed', async () => {
  await withCourse(browser(), 'scorm12', 'en', async ({ page, server, errors }) => {
    const frame = await launchInHost(page, server);
    const data = await playerData(frame);
    const a = assessmentsOf(data)[0]!;
    const learner = new MouseLearner(page, frame);
    await frame.locator(`.cp-menu a[data-page-link="${a.id}"]`).click();
    await waitForVisiblePage(frame, a.id);
    for (let n = 1; n <= a.attempts; n++) {
      await learner.startAttempt(a.id);
      for (const id of await presentedQuestions(frame, a.id)) await learner.answer(assessment.fieldset(a.id, id), wrongAnswer(data.questions[id]!));
      await learner.submitAttempt(a.id);
      const { cmi } = await lmsRecord(page);
      expect(cmi.core.score).toMatchObject({ raw: '0', min: '0', max: '100' });
      expect(cmi.core.lesson_status, `after attempt ${n} of ${a.attempts}`).toBe(n < a.attempts ? 'incomplete' : 'failed');
    }
    // Nothing left to try; nothing to resume.
    await expect(frame.locator(assessment.start(a.id)).isVisible()).resolves.toBe(false);
    const final = await closeSco(page, server);
    expect(final.core).toMatchObject({ lesson_status: 'failed', exit: '' });
    const lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(lms.finishCount).toBe(1);
    expect(errors).toEqual([]);
  });
});

test('SCORM 1.2, counsellor-training (en): Exit ends the session once, and closing after it calls nothing', async () => {
  await withCourse(browser(), 'scorm12', 'en', async ({ page, server, errors }) => {
    const frame = await launchInHost(page, server);
    const data = await playerData(frame);
    await new MouseLearner(page, frame).next(data.pages[1]!.id);
    await frame.locator('#cp-exit').click();
    await page.waitForFunction(() => (window as unknown as { API: { finishCount: number } }).API.finishCount > 0);
    const final = await poll(() => server.commits.find((c) => c.kind === 'beacon')?.body.cmi as { core: { exit: string; lesson_location: string } } | undefined, 'the final commit');
    expect(final.core).toMatchObject({ exit: 'suspend', lesson_location: data.pages[1]!.id });
    await expect(frame.locator('#cp-notice').isVisible()).resolves.toBe(true);
    // The learner then closes the window: pagehide must not call the LMS again.
    await page.evaluate(() => {
      (document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank';
    });
    await page.waitForTimeout(500);
    const lms = await lmsRecord(page);
    expect(lms.finishCount).toBe(1);
    expect(lms.values['cmi.core.session_time']).toMatch(SESSION_TIME);
    expect(lms.violations).toEqual([]);
    expect(errors).toEqual([]);
  });
});
