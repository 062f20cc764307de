/**
 * Issue 15: a scenario's progress in the packed learner state — round trip, resume at the same
 * node, version 2 states still open, a changed scenario starts again, and a learner looping for
 * ever stays within the exact bound (the path keeps its last MAX_SCENARIO_STEPS choices).
 */
import { describe, expect, it } from 'vitest';
import { capped, continued, MAX_SCENARIO_STEPS, replay, resumePoint, withChoice, type ScenarioProgress } from '../../src/player/core/scenario-path.js';
import { decodeState, encodeState, type LearnerState } from '../../src/player/core/state.js';
import { maxStateLength } from '../../src/player/core/state-bound.js';
import { makeLayout } from '../../src/player/core/state-layout.js';
import { OTHER, TALK } from '../support/scenario-layouts.js';

const talk = TALK;
const other = OTHER;
const pages = ['intro', 'practice'];
const layout = makeLayout(pages, [], [], [talk, other]);
const state = (scenarios: Record<string, ScenarioProgress>): LearnerState => ({ visited: ['intro'], checks: {}, attempts: {}, scenarios });

describe('scenario progress in the learner state', () => {
  it('round-trips a play stopped mid-way, and resumes at the node it reached', () => {
    const progress = { from: 'opening', choices: ['lecture', 'apologise', 'reassure'] };
    const text = encodeState(state({ talk: progress }), layout);
    expect(text.startsWith('4')).toBe(true);
    const back = decodeState(text, layout)!;
    expect(back.scenarios).toEqual({ talk: progress });
    expect(replay(talk, back.scenarios!.talk).current).toBe('skills');
    expect(replay(talk, back.scenarios!.talk).steps.map((s) => s.node)).toEqual(['opening', 'pushback', 'opening']);
  });

  it('keeps "ended" through a restart, and two scenarios side by side', () => {
    const saved = { talk: { from: 'opening', choices: [], ended: true }, other: { from: 'a', choices: ['x'], ended: true } };
    expect(decodeState(encodeState(state(saved), layout), layout)!.scenarios).toEqual(saved);
  });

  it('writes version 2, byte for byte as before, for a course without scenarios; a version 2 state opens with no scenario started', () => {
    const plain = makeLayout(pages, [], []);
    const v2 = encodeState({ visited: ['intro'], checks: {}, attempts: {} }, plain);
    // What the version 2 encoder of main wrote for this state.
    expect(v2).toBe('2BJTxJwscaIAAA');
    const back = decodeState(v2, layout)!;
    expect(back.visited).toEqual(['intro']);
    expect(back.scenarios).toBeUndefined();
  });

  it('starts a scenario again when its nodes or choices changed, keeping the others and the pages', () => {
    const text = encodeState(state({ talk: { from: 'opening', choices: ['reassure'] }, other: { from: 'a', choices: ['x'] } }), layout);
    const changed = makeLayout(pages, [], [], [{ ...talk, nodes: talk.nodes.map((n) => (n.id === 'skills' ? { ...n, choices: [...n.choices, { id: 'new', next: 'poor-end' }] } : n)) }, other]);
    const back = decodeState(text, changed)!;
    expect(back.scenarios).toEqual({ other: { from: 'a', choices: ['x'] } });
    expect(back.visited).toEqual(['intro']);
    // A scenario removed from the course: its entry is skipped.
    expect(decodeState(text, makeLayout(pages, [], [], [other]))!.scenarios).toEqual({ other: { from: 'a', choices: ['x'] } });
  });

  it('a learner looping far beyond the cap: the path keeps its last choices, resumes at the same node, and the state reaches the bound exactly', () => {
    let progress: ScenarioProgress | null = null;
    const loop = ['lecture', 'apologise'];
    for (let i = 0; i < 5001; i++) progress = withChoice(talk, progress, loop[i % 2]!);
    expect(progress!.choices).toHaveLength(MAX_SCENARIO_STEPS);
    expect(progress!.truncated).toBe(true);
    expect(replay(talk, progress).current).toBe('pushback');
    const looping = makeLayout(['practice'], [], [], [talk]);
    const text = encodeState({ location: 'practice', visited: ['practice'], checks: {}, attempts: {}, scenarios: { talk: progress! } }, looping);
    expect(text.length).toBe(maxStateLength(looping));
    expect(decodeState(text, looping)!.scenarios!.talk).toEqual(progress);
    // An uncapped progress (a state from elsewhere) is capped by the encoder the same way.
    const raw = { from: 'opening', choices: Array.from({ length: 999 }, (_, i) => loop[i % 2]!) };
    expect(decodeState(encodeState({ visited: [], checks: {}, attempts: {}, scenarios: { talk: raw } }, looping), looping)!.scenarios!.talk).toEqual(capped(talk, raw));
  });

  it('a learner who left with a choice\'s feedback showing resumes at that node, the choice made, its feedback pending', () => {
    let progress = withChoice(talk, withChoice(talk, null, 'lecture'), 'apologise');
    expect(progress).toEqual({ from: 'opening', choices: ['lecture', 'apologise'], pending: true });
    const back = decodeState(encodeState(state({ talk: progress }), layout), layout)!.scenarios!.talk!;
    expect(back).toEqual(progress);
    expect(resumePoint(talk, back)).toEqual({ node: 'pushback', choice: 'apologise' });
    // Continue pressed: the play resumes at the node the choice led to.
    progress = continued(progress);
    expect(decodeState(encodeState(state({ talk: progress }), layout), layout)!.scenarios!.talk).toEqual({ from: 'opening', choices: ['lecture', 'apologise'] });
    expect(resumePoint(talk, progress)).toEqual({ node: 'opening' });
    // A choice leading to an ending, left before Continue: the ending is not shown yet.
    const ending = { ...withChoice(talk, withChoice(talk, null, 'lecture'), 'insist'), ended: true };
    expect(resumePoint(talk, decodeState(encodeState(state({ talk: ending }), layout), layout)!.scenarios!.talk)).toEqual({ node: 'pushback', choice: 'insist' });
    // Pending without a choice, or with a choice the scenario no longer has, is not pending.
    expect(resumePoint(talk, { from: 'opening', choices: [], pending: true })).toEqual({ node: 'opening' });
    expect(decodeState(encodeState(state({ talk: { from: 'opening', choices: ['reassure', 'nonsense'], pending: true } }), layout), layout)!.scenarios!.talk).toEqual({ from: 'opening', choices: ['reassure'] });
  });

  it('drops choices the scenario does not have, from the first unknown one', () => {
    const back = decodeState(encodeState(state({ talk: { from: 'opening', choices: ['reassure', 'nonsense', 'ask'] } }), layout), layout)!;
    expect(back.scenarios!.talk).toEqual({ from: 'opening', choices: ['reassure'] });
  });
});
