/**
 * SCORM 1.2 and 2004 packages through every assessment attempt against a Moodle-faithful LMS
 * (tests/support/moodle-lms.ts over scorm-again and the strict wrappers): Moodle's saves (the whole
 * 2004 model at each commit, the unload save as a beacon dropped above 64 KiB), its attempts and
 * modes, and the entry it gives at each relaunch. The counsellor training (en, fr) and the fixture
 * with every question type; the same journeys run in Chromium in tests/e2e/moodle-*.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { decodeState } from '../../src/player/core/state.js';
import { stateLayout } from '../../src/player/core/state-layout.js';
import { BEACON_LIMIT, worstCaseSave } from '../../src/package/save-size.js';
import { ALL_TYPES, buildInMemory, buildPackage, MOODLE_JOURNEY_CASES as CASES } from '../support/build.js';
import { settle } from '../support/dom-lms.js';
import { MoodleSite, type MoodleSession } from '../support/dom-lms-moodle.js';
import { answerChecks, next, takeAssessment, visiblePage } from '../support/learner.js';

const TARGETS = ['scorm2004', 'scorm12'] as const;

const doc = (s: MoodleSession) => s.run.doc;
const assessmentOf = (s: MoodleSession) => s.run.data.assessments[0]!;

/** Every page with Next to the assessment; each check answered wrong, then right, when the course records checks. */
async function toAssessment(s: MoodleSession): Promise<void> {
  while (visiblePage(doc(s)) !== assessmentOf(s).id) {
    if (s.run.data.tracking?.checks !== 'none') await answerChecks(doc(s), s.run.data, { wrongFirst: true });
    await next(doc(s));
  }
}

/** Whole journeys in a DOM: slow on a loaded machine (no timing is asserted). */
const JOURNEY_MS = 240_000;

/** What Moodle holds about the attempt's result, the same way for both standards. */
function result(site: MoodleSite, attempt = site.attempts.length) {
  const t = site.attempts[attempt - 1]!;
  return site.standard === 'scorm2004'
    ? { completion: t['cmi.completion_status'], success: t['cmi.success_status'], score: t['cmi.score.raw'], exit: t['cmi.exit'], location: t['cmi.location'], state: t['cmi.suspend_data'], time: t['cmi.total_time'] }
    : { status: t['cmi.core.lesson_status'], score: t['cmi.core.score.raw'], exit: t['cmi.core.exit'], location: t['cmi.core.lesson_location'], state: t['cmi.suspend_data'], time: t['cmi.core.total_time'] };
}

function expectEverySaveArrived(site: MoodleSite): void {
  expect(site.saves.length).toBeGreaterThan(0);
  for (const save of site.saves) {
    if (save.beacon) expect(save.bytes).toBeLessThanOrEqual(BEACON_LIMIT);
    expect(save.delivered, `${save.kind} of ${save.bytes} bytes`).toBe(true);
  }
  expect(site.saves.filter((s) => s.kind === 'terminate').every((s) => s.beacon)).toBe(true);
}

/** Relaunches in review mode on the page the learner left, and writes nothing. */
async function expectReview(site: MoodleSite, page: string): Promise<void> {
  // Moodle's Terminate adds the session to cmi.total_time even in review; nothing else may change.
  const held = () => JSON.stringify(site.attempts.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => !/total_time$/.test(k)))));
  const before = held();
  const review = await site.enter();
  expect(review.moodle.mode).toBe('review');
  expect(visiblePage(doc(review))).toBe(page);
  expect(doc(review).getElementById('cp-notice')!.hidden).toBe(false);
  await site.leave(review);
  expect(review.api.calls.filter((c) => c.method === 'SetValue' || c.method === 'LMSSetValue')).toEqual([]);
  expect(held()).toBe(before);
  expect(review.api.violations).toEqual([]);
}

describe.each(CASES)('Moodle: the $name ($lang)', ({ course, lang }) => {
  describe.each(TARGETS)('%s', (target) => {
    it('failed with attempts left, resumed, passed: completed and passed, then review on the page left', async () => {
      const site = new MoodleSite(await buildPackage(course, target, lang));
      const first = await site.enter();
      expect(first.moodle.entry).toBe('ab-initio');
      await toAssessment(first);
      await takeAssessment(doc(first), first.run.data, 0);
      await site.leave(first);
      expect(first.api.violations).toEqual([]);
      if (site.standard === 'scorm2004') expect(result(site)).toMatchObject({ completion: 'incomplete', success: 'failed', score: '0', exit: 'suspend' });
      else expect(result(site)).toMatchObject({ status: 'incomplete', score: '0', exit: 'suspend' });

      const second = await site.enter();
      expect(second.moodle).toMatchObject({ attempt: 1, mode: 'normal', entry: 'resume' });
      expect(visiblePage(doc(second))).toBe(assessmentOf(second).id);
      await takeAssessment(doc(second), second.run.data, 1000);
      await site.leave(second);
      expect(second.api.violations).toEqual([]);
      if (site.standard === 'scorm2004') expect(result(site)).toMatchObject({ completion: 'completed', success: 'passed', score: '100', exit: 'suspend' });
      else expect(result(site)).toMatchObject({ status: 'passed', score: '100' });
      expect(result(site).time).toMatch(/[1-9]|^PT0H0M0/);
      expect(result(site).location).toBe(assessmentOf(second).id);

      await expectReview(site, assessmentOf(second).id);
      expectEverySaveArrived(site);
    }, JOURNEY_MS);

    it('every attempt failed over two visits: the attempt is closed and the next visit is a review', async () => {
      const site = new MoodleSite(await buildPackage(course, target, lang));
      const first = await site.enter();
      const attempts = assessmentOf(first).attempts;
      await toAssessment(first);
      for (let i = 0; i < attempts - 1; i++) await takeAssessment(doc(first), first.run.data, 0);
      await site.leave(first);

      const second = await site.enter();
      expect(second.moodle).toMatchObject({ attempt: 1, mode: 'normal', entry: 'resume' });
      expect(visiblePage(doc(second))).toBe(assessmentOf(second).id);
      const before = decodeState(result(site).state, stateLayout(second.run.data))!;
      expect(before.attempts[assessmentOf(second).id]).toHaveLength(attempts - 1);
      await takeAssessment(doc(second), second.run.data, 0);
      // Back to a content page, so the review must open there.
      (doc(second).getElementById('cp-prev') as HTMLElement).click();
      await settle();
      const left = visiblePage(doc(second))!;
      await site.leave(second);
      expect(second.api.violations).toEqual([]);
      if (site.standard === 'scorm2004') expect(result(site)).toMatchObject({ completion: 'completed', success: 'failed', score: '0' });
      else expect(result(site)).toMatchObject({ status: 'failed', score: '0' });
      expect(result(site).location).toBe(left);
      const state = decodeState(result(site).state, stateLayout(second.run.data))!;
      expect(state.attempts[assessmentOf(second).id]).toHaveLength(attempts);

      await expectReview(site, left);
      // A new Moodle attempt starts the course afresh, with every assessment attempt again.
      const fresh = await site.enter({ newAttempt: true });
      expect(fresh.moodle).toMatchObject({ attempt: 2, mode: 'normal', entry: 'ab-initio' });
      expect(visiblePage(doc(fresh))).toBe(fresh.run.data.pages[0]!.id);
      await site.leave(fresh);
      expectEverySaveArrived(site);
      // Every save stays within the worst case the build computes (and `check` prints).
      const built = await buildInMemory(course, { targets: [target], langs: [lang], checkOnly: true });
      const bound = worstCaseSave(built.courses[0]!, site.standard, built.courses[0]!.tracking.checks);
      expect(built.saves).toEqual([{ course: built.courses[0]!.id, target, bytes: bound, budget: expect.any(Number) }]);
      for (const save of site.saves) expect(save.bytes).toBeLessThanOrEqual(bound);
    }, JOURNEY_MS);

  });
});

describe('Moodle: leaving by the course\'s Exit button', () => {
  it.each(TARGETS)('%s: everything is committed by an ordinary request before the session ends', async (target) => {
    const site = new MoodleSite(await buildPackage(ALL_TYPES, target, 'en'));
    const s = await site.enter();
    await next(doc(s));
    (doc(s).getElementById('cp-exit') as HTMLElement).click();
    await settle();
    const [commit, end] = s.api.saves.slice(-2);
    expect(commit).toMatchObject({ kind: 'commit', beacon: false, delivered: true });
    // Moodle's 1.2 runtime never posts session_time itself (only the total_time it derives at LMSFinish).
    if (target === 'scorm2004') expect(commit!.fields.some((f) => /session_time$/.test(f.name))).toBe(true);
    expect(end).toMatchObject({ kind: 'terminate', delivered: true });
    await site.leave(s);
    expect(s.api.violations).toEqual([]);
    expect(result(site).time).toBeDefined();
  });
});
