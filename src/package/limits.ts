/**
 * Checks a course against a target's tracking limits before anything is built: the worst-case
 * learner state (every page viewed, every question answered with its longest response, every
 * attempt used) must fit, so a resume can never break in production.
 */
import { allPages, allQuestions, checkQuestions, type Course, type Question } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { encodeState, keyOf, type LearnerState } from '../player/core/state.js';
import type { Target } from '../targets/types.js';

const longest = (values: string[]): string => values.reduce((a, b) => (b.length > a.length ? b : a), '');

/** The longest response a learner can give, in the player's encoding (learner text: all quotes, each escaped in JSON). */
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
      return '"'.repeat(q.maxLength);
    case 'numeric':
      return '-1.2345678901234567e+308';
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

export function worstCaseState(course: Course): LearnerState {
  const pages = allPages(course).map((p) => p.id);
  const ids = [...pages, ...course.assessments.map((a) => a.id)];
  const location = longest(ids);
  const answers = (questions: Question[]) => Object.fromEntries(questions.map((q) => [q.id, longestResponse(q)]));
  const byLength = (questions: Question[]) => [...questions].sort((a, b) => longestResponse(b).length + b.id.length - (longestResponse(a).length + a.id.length));
  return {
    location,
    visited: pages,
    checks: answers(checkQuestions(course)),
    attempts: Object.fromEntries(
      // Every attempt used, each with the longest answers (encodeState keeps those of the last only).
      course.assessments.map((a) => [a.id, Array.from({ length: a.attempts }, () => ({ seed: 0xffffffff, score: 99.99, answers: answers(byLength(a.questions).slice(0, a.draw)) }))]),
    ),
  };
}

export function worstCaseStateSize(course: Course): number {
  return encodeState(worstCaseState(course)).length;
}

/** Ids whose short state keys collide (the state could not tell them apart). */
export function checkStateKeys(course: Course, out: Diagnostic[]): void {
  const ids = [...allPages(course).map((p) => p.id), ...course.assessments.map((a) => a.id), ...allQuestions(course).map((q) => q.id)];
  const seen = new Map<string, string>();
  for (const id of ids) {
    const key = keyOf(id);
    const other = seen.get(key);
    if (other !== undefined && other !== id) out.push(diag('state-key-collision', `ids "${other}" and "${id}" share the state key "${key}"`));
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
      diag('state-too-large', `the learner state of this course can reach ${size} characters; ${target.title} stores at most ${max}`, {
        file: 'course.yaml',
        line: 1,
        column: 1,
      }),
    );
  }
}

/** The bookmark is a page or assessment id: each must fit the target's location field. */
function checkLocation(course: Course, target: Target, out: Diagnostic[]): void {
  const max = target.limits.location;
  if (max === undefined) return;
  for (const id of [...allPages(course).map((p) => p.id), ...course.assessments.map((a) => a.id)]) {
    if (id.length > max) out.push(diag('location-too-long', `the id "${id}" is ${id.length} characters; ${target.title} keeps a bookmark of at most ${max}`, course.positions[id]));
  }
}
