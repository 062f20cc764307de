/** What the learner has achieved, from the state alone: the single place status rules live. */
import { attemptScore } from './questions.js';
import type { LearnerState } from './state.js';
import type { Outcome, PlayerData } from './types.js';

export function requiredPages(data: PlayerData): number {
  const total = data.pages.length;
  return data.completion.pages === 'all' ? total : Math.ceil((data.completion.pages / 100) * total);
}

export function submittedAttempts(state: LearnerState): number[] {
  return state.attempts.flatMap((a) => (a.score === undefined ? [] : [a.score]));
}

export function computeOutcome(data: PlayerData, state: LearnerState): Outcome {
  const pageIds = new Set(data.pages.map((p) => p.id));
  const viewed = state.visited.filter((id) => pageIds.has(id)).length;
  const required = requiredPages(data);
  const pagesMet = viewed >= required;
  const progress = required === 0 ? 1 : Math.min(1, viewed / required);
  const a = data.assessment;
  if (!a) {
    return { completion: pagesMet ? 'completed' : 'incomplete', success: 'unknown', progress, done: pagesMet };
  }
  const scores = submittedAttempts(state);
  const best = scores.length ? Math.max(...scores) : undefined;
  const passed = best !== undefined && best >= a.passingScore;
  const outcome: Outcome = {
    completion: pagesMet && passed ? 'completed' : 'incomplete',
    success: passed ? 'passed' : scores.length ? 'failed' : 'unknown',
    progress,
    done: passed || scores.length >= a.attempts,
  };
  if (best !== undefined) outcome.score = best;
  return outcome;
}

/** Scores the open attempt against the assessment's questions. */
export function scoreAttempt(data: PlayerData, answers: Record<string, string>): number {
  const questions = (data.assessment?.questions ?? []).map((id) => data.questions[id]!).filter(Boolean);
  return attemptScore(questions, answers);
}
