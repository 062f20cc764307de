/**
 * Checks a course against a target's tracking limits before anything is built: the worst-case
 * learner state (every page viewed, every question answered with its longest response, every
 * attempt used) must fit, so a resume can never break in production. The size comes from the
 * player's own encoder and the longest value each input control accepts (core/input-limits.ts).
 */
import { allPages, checkQuestions, scenarios, type Course, type Question } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { NUMBER_INPUT_MAX_LENGTH } from '../player/core/input-limits.js';
import { hash24, type LearnerState } from '../player/core/state.js';
import { maxStateLength, stateRoom } from '../player/core/state-bound.js';
import { layoutScenario, makeLayout, type AnswerShape, type LayoutQuestion, type StateLayout } from '../player/core/state-layout.js';
import { MAX_SCENARIO_STEPS, type ScenarioProgress } from '../player/core/scenario-path.js';
import type { Target } from '../targets/types.js';

const longest = (values: string[]): string => values.reduce((a, b) => (b.length > a.length ? b : a), '');

/**
 * The longest number a numeric question's response can hold: `String(number)` of a double is at
 * most 25 characters (sign, `0.00000`, 17 digits), and what fits the input is not longer.
 */
export const LONGEST_NUMBER = '-0.0000012345678901234567';

/** A character taking the most room in every way the state travels (3 bytes of UTF-8, 9 characters URL-encoded). */
export const WIDEST_CHARACTER = '\u20ac';

/** The longest response a learner can give, in the player's encoding. */
export function longestResponse(q: Question): string {
  switch (q.type) {
    case 'true-false':
      return 'false';
    case 'single-choice':
      return longest(q.choices.map((c) => c.id));
    case 'multiple-choice':
      return q.choices.map((c) => c.id).join(',');
    case 'fill-in':
    case 'free-text':
      return WIDEST_CHARACTER.repeat(q.maxLength);
    case 'numeric':
      return LONGEST_NUMBER.length <= NUMBER_INPUT_MAX_LENGTH ? LONGEST_NUMBER : LONGEST_NUMBER.slice(0, NUMBER_INPUT_MAX_LENGTH);
    case 'matching': {
      const targets = longest([...q.pairs.map((p) => p.target.id), ...q.distractors.map((d) => d.id)]);
      return q.pairs.map((p) => `${p.source.id}.${targets}`).join(',');
    }
    case 'sequencing':
      return q.items.map((i) => i.id).join(',');
    case 'likert':
      return longest(q.scale.map((p) => p.id));
  }
}

/** The answer shape of a course question: the same as the player derives from its data (state-layout.ts). */
export function shapeOfQuestion(q: Question): AnswerShape {
  switch (q.type) {
    case 'single-choice':
      return { kind: 'one', options: q.choices.map((c) => c.id) };
    case 'true-false':
      return { kind: 'one', options: ['true', 'false'] };
    case 'likert':
      return { kind: 'one', options: q.scale.map((p) => p.id) };
    case 'multiple-choice':
      return { kind: 'many', options: q.choices.map((c) => c.id) };
    case 'matching':
      return { kind: 'pairs', sources: q.pairs.map((p) => p.source.id), targets: [...q.pairs.map((p) => p.target.id), ...q.distractors.map((d) => d.id)] };
    case 'sequencing':
      return { kind: 'order', items: q.items.map((i) => i.id) };
    case 'numeric':
      return { kind: 'number' };
    case 'fill-in':
    case 'free-text':
      return { kind: 'text', max: q.maxLength };
  }
}

const layoutQuestion = (q: Question): LayoutQuestion => ({ id: q.id, shape: shapeOfQuestion(q) });

/** The layout the player's state takes for this course. */
export function courseStateLayout(course: Course): StateLayout {
  return makeLayout(
    allPages(course).map((p) => p.id),
    checkQuestions(course).map(layoutQuestion),
    course.assessments.map((a) => ({ id: a.id, attempts: a.attempts, draw: a.draw, shuffle: a.shuffle, questions: a.questions.map(layoutQuestion) })),
    scenarios(course).map(layoutScenario),
  );
}

/** A long play of a scenario: from the start, the first choice of each node, for as many steps as the path keeps (or until an ending). */
function longPlay(s: ReturnType<typeof scenarios>[number]): ScenarioProgress {
  const choices: string[] = [];
  let node = s.nodes.find((n) => n.id === s.start);
  while (node && node.choices.length && choices.length < MAX_SCENARIO_STEPS) {
    const choice = node.choices[0]!;
    choices.push(choice.id);
    node = s.nodes.find((n) => n.id === choice.next);
  }
  return { from: s.start, choices, ended: true };
}

/**
 * A worst-case learner: every page viewed, every question answered with its longest response,
 * every attempt used and scored, the last one with an answer to every question of the pool (the
 * encoder keeps those its seed drew). `worstCaseStateSize` is the bound over every seed.
 */
export function worstCaseState(course: Course): LearnerState {
  const answers = (questions: Question[]) => Object.fromEntries(questions.map((q) => [q.id, longestResponse(q)]));
  return {
    location: allPages(course)[0]?.id ?? course.assessments[0]?.id,
    visited: allPages(course).map((p) => p.id),
    checks: answers(checkQuestions(course)),
    attempts: Object.fromEntries(
      course.assessments.map((a) => [a.id, Array.from({ length: a.attempts }, (_, i) => ({ seed: 0xffffffff - i, score: 99.99, answers: i === a.attempts - 1 ? answers(a.questions) : {} }))]),
    ),
    ...(scenarios(course).length ? { scenarios: Object.fromEntries(scenarios(course).map((s) => [s.id, longPlay(s)])) } : {}),
  };
}

/** The most characters the saved learner state of this course can take (the player's encoder, its worst learner). */
export function worstCaseStateSize(course: Course): number {
  return maxStateLength(courseStateLayout(course));
}

/** Pages and assessments whose 24-bit state keys collide (a bookmark or an assessment could not be told apart). */
export function checkStateKeys(course: Course, out: Diagnostic[]): void {
  const ids = [...allPages(course).map((p) => p.id), ...course.assessments.map((a) => a.id)];
  const seen = new Map<number, string>();
  for (const id of ids) {
    const key = hash24(id);
    const other = seen.get(key);
    if (other !== undefined && other !== id) out.push(diag('state-key-collision', `ids "${other}" and "${id}" share the state key ${key.toString(16)}`, course.positions[id]));
    seen.set(key, id);
  }
}

export function checkLimits(course: Course, target: Target, out: Diagnostic[]): void {
  checkLocation(course, target, out);
  const max = target.limits.suspendData;
  if (max === undefined) return;
  const size = worstCaseStateSize(course);
  if (size > max) {
    out.push(
      diag('state-too-large', `the learner state of this course can reach ${size} characters; ${target.title} stores at most ${max} (${roomText(course)})`, {
        file: 'course.yaml',
        line: 1,
        column: 1,
      }),
    );
  }
}

/** What fills the worst case, largest first: `assessments 3,843, scenarios 92 (4 scenarios), pages 167, knowledge checks 67`. */
function roomText(course: Course): string {
  const layout = courseStateLayout(course);
  const room = stateRoom(layout);
  const parts: Array<[number, string]> = [
    [room.assessments, `assessments ${room.assessments.toLocaleString('en')}`],
    [room.scenarios, `scenarios ${room.scenarios.toLocaleString('en')} (${layout.scenarios.length} scenario${layout.scenarios.length === 1 ? '' : 's'}, each path kept to ${MAX_SCENARIO_STEPS} choices)`],
    [room.pages, `pages ${room.pages.toLocaleString('en')}`],
    [room.checks, `knowledge checks ${room.checks.toLocaleString('en')}`],
  ];
  return `worst case by part, in characters: ${parts.filter(([n]) => n > 0).sort((a, b) => b[0] - a[0]).map(([, text]) => text).join(', ')}`;
}

/** The bookmark is a page or assessment id: each must fit the target's location field. */
function checkLocation(course: Course, target: Target, out: Diagnostic[]): void {
  const max = target.limits.location;
  if (max === undefined) return;
  for (const id of [...allPages(course).map((p) => p.id), ...course.assessments.map((a) => a.id)]) {
    if (id.length > max) out.push(diag('location-too-long', `the id "${id}" is ${id.length} characters; ${target.title} keeps a bookmark of at most ${max}`, course.positions[id]));
  }
}
