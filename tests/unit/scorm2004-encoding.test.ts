/**
 * How each question type and answer is written as a SCORM 2004 interaction: one row per case, every
 * row also written into a real SCORM 2004 runtime held to Moodle's formats (StrictScorm2004).
 */
import * as scorm2004Module from 'scorm-again/scorm2004';
import { describe, expect, it } from 'vitest';
import type { PlayerQuestion, Result } from '../../src/player/core/types.js';
import { decimal } from '../../src/player/interactions/decimal.js';
import {
  scorm2004Duration,
  scorm2004Interaction,
  scorm2004ShortIds,
  scorm2004Text,
  scorm2004Time,
  type Scorm2004Interaction,
} from '../../src/player/interactions/scorm2004.js';
import { StrictScorm2004, type Scorm2004Runtime } from '../support/strict-scorm2004.js';

const Scorm2004API = (scorm2004Module as unknown as { Scorm2004API: new (settings: object) => Scorm2004Runtime }).Scorm2004API;

const base = { weight: 1, feedback: {} };
const single: PlayerQuestion = {
  ...base,
  id: 'q-single',
  type: 'single-choice',
  prompt: 'Which one?',
  choices: [
    { id: 'opt-a', correct: false },
    { id: 'opt-b', correct: true },
    { id: 'opt-c', correct: false },
  ],
};
const multiple: PlayerQuestion = {
  ...base,
  id: 'q-multi',
  type: 'multiple-choice',
  weight: 2,
  prompt: 'Which ones?',
  scoring: 'partial',
  choices: [
    { id: 'x-1', correct: true },
    { id: 'y-2', correct: false },
    { id: 'z-3', correct: true },
  ],
};
const trueFalse: PlayerQuestion = { ...base, id: 'q-tf', type: 'true-false', prompt: 'True?', answer: false };
const fillIn: PlayerQuestion = { ...base, id: 'q-fill', type: 'fill-in', prompt: 'Capital of France?', accepted: ['Paris', 'Lutèce'], maxLength: 40 };
const fillInCase: PlayerQuestion = { ...fillIn, id: 'q-fill-case', caseSensitive: true, accepted: ['HTML'] };
const freeText: PlayerQuestion = { ...base, id: 'q-free', type: 'free-text', prompt: 'Your thoughts?', maxLength: 4000 };
const numeric: PlayerQuestion = { ...base, id: 'q-num', type: 'numeric', prompt: 'How much?', range: { min: 2.5, max: 3 } };
const numericExact: PlayerQuestion = { ...base, id: 'q-num-exact', type: 'numeric', prompt: 'How small?', range: { min: 0.0000001, max: 0.0000001 } };
const matching: PlayerQuestion = {
  ...base,
  id: 'q-match',
  type: 'matching',
  prompt: 'Match them',
  sources: [
    { id: 's-1', text: 'One' },
    { id: 's-2', text: 'Two' },
    { id: 's-3', text: 'Three' },
  ],
  targets: [
    { id: 't-a', text: 'A' },
    { id: 't-b', text: 'B' },
    { id: 't-c', text: 'C' },
  ],
  pairs: [
    ['s-1', 't-a'],
    ['s-2', 't-b'],
    ['s-3', 't-c'],
  ],
};
const sequencing: PlayerQuestion = {
  ...base,
  id: 'q-seq',
  type: 'sequencing',
  prompt: 'Put in order',
  choices: [
    { id: 'step-1', correct: true },
    { id: 'step-2', correct: true },
    { id: 'step-3', correct: true },
  ],
};
const likert: PlayerQuestion = {
  ...base,
  id: 'q-likert',
  type: 'likert',
  prompt: 'How confident are you?',
  scale: [
    { id: 'not-at-all', text: 'Not at all' },
    { id: 'somewhat', text: 'Somewhat' },
    { id: 'very-much', text: 'Very much' },
  ],
};

type Row = [string, PlayerQuestion, string, Result, Omit<Scorm2004Interaction, 'id' | 'description' | 'result'>];

const rows: Row[] = [
  ['single choice, correct', single, 'opt-b', 'correct', { type: 'choice', weighting: '1', learner_response: 'opt_b', correct_responses: ['opt_b'] }],
  ['single choice, wrong', single, 'opt-c', 'incorrect', { type: 'choice', weighting: '1', learner_response: 'opt_c', correct_responses: ['opt_b'] }],
  ['multiple choice, correct (any order in, choice order out)', multiple, 'z-3,x-1', 'correct', { type: 'choice', weighting: '2', learner_response: 'x_1[,]z_3', correct_responses: ['x_1[,]z_3'] }],
  ['multiple choice, partly correct', multiple, 'x-1', 'incorrect', { type: 'choice', weighting: '2', learner_response: 'x_1', correct_responses: ['x_1[,]z_3'] }],
  ['multiple choice, wrong', multiple, 'y-2', 'incorrect', { type: 'choice', weighting: '2', learner_response: 'y_2', correct_responses: ['x_1[,]z_3'] }],
  ['true-false, correct', trueFalse, 'false', 'correct', { type: 'true-false', weighting: '1', learner_response: 'false', correct_responses: ['false'] }],
  ['true-false, wrong', trueFalse, 'true', 'incorrect', { type: 'true-false', weighting: '1', learner_response: 'true', correct_responses: ['false'] }],
  ['fill-in, correct (case does not matter)', fillIn, 'paris', 'correct', { type: 'fill-in', weighting: '1', learner_response: 'paris', correct_responses: ['Paris', 'Lutèce'] }],
  ['fill-in, wrong', fillIn, 'Lyon', 'incorrect', { type: 'fill-in', weighting: '1', learner_response: 'Lyon', correct_responses: ['Paris', 'Lutèce'] }],
  [
    'fill-in, an accepted answer with commas (escaped so scorm-again does not split it)',
    { ...fillIn, accepted: ['forty-two, exactly', 'forty-two,exactly', '42'] },
    '42',
    'correct',
    { type: 'fill-in', weighting: '1', learner_response: '42', correct_responses: ['forty-two\\, exactly', 'forty-two\\,exactly', '42'] },
  ],
  ['fill-in, case matters', fillInCase, 'html', 'incorrect', { type: 'fill-in', weighting: '1', learner_response: 'html', correct_responses: ['{case_matters=true}HTML'] }],
  [
    'fill-in, text that looks like delimiters, on two lines',
    fillIn,
    '{lang=xx} Paris[,]\nLyon[.]x[:]y',
    'incorrect',
    { type: 'fill-in', weighting: '1', learner_response: '(lang=xx} Paris(,) Lyon(.)x(:)y', correct_responses: ['Paris', 'Lutèce'] },
  ],
  ['free text as long-fill-in, one line', freeText, 'First line.\n\nSecond, with a comma.', 'neutral', { type: 'long-fill-in', weighting: '1', learner_response: 'First line. Second, with a comma.', correct_responses: [] }],
  ['numeric in range', numeric, '2.75', 'correct', { type: 'numeric', weighting: '1', learner_response: '2.75', correct_responses: ['2.5[:]3'] }],
  ['numeric out of range', numeric, '-4', 'incorrect', { type: 'numeric', weighting: '1', learner_response: '-4', correct_responses: ['2.5[:]3'] }],
  ['numeric, exact tiny value without exponent', numericExact, '1e-7', 'correct', { type: 'numeric', weighting: '1', learner_response: '0.0000001', correct_responses: ['0.0000001[:]0.0000001'] }],
  ['numeric beyond Moodle\'s 5 integer digits becomes other', numeric, '123456', 'incorrect', { type: 'other', weighting: '1', learner_response: '123456', correct_responses: [] }],
  [
    'matching, correct',
    matching,
    's-1.t-a,s-2.t-b,s-3.t-c',
    'correct',
    { type: 'matching', weighting: '1', learner_response: 's_1[.]t_a[,]s_2[.]t_b[,]s_3[.]t_c', correct_responses: ['s_1[.]t_a[,]s_2[.]t_b[,]s_3[.]t_c'] },
  ],
  [
    'matching, partly correct',
    matching,
    's-1.t-a,s-2.t-c,s-3.t-b',
    'incorrect',
    { type: 'matching', weighting: '1', learner_response: 's_1[.]t_a[,]s_2[.]t_c[,]s_3[.]t_b', correct_responses: ['s_1[.]t_a[,]s_2[.]t_b[,]s_3[.]t_c'] },
  ],
  [
    'matching, wrong',
    matching,
    's-1.t-b,s-2.t-c,s-3.t-a',
    'incorrect',
    { type: 'matching', weighting: '1', learner_response: 's_1[.]t_b[,]s_2[.]t_c[,]s_3[.]t_a', correct_responses: ['s_1[.]t_a[,]s_2[.]t_b[,]s_3[.]t_c'] },
  ],
  ['sequencing, correct', sequencing, 'step-1,step-2,step-3', 'correct', { type: 'sequencing', weighting: '1', learner_response: 'step_1[,]step_2[,]step_3', correct_responses: ['step_1[,]step_2[,]step_3'] }],
  ['sequencing, partly correct (learner order kept)', sequencing, 'step-1,step-3,step-2', 'incorrect', { type: 'sequencing', weighting: '1', learner_response: 'step_1[,]step_3[,]step_2', correct_responses: ['step_1[,]step_2[,]step_3'] }],
  ['sequencing, wrong', sequencing, 'step-3,step-2,step-1', 'incorrect', { type: 'sequencing', weighting: '1', learner_response: 'step_3[,]step_2[,]step_1', correct_responses: ['step_1[,]step_2[,]step_3'] }],
  ['likert, no correct response', likert, 'very-much', 'neutral', { type: 'likert', weighting: '1', learner_response: 'very_much', correct_responses: [] }],
];

/** Writes one interaction the way the SCORM 2004 tracker does, into a strict runtime. */
function writeToLms(i: Scorm2004Interaction): string[] {
  const api = new StrictScorm2004(new Scorm2004API({ logLevel: 5, autocommit: false }));
  api.Initialize('');
  const set = (field: string, value: string) => api.SetValue(`cmi.interactions.0.${field}`, value);
  set('id', i.id);
  set('type', i.type);
  if (i.description) set('description', i.description);
  set('weighting', i.weighting);
  if (i.learner_response) set('learner_response', i.learner_response);
  i.correct_responses.forEach((pattern, n) => set(`correct_responses.${n}.pattern`, pattern));
  set('result', i.result);
  set('latency', scorm2004Duration(90_500));
  set('timestamp', scorm2004Time(new Date(Date.UTC(2026, 0, 2, 9, 5, 7, 129))));
  return api.violations;
}

describe('SCORM 2004 interaction encoding', () => {
  it.each(rows)('%s', (_name, q, response, result, expected) => {
    const i = scorm2004Interaction(q, response, result);
    expect(i).toEqual({ id: q.id, description: q.prompt, result, ...expected });
    expect(writeToLms(i)).toEqual([]);
  });

  it('covers every question type', () => {
    expect(new Set(rows.map(([, q]) => q.type))).toEqual(
      new Set(['single-choice', 'multiple-choice', 'true-false', 'fill-in', 'numeric', 'matching', 'sequencing', 'likert', 'free-text']),
    );
  });

  it('maps ids to [A-Za-z0-9_.] one-to-one, by position when hyphens cannot simply become underscores', () => {
    expect([...scorm2004ShortIds([{ id: 'opt-a' }, { id: 'b.2' }]).values()]).toEqual(['opt_a', 'b.2']);
    expect([...scorm2004ShortIds([{ id: 'a-b' }, { id: 'a_b' }]).values()]).toEqual(['0', '1']);
    expect([...scorm2004ShortIds([{ id: 'café' }, { id: 'x' }]).values()]).toEqual(['caf_', 'x']);
    expect([...scorm2004ShortIds([{ id: 'x'.repeat(251) }]).values()]).toEqual(['0']);
  });

  it('keeps the same ids in the learner response and the correct response of a question', () => {
    const i = scorm2004Interaction(multiple, 'x-1,z-3', 'correct');
    expect(i.learner_response).toBe(i.correct_responses[0]);
  });

  it('writes more than 36 list entries as other, which every LMS can store', () => {
    const many: PlayerQuestion = { ...multiple, choices: Array.from({ length: 40 }, (_, n) => ({ id: `c-${n}`, correct: true })) };
    const all = many.choices!.map((c) => c.id).join(',');
    const i = scorm2004Interaction(many, all, 'correct');
    expect(i).toMatchObject({ type: 'other', learner_response: all, correct_responses: [] });
    expect(writeToLms(i)).toEqual([]);
  });

  it('keeps descriptions to one line of at most 250 characters, never splitting a character', () => {
    const long: PlayerQuestion = { ...trueFalse, prompt: `${'a'.repeat(249)}😀 and more\nlines` };
    const i = scorm2004Interaction(long, 'true', 'incorrect');
    expect(i.description).toBe('a'.repeat(249));
    expect(scorm2004Text('  {x}\n y ', 250)).toBe('(x} y');
    expect(writeToLms(i)).toEqual([]);
  });

  it('skips a response that cannot be read instead of writing an invalid one', () => {
    expect(scorm2004Interaction(numeric, 'abc', 'incorrect').learner_response).toBe('');
    expect(scorm2004Interaction(single, 'no-such-choice', 'incorrect').learner_response).toBe('');
    expect(scorm2004Interaction(likert, 'unknown', 'neutral').learner_response).toBe('');
  });

  it('writes timestamps with hundredths before the Z, in UTC (rule 26)', () => {
    expect(scorm2004Time(new Date(Date.UTC(2026, 0, 2, 9, 5, 7, 129)))).toBe('2026-01-02T09:05:07.12Z');
    expect(scorm2004Time(new Date(Date.UTC(2026, 11, 31, 23, 59, 59, 999)))).toBe('2026-12-31T23:59:59.99Z');
    expect(scorm2004Time(new Date(Date.UTC(2026, 5, 1)))).toBe('2026-06-01T00:00:00.00Z');
  });

  it('writes durations as ISO 8601 with at most hundredths of a second (rule 26)', () => {
    expect(scorm2004Duration(0)).toBe('PT0S');
    expect(scorm2004Duration(-5)).toBe('PT0S');
    expect(scorm2004Duration(90_500)).toBe('PT1M30.5S');
    expect(scorm2004Duration(3_723_456)).toBe('PT1H2M3.46S');
    expect(scorm2004Duration(7_200_000)).toBe('PT2H0S');
    expect(scorm2004Duration(Number.NaN)).toBe('PT0S');
  });

  it('writes decimals with a leading digit and no exponent (rule 27)', () => {
    expect(decimal(0.85)).toBe('0.85');
    expect(decimal(1e-7)).toBe('0.0000001');
    expect(decimal(66.67 / 100)).toBe('0.6667');
    expect(decimal(-0)).toBe('0');
    expect(decimal(100)).toBe('100');
  });
});
