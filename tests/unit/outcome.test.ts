/** Course status from the learner state: the single place status rules live (outcome.ts), and the SCORM 1.2 word for it. */
import { describe, expect, it } from 'vitest';
import { computeOutcome } from '../../src/player/core/outcome.js';
import type { LearnerState } from '../../src/player/core/state.js';
import type { PlayerAssessment, PlayerData, StatusPolicy } from '../../src/player/core/types.js';
import { lessonStatus } from '../../src/player/tracking/scorm12.js';

const assessment = (id: string, extra: Partial<PlayerAssessment> = {}): PlayerAssessment => ({
  id, title: id, passingScore: 80, attempts: 2, showCorrectAnswers: true, draw: 1, shuffle: false, counts: 'best', questions: ['q'], ...extra,
});
const data = (assessments: PlayerAssessment[], from = 'all'): PlayerData => ({
  v: 1, id: 'c', version: '1.0.0', lang: 'en', title: 'c', modules: [], questions: {},
  pages: [{ id: 'p1', title: 'p1', module: 0 }, { id: 'p2', title: 'p2', module: 0 }],
  assessments, result: { from }, completion: { pages: 'all' }, status: 'passed-failed', strings: {},
});
const state = (attempts: LearnerState['attempts'], visited = ['p1', 'p2']): LearnerState => ({ visited, checks: {}, attempts });
const scored = (...scores: number[]) => scores.map((score, i) => ({ seed: i, score, answers: {} }));

describe('computeOutcome', () => {
  it('without an assessment: completed once the required pages are viewed', () => {
    expect(computeOutcome(data([]), state({}, ['p1']))).toMatchObject({ completion: 'incomplete', success: 'unknown', progress: 0.5, done: false });
    expect(computeOutcome(data([]), state({}))).toMatchObject({ completion: 'completed', done: true });
  });

  it('best attempt counts by default; failed with attempts left is not done', () => {
    const d = data([assessment('a')]);
    expect(computeOutcome(d, state({ a: scored(50) }))).toMatchObject({ success: 'failed', score: 50, done: false });
    expect(computeOutcome(d, state({ a: scored(90, 40) }))).toMatchObject({ success: 'passed', completion: 'completed', score: 90, done: true });
    expect(computeOutcome(d, state({ a: scored(50, 60) }))).toMatchObject({ success: 'failed', score: 60, done: true });
  });

  it('the last attempt counts with counts: last, for the score and the verdict', () => {
    const d = data([assessment('a', { counts: 'last', attempts: 3 })]);
    expect(computeOutcome(d, state({ a: scored(90, 40) }))).toMatchObject({ success: 'failed', score: 40 });
  });

  it('several assessments: all must pass, the score is their average', () => {
    const d = data([assessment('a'), assessment('b')]);
    expect(computeOutcome(d, state({ a: scored(100) }))).toMatchObject({ success: 'unknown', completion: 'incomplete' });
    expect(computeOutcome(d, state({ a: scored(100), b: scored(50) }))).toMatchObject({ success: 'failed', score: 75 });
    expect(computeOutcome(d, state({ a: scored(100), b: scored(80) }))).toMatchObject({ success: 'passed', score: 90, completion: 'completed' });
  });

  it('result.from names the one assessment that decides', () => {
    const d = data([assessment('a'), assessment('b')], 'b');
    expect(computeOutcome(d, state({ a: scored(0), b: scored(85) }))).toMatchObject({ success: 'passed', score: 85 });
  });

  it('passing without viewing the pages is passed but not completed', () => {
    expect(computeOutcome(data([assessment('a')]), state({ a: scored(100) }, ['p1']))).toMatchObject({ success: 'passed', completion: 'incomplete' });
  });
});

describe('SCORM 1.2 lesson_status per status policy', () => {
  const outcome = (success: 'passed' | 'failed' | 'unknown', done: boolean, completion: 'completed' | 'incomplete' = 'incomplete') => ({ success, done, completion, progress: 1 });
  it.each<[StatusPolicy, string, string, string, string]>([
    // policy, nothing yet, failed with attempts left, failed and done, passed
    ['passed-failed', 'incomplete', 'incomplete', 'failed', 'passed'],
    ['passed-incomplete', 'incomplete', 'incomplete', 'incomplete', 'passed'],
    ['completed-failed', 'incomplete', 'incomplete', 'failed', 'completed'],
    ['completed-incomplete', 'incomplete', 'incomplete', 'incomplete', 'completed'],
  ])('%s', (policy, none, failedLeft, failedDone, passed) => {
    expect(lessonStatus(outcome('unknown', false), policy)).toBe(none);
    expect(lessonStatus(outcome('failed', false), policy)).toBe(failedLeft);
    expect(lessonStatus(outcome('failed', true), policy)).toBe(failedDone);
    expect(lessonStatus(outcome('passed', true, 'completed'), policy)).toBe(passed);
  });
});
