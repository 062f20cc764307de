/**
 * The counsellor training (en, fr) and the fixture with every question type, in SCORM 1.2 and
 * 2004, played in Chromium through every assessment attempt against a Moodle-faithful host
 * (support/moodle-host.ts: Moodle's launch and datamodel.php on the server, its runtime's saves
 * in the page, the unload save a real `sendBeacon`). No save passes 64 KiB, every save arrives,
 * total time is recorded, the end states are Moodle's, and each visit resumes on the page left.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { BEACON_LIMIT } from '../../src/package/save-size.js';
import { ALL_TYPES, buildPackage, MOODLE_JOURNEY_CASES as CASES } from '../support/build.js';
import { assessment, checkFieldset, checksByPage, pageOrder, playerData, presentedQuestions, rightAnswer, visiblePage, wrongAnswer, type PlayerData, type PlayerQuestion } from './support/course.js';
import { MoodleHost } from './support/moodle-host.js';
import { MouseLearner } from './support/mouse.js';
import { newPage, useBrowser } from './support/session.js';


const browser = useBrowser();
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const done of cleanup) await done();
  cleanup = [];
});

async function site(course: string, target: 'scorm12' | 'scorm2004', lang: string): Promise<{ host: MoodleHost; page: Page; errors: string[] }> {
  const host = new MoodleHost(await buildPackage(course, target, lang));
  await host.start();
  const errors: string[] = [];
  const page = await newPage(browser(), errors);
  cleanup.push(
    () => page.close(),
    () => host.stop(),
  );
  return { host, page, errors };
}

/** Next through every page to the assessment, answering each knowledge check. */
async function toAssessment(learner: MouseLearner, data: PlayerData): Promise<void> {
  const checks = await checksByPage(learner.frame);
  const order = pageOrder(data);
  for (let i = order.indexOf(await visiblePage(learner.frame)); i < order.length - 1; i++) {
    for (const qid of checks[order[i]!] ?? []) {
      await learner.answer(checkFieldset(qid), rightAnswer(data.questions[qid]!));
      await learner.submitCheck(qid);
    }
    await learner.next(order[i + 1]!);
  }
}

async function attempt(learner: MouseLearner, data: PlayerData, aid: string, choose: (q: PlayerQuestion) => string): Promise<void> {
  await learner.startAttempt(aid);
  for (const qid of await presentedQuestions(learner.frame, aid)) await learner.answer(assessment.fieldset(aid, qid), choose(data.questions[qid]!));
  await learner.submitAttempt(aid);
}

function held(host: MoodleHost, attempt = host.attempts.length) {
  const t = host.attempts[attempt - 1]!;
  return host.standard === 'scorm2004'
    ? { completion: t['cmi.completion_status'], success: t['cmi.success_status'], score: t['cmi.score.raw'], location: t['cmi.location'], time: t['cmi.total_time'] }
    : { status: t['cmi.core.lesson_status'], score: t['cmi.core.score.raw'], location: t['cmi.core.lesson_location'], time: t['cmi.core.total_time'] };
}

async function enter(host: MoodleHost, page: Page, newAttempt = false): Promise<{ learner: MouseLearner; data: PlayerData; frame: Frame }> {
  const { frame } = await host.enter(page, { newAttempt });
  return { learner: new MouseLearner(page, frame), data: await playerData(frame), frame };
}

async function leave(host: MoodleHost, page: Page): Promise<void> {
  expect(await host.violations(page)).toEqual([]);
  const last = await host.leave(page);
  expect(last.beacon).toBe(true);
}

function expectSavesArrived(host: MoodleHost): void {
  for (const r of host.received) expect(r.bytes).toBeLessThanOrEqual(BEACON_LIMIT);
  // One unload save per visit in normal mode and in review, each received.
  expect(host.received.filter((r) => r.terminate)).toHaveLength(host.launches.length);
}

describe('the Moodle host', () => {
  it('Chromium refuses a beacon above 64 KiB, as the host relies on', async () => {
    const { host, page } = await site(ALL_TYPES, 'scorm2004', 'en');
    await host.enter(page);
    const queued = await page.evaluate((limit) => {
      const form = (bytes: number) => {
        const f = new FormData();
        f.append('x', 'y'.repeat(bytes));
        return f;
      };
      return [navigator.sendBeacon('/nowhere', form(limit + 1000)), navigator.sendBeacon('/nowhere', form(limit - 1000))];
    }, BEACON_LIMIT);
    expect(queued).toEqual([false, true]);
  });
});

describe.each(CASES)('Moodle in Chromium: the $name ($lang)', ({ course, lang }) => {
  describe.each(['scorm2004', 'scorm12'] as const)('%s', (target) => {
    it('fails with attempts left, resumes on the assessment, passes; the next visit is a review there', async () => {
      const { host, page, errors } = await site(course, target, lang);
      let s = await enter(host, page);
      const aid = s.data.assessments[0]!.id;
      await toAssessment(s.learner, s.data);
      await attempt(s.learner, s.data, aid, wrongAnswer);
      await leave(host, page);
      expect(held(host)).toMatchObject(host.standard === 'scorm2004' ? { completion: 'incomplete', success: 'failed', score: '0' } : { status: 'incomplete', score: '0' });

      s = await enter(host, page);
      expect(host.launches.at(-1)).toMatchObject({ attempt: 1, mode: 'normal', entry: 'resume' });
      expect(await visiblePage(s.frame)).toBe(aid);
      await attempt(s.learner, s.data, aid, rightAnswer);
      await leave(host, page);
      expect(held(host)).toMatchObject(host.standard === 'scorm2004' ? { completion: 'completed', success: 'passed', score: '100', location: aid } : { status: 'passed', score: '100', location: aid });
      expect(held(host).time).toMatch(/[1-9]/);

      s = await enter(host, page);
      expect(host.launches.at(-1)).toMatchObject({ attempt: 1, mode: 'review' });
      expect(await visiblePage(s.frame)).toBe(aid);
      expect(await s.frame.locator(assessment.start(aid)).isHidden()).toBe(true);
      await leave(host, page);
      expectSavesArrived(host);
      expect(errors).toEqual([]);
    });

    it('fails every attempt over two visits; the attempt is closed and the next visit is a review on the page left', async () => {
      const { host, page, errors } = await site(course, target, lang);
      let s = await enter(host, page);
      const a = s.data.assessments[0]!;
      await toAssessment(s.learner, s.data);
      for (let i = 0; i < a.attempts - 1; i++) await attempt(s.learner, s.data, a.id, wrongAnswer);
      await leave(host, page);

      s = await enter(host, page);
      expect(host.launches.at(-1)).toMatchObject({ attempt: 1, mode: 'normal', entry: 'resume' });
      expect(await visiblePage(s.frame)).toBe(a.id);
      await attempt(s.learner, s.data, a.id, wrongAnswer);
      await s.frame.locator('#cp-prev').click();
      const left = pageOrder(s.data).at(-2)!;
      await expect.poll(() => visiblePage(s.frame)).toBe(left);
      await leave(host, page);
      expect(held(host)).toMatchObject(host.standard === 'scorm2004' ? { completion: 'completed', success: 'failed', score: '0', location: left } : { status: 'failed', score: '0', location: left });

      s = await enter(host, page);
      expect(host.launches.at(-1)).toMatchObject({ attempt: 1, mode: 'review' });
      expect(await visiblePage(s.frame)).toBe(left);
      await leave(host, page);
      expectSavesArrived(host);
      expect(errors).toEqual([]);
    });
  });
});
