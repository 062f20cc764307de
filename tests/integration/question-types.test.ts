/**
 * Every question type played in the real LMS runtime (scorm-again, strict wrapper): the exact
 * SCORM 1.2 values for a correct, a wrong and a partially correct answer; then pools and shuffles.
 */
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { readResponse } from '../../src/player/ui/questions-ui.js';
import { buildPackage, ROOT } from '../support/build.js';
import { click, launch, newLms, resumeData, settle, type Launch } from '../support/dom-lms.js';
import { answerQuestion, assessmentSection, shownQuestions, takeAssessment } from '../support/learner.js';

const ALL_TYPES = resolve(ROOT, 'tests/fixtures/courses/all-types');
let pkg: BuiltPackage;
beforeAll(async () => {
  pkg = await buildPackage(ALL_TYPES, 'scorm12', 'en');
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Answers one knowledge check and returns the interaction it wrote. */
async function answerCheck(run: Launch, id: string, parts: string[]): Promise<Record<string, string>> {
  const form = run.doc.querySelector<HTMLFormElement>(`.cp-check-form[data-question-id="${id}"]`)!;
  answerQuestion(form.querySelector('.cp-question')!, run.data.questions[id]!, parts);
  const before = run.api.calls.length;
  click(form.querySelector('button[type="submit"]'));
  await settle();
  const written: Record<string, string> = {};
  for (const call of run.api.calls.slice(before)) {
    const m = /^cmi\.interactions\.\d+\.(.+)$/.exec(call.args[0] ?? '');
    if (call.method === 'LMSSetValue' && m) written[m[1]!] = call.args[1]!;
  }
  return written;
}

const ROWS: Array<[string, string, string[], Record<string, string | undefined>]> = [
  ['single choice, correct', 'k-single', ['python'], { type: 'choice', student_response: '1', pattern: '1', result: 'correct' }],
  ['single choice, wrong', 'k-single', ['html'], { type: 'choice', student_response: '0', pattern: '1', result: 'wrong' }],
  ['multiple choice, correct', 'k-multiple', ['tester', 'analyst'], { type: 'choice', student_response: '0,2', pattern: '0,2', result: 'correct' }],
  ['multiple choice, partly right', 'k-multiple', ['tester'], { type: 'choice', student_response: '0', pattern: '0,2', result: 'wrong' }],
  ['multiple choice, wrong', 'k-multiple', ['florist'], { type: 'choice', student_response: '1', pattern: '0,2', result: 'wrong' }],
  ['true-false, correct', 'k-true-false', ['false'], { type: 'true-false', student_response: 'f', pattern: 'f', result: 'correct' }],
  ['true-false, wrong', 'k-true-false', ['true'], { type: 'true-false', student_response: 't', pattern: 'f', result: 'wrong' }],
  ['fill-in, correct', 'k-fill-in', ['France Travail'], { type: 'fill-in', student_response: 'France Travail', pattern: 'France Travail', result: 'correct' }],
  ['fill-in, other case and spacing', 'k-fill-in', ['  france   travail '], { type: 'fill-in', student_response: 'france   travail', pattern: 'France Travail', result: 'correct' }],
  ['fill-in, wrong', 'k-fill-in', ['Pôle emploi'], { type: 'fill-in', student_response: 'Pôle emploi', pattern: 'France Travail', result: 'wrong' }],
  ['numeric, correct', 'k-numeric', ['4'], { type: 'numeric', student_response: '4', pattern: '4', result: 'correct' }],
  ['numeric, decimal comma', 'k-numeric', ['4,0'], { type: 'numeric', student_response: '4', pattern: '4', result: 'correct' }],
  ['numeric, wrong', 'k-numeric', ['5'], { type: 'numeric', student_response: '5', pattern: '4', result: 'wrong' }],
  ['matching, correct', 'k-matching', ['dev.code', 'qa.bugs', 'ux.users'], { type: 'matching', student_response: '0.0,1.1,2.2', pattern: '0.0,1.1,2.2', result: 'correct' }],
  ['matching, partly right', 'k-matching', ['dev.code', 'qa.users', 'ux.bugs'], { type: 'matching', student_response: '0.0,1.2,2.1', pattern: '0.0,1.1,2.2', result: 'wrong' }],
  ['matching, wrong', 'k-matching', ['dev.flowers', 'qa.code', 'ux.bugs'], { type: 'matching', student_response: '0.3,1.0,2.1', pattern: '0.0,1.1,2.2', result: 'wrong' }],
  ['sequencing, correct', 'k-sequencing', ['listen', 'skills', 'step'], { type: 'sequencing', student_response: '0,1,2', pattern: '0,1,2', result: 'correct' }],
  ['sequencing, partly right', 'k-sequencing', ['listen', 'step', 'skills'], { type: 'sequencing', student_response: '0,2,1', pattern: '0,1,2', result: 'wrong' }],
  ['sequencing, wrong', 'k-sequencing', ['step', 'skills', 'listen'], { type: 'sequencing', student_response: '2,1,0', pattern: '0,1,2', result: 'wrong' }],
  ['likert (never scored)', 'k-likert', ['agree'], { type: 'likert', student_response: '2', pattern: undefined, result: 'neutral' }],
  ['free text (never scored)', 'k-free-text', ['I will call a bootcamp, then "see".'], { type: 'fill-in', student_response: 'I will call a bootcamp, then "see".', pattern: undefined, result: 'neutral' }],
];

describe('each question type in the LMS', () => {
  it.each(ROWS)('%s', async (_name, id, parts, expected) => {
    const run = await launch(pkg);
    const written = await answerCheck(run, id, parts);
    expect({
      id: written.id,
      type: written.type,
      student_response: written.student_response,
      pattern: written['correct_responses.0.pattern'],
      result: written.result,
    }).toEqual({ id, ...expected });
    expect(written.weighting).toBe('1');
    expect(written.latency).toMatch(/^\d{4}:\d{2}:\d{2}\.\d{2}$/);
    expect(run.api.violations).toEqual([]);
  });

  it('keeps knowledge-check answers of every type across a resume', async () => {
    const run = await launch(pkg);
    const answers: Record<string, string[]> = { 'k-fill-in': ['France Travail'], 'k-numeric': ['4'], 'k-matching': ['dev.code', 'qa.bugs', 'ux.users'], 'k-sequencing': ['listen', 'step', 'skills'], 'k-likert': ['neutral'], 'k-free-text': ['line one\nline two'] };
    for (const [id, parts] of Object.entries(answers)) await answerCheck(run, id, parts);
    run.window.dispatchEvent(new run.window.Event('pagehide'));
    const again = await launch(pkg, newLms(resumeData(run.lms)));
    for (const [id, parts] of Object.entries(answers)) {
      const fieldset = again.doc.querySelector(`.cp-check-form[data-question-id="${id}"] .cp-question`)!;
      expect(readResponse(fieldset, again.data.questions[id]!)).toBe(id === 'k-free-text' ? parts[0] : parts.join(','));
    }
  });

  it('explains a number that cannot be read instead of marking it wrong', async () => {
    const run = await launch(pkg);
    const written = await answerCheck(run, 'k-numeric', ['four']);
    expect(written).toEqual({});
    const feedback = run.doc.querySelector('.cp-check-form[data-question-id="k-numeric"] .cp-feedback')!;
    expect(feedback.textContent).toMatch(/Enter a number/);
  });
});

describe('pools, draws and shuffles', () => {
  const seeds = (...values: number[]) => {
    const queue = [...values];
    vi.spyOn(Math, 'random').mockImplementation(() => (queue.length ? queue.shift()! : 0.5));
  };
  const choiceOrder = (run: Launch, id: string) =>
    Array.from(assessmentSection(run.doc, 'exam').querySelectorAll<HTMLElement>(`.cp-question[data-question-id="${id}"] .cp-choice, .cp-question[data-question-id="${id}"] .cp-sequence-item`)).map(
      (el) => el.dataset.choiceId ?? el.dataset.itemId,
    );

  it('draws `draw` questions per attempt, a new draw each attempt', async () => {
    seeds(0.11, 0.87);
    const run = await launch(pkg);
    const first = await takeAssessment(run.doc, run.data, 0, 'exam');
    const second = await takeAssessment(run.doc, run.data, 0, 'exam');
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(new Set(first).size).toBe(5);
    expect(second).not.toEqual(first);
    const interactions = run.api.calls.filter((c) => c.method === 'LMSSetValue' && /\.id$/.test(c.args[0]!)).map((c) => c.args[1]);
    expect(interactions).toEqual([...first, ...second]);
    expect(run.api.violations).toEqual([]);
  });

  it('shows the same draw, question order and choice order after a resume', async () => {
    seeds(0.42);
    const run = await launch(pkg);
    click(assessmentSection(run.doc, 'exam').querySelector('.cp-start'));
    await settle();
    const drawn = shownQuestions(run.doc, 'exam');
    const orders = Object.fromEntries(drawn.map((id) => [id, choiceOrder(run, id)]));
    run.window.dispatchEvent(new run.window.Event('pagehide'));
    const again = await launch(pkg, newLms(resumeData(run.lms)));
    expect(shownQuestions(again.doc, 'exam')).toEqual(drawn);
    for (const id of drawn) expect(choiceOrder(again, id)).toEqual(orders[id]);
  });

  it('refuses attempts beyond the limit', async () => {
    const run = await launch(pkg);
    for (let i = 0; i < 3; i++) await takeAssessment(run.doc, run.data, 0, 'exam');
    const section = assessmentSection(run.doc, 'exam');
    expect(section.querySelector<HTMLElement>('.cp-start')!.hidden).toBe(true);
    click(section.querySelector('.cp-start'));
    await settle();
    expect(run.player.state.attempts.exam).toHaveLength(3);
    expect(section.querySelector<HTMLElement>('.cp-submit')!.hidden).toBe(true);
    expect(run.api.values.get('cmi.core.lesson_status')).toBe('failed');
  });

  it('scores a partially correct attempt by weight', async () => {
    seeds(0.3);
    const run = await launch(pkg);
    await takeAssessment(run.doc, run.data, 3, 'exam');
    expect(run.api.values.get('cmi.core.score.raw')).toBe('60');
    expect(run.api.values.get('cmi.core.lesson_status')).toBe('incomplete');
  });
});
