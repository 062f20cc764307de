/** How an outcome becomes SCORM 2004 statuses, progress measure and exit: one row per case. */
import { describe, expect, it } from 'vitest';
import { encodeState } from '../../src/player/core/state.js';
import { makeLayout } from '../../src/player/core/state-layout.js';
import type { Outcome } from '../../src/player/core/types.js';
import { completionStatus, journaled, pageShare, progressMeasure, successStatus } from '../../src/player/tracking/scorm2004.js';

const outcome = (o: Partial<Outcome>): Outcome => ({ completion: 'incomplete', success: 'unknown', progress: 0, done: false, ...o });

describe('SCORM 2004 status mapping', () => {
  it.each([
    ['passed, passed-failed', outcome({ success: 'passed' }), 'passed-failed', 'passed'],
    ['failed, passed-failed', outcome({ success: 'failed' }), 'passed-failed', 'failed'],
    ['failed, passed-incomplete: never failed', outcome({ success: 'failed' }), 'passed-incomplete', null],
    ['passed, completed-failed: completion only', outcome({ success: 'passed' }), 'completed-failed', null],
    ['failed, completed-failed', outcome({ success: 'failed' }), 'completed-failed', 'failed'],
    ['no attempt yet', outcome({}), 'passed-failed', null],
  ])('success_status: %s', (_name, o, policy, expected) => {
    expect(successStatus(o, policy)).toBe(expected);
  });

  it.each([
    ['pages viewed, no assessment', outcome({ completion: 'completed', done: true }), 'passed-failed', 'completed'],
    ['assessment passed and pages viewed', outcome({ completion: 'completed', success: 'passed', done: true }), 'passed-failed', 'completed'],
    ['no attempt left, failed: the attempt is over', outcome({ success: 'failed', done: true }), 'passed-failed', 'completed'],
    ['no attempt left, failed, completed-failed', outcome({ success: 'failed', done: true }), 'completed-failed', 'completed'],
    ['no attempt left, failed, passed-incomplete: reads as incomplete', outcome({ success: 'failed', done: true }), 'passed-incomplete', 'incomplete'],
    ['no attempt left, failed, completed-incomplete', outcome({ success: 'failed', done: true }), 'completed-incomplete', 'incomplete'],
    ['passed but pages left to view: completion can still change', outcome({ success: 'passed', done: true }), 'passed-failed', 'incomplete'],
    ['attempts left', outcome({ success: 'failed' }), 'passed-failed', 'incomplete'],
  ])('completion_status: %s', (_name, o, policy, expected) => {
    expect(completionStatus(o, policy)).toBe(expected);
  });

  it.each([
    ['an assessment answer', { context: 'assessment' as const }, 'first' as const, true],
    ['an assessment answer, checks not recorded', { context: 'assessment' as const }, 'none' as const, true],
    ['the first answer to a check', { context: 'check' as const }, 'first' as const, true],
    ['a check answered again', { context: 'check' as const, repeat: true }, 'first' as const, false],
    ['a check, checks not recorded', { context: 'check' as const }, 'none' as const, false],
  ])('interaction written for %s', (_name, e, checks, expected) => {
    const event = { type: 'answered' as const, question: { id: 'q', type: 'true-false' as const, weight: 1, prompt: '', feedback: {} }, response: 'true', result: 'correct' as const, score: 1, latencyMs: 0, timestamp: new Date(0), ...e };
    expect(journaled(event, checks)).toBe(expected);
  });

  it.each([
    ['below the threshold', 0.4, false, 0.5, 0.4],
    ['completed: at least the threshold', 0.5, true, 0.5, 0.5],
    ['every page, assessment not passed: held below the threshold', 1, false, 1, 0.9999999],
    ['threshold reached, assessment not passed', 0.6, false, 0.5, 0.4999999],
    ['completed status held by the LMS, pages unknown', 0, true, 0.8, 0.8],
    ['no threshold: 1 only when completed', 1, false, null, 0.9999999],
    ['no threshold, completed', 0.5, true, null, 0.5],
    ['threshold 0 and not completed: leave it', 0, false, 0, null],
  ])('progress_measure: %s', (_name, share, completed, threshold, expected) => {
    const measure = progressMeasure(share, completed, threshold);
    if (expected === null) expect(measure).toBeNull();
    else expect(measure).toBeCloseTo(expected, 9);
  });

  it('measures the share of content pages viewed from the learner state', () => {
    const course = { pages: ['a', 'b', 'c', 'd'].map((id) => ({ id, title: id, module: 0 })), completion: { pages: 50 as const } };
    const state = encodeState({ visited: ['a', 'b', 'c'], checks: {}, attempts: {} }, makeLayout(['a', 'b', 'c', 'd'], [], []));
    expect(pageShare({ state, outcome: outcome({ progress: 1 }) }, course)).toBe(0.75);
    // Unreadable state: progress (viewed / required) gives the required share at least.
    expect(pageShare({ state: 'garbage', outcome: outcome({ progress: 1 }) }, course)).toBe(0.5);
    expect(pageShare({ state, outcome: outcome({}) }, { ...course, pages: [] })).toBe(1);
  });
});
