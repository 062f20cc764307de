import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { checkLimits, worstCaseState, worstCaseStateSize } from '../../src/package/limits.js';
import { decodeState, encodeState, keyOf, type LearnerState } from '../../src/player/core/state.js';
import { scorm12 } from '../../src/targets/scorm12/index.js';
import { web } from '../../src/targets/web/index.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { testdir, validCourse } from '../support/testdir.js';

const state: LearnerState = {
  location: 'quiz-page',
  visited: ['welcome', 'quiz-page'],
  checks: { 'q-one': 'true' },
  attempts: { final: [{ seed: 123456789, score: 50, answers: { 'a-one': 'a', 'a-two': 'a,c' } }, { seed: 42, answers: { 'a-one': 'b' } }] },
};
const ids = ['welcome', 'quiz-page', 'final', 'q-one', 'a-one', 'a-two'];

/** `state` as saved: the submitted first attempt, superseded by the open second one, keeps its seed and score only. */
const saved: LearnerState = { ...state, attempts: { final: [{ seed: 123456789, score: 50, answers: {} }, { seed: 42, answers: { 'a-one': 'b' } }] } };

describe('learner state encoding', () => {
  it('round-trips', () => {
    expect(decodeState(encodeState(state), ids)).toEqual(saved);
    expect(decodeState(encodeState(saved), ids)).toEqual(saved);
  });

  it('keeps the answers of the last attempt only, open or submitted, and every seed and score', () => {
    const three: LearnerState = {
      visited: [],
      checks: {},
      attempts: {
        final: [
          { seed: 1, score: 0, answers: { 'a-one': 'a' } },
          { seed: 2, score: 50, answers: { 'a-one': 'b', 'a-two': 'a' } },
          { seed: 3, score: 100, answers: { 'a-one': 'b', 'a-two': 'a,c' } },
        ],
      },
    };
    expect(decodeState(encodeState(three), ids)!.attempts.final).toEqual([
      { seed: 1, score: 0, answers: {} },
      { seed: 2, score: 50, answers: {} },
      { seed: 3, score: 100, answers: { 'a-one': 'b', 'a-two': 'a,c' } },
    ]);
    // A state saved before this rule (answers in every attempt) still opens, with all of them.
    const older = JSON.stringify({ v: 1, p: '', a: { [keyOf('final')]: [{ z: '1', s: 0, r: { [keyOf('a-one')]: 'a' } }, { z: '2', r: { [keyOf('a-one')]: 'b' } }] } });
    expect(decodeState(older, ids)!.attempts.final).toEqual([
      { seed: 1, score: 0, answers: { 'a-one': 'a' } },
      { seed: 2, answers: { 'a-one': 'b' } },
    ]);
  });

  it('is compact: ids become 4-character keys', () => {
    const text = encodeState(state);
    expect(text).not.toContain('quiz-page');
    expect(text).toContain(keyOf('welcome') + keyOf('quiz-page'));
    expect(text.length).toBeLessThan(160);
  });

  it('keeps what still exists when the course changed', () => {
    const decoded = decodeState(encodeState(state), ['welcome', 'final', 'a-one', 'new-page']);
    expect(decoded).toEqual({ visited: ['welcome'], checks: {}, attempts: { final: [{ seed: 123456789, score: 50, answers: {} }, { seed: 42, answers: { 'a-one': 'b' } }] } });
  });

  it.each([[''], [null], ['not json'], ['{"v":99,"p":""}'], ['[]'], ['{"v":1}']])('starts fresh on unusable data %s', (text) => {
    expect(decodeState(text as string | null, ids)).toBeNull();
  });

  it('keys are stable (saved states must survive releases)', () => {
    expect(keyOf('welcome')).toBe(keyOf('welcome'));
    expect(keyOf('welcome')).toMatch(/^[0-9a-z]{4}$/);
    expect(keyOf('welcome')).not.toBe(keyOf('welcomes'));
  });
});

describe('worst-case state size against target limits', () => {
  it('computes the largest state the course can produce', () => {
    const course = loadCourse(testdir(validCourse())).course!;
    const worst = worstCaseState(course);
    expect(worst.visited).toEqual(['welcome', 'quiz-page']);
    expect(worst.attempts.final).toHaveLength(2);
    expect(worst.attempts.final![0]!.answers).toEqual({ 'a-one': 'a', 'a-two': 'a,b,c' });
    expect(worstCaseStateSize(course)).toBe(encodeState(worst).length);
  });

  it('rejects a course whose state cannot fit SCORM 1.2 suspend_data, not the web build', () => {
    const choices = Array.from({ length: 30 }, (_, i) => `      - { id: choice-number-${i}, text: { en: C${i}, fr: C${i} }, correct: true }`).join('\n');
    const questions = Array.from({ length: 10 }, (_, i) => `  - id: big-${i}\n    type: multiple-choice\n    prompt: { en: P, fr: P }\n    choices:\n${choices}`).join('\n');
    const big = `id: final\ntitle: { en: F, fr: F }\npassingScore: 80\nattempts: 3\nquestions:\n${questions}\n`;
    const course = loadCourse(testdir(validCourse({ 'assessment.yaml': big }))).course!;
    const out: Diagnostic[] = [];
    checkLimits(course, scorm12, out);
    checkLimits(course, web, out);
    expect(out.map((d) => d.code)).toEqual(['state-too-large']);
    expect(out[0]!.message).toContain('4096');
  });

  it('checks every page and assessment id against a target whose bookmark is short (the Target interface allows it)', () => {
    const course = loadCourse(testdir(validCourse())).course!;
    const out: Diagnostic[] = [];
    checkLimits(course, { ...web, title: 'Tiny LMS', limits: { location: 7 } }, out);
    checkLimits(course, scorm12, out);
    expect(out.map((d) => [d.code, d.message.split('"')[1], d.file, typeof d.line])).toEqual([['location-too-long', 'quiz-page', 'modules/one.yaml', 'number']]);
  });
});
