/**
 * The player survives an LMS that misbehaves. Faults are injected over the real runtime
 * (scorm-again behind StrictScorm12): a test double only decides when the real LMS answers
 * "false", throws, or hands back stale data; everything else is the real SCORM 1.2 runtime.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { decodeState } from '../../src/player/core/state.js';
import { stateLayout } from '../../src/player/core/state-layout.js';
import { encodeV1 } from '../fixtures/state-v1/encode-v1.js';
import { buildPackage, COUNSELLOR } from '../support/build.js';
import { launch, newLms, resumeData, settle, type Scorm12API } from '../support/dom-lms.js';
import { answerChecks, answerQuestion, correctAnswer, next, visiblePage } from '../support/learner.js';

let pkg: BuiltPackage;
beforeAll(async () => {
  pkg = await buildPackage(COUNSELLOR, 'scorm12', 'en');
});

/** Wraps one method of the real LMS with a fault for the first `times` calls. */
function fault<K extends 'LMSInitialize' | 'LMSCommit' | 'LMSSetValue'>(lms: Scorm12API, method: K, times: number, how: 'false' | 'throw'): Scorm12API {
  const real = lms[method].bind(lms) as (...args: string[]) => string;
  let left = times;
  (lms as unknown as Record<string, unknown>)[method] = (...args: string[]) => {
    if (left > 0 && (method !== 'LMSSetValue' || args[0] === 'cmi.suspend_data')) {
      left--;
      if (how === 'throw') throw new Error('LMS exploded');
      return 'false';
    }
    return real(...args);
  };
  return lms;
}

describe('a misbehaving LMS', () => {
  it('LMSInitialize answering false: the course runs standalone, with a visible notice', async () => {
    const { doc, api } = await launch(pkg, fault(newLms(), 'LMSInitialize', 1, 'false'));
    expect(doc.getElementById('cp-notice')!.hidden).toBe(false);
    expect(doc.getElementById('cp-notice')!.textContent).toMatch(/saved in this browser/);
    await next(doc);
    expect(api.calls.map((c) => c.method)).toEqual(['LMSInitialize']);
  });

  it('LMSSetValue throwing once: retried at once, nothing thrown, nothing lost', async () => {
    const run = await launch(pkg, fault(newLms(), 'LMSSetValue', 1, 'throw'));
    await next(run.doc);
    expect(run.doc.getElementById('cp-notice')!.hidden).toBe(true);
    expect(run.lms.LMSGetValue('cmi.core.lesson_location')).toBe(visiblePage(run.doc));
  });

  it('LMSCommit refused: a notice that does not block, retries with backoff, and the notice goes when a commit succeeds', async () => {
    // The first two commits (the launch's and the first page's) are refused; the retry 2 s later is accepted.
    const lms = fault(newLms(), 'LMSCommit', 2, 'false');
    const commits = () => run.api.calls.filter((c) => c.method === 'LMSCommit').length;
    const run = await launch(pkg, lms);
    const notice = run.doc.getElementById('cp-notice')!;
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/did not accept the last save/);
    const before = commits();
    await new Promise((r) => setTimeout(r, 2600));
    expect(commits()).toBeGreaterThan(before);
    expect(notice.hidden).toBe(true);
    // The learner could keep going all along.
    await next(run.doc);
    expect(visiblePage(run.doc)).toBe(run.data.pages[1]!.id);
  });

  it('stale or empty suspend_data: the course starts fresh instead of breaking', async () => {
    for (const stale of ['', 'garbage{', '{"v":99,"p":"zzzz"}']) {
      const saved = { core: { entry: 'resume', lesson_status: 'incomplete', lesson_location: 'no-such-page' }, suspend_data: stale };
      const run = await launch(pkg, newLms(saved));
      expect(visiblePage(run.doc)).toBe(run.data.pages[0]!.id);
      expect(run.api.violations).toEqual([]);
    }
  });

  it('state saved by an older package (state version 1) of an older version of the course: what still exists is restored', async () => {
    const first = await launch(pkg);
    await next(first.doc);
    await next(first.doc);
    await answerChecks(first.doc, first.data);
    first.window.dispatchEvent(new first.window.Event('pagehide'));
    const saved = resumeData(first.lms) as { suspend_data: string };
    // An older version had a page and a question that are gone now.
    const old = JSON.parse(encodeV1(first.player.state)) as { p: string; c?: Record<string, string> };
    old.p = `zz00${old.p}zz11`;
    old.c = { ...(old.c ?? {}), zz22: 'a' };
    const run = await launch(pkg, newLms({ ...saved, suspend_data: JSON.stringify(old) }));
    expect(visiblePage(run.doc)).toBe(visiblePage(first.doc));
    expect(run.player.state.visited).toEqual(first.player.state.visited);
    expect(run.player.state.checks).toEqual(first.player.state.checks);
    expect(run.api.violations).toEqual([]);
  });

  it('the tab closed mid-question: answers already chosen are saved with the LMS', async () => {
    const run = await launch(pkg);
    const assessment = run.data.assessments[0]!;
    await run.player.show(assessment.id);
    (run.doc.querySelector(`.cp-assessment[data-assessment-id="${assessment.id}"] .cp-start`) as HTMLElement).click();
    await settle();
    const firstQuestion = run.doc.querySelector<HTMLElement>(`.cp-assessment[data-assessment-id="${assessment.id}"] .cp-question-list > li:not([hidden]) .cp-question`)!;
    const q = run.data.questions[firstQuestion.dataset.questionId!]!;
    answerQuestion(firstQuestion, q, correctAnswer(q));
    await settle();
    run.window.dispatchEvent(new run.window.Event('pagehide'));
    const saved = resumeData(run.lms) as { suspend_data: string };
    expect(decodeState(saved.suspend_data, stateLayout(run.data))!.attempts[assessment.id]![0]!.answers[q.id]).toBe(correctAnswer(q).join(','));
    const again = await launch(pkg, newLms(saved));
    expect(again.player.state.attempts[assessment.id]![0]!.answers[q.id]).toBe(correctAnswer(q).join(','));
  });
});
