/** The standalone web build keeps progress in localStorage: a reload resumes where the learner was. */
import { expect, test } from 'vitest';
import { assessment, assessmentsOf, checkFieldset, checksByPage, normal, playerData, presentedQuestions, rightAnswer, shownAnswer, visiblePage, wrongAnswer } from './support/course.js';
import { waitForPlayer } from './support/lms.js';
import { waitForVisiblePage } from './support/learner.js';
import { MouseLearner } from './support/mouse.js';
import { useBrowser, withCourse } from './support/session.js';

const browser = useBrowser();

test('web, counsellor-training (en): a reload restores the bookmark, check answers and the open attempt', async () => {
  await withCourse(browser(), 'web', 'en', async ({ page, server, errors }) => {
    await page.goto(`${server.origin}/pkg/index.html`);
    const frame = page.mainFrame();
    await waitForPlayer(frame);
    const data = await playerData(frame);
    const checks = await checksByPage(frame);
    const checkPage = data.pages.find((p) => checks[p.id]?.length)!;
    const [checkId] = checks[checkPage.id]!;
    const check = data.questions[checkId!]!;
    const a = assessmentsOf(data)[0]!;
    const stored = () => frame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('coursepack:')).map((k) => [k, localStorage.getItem(k)]));
    expect(await visiblePage(frame)).toBe(data.pages[0]!.id);
    // No LMS and no notice needed: the web build is standalone by design.
    expect(await frame.locator('#cp-notice').isVisible()).toBe(false);

    const learner = new MouseLearner(page, frame);
    await learner.next(data.pages[1]!.id);
    await frame.locator(`.cp-menu a[data-page-link="${checkPage.id}"]`).click();
    await waitForVisiblePage(frame, checkPage.id);
    await learner.answer(checkFieldset(checkId!), wrongAnswer(check));
    await learner.submitCheck(checkId!);
    // One entry for this course and language.
    expect((await stored()).map(([key]) => key)).toEqual([expect.stringMatching(new RegExp(`${data.id}.*${data.lang}`))]);

    await page.reload();
    await waitForPlayer(frame);
    expect(await visiblePage(frame)).toBe(checkPage.id);
    expect(await shownAnswer(frame, checkFieldset(checkId!))).toBe(normal(check, wrongAnswer(check)));
    expect(await frame.locator(checkFieldset(checkId!)).getAttribute('class')).toMatch(/cp-answered-(incorrect|neutral)/);
    await expect(frame.locator(`${checkFieldset(checkId!)} .cp-feedback`).isVisible()).resolves.toBe(true);
    const viewed = await frame.$$eval('.cp-menu a.cp-viewed', (links) => links.map((l) => l.getAttribute('data-page-link')));
    const visited = new Set([data.pages[0]!.id, data.pages[1]!.id, checkPage.id]);
    expect(viewed).toEqual(data.pages.map((p) => p.id).filter((id) => visited.has(id)));

    // An attempt in progress survives a reload too.
    await frame.locator(`.cp-menu a[data-page-link="${a.id}"]`).click();
    await waitForVisiblePage(frame, a.id);
    await learner.startAttempt(a.id);
    const presented = await presentedQuestions(frame, a.id);
    const first = data.questions[presented[0]!]!;
    const others = async () => Promise.all(presented.slice(1).map((id) => shownAnswer(frame, assessment.fieldset(a.id, id))));
    const othersBefore = await others();
    const before = JSON.stringify(await stored());
    await learner.answer(assessment.fieldset(a.id, first.id), rightAnswer(first));
    await expect.poll(async () => JSON.stringify(await stored())).not.toBe(before);
    await page.reload();
    await waitForPlayer(frame);
    expect(await visiblePage(frame)).toBe(a.id);
    expect(await presentedQuestions(frame, a.id)).toEqual(presented);
    expect(await shownAnswer(frame, assessment.fieldset(a.id, first.id))).toBe(normal(first, rightAnswer(first)));
    expect(await others()).toEqual(othersBefore);
    await expect(frame.locator(assessment.submit(a.id)).isVisible()).resolves.toBe(true);

    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
  });
});
