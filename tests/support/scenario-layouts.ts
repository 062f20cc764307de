/** Scenario graphs as the learner state lays them out, shared by the state tests (unit/scenario-state, unit/state-legacy). */
import type { LayoutScenario } from '../../src/player/core/scenario-state.js';

/** A conversation with a loop (pushback → opening), a good and a poor ending. */
export const TALK: LayoutScenario = {
  id: 'talk',
  start: 'opening',
  nodes: [
    { id: 'opening', choices: [{ id: 'reassure', next: 'skills' }, { id: 'lecture', next: 'pushback' }] },
    { id: 'pushback', choices: [{ id: 'apologise', next: 'opening' }, { id: 'insist', next: 'poor-end' }] },
    { id: 'skills', choices: [{ id: 'ask', next: 'good-end' }] },
    { id: 'good-end', choices: [] },
    { id: 'poor-end', choices: [] },
  ],
};

/** The smallest scenario: one choice to an ending. */
export const OTHER: LayoutScenario = { id: 'other', start: 'a', nodes: [{ id: 'a', choices: [{ id: 'x', next: 'b' }] }, { id: 'b', choices: [] }] };
