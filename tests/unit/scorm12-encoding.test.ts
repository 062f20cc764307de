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

describe('SCORM 1.2 encoding beyond single characters', () => {
  it('records a choice question with more than 36 choices as fill-in with the choice ids', () => {
    const big: PlayerQuestion = { id: 'q-big', type: 'multiple-choice', weight: 1, prompt: 'p', feedback: {}, choices: Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, correct: i === 38 || i === 2 })) };
    expect(scorm12Interaction(big, 'c2,c38', 'correct')).toEqual({ id: 'q-big', type: 'fill-in', student_response: 'c2,c38', pattern: 'c2,c38', result: 'correct', weighting: '1' });
  });

  it('writes no pattern for a numeric range, and decimals without exponent', () => {
    const range: PlayerQuestion = { id: 'q-range', type: 'numeric', weight: 0.5, prompt: 'p', feedback: {}, range: { min: 10, max: 20 } };
    expect(scorm12Interaction(range, '0.0000001', 'incorrect')).toEqual({ id: 'q-range', type: 'numeric', student_response: '0.0000001', result: 'wrong', weighting: '0.5' });
  });

  it('clips free text to the 255 characters SCORM 1.2 keeps', () => {
    const free: PlayerQuestion = { id: 'q-free', type: 'free-text', weight: 1, prompt: 'p', feedback: {}, maxLength: 2000 };
    const i = scorm12Interaction(free, 'x'.repeat(1000), 'neutral');
    expect(i.student_response).toHaveLength(255);
    expect(i.type).toBe('fill-in');
    expect(i.result).toBe('neutral');
  });
});
