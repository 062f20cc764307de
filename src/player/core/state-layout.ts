/**
 * What the packed learner state is laid out against: the pages in order, the knowledge-check
 * questions and each assessment's pool, with the shape of every answer. The player derives it from
 * its `PlayerData`, the build from the course model (src/package/limits.ts); both must agree, which
 * tests/unit/state-layout.test.ts checks on generated courses.
 */
import type { LayoutScenario } from './scenario-state.js';
import type { PlayerData, PlayerQuestion } from './types.js';

/** The possible answers to one question, as the player's response encoding (types.ts) writes them. */
export type AnswerShape =
  /** single-choice, true-false, likert: one option id. */
  | { kind: 'one'; options: string[] }
  /** multiple-choice: option ids, comma-separated, in option order. */
  | { kind: 'many'; options: string[] }
  /** matching: `source.target` for every source in order. */
  | { kind: 'pairs'; sources: string[]; targets: string[] }
  /** sequencing: every item id once, in the learner's order. */
  | { kind: 'order'; items: string[] }
  /** numeric: a number as `String(number)` writes it. */
  | { kind: 'number' }
  /** fill-in, free-text: at most `max` UTF-16 code units. */
  | { kind: 'text'; max: number };

export interface LayoutQuestion {
  id: string;
  shape: AnswerShape;
}

export interface LayoutAssessment {
  id: string;
  attempts: number;
  draw: number;
  shuffle: boolean;
  /** The pool in authored order. */
  questions: LayoutQuestion[];
}

export interface StateLayout {
  /** Content pages in course order. */
  pages: string[];
  /** Pages and assessments: where a bookmark can point. */
  locations: string[];
  /** Knowledge-check questions, sorted by id (independent of how pages are loaded or ordered). */
  checks: LayoutQuestion[];
  assessments: LayoutAssessment[];
  /** Scenario blocks in page order (issue 15; scenario-state.ts). */
  scenarios: LayoutScenario[];
}

/** The answer shape of a question as the player holds it. */
export function shapeOfPlayerQuestion(q: PlayerQuestion): AnswerShape {
  const ids = (list: ReadonlyArray<{ id: string }> | undefined) => (list ?? []).map((x) => x.id);
  switch (q.type) {
    case 'single-choice':
      return { kind: 'one', options: ids(q.choices) };
    case 'true-false':
      return { kind: 'one', options: ['true', 'false'] };
    case 'likert':
      return { kind: 'one', options: ids(q.scale) };
    case 'multiple-choice':
      return { kind: 'many', options: ids(q.choices) };
    case 'matching':
      return { kind: 'pairs', sources: ids(q.sources), targets: ids(q.targets) };
    case 'sequencing':
      return { kind: 'order', items: ids(q.choices) };
    case 'numeric':
      return { kind: 'number' };
    case 'fill-in':
    case 'free-text':
      // 500: the length the player keeps when the data names none (questions-ui.ts).
      return { kind: 'text', max: q.maxLength ?? 500 };
  }
}

const byId = (a: LayoutQuestion, b: LayoutQuestion) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Puts a layout together; `checks` in any order. */
export function makeLayout(pages: string[], checks: LayoutQuestion[], assessments: LayoutAssessment[], scenarios: LayoutScenario[] = []): StateLayout {
  return { pages, locations: [...pages, ...assessments.map((a) => a.id)], checks: [...checks].sort(byId), assessments, scenarios };
}

/** A scenario's layout: its start, node ids and choices (the build's and the player's agree: both come from the same model). */
export function layoutScenario(s: { id: string; start: string; nodes: ReadonlyArray<{ id: string; choices: ReadonlyArray<{ id: string; next: string }> }> }): LayoutScenario {
  return { id: s.id, start: s.start, nodes: s.nodes.map((n) => ({ id: n.id, choices: n.choices.map((c) => ({ id: c.id, next: c.next })) })) };
}

/** The layout of the player's course. */
export function stateLayout(data: Pick<PlayerData, 'pages' | 'questions' | 'assessments' | 'checkShapes' | 'scenarios'>): StateLayout {
  const inPools = new Set(data.assessments.flatMap((a) => a.questions));
  const shapes = data.checkShapes ?? {};
  // A pool keeps every id, even one without data: the draw must be the one AssessmentView makes.
  const question = (id: string): LayoutQuestion => {
    const q = data.questions[id];
    return { id, shape: q ? shapeOfPlayerQuestion(q) : (shapes[id] ?? { kind: 'one', options: [] }) };
  };
  // In a split course the checks of modules not loaded yet are known by their shape only.
  const checks = [...new Set([...Object.keys(data.questions), ...Object.keys(shapes)])].filter((id) => !inPools.has(id));
  return makeLayout(
    data.pages.map((p) => p.id),
    checks.map(question),
    data.assessments.map((a) => ({ id: a.id, attempts: a.attempts, draw: a.draw, shuffle: a.shuffle, questions: a.questions.map(question) })),
    (data.scenarios ?? []).map(layoutScenario),
  );
}
