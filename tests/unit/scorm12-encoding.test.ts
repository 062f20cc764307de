/** How each question type and answer is written as a SCORM 1.2 interaction: one row per case. */
import { describe, expect, it } from 'vitest';
import type { PlayerQuestion } from '../../src/player/core/types.js';
import { scoreResponse } from '../../src/player/core/questions.js';
import { scorm12Interaction, scorm12Time, scorm12Timespan } from '../../src/player/interactions/scorm12.js';

const single: PlayerQuestion = { id: 'q-single', type: 'single-choice', weight: 1, prompt: 'p', feedback: {}, choices: [{ id: 'a', correct: false }, { id: 'b', correct: true }, { id: 'c', correct: false }] };
const multiple: PlayerQuestion = { id: 'q-multi', type: 'multiple-choice', weight: 2, prompt: 'p', feedback: {}, choices: [{ id: 'x', correct: true }, { id: 'y', correct: false }, { id: 'z', correct: true }] };
const trueFalse: PlayerQuestion = { id: 'q-tf', type: 'true-false', weight: 1, prompt: 'p', feedback: {}, answer: false };
const many: PlayerQuestion = { id: 'q-many', type: 'single-choice', weight: 1, prompt: 'p', feedback: {}, choices: Array.from({ length: 36 }, (_, i) => ({ id: `c${i}`, correct: i === 35 })) };

describe('SCORM 1.2 interaction encoding', () => {
  it.each([
    ['single choice, correct', single, 'b', { type: 'choice', student_response: '1', pattern: '1', result: 'correct', weighting: '1' }],
    ['single choice, wrong', single, 'c', { type: 'choice', student_response: '2', pattern: '1', result: 'wrong', weighting: '1' }],
    ['multiple choice, correct', multiple, 'z,x', { type: 'choice', student_response: '0,2', pattern: '0,2', result: 'correct', weighting: '2' }],
    ['multiple choice, partly right', multiple, 'x', { type: 'choice', student_response: '0', pattern: '0,2', result: 'wrong', weighting: '2' }],
    ['multiple choice, wrong', multiple, 'x,y,z', { type: 'choice', student_response: '0,1,2', pattern: '0,2', result: 'wrong', weighting: '2' }],
    ['true-false, correct', trueFalse, 'false', { type: 'true-false', student_response: 'f', pattern: 'f', result: 'correct', weighting: '1' }],
    ['true-false, wrong', trueFalse, 'true', { type: 'true-false', student_response: 't', pattern: 'f', result: 'wrong', weighting: '1' }],
    ['36th choice uses z', many, 'c35', { type: 'choice', student_response: 'z', pattern: 'z', result: 'correct', weighting: '1' }],
  ])('%s', (_name, q, response, expected) => {
    const { result } = scoreResponse(q, response);
    expect(scorm12Interaction(q, response, result)).toEqual({ id: q.id, ...expected });
  });

  it('formats timespans and times as CMITimespan and CMITime', () => {
    expect(scorm12Timespan(0)).toBe('0000:00:00.00');
    expect(scorm12Timespan(3_723_456)).toBe('0001:02:03.46');
    expect(scorm12Timespan(-5)).toBe('0000:00:00.00');
    expect(scorm12Time(new Date(2026, 0, 2, 9, 5, 7))).toBe('09:05:07');
  });
});
