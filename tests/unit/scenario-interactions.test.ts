/**
 * Issue 15: a scenario's ending as SCORM interactions, written into scorm-again behind the strict
 * wrappers (Moodle's formats), for a short path and for a learner who looped to the path's cap with
 * the longest ids; and the Moodle save budget (save-size.ts) counting it.
 */
import { join } from 'node:path';
import * as scorm12Module from 'scorm-again/scorm12';
import * as scorm2004Module from 'scorm-again/scorm2004';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { scenarios } from '../../src/course/model.js';
import { interactionBudget, longestScenarioResponse, worstCaseSave } from '../../src/package/save-size.js';
import { MAX_SCENARIO_STEPS, replay, withChoice, type ScenarioProgress } from '../../src/player/core/scenario-path.js';
import type { LearningEvent, PlayerScenario } from '../../src/player/core/types.js';
import { scorm12ScenarioInteraction } from '../../src/player/interactions/scorm12.js';
import { scorm2004ScenarioInteraction, scorm2004Time } from '../../src/player/interactions/scorm2004.js';
import { ROOT } from '../support/build.js';
import { StrictScorm12, type ScormRuntime } from '../support/strict-scorm12.js';
import { StrictScorm2004, type Scorm2004Runtime } from '../support/strict-scorm2004.js';

const Scorm12API = (scorm12Module as unknown as { Scorm12API: new (settings: object) => ScormRuntime }).Scorm12API;
const Scorm2004API = (scorm2004Module as unknown as { Scorm2004API: new (settings: object) => Scorm2004Runtime }).Scorm2004API;

const long = (prefix: string) => `${prefix}-${'x'.repeat(62 - prefix.length)}`.slice(0, 64);
const scenario: PlayerScenario = {
  id: 'talk',
  title: 'A talk: [.] and {braces}',
  page: 'practice',
  start: long('a'),
  nodes: [
    { id: long('a'), choices: [{ id: long('loop'), next: long('b') }, { id: 'out', next: 'end' }] },
    { id: long('b'), choices: [{ id: long('back'), next: long('a') }] },
    { id: 'end', choices: [], end: 'poor', score: 0 },
  ],
};
type Ended = Extract<LearningEvent, { type: 'scenario-ended' }>;
function endedAfter(choices: string[]): Ended {
  let progress: ScenarioProgress | null = null;
  for (const c of choices) progress = withChoice(scenario, progress, c);
  const { steps, current } = replay(scenario, progress);
  const ending = scenario.nodes.find((n) => n.id === current)!;
  return { type: 'scenario-ended', scenario, steps, ending: ending as Ended['ending'], result: 'incorrect', timestamp: new Date(Date.UTC(2026, 11, 3, 9, 0, 0, 120)), repeat: false };
}
const short = endedAfter(['out']);
const looped = endedAfter([...Array.from({ length: 301 }, (_, i) => (i % 2 ? long('back') : long('loop'))), long('back'), 'out']);

function write12(event: Ended): string[] {
  const api = new StrictScorm12(new Scorm12API({ logLevel: 5, autocommit: false }));
  api.LMSInitialize('');
  const i = scorm12ScenarioInteraction(event);
  for (const [field, value] of [['id', i.id], ['type', i.type], ['weighting', i.weighting], ['student_response', i.student_response], ['result', i.result], ['time', '09:00:00']] as const) api.LMSSetValue(`cmi.interactions.0.${field}`, value);
  return api.violations;
}
function write2004(event: Ended): string[] {
  const api = new StrictScorm2004(new Scorm2004API({ logLevel: 5, autocommit: false }));
  api.Initialize('');
  const i = scorm2004ScenarioInteraction(event);
  for (const [field, value] of [['id', i.id], ['type', i.type], ['description', i.description], ['weighting', i.weighting], ['learner_response', i.learner_response], ['result', i.result], ['timestamp', scorm2004Time(event.timestamp)]] as const) api.SetValue(`cmi.interactions.0.${field}`, value);
  return api.violations;
}

describe('scenario endings as SCORM interactions', () => {
  it('SCORM 1.2: performance, node.choice steps then node.verdict, result wrong, accepted by a strict runtime', () => {
    expect(scorm12ScenarioInteraction(short)).toEqual({ id: 'talk', type: 'performance', student_response: `${long('a')}.out,end.poor`, result: 'wrong', weighting: '0' });
    expect(write12(short)).toEqual([]);
  });

  it('SCORM 1.2: a looping learner keeps the last steps that fit 255 characters, whole, and the ending', () => {
    const i = scorm12ScenarioInteraction(looped);
    expect(i.student_response.length).toBeLessThanOrEqual(255);
    expect(i.student_response.endsWith(`${long('a')}.out,end.poor`)).toBe(true);
    expect(i.student_response.split(',').every((step) => step.includes('.'))).toBe(true);
    expect(write12(looped)).toEqual([]);
  });

  it('SCORM 2004: performance records in short ids, no correct response, accepted by a strict runtime (Moodle formats)', () => {
    expect(scorm2004ScenarioInteraction(short)).toEqual({
      id: 'talk',
      type: 'performance',
      description: 'A talk: (.) and {braces}',
      weighting: '0',
      learner_response: `${long('a').replace(/-/g, '_')}[.]out[,]end[.]poor`,
      correct_responses: [],
      result: 'incorrect',
    });
    expect(write2004(short)).toEqual([]);
  });

  it('SCORM 2004: a looping learner writes the capped path (65 records of at most 250) and stays valid', () => {
    const i = scorm2004ScenarioInteraction(looped);
    expect(i.learner_response.split('[,]')).toHaveLength(MAX_SCENARIO_STEPS + 1);
    expect(write2004(looped)).toEqual([]);
    expect(i.learner_response.length).toBeLessThanOrEqual(longestScenarioResponse({ type: 'scenario', id: 'talk', title: { en: 'x' }, start: scenario.start, nodes: scenario.nodes.map((n) => ({ ...n, line: { en: 'x' }, choices: n.choices.map((c) => ({ ...c, text: { en: 'x' } })) })) }));
  });
});

describe('the Moodle save budget counts scenario endings', () => {
  const course = loadCourse(join(ROOT, 'tests/fixtures/courses/scenario')).course!;

  it('one interaction per scenario, whatever tracking.checks says; none with tracking.scenarios: none', () => {
    const none = { ...course, tracking: { ...course.tracking, scenarios: 'none' as const } };
    expect(course.tracking.scenarios).toBe('first');
    expect(interactionBudget(course, 'first')).toBe(1);
    expect(interactionBudget(course, 'none')).toBe(1);
    expect(interactionBudget(none, 'none')).toBe(0);
    for (const standard of ['scorm12', 'scorm2004'] as const) expect(worstCaseSave(course, standard, 'none')).toBeGreaterThan(worstCaseSave(none, standard, 'none'));
  });

  it('bounds the learner response: a loop fills the cap, a path without one is its longest walk', () => {
    const s = scenarios(course)[0]!;
    // The fixture loops (pushback → opening), so a learner can fill the cap with its widest step.
    const widest = Math.max(...s.nodes.filter((n) => n.choices.length).map((n) => n.id.length + 3 + Math.max(...n.choices.map((c) => c.id.length)) + 3));
    expect(longestScenarioResponse(s)).toBe(MAX_SCENARIO_STEPS * widest + 'neutral-end[.]neutral'.length);
    const noLoop = { ...s, nodes: s.nodes.map((n) => (n.id === 'pushback' ? { ...n, choices: n.choices.filter((c) => c.next !== 'opening') } : n)) };
    expect(longestScenarioResponse(noLoop)).toBe('opening[.]reassure[,]skills[.]list_courses[,]'.length + 'neutral_end[.]neutral'.length);
  });
});
