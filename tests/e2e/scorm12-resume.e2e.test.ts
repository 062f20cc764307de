/**
 * Suspend and resume through a real SCORM 1.2 runtime: the learner leaves mid-assessment, the LMS
 * keeps what the final commit (sendBeacon) carried, and a relaunch with entry=resume restores the
 * bookmark, the knowledge check answer and the answers of the attempt in progress.
 */
import { expect, test } from 'vitest';
import { assessment, assessmentsOf, checkFieldset, checksByPage, isScored, normal, playerData, presentedQuestions, rightAnswer, shownAnswer, visiblePage, wrongAnswer, type PlayerQuestion } from './support/course.js';
import { closeSco, launchInHost, lmsRecord, savedForRelaunch } from './support/lms.js';
import { waitForVisiblePage } from './support/learner.js';
import { MouseLearner } from './support/mouse.js';
import { useBrowser, withCourse } from './support/session.js';

const browser = useBrowser();

/** Weighted percentage, rounded to 2 decimals, computed here from the course data. */
function expectedScore(all: PlayerQuestion[], answers: Record<string, string>): number {
  const questions = all.filter(isScored);
  const total = questions.reduce((sum, q) => sum + q.weight, 0);
  const earned = questions.reduce((sum, q) => sum + (answers[q.id] === rightAnswer(q) ? q.weight : 0), 0);
  return Math.round((earned / total) * 10000) / 100;
}

test('SCORM 1.2, counsellor-training (en): leave mid-assessment, relaunch where the learner left', async () => {
  await withCourse(browser(), 'scorm12', 'en', async ({ page, server, errors }) => {
    // First launch: two pages, a knowledge check, two answers in the first assessment.
    let frame = await launchInHost(page, server);
    const data = await playerData(frame);
    const a = assessmentsOf(data)[0]!;
    const checks = await checksByPage(frame);
    const checkPage = data.pages.find((p) => checks[p.id]?.length)!;
    const checkId = checks[checkPage.id]![0]!;
    const suspendData = async () => (await lmsRecord(page)).values['cmi.suspend_data'] ?? '';

    let learner = new MouseLearner(page, frame);
    await learner.next(data.pages[1]!.id);
    await frame.locator(`.cp-menu a[data-page-link="${checkPage.id}"]`).click();
    await waitForVisiblePage(frame, checkPage.id);
    await learner.answer(checkFieldset(checkId), rightAnswer(data.questions[checkId]!));
    await learner.submitCheck(checkId);
    await frame.locator(`.cp-menu a[data-page-link="${a.id}"]`).click();
    await waitForVisiblePage(frame, a.id);
    await learner.startAttempt(a.id);
    const presented = await presentedQuestions(frame, a.id);
    const [q1, q2, ...rest] = presented.map((id) => data.questions[id]!);
    const answers: Record<string, string> = { [q1!.id]: rightAnswer(q1!), [q2!.id]: wrongAnswer(q2!) };
    /** Every question of the attempt as shown: its answer and the order of its choices or items. */
    const attemptView = () =>
      frame.$$eval(`${assessment.form(a.id)} .cp-question`, (fieldsets) =>
        fieldsets.map((f) => {
          const controls = Array.from(f.querySelectorAll<HTMLElement>('input, select, textarea, .cp-sequence-item'));
          return controls.map((c) => `${c.dataset.itemId ?? (c as HTMLInputElement).value}${(c as HTMLInputElement).checked ? '*' : ''}`).join(',');
        }),
      );
    for (const [id, response] of Object.entries(answers)) {
      // Each answer is saved as it is chosen, before the attempt is submitted.
      const before = await suspendData();
      await learner.answer(assessment.fieldset(a.id, id), response);
      await expect.poll(suspendData, { timeout: 5000 }).not.toBe(before);
    }

    const viewBefore = await attemptView();
    const final = await closeSco(page, server);
    let lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(lms.finishCount).toBe(1);
    expect(final.core).toMatchObject({ lesson_status: 'incomplete', exit: 'suspend', lesson_location: a.id });
    expect(final.suspend_data.length).toBeGreaterThan(0);
    expect(final.suspend_data.length).toBeLessThanOrEqual(4096);

    // Relaunch with what the LMS kept.
    server.saved.set('learner-1', savedForRelaunch(final));
    frame = await launchInHost(page, server, { resume: 'learner-1' });
    lms = await lmsRecord(page);
    expect(lms.calls.find((c) => c.method === 'LMSGetValue' && c.args[0] === 'cmi.core.entry')?.result).toBe('resume');
    expect(await visiblePage(frame)).toBe(a.id);

    // The knowledge check answer and its feedback (its page is not shown: read the markup).
    const check = data.questions[checkId]!;
    expect(await shownAnswer(frame, checkFieldset(checkId))).toBe(normal(check, rightAnswer(check)));
    const feedback = await frame.$eval(`${checkFieldset(checkId)} .cp-feedback`, (el) => ({ hidden: (el as HTMLElement).hidden, text: el.textContent ?? '' }));
    expect(feedback.hidden).toBe(false);
    expect(feedback.text).toContain(isScored(check) ? data.strings.correct : data.strings.answerSaved);
    expect(await frame.locator(checkFieldset(checkId)).getAttribute('class')).toContain(isScored(check) ? 'cp-answered-correct' : 'cp-answered-neutral');

    // Pages viewed.
    const viewed = await frame.$$eval('.cp-menu a.cp-viewed', (links) => links.map((l) => l.getAttribute('data-page-link')));
    const visited = new Set([data.pages[0]!.id, data.pages[1]!.id, checkPage.id]);
    expect(viewed).toEqual(data.pages.map((p) => p.id).filter((id) => visited.has(id)));

    // The attempt in progress: open, the same questions shown the same way, with its two answers.
    await expect(frame.locator(assessment.submit(a.id)).isVisible()).resolves.toBe(true);
    await expect(frame.locator(assessment.start(a.id)).isVisible()).resolves.toBe(false);
    expect(await presentedQuestions(frame, a.id)).toEqual(presented);
    expect(await attemptView()).toEqual(viewBefore);
    for (const q of [q1!, q2!]) expect(await shownAnswer(frame, assessment.fieldset(a.id, q.id)), q.id).toBe(normal(q, answers[q.id]!));

    // Finishing the restored attempt counts the restored answers.
    learner = new MouseLearner(page, frame);
    for (const q of rest) {
      answers[q.id] = rightAnswer(q);
      await learner.answer(assessment.fieldset(a.id, q.id), answers[q.id]!);
    }
    await learner.submitAttempt(a.id);
    const score = expectedScore([q1!, q2!, ...rest], answers);
    lms = await lmsRecord(page);
    if (assessmentsOf(data).length === 1) {
      expect(lms.cmi.core.score.raw).toBe(String(score));
      // Below the pass mark with attempts left, SCORM 1.2 stays `incomplete` (see lessonStatus).
      expect(lms.cmi.core.lesson_status).toBe(score >= a.passingScore ? 'passed' : a.attempts > 1 ? 'incomplete' : 'failed');
    }

    await closeSco(page, server);
    lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(lms.finishCount).toBe(1);
    expect(server.missing).toEqual([]);
    expect(errors).toEqual([]);
  });
});
