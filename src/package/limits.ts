/**
 * Checks a course against a target's tracking limits before anything is built: the worst-case
 * learner state (every page viewed, every question answered with its longest response, every
 * attempt used) must fit, so a resume can never break in production.
 */
import { allPages, allQuestions, type Course, type Question } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { encodeState, keyOf, type LearnerState } from '../player/core/state.js';
import type { Target } from '../targets/types.js';

function longestResponse(q: Question): string {
  if (q.type === 'true-false') return 'false';
  if (q.type === 'multiple-choice') return q.choices.map((c) => c.id).join(',');
  return q.choices.map((c) => c.id).reduce((a, b) => (b.length > a.length ? b : a), '');
}

export function worstCaseState(course: Course): LearnerState {
  const pages = allPages(course).map((p) => p.id);
  const ids = [...pages, ...(course.assessment ? [course.assessment.id] : [])];
  const location = ids.reduce((a, b) => (b.length > a.length ? b : a), '');
  const checkQuestions = course.modules.flatMap((m) => m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'check' ? b.questions : []))));
  const answers = (questions: Question[]) => Object.fromEntries(questions.map((q) => [q.id, longestResponse(q)]));
  const a = course.assessment;
  return {
    location,
    visited: pages,
    checks: answers(checkQuestions),
    attempts: a ? Array.from({ length: a.attempts }, () => ({ score: 99.99, answers: answers(a.questions) })) : [],
  };
}

export function worstCaseStateSize(course: Course): number {
  return encodeState(worstCaseState(course)).length;
}

/** Ids whose short state keys collide (the state could not tell them apart). */
export function checkStateKeys(course: Course, out: Diagnostic[]): void {
  const ids = [...allPages(course).map((p) => p.id), ...(course.assessment ? [course.assessment.id] : []), ...allQuestions(course).map((q) => q.id)];
  const seen = new Map<string, string>();
  for (const id of ids) {
    const key = keyOf(id);
    const other = seen.get(key);
    if (other !== undefined && other !== id) out.push(diag('state-key-collision', `ids "${other}" and "${id}" share the state key "${key}"`));
    seen.set(key, id);
  }
}

export function checkLimits(course: Course, target: Target, out: Diagnostic[]): void {
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
