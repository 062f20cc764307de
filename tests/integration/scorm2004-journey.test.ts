/**
 * SCORM 2004 packages played in a DOM with scorm-again's Scorm2004API as the LMS, wrapped to enforce
 * what Moodle and other LMSs enforce (StrictScorm2004: LMS-RULES.md 24–29). The full journey uses
 * the counsellor training; the other cases use the small fixture course, whose shape they rely on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreResponse } from '../../src/player/core/questions.js';
import type { PlayerQuestion } from '../../src/player/core/types.js';
import { scorm2004Interaction } from '../../src/player/interactions/scorm2004.js';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildPackage, COUNSELLOR } from '../support/build.js';
import { settle } from '../support/dom-lms.js';
import { interactions2004, launch2004, manifestThreshold, newLms2004, resumeData2004, type Launch2004 } from '../support/dom-lms-2004.js';
import { answerChecks, answerQuestion, assessmentSection, correctAnswer, next, shownQuestions, takeAssessment, visiblePage, wrongAnswer } from '../support/learner.js';
import { testdir, validCourse } from '../support/testdir.js';

const DURATION = /^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}Z$/;

function expectedInteraction(q: PlayerQuestion, parts: string[]) {
  const response = parts.join(',');
  return scorm2004Interaction(q, response, scoreResponse(q, response).result);
}

/** The fields of a written interaction that the encoding decides. */
function encoded(w: Record<string, string>) {
  const patterns = Object.keys(w)
    .filter((k) => /^correct_responses\.\d+\.pattern$/.test(k))
    .sort()
    .map((k) => w[k]!);
  return { id: w.id, type: w.type, description: w.description ?? '', weighting: w.weighting ?? '1', learner_response: w.learner_response ?? '', correct_responses: patterns, result: w.result };
}

function leave(launch: Launch2004): void {
  launch.window.dispatchEvent(new launch.window.Event('pagehide'));
  launch.window.dispatchEvent(new launch.window.Event('beforeunload'));
}

async function fixture(overrides: Parameters<typeof validCourse>[0] = {}): Promise<BuiltPackage> {
  return buildPackage(testdir(validCourse(overrides)), 'scorm2004', 'en');
}

describe('SCORM 2004 journey through the counsellor training', () => {
  let pkg: BuiltPackage;
  beforeAll(async () => {
    pkg = await buildPackage(COUNSELLOR, 'scorm2004', 'en');
  });

  it('records pages, checks, a failed then a passed attempt, and ends so the LMS can move on', async () => {
    const launch = await launch2004(pkg);
    const { doc, api, lms, data } = launch;
    expect(manifestThreshold(pkg)).toBe('1');
    expect(api.values.get('cmi.completion_status')).toBe('incomplete');
    expect(api.values.get('cmi.exit')).toBe('suspend');
    const assessment = data.assessments[0]!;
    expect(assessment.attempts).toBeGreaterThanOrEqual(2);
    const order = [...data.pages.map((p) => p.id), assessment.id];
    // The first answer to each check becomes an interaction, unless the course records none (the counsellor training).
    const checks: Array<[PlayerQuestion, string[]]> = [];
    let answeredChecks = 0;
    let measure = 0;
    for (let i = 0; i < order.length - 1; i++) {
      for (const id of await answerChecks(doc, data, { wrongFirst: true })) {
        const q = data.questions[id]!;
        if (data.tracking?.checks !== 'none') checks.push([q, wrongAnswer(q)]);
        answeredChecks++;
      }
      await next(doc);
      expect(api.values.get('cmi.location')).toBe(order[i + 1]);
      const now = Number(api.values.get('cmi.progress_measure'));
      expect(now).toBeGreaterThanOrEqual(measure);
      measure = now;
    }
    expect(answeredChecks).toBeGreaterThan(0);
    // Every page viewed, but completion needs the assessment: the measure stays below the threshold.
    expect(api.values.get('cmi.progress_measure')).toBe('0.9999999');
    expect(api.values.get('cmi.completion_status')).toBe('incomplete');
    expect(api.values.has('cmi.score.raw')).toBe(false);
    expect(api.values.has('cmi.success_status')).toBe(false);

    const first = await takeAssessment(doc, data, 0);
    expect(api.values.get('cmi.success_status')).toBe('failed');
    expect(api.values.get('cmi.completion_status')).toBe('incomplete');
    expect(api.values.get('cmi.score.raw')).toBe('0');
    expect(api.values.get('cmi.score.scaled')).toBe('0');
    expect(api.values.get('cmi.score.min')).toBe('0');
    expect(api.values.get('cmi.score.max')).toBe('100');
    expect(api.values.get('cmi.exit')).toBe('suspend');

    const second = await takeAssessment(doc, data, 1000);
    expect(api.values.get('cmi.success_status')).toBe('passed');
    expect(api.values.get('cmi.completion_status')).toBe('completed');
    expect(api.values.get('cmi.score.raw')).toBe('100');
    expect(api.values.get('cmi.score.scaled')).toBe('1');
    expect(api.values.get('cmi.progress_measure')).toBe('1');
    // Suspend even when done: Moodle loads the attempt back (for its review) only after exit=suspend.
    expect(api.values.get('cmi.exit')).toBe('suspend');
    expect(api.setCount('adl.nav.request')).toBe(0);

    // Interactions: the first answer to each recorded check, then one per shown question per attempt.
    const written = interactions2004(api.values);
    const expected = [
      ...checks.map(([q, parts]) => expectedInteraction(q, parts)),
      ...first.map((id) => expectedInteraction(data.questions[id]!, wrongAnswer(data.questions[id]!))),
      ...second.map((id) => {
        const q = data.questions[id]!;
        return expectedInteraction(q, correctAnswer(q).length ? correctAnswer(q) : wrongAnswer(q));
      }),
    ];
    expect(written).toHaveLength(expected.length);
    written.forEach((w, n) => {
      expect({ n, ...encoded(w) }).toEqual({ n, ...expected[n]! });
      // Latency only for checks: an attempt's answers would all carry the same duration.
      if (n < checks.length) expect(w.latency).toMatch(DURATION);
      else expect(w.latency).toBeUndefined();
      expect(w.weighting).toBeUndefined();
      expect(w.timestamp).toMatch(TIMESTAMP);
    });
    expect(written.filter((w) => w.result === 'correct').length).toBeGreaterThan(0);
    expect(written.filter((w) => w.result === 'incorrect').length).toBeGreaterThan(0);

    leave(launch);
    await settle();
    expect(api.terminateCount).toBe(1);
    expect(api.values.get('cmi.session_time')).toMatch(DURATION);
    expect(api.values.has('adl.nav.request')).toBe(false);
    const cmi = lms.renderCMIToJSONObject().cmi;
    expect(cmi).toMatchObject({ completion_status: 'completed', success_status: 'passed', score: { raw: '100', scaled: '1', min: '0', max: '100' } });
    expect(api.violations).toEqual([]);
  });
});

describe('SCORM 2004 tracking (fixture course)', () => {
  let pkg: BuiltPackage;
  beforeAll(async () => {
    pkg = await fixture();
  });

  it('marks a first launch incomplete at once, asks to be resumable and commits', async () => {
    const { api } = await launch2004(pkg);
    expect(api.values.get('cmi.completion_status')).toBe('incomplete');
    expect(api.values.get('cmi.exit')).toBe('suspend');
    expect(api.calls.filter((c) => c.method === 'Initialize').map((c) => c.args)).toEqual([['']]);
    expect(api.calls.find((c) => c.method === 'Commit')?.args).toEqual(['']);
    expect(api.violations).toEqual([]);
  });

  it('resumes at the bookmark with answers and the open attempt, appending interactions', async () => {
    const first = await launch2004(pkg);
    const { doc, data } = first;
    await next(doc); // quiz-page, with the knowledge check
    const [checked] = await answerChecks(doc, data);
    expect(checked).toBe('q-one');
    await next(doc); // the assessment
    const assessment = data.assessments[0]!;
    const section = assessmentSection(doc, assessment.id);
    (section.querySelector('.cp-start') as HTMLElement).click();
    await settle();
    const [q1] = shownQuestions(doc, assessment.id);
    answerQuestion(section.querySelector(`.cp-question[data-question-id="${q1}"]`)!, data.questions[q1!]!, correctAnswer(data.questions[q1!]!));
    await settle();
    doc.getElementById('cp-prev')!.click();
    await settle();
    expect(visiblePage(doc)).toBe('quiz-page');
    leave(first);
    expect(first.api.terminateCount).toBe(1);
    expect(first.api.values.get('cmi.exit')).toBe('suspend');
    expect(first.api.values.has('adl.nav.request')).toBe(false);
    expect(first.api.violations).toEqual([]);
    const recorded = Object.keys(first.lms.renderCMIToJSONObject().cmi.interactions as object).length;
    expect(recorded).toBe(1);

    const second = await launch2004(pkg, newLms2004({ threshold: manifestThreshold(pkg) }, resumeData2004(first.lms)));
    expect(second.lms.GetValue('cmi.entry')).toBe('resume');
    expect(visiblePage(second.doc)).toBe('quiz-page');
    const checkForm = second.doc.querySelector(`.cp-check-form[data-question-id="${checked}"]`)!;
    expect(checkForm.querySelector<HTMLElement>('.cp-feedback')!.hidden).toBe(false);
    expect(shownQuestions(second.doc, assessment.id)).toEqual(shownQuestions(doc, assessment.id));
    // The check was journaled once already; the attempt's answers go after the interactions the LMS holds.
    await answerChecks(second.doc, second.data);
    expect(second.api.values.has(`cmi.interactions.${recorded}.id`)).toBe(false);
    const again = assessmentSection(second.doc, assessment.id);
    const shown = shownQuestions(second.doc, assessment.id);
    for (const id of shown) answerQuestion(again.querySelector(`.cp-question[data-question-id="${id}"]`)!, second.data.questions[id]!, correctAnswer(second.data.questions[id]!));
    await settle();
    (again.querySelector('.cp-submit') as HTMLElement).click();
    await settle();
    expect(second.api.values.get(`cmi.interactions.${recorded}.id`)).toBe(shown[0]);
    leave(second);
    expect(second.api.violations).toEqual([]);
  });

  it('never lowers a completed and passed status the LMS already holds', async () => {
    const saved = { entry: 'resume', completion_status: 'completed', success_status: 'passed', progress_measure: '1', score: { raw: '90', scaled: '0.9', min: '0', max: '100' } };
    const launch = await launch2004(pkg, newLms2004({ threshold: manifestThreshold(pkg) }, saved));
    expect(launch.player.data.pages.length).toBeGreaterThan(0);
    await next(launch.doc);
    leave(launch);
    const { api, lms } = launch;
    expect(api.values.has('cmi.completion_status')).toBe(false);
    expect(api.values.has('cmi.success_status')).toBe(false);
    expect(api.values.has('cmi.score.raw')).toBe(false);
    // The measure the LMS holds agrees with the completed status, so Moodle's Terminate keeps it.
    expect(api.values.has('cmi.progress_measure')).toBe(false);
    expect(lms.renderCMIToJSONObject().cmi).toMatchObject({ completion_status: 'completed', success_status: 'passed', progress_measure: '1', score: { raw: '90' } });
    expect(api.violations).toEqual([]);
  });

  it('reports failed, and completed once no attempt is left, so Moodle closes its attempt', async () => {
    const launch = await launch2004(pkg);
    const { doc, data, api } = launch;
    const assessment = data.assessments[0]!;
    while (visiblePage(doc) !== assessment.id) await next(doc);
    for (let i = 0; i < assessment.attempts; i++) {
      await takeAssessment(doc, data, 0);
      expect(api.values.get('cmi.success_status')).toBe('failed');
      expect(api.values.get('cmi.completion_status')).toBe(i < assessment.attempts - 1 ? 'incomplete' : 'completed');
      expect(api.values.get('cmi.exit')).toBe('suspend');
    }
    expect(api.values.get('cmi.progress_measure')).toBe('1');
    leave(launch);
    expect(api.values.has('adl.nav.request')).toBe(false);
    expect(api.violations).toEqual([]);
  });

  it('with a …-incomplete policy, keeps a learner with no attempt left incomplete and resumable', async () => {
    const course = validCourse()['course.yaml'] as string;
    const launch = await launch2004(await fixture({ 'course.yaml': `${course}status: passed-incomplete\n` }));
    const { doc, data, api } = launch;
    const assessment = data.assessments[0]!;
    while (visiblePage(doc) !== assessment.id) await next(doc);
    for (let i = 0; i < assessment.attempts; i++) await takeAssessment(doc, data, 0);
    expect(api.values.get('cmi.completion_status')).toBe('incomplete');
    expect(api.values.has('cmi.success_status')).toBe(false);
    expect(api.values.get('cmi.exit')).toBe('suspend');
    leave(launch);
    expect(api.violations).toEqual([]);
  });

  it('resumes the state an LMS still holds at ab-initio instead of starting over', async () => {
    const first = await launch2004(pkg);
    await next(first.doc);
    await next(first.doc);
    leave(first);
    const held = resumeData2004(first.lms);
    held.entry = 'ab-initio';
    const second = await launch2004(pkg, newLms2004({ threshold: manifestThreshold(pkg) }, held));
    expect(second.lms.GetValue('cmi.entry')).toBe('ab-initio');
    expect(visiblePage(second.doc)).toBe(visiblePage(first.doc));
    leave(second);
    expect(second.api.setCount('cmi.suspend_data')).toBe(0);
    expect(second.lms.renderCMIToJSONObject().cmi.suspend_data).toBe(first.api.values.get('cmi.suspend_data'));
    expect(second.api.violations).toEqual([]);
  });

  it.each(['review', 'browse'] as const)('writes nothing in %s mode and says so', async (mode) => {
    const launch = await launch2004(pkg, newLms2004({ threshold: manifestThreshold(pkg), mode }, { entry: 'resume', completion_status: 'incomplete' }));
    await next(launch.doc);
    await answerChecks(launch.doc, launch.data);
    leave(launch);
    expect(launch.api.calls.filter((c) => c.method === 'SetValue')).toEqual([]);
    expect(launch.api.terminateCount).toBe(1);
    expect(launch.doc.getElementById('cp-notice')!.hidden).toBe(false);
    expect(launch.api.violations).toEqual([]);
  });

  it('writes nothing without credit', async () => {
    const launch = await launch2004(pkg, newLms2004({ threshold: manifestThreshold(pkg), credit: 'no-credit' }));
    await next(launch.doc);
    leave(launch);
    expect(launch.api.calls.filter((c) => c.method === 'SetValue')).toEqual([]);
    expect(launch.api.violations).toEqual([]);
  });

  it('uses API_1484_11 only: with a SCORM 1.2 API alone it falls back to the standalone tracker', async () => {
    const scorm12 = { LMSInitialize: () => 'true', LMSGetValue: () => '', LMSSetValue: () => 'true', LMSCommit: () => 'true', LMSFinish: () => 'true' };
    const launch = await launch2004(pkg, newLms2004(), { api: false, globals: { API: scorm12 } });
    expect(launch.doc.getElementById('cp-notice')!.textContent).toMatch(/saved in this browser/);
    expect(launch.api.calls).toEqual([]);
  });
});

describe('SCORM 2004 completion by a percentage of pages', () => {
  const withPercentage = (extra: string, assessment = true) => {
    const course = validCourse()['course.yaml'] as string;
    const yaml = `${assessment ? course : course.replace('assessment: assessment.yaml\n', '')}completion:\n  pages: 50\n${extra}`;
    return fixture({ 'course.yaml': yaml });
  };

  it('completes at the threshold and asks the LMS to move on (no assessment)', async () => {
    const pkg = await withPercentage('', false);
    expect(manifestThreshold(pkg)).toBe('0.5');
    const launch = await launch2004(pkg);
    const { api } = launch;
    expect(api.values.get('cmi.progress_measure')).toBe('0.5');
    expect(api.values.get('cmi.completion_status')).toBe('completed');
    expect(api.values.get('cmi.exit')).toBe('suspend');
    leave(launch);
    expect(api.values.has('adl.nav.request')).toBe(false);
    expect(api.violations).toEqual([]);
  });

  it('holds the measure below the threshold until the assessment is passed', async () => {
    const pkg = await withPercentage('');
    const launch = await launch2004(pkg);
    const { doc, data, api } = launch;
    expect(api.values.get('cmi.progress_measure')).toBe('0.4999999');
    expect(api.values.get('cmi.completion_status')).toBe('incomplete');
    while (visiblePage(doc) !== data.assessments[0]!.id) await next(doc);
    await takeAssessment(doc, data, 1000);
    expect(api.values.get('cmi.completion_status')).toBe('completed');
    expect(api.values.get('cmi.progress_measure')).toBe('1');
    leave(launch);
    expect(api.violations).toEqual([]);
  });
});

describe('the strict SCORM 2004 LMS used above', () => {
  it('flags what Moodle and other LMSs reject', async () => {
    const pkg = await fixture();
    const { api } = await launch2004(pkg);
    api.SetValue('cmi.score.scaled', '.5');
    api.SetValue('cmi.progress_measure', '1e-7');
    api.SetValue('cmi.completion_status', 'not attempted');
    api.SetValue('cmi.interactions.5.id', 'skip');
    api.SetValue('cmi.interactions.0.id', 'q');
    api.SetValue('cmi.interactions.0.learner_response', 'a');
    api.SetValue('cmi.interactions.0.type', 'choice');
    api.SetValue('cmi.interactions.0.type', 'choice');
    api.SetValue('cmi.interactions.0.learner_response', 'opt-a');
    api.SetValue('cmi.interactions.0.timestamp', '2026-01-02T09:05:07Z');
    api.SetValue('cmi.interactions.0.result', 'wrong');
    api.SetValue('cmi.suspend_data', 'x'.repeat(64001));
    api.SetValue('adl.nav.request', 'exitAll');
    api.Commit();
    api.Terminate('');
    api.Terminate('');
    api.GetValue('cmi.location');
    const expected = [
      /score\.scaled.*leading digit/,
      /progress_measure.*leading digit/,
      /downgrades completion_status/,
      /skips/,
      /before the interaction type/,
      /type set twice/,
      /\[A-Za-z0-9_\.\]/,
      /timestamp must be/,
      /result must be/,
      /64000/,
      /only continue and previous/,
      /Commit must be called with ""/,
      /Terminate called more than once/,
      /after Terminate/,
    ];
    for (const pattern of expected) expect(api.violations.some((v) => pattern.test(v)), String(pattern)).toBe(true);
  });

  it('applies Moodle\'s Terminate: without a threshold, Moodle marks the SCO completed', async () => {
    const { api } = await launch2004(await fixture(), newLms2004());
    api.Terminate('');
    expect(api.violations.some((v) => /Moodle would record completion_status completed/.test(v))).toBe(true);
  });
});
