/**
 * The full learner journey, written once for every way of using the player (mouse, keyboard):
 * every page with Next, every knowledge check answered right, the assessment failed once and then
 * passed. Returns the interactions the LMS should have, in order.
 */
import { expect } from 'vitest';
import { assessmentFieldset, checkFieldset, checksByPage, playerData, rightAnswer, scorm12Response, visiblePage, wrongAnswer, type PlayerData, type PlayerQuestion } from './course.js';
import type { Learner } from './learner.js';
import { lmsRecord } from './lms.js';

export interface ExpectedInteraction {
  id: string;
  type: 'choice' | 'true-false';
  student_response: string;
  pattern: string;
  result: 'correct' | 'wrong';
}

export interface JourneyHooks {
  /** Called after Next has shown page `id`. */
  afterNext?(id: string): Promise<void>;
}

function interaction(q: PlayerQuestion, response: string): ExpectedInteraction {
  return {
    id: q.id,
    type: q.type === 'true-false' ? 'true-false' : 'choice',
    student_response: scorm12Response(q, response),
    pattern: scorm12Response(q, rightAnswer(q)),
    result: response === rightAnswer(q) ? 'correct' : 'wrong',
  };
}

export async function completeCourse(learner: Learner, hooks: JourneyHooks = {}): Promise<{ data: PlayerData; interactions: ExpectedInteraction[] }> {
  const { frame, page } = learner;
  const data = await playerData(frame);
  const checks = await checksByPage(frame);
  const assessment = data.assessment;
  if (!assessment) throw new Error('the course has no assessment');
  const order = [...data.pages.map((p) => p.id), assessment.id];
  const interactions: ExpectedInteraction[] = [];
  const question = (id: string) => data.questions[id] ?? expect.unreachable(`no question ${id} in cp-data`);

  expect(await visiblePage(frame)).toBe(order[0]);
  for (const [i, id] of order.slice(0, -1).entries()) {
    for (const qid of checks[id] ?? []) {
      const q = question(qid);
      await learner.answer(checkFieldset(qid), rightAnswer(q));
      await learner.submitCheck(qid);
      await expect.poll(() => frame.locator(`${checkFieldset(qid)} .cp-verdict`).textContent()).toContain(data.strings.correct);
      expect(await frame.locator(checkFieldset(qid)).getAttribute('class')).toContain('cp-answered-correct');
      interactions.push(interaction(q, rightAnswer(q)));
    }
    await learner.next(order[i + 1]!);
    await hooks.afterNext?.(order[i + 1]!);
  }
  expect(await frame.locator('#cp-next').isDisabled()).toBe(true);

  // First attempt: every answer wrong.
  await learner.startAttempt();
  for (const qid of assessment.questions) await learner.answer(assessmentFieldset(qid), wrongAnswer(question(qid)));
  await learner.submitAttempt();
  for (const qid of assessment.questions) interactions.push(interaction(question(qid), wrongAnswer(question(qid))));
  expect(await frame.locator('#cp-result').getAttribute('class')).not.toContain('cp-result-passed');
  let cmi = (await lmsRecord(page)).cmi;
  expect(cmi.core.lesson_status).toBe('failed');
  expect(cmi.core.score).toMatchObject({ raw: '0', min: '0', max: '100' });

  // Second attempt: every answer right.
  await learner.startAttempt();
  for (const qid of assessment.questions) await learner.answer(assessmentFieldset(qid), rightAnswer(question(qid)));
  await learner.submitAttempt();
  for (const qid of assessment.questions) interactions.push(interaction(question(qid), rightAnswer(question(qid))));
  expect(await frame.locator('#cp-result').getAttribute('class')).toContain('cp-result-passed');
  cmi = (await lmsRecord(page)).cmi;
  expect(cmi.core.lesson_status).toBe('passed');
  expect(cmi.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
  return { data, interactions };
}

/** The interactions the SCO wrote, as the strict LMS wrapper recorded them. */
export function recordedInteractions(values: Record<string, string>): ExpectedInteraction[] {
  const out: ExpectedInteraction[] = [];
  for (let n = 0; values[`cmi.interactions.${n}.id`] !== undefined; n++) {
    const get = (field: string) => values[`cmi.interactions.${n}.${field}`];
    out.push({
      id: get('id')!,
      type: get('type') as ExpectedInteraction['type'],
      student_response: get('student_response')!,
      pattern: get('correct_responses.0.pattern')!,
      result: get('result') as ExpectedInteraction['result'],
    });
  }
  return out;
}

interface CmiInteraction {
  id: string;
  type: string;
  student_response: string;
  result: string;
  correct_responses?: Record<string, { pattern: string }>;
}

/** The interactions as the LMS itself holds them (scorm-again's CMI JSON: an object by index). */
export function cmiInteractions(cmi: { interactions?: unknown }): ExpectedInteraction[] {
  const all = (cmi.interactions ?? {}) as Record<string, CmiInteraction>;
  return Object.keys(all)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => all[k]!)
    .map((i) => ({
      id: i.id,
      type: i.type as ExpectedInteraction['type'],
      student_response: i.student_response,
      pattern: i.correct_responses?.['0']?.pattern ?? '',
      result: i.result as ExpectedInteraction['result'],
    }));
}
