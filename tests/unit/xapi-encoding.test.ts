/** How each question type and answer is written in an xAPI `answered` statement: one row per case (xAPI 1.0.3 formats). */
import { describe, expect, it } from 'vitest';
import { scoreResponse } from '../../src/player/core/questions.js';
import type { PlayerQuestion } from '../../src/player/core/types.js';
import { decimal, xapiDuration, xapiInteractionDefinition, xapiInteractionResult, xapiResponse } from '../../src/player/interactions/xapi.js';

const q = (fields: Partial<PlayerQuestion> & Pick<PlayerQuestion, 'type'>): PlayerQuestion => ({ id: `q-${fields.type}`, weight: 1, prompt: 'Prompt', feedback: {}, ...fields });

const single = q({ type: 'single-choice', choices: [{ id: 'a', correct: false, text: 'A' }, { id: 'b', correct: true, text: 'B' }] });
const multiple = q({ type: 'multiple-choice', weight: 2, choices: [{ id: 'x', correct: true }, { id: 'y', correct: false }, { id: 'z', correct: true }] });
const trueFalse = q({ type: 'true-false', answer: false });
const fillIn = q({ type: 'fill-in', accepted: ['Python', 'python3'] });
const fillInCase = q({ type: 'fill-in', accepted: ['SQL'], caseSensitive: true });
const numeric = q({ type: 'numeric', range: { min: 3.5, max: 4 } });
const exact = q({ type: 'numeric', range: { min: 12, max: 12 } });
const matching = q({ type: 'matching', sources: [{ id: 's1', text: 'S1' }, { id: 's2', text: 'S2' }], targets: [{ id: 't1', text: 'T1' }, { id: 't2', text: 'T2' }], pairs: [['s1', 't2'], ['s2', 't1']] });
const sequencing = q({ type: 'sequencing', choices: [{ id: 'first', correct: false }, { id: 'second', correct: false }, { id: 'third', correct: false }] });
const likert = q({ type: 'likert', scale: [{ id: 'disagree', text: 'Disagree' }, { id: 'agree', text: 'Agree' }] });
const freeText = q({ type: 'free-text' });

describe('xAPI cmi.interaction encoding', () => {
  it.each([
    ['single choice', single, 'b', 'choice', ['b'], 'b', true],
    ['multiple choice, correct', multiple, 'x,z', 'choice', ['x[,]z'], 'x[,]z', true],
    ['multiple choice, partly right', multiple, 'x', 'choice', ['x[,]z'], 'x', false],
    ['true-false', trueFalse, 'true', 'true-false', ['false'], 'true', false],
    ['fill-in', fillIn, 'python', 'fill-in', ['Python', 'python3'], 'python', true],
    ['fill-in, case matters', fillInCase, 'SQL', 'fill-in', ['{case_matters=true}SQL'], 'SQL', true],
    ['numeric range', numeric, '3.75', 'numeric', ['3.5[:]4'], '3.75', true],
    ['numeric exact', exact, '11', 'numeric', ['12'], '11', false],
    ['matching', matching, 's1.t2,s2.t1', 'matching', ['s1[.]t2[,]s2[.]t1'], 's1[.]t2[,]s2[.]t1', true],
    ['sequencing', sequencing, 'second,first,third', 'sequencing', ['first[,]second[,]third'], 'second[,]first[,]third', false],
    ['likert (ungraded)', likert, 'agree', 'likert', undefined, 'agree', undefined],
    ['free text (ungraded)', freeText, 'Commas, kept', 'long-fill-in', undefined, 'Commas, kept', undefined],
  ] as const)('%s', (_name, question, response, interactionType, pattern, xapi, success) => {
    const definition = xapiInteractionDefinition(question, 'en');
    expect(definition.type).toBe('http://adlnet.gov/expapi/activities/cmi.interaction');
    expect(definition.interactionType).toBe(interactionType);
    expect(definition.correctResponsesPattern).toEqual(pattern);
    expect(definition.name).toEqual({ en: 'Prompt' });
    expect(xapiResponse(question, response)).toBe(xapi);
    const { result, score } = scoreResponse(question, response);
    const out = xapiInteractionResult(question, response, result, score, 1500);
    expect(out.response).toBe(xapi);
    expect(out.success).toBe(success);
    expect(out.duration).toBe('PT1.5S');
    if (success === undefined) expect(out.score).toBeUndefined();
    else expect(out.score).toEqual({ scaled: score, raw: score * question.weight, min: 0, max: question.weight });
  });

  it('lists the components of choice, matching, sequencing and likert questions with language-mapped descriptions', () => {
    expect(xapiInteractionDefinition(single, 'fr').choices).toEqual([
      { id: 'a', description: { fr: 'A' } },
      { id: 'b', description: { fr: 'B' } },
    ]);
    expect(xapiInteractionDefinition(matching, 'en')).toMatchObject({ source: [{ id: 's1' }, { id: 's2' }], target: [{ id: 't1' }, { id: 't2' }] });
    expect(xapiInteractionDefinition(sequencing, 'en').choices!.map((c) => c.id)).toEqual(['first', 'second', 'third']);
    expect(xapiInteractionDefinition(likert, 'en').scale).toEqual([
      { id: 'disagree', description: { en: 'Disagree' } },
      { id: 'agree', description: { en: 'Agree' } },
    ]);
  });

  it('writes partial credit as a scaled score and raw points of the weight', () => {
    const partial = { ...multiple, scoring: 'partial' as const };
    const { result, score } = scoreResponse(partial, 'x');
    expect(xapiInteractionResult(partial, 'x', result, score, 0).score).toEqual({ scaled: 0.5, raw: 1, min: 0, max: 2 });
  });

  it('formats durations as ISO 8601 and decimals without exponent or trailing zeros (rules 26–27)', () => {
    expect(xapiDuration(0)).toBe('PT0S');
    expect(xapiDuration(90_500)).toBe('PT1M30.5S');
    expect(xapiDuration(3_723_456)).toBe('PT1H2M3.46S');
    expect(xapiDuration(-5)).toBe('PT0S');
    expect(decimal(0.8)).toBe('0.8');
    expect(decimal(1e-7)).toBe('0');
    expect(decimal(0.66666666)).toBe('0.6667');
    expect(decimal(100)).toBe('100');
  });
});
