/**
 * States saved by earlier packages (state version 1, in each shape it took) still resume: decoded
 * against today's course, and written back as version 2 at the next save.
 * The version 1 encoders are the shipped code, frozen in tests/fixtures/state-v1/.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, keyOf, type LearnerState } from '../../src/player/core/state.js';
import { makeLayout, type LayoutQuestion } from '../../src/player/core/state-layout.js';
import { encodeV1, encodeV1AllAnswers, encodeV1Single, type StateV1 } from '../fixtures/state-v1/encode-v1.js';
import { OTHER, TALK } from '../support/scenario-layouts.js';

const checks: LayoutQuestion[] = [{ id: 'q-one', shape: { kind: 'one', options: ['true', 'false'] } }];
const pool: LayoutQuestion[] = [
  { id: 'a-one', shape: { kind: 'one', options: ['a', 'b'] } },
  { id: 'a-two', shape: { kind: 'many', options: ['a', 'b', 'c'] } },
  { id: 'a-text', shape: { kind: 'text', max: 100 } },
];
const pages = ['welcome', 'quiz-page', 'more'];
const layout = makeLayout(pages, checks, [{ id: 'final', attempts: 3, draw: 3, shuffle: false, questions: pool }]);

describe('states saved by version 1 packages', () => {
  it('decode as saved, in each of the three shapes (recorded strings)', () => {
    // 0d2fac8: a submitted attempt followed by another keeps its seed and score only.
    const latest = `{"v":1,"p":"${keyOf('welcome')}${keyOf('quiz-page')}","l":"${keyOf('quiz-page')}","c":{"${keyOf('q-one')}":"true"},"a":{"${keyOf('final')}":[{"z":"21i3v9","s":50},{"z":"16","r":{"${keyOf('a-one')}":"b","${keyOf('a-text')}":"Line \\"one\\"\\n€"}}]}}`;
    expect(decodeState(latest, layout)).toEqual({
      location: 'quiz-page',
      visited: ['welcome', 'quiz-page'],
      checks: { 'q-one': 'true' },
      attempts: { final: [{ seed: 123456789, score: 50, answers: {} }, { seed: 42, answers: { 'a-one': 'b', 'a-text': 'Line "one"\n€' } }] },
    });
    // e12e4b0: every attempt with its answers.
    const all = `{"v":1,"p":"","a":{"${keyOf('final')}":[{"z":"1","s":0,"r":{"${keyOf('a-one')}":"a"}},{"z":"2","r":{"${keyOf('a-one')}":"b"}}]}}`;
    expect(decodeState(all, layout)!.attempts.final).toEqual([
      { seed: 1, score: 0, answers: { 'a-one': 'a' } },
      { seed: 2, answers: { 'a-one': 'b' } },
    ]);
    // 4ac352a: the one assessment's attempts as a list, without seeds.
    const first = `{"v":1,"p":"${keyOf('welcome')}","a":[{"s":100,"r":{"${keyOf('a-two')}":"a,c"}}]}`;
    expect(decodeState(first, layout)).toEqual({ visited: ['welcome'], checks: {}, attempts: { final: [{ seed: 0, score: 100, answers: { 'a-two': 'a,c' } }] } });
  });

  const answers = fc.record({ 'a-one': fc.constantFrom('a', 'b'), 'a-two': fc.constantFrom('a', 'a,c', 'b,c'), 'a-text': fc.string({ maxLength: 100 }).filter((t) => t.trim() !== '' && !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ud800-\udfff]/.test(t)) }, { requiredKeys: [] });
  const stateV1: fc.Arbitrary<StateV1> = fc.record({
    location: fc.option(fc.constantFrom(...pages, 'final'), { nil: undefined }),
    visited: fc.subarray(pages),
    checks: fc.record({ 'q-one': fc.constantFrom('true', 'false') }, { requiredKeys: [] }),
    attempts: fc
      .array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.integer({ min: 0, max: 10000 }), answers), { maxLength: 3 })
      .map((list) => ({ final: list.map(([seed, score, given], i) => ({ seed, ...(i < list.length - 1 ? { score: score / 100 } : {}), answers: given })) })),
  }).map((s) => (s.location === undefined ? { visited: s.visited, checks: s.checks, attempts: s.attempts } : s));

  const expected = (s: StateV1, keepAll: boolean): LearnerState => ({
    ...(s.location ? { location: s.location } : {}),
    visited: s.visited,
    checks: s.checks,
    attempts: s.attempts.final!.length ? { final: s.attempts.final!.map((a, i, list) => ({ ...a, answers: keepAll || i === list.length - 1 || a.score === undefined ? a.answers : {} })) } : {},
  });

  it('any state the version 1 encoders wrote decodes to what they were given, and survives being saved as version 2', () => {
    fc.assert(
      fc.property(stateV1, (s) => {
        for (const [encode, keepAll] of [[encodeV1, false], [encodeV1AllAnswers, true]] as const) {
          const decoded = decodeState(encode(s), layout);
          expect(decoded).toEqual(expected(s, keepAll));
          const again = decodeState(encodeState(decoded!, layout), layout)!;
          expect(again.attempts).toEqual(expected(s, false).attempts);
          expect(new Set(again.visited)).toEqual(new Set(s.visited));
        }
        const single = decodeState(encodeV1Single({ ...s, attempts: s.attempts.final! }), layout)!;
        expect(single.attempts).toEqual(s.attempts.final!.length ? { final: s.attempts.final!.map((a) => ({ ...a, seed: 0 })) } : {});
      }),
      { seed: 1401, numRuns: 200 },
    );
  });
});

describe('states saved by version 3 packages (scenarios, before the pending bit)', () => {
  const v3Layout = makeLayout(['intro', 'practice'], [{ id: 'q-text', shape: { kind: 'text', max: 40 } }], [], [TALK, OTHER]);

  it('decode as saved (strings written by the version 3 encoder of 2635d0b), none pending, and are written back as version 4', () => {
    const midway = '33pl1BJTxJ3Tf-Q8YUUAIs5Fv-Mdc0AOPsaenRxoCIC~Hé là';
    const expected: LearnerState = {
      location: 'practice',
      visited: ['intro'],
      checks: { 'q-text': 'Hé là' },
      attempts: {},
      scenarios: { talk: { from: 'opening', choices: ['lecture', 'apologise', 'reassure'] }, other: { from: 'a', choices: ['x'], ended: true } },
    };
    expect(decodeState(midway, v3Layout)).toEqual(expected);
    const again = encodeState(decodeState(midway, v3Layout)!, v3Layout);
    expect(again.startsWith('4')).toBe(true);
    expect(decodeState(again, v3Layout)).toEqual(expected);

    // A learner who looped 131 times (the path at its cap of 64, truncated) and had ended before.
    const looped = '3BJTxJnTf-Q8YAAAEs5Fv-Mdc08BVVVVVVVVVVQ';
    expect(decodeState(looped, v3Layout)!.scenarios).toEqual({
      talk: { from: 'pushback', choices: Array.from({ length: 64 }, (_, i) => (i % 2 ? 'lecture' : 'apologise')), truncated: true, ended: true },
    });
  });
});
