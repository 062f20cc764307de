/**
 * The full learner journey, written once for every way of using the player (mouse, keyboard):
 * every page with Next, every knowledge check answered right, each assessment failed once (when
 * it allows a retry) and then passed: the LMS ends with `passed` and a score of 100. Returns the interactions the LMS should have, in groups
 * written in order (within an assessment attempt, in any order: questions may be shuffled).
 */
import { expect } from 'vitest';
import { assessment, assessmentsOf, checkFieldset, checksByPage, expectedInteraction, isScored, pageOrder, playerData, presentedQuestions, rightAnswer, visiblePage, wrongAnswer, type ExpectedInteraction, type PlayerData, type PlayerQuestion } from './course.js';
import type { Learner } from './learner.js';
import { lmsRecord } from './lms.js';

export type { ExpectedInteraction };

export interface JourneyHooks {
  /** Called after Next has shown page `id`. */
  afterNext?(id: string): Promise<void>;
}

export async function completeCourse(learner: Learner, hooks: JourneyHooks = {}): Promise<{ data: PlayerData; interactions: ExpectedInteraction[][] }> {
  const { frame, page } = learner;
  const data = await playerData(frame);
  const checks = await checksByPage(frame);
  const assessments = assessmentsOf(data);
  if (!assessments.length) throw new Error('the course has no assessment');
  const order = pageOrder(data);
  const groups: ExpectedInteraction[][] = [];
  const question = (id: string) => data.questions[id] ?? expect.unreachable(`no question ${id} in cp-data`);

  /** One attempt: every presented question answered by `choose`; returns the result box's classes. */
  const attempt = async (aid: string, choose: (q: PlayerQuestion) => string) => {
    await learner.startAttempt(aid);
    const shown = (await presentedQuestions(frame, aid)).map(question);
    expect(shown.length, `questions presented by ${aid}`).toBeGreaterThan(0);
    for (const q of shown) await learner.answer(assessment.fieldset(aid, q.id), choose(q));
    await learner.submitAttempt(aid);
    groups.push(shown.map((q) => expectedInteraction(q, choose(q))));
    return (await frame.locator(assessment.result(aid)).getAttribute('class')) ?? '';
  };

  expect(await visiblePage(frame)).toBe(order[0]);
  for (const [i, id] of order.entries()) {
    for (const qid of checks[id] ?? []) {
      const q = question(qid);
      await learner.answer(checkFieldset(qid), rightAnswer(q));
      await learner.submitCheck(qid);
      // Scored questions say "correct"; a survey or reflection says the answer is saved.
      const [verdict, state] = isScored(q) ? [data.strings.correct, 'cp-answered-correct'] : [data.strings.answerSaved, 'cp-answered-neutral'];
      await expect.poll(() => frame.locator(`${checkFieldset(qid)} .cp-verdict`).textContent(), { message: qid }).toContain(verdict);
      expect(await frame.locator(checkFieldset(qid)).getAttribute('class'), qid).toContain(state);
      // SCORM records a check's first answer, or none when the course says so (tracking.checks).
      if (data.tracking?.checks !== 'none') groups.push([expectedInteraction(q, rightAnswer(q))]);
    }
    const a = assessments.find((x) => x.id === id);
    if (a) {
      if (a.attempts > 1) {
        expect(await attempt(a.id, wrongAnswer)).not.toContain('cp-result-passed');
        if (assessments.length === 1) {
          // With attempts left, SCORM 1.2 reports `incomplete` and keeps the session resumable:
          // Moodle ends its attempt on `failed` (src/player/tracking/scorm12.ts, lessonStatus).
          // `failed` itself is checked when every attempt is used (scorm12-mouse.e2e.test.ts).
          const { cmi } = await lmsRecord(page);
          expect(cmi.core.lesson_status).toBe('incomplete');
          expect(cmi.core.exit).toBe('suspend');
        }
      }
      expect(await attempt(a.id, rightAnswer)).toContain('cp-result-passed');
    }
    const next = order[i + 1];
    if (!next) break;
    await learner.next(next);
    await hooks.afterNext?.(next);
  }
  expect(await frame.locator('#cp-next').isDisabled()).toBe(true);
  const { cmi } = await lmsRecord(page);
  expect(cmi.core.lesson_status).toBe('passed');
  expect(cmi.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
  return { data, interactions: groups };
}

/**
 * Cuts `actual` into groups the sizes of `expected`'s, each ordered like its expected group
 * (questions of an attempt may be shuffled), so `toEqual(expected)` compares them; anything
 * left over becomes one more group, and fails the comparison.
 */
export function inGroups(actual: ExpectedInteraction[], expected: ExpectedInteraction[][]): ExpectedInteraction[][] {
  const out: ExpectedInteraction[][] = [];
  let at = 0;
  for (const group of expected) {
    const rank = (id: string) => {
      const i = group.findIndex((e) => e.id === id);
      return i < 0 ? group.length : i;
    };
    out.push(actual.slice(at, at + group.length).sort((x, y) => rank(x.id) - rank(y.id)));
    at += group.length;
  }
  if (at < actual.length) out.push(actual.slice(at));
  return out;
}

/** The interactions the SCO wrote, as the strict LMS wrapper recorded them. */
export function recordedInteractions(values: Record<string, string>): ExpectedInteraction[] {
  const out: ExpectedInteraction[] = [];
  for (let n = 0; values[`cmi.interactions.${n}.id`] !== undefined; n++) {
    const get = (field: string) => values[`cmi.interactions.${n}.${field}`];
    const pattern = get('correct_responses.0.pattern');
    out.push({
      id: get('id')!,
      type: get('type')!,
      student_response: get('student_response')!,
      ...(pattern === undefined ? {} : { pattern }),
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
    .map((i) => {
      const pattern = i.correct_responses?.['0']?.pattern;
      return {
        id: i.id,
        type: i.type,
        student_response: i.student_response,
        ...(pattern === undefined ? {} : { pattern }),
        result: i.result as ExpectedInteraction['result'],
      };
    });
}
