/** What the learner has achieved, from the state alone: the single place status rules live. */
import { attemptScore } from './questions.js';
import type { AttemptState, LearnerState } from './state.js';
import type { Outcome, PlayerAssessment, PlayerData } from './types.js';

export function requiredPages(data: PlayerData): number {
  const total = data.pages.length;
  return data.completion.pages === 'all' ? total : Math.ceil((data.completion.pages / 100) * total);
}

export function attemptsOf(state: LearnerState, assessmentId: string): AttemptState[] {
  return state.attempts[assessmentId] ?? [];
}

export function submittedAttempts(state: LearnerState, assessmentId: string): number[] {
  return attemptsOf(state, assessmentId).flatMap((a) => (a.score === undefined ? [] : [a.score]));
}

export interface AssessmentResult {
  /** The score that counts (best or last attempt), once an attempt was submitted. */
  score?: number;
  passed: boolean;
  submitted: number;
  /** No attempt left, or passed. */
  done: boolean;
}

export function assessmentResult(a: PlayerAssessment, state: LearnerState): AssessmentResult {
  const scores = submittedAttempts(state, a.id);
  const counted = scores.length === 0 ? undefined : a.counts === 'last' ? scores[scores.length - 1] : Math.max(...scores);
  const passed = counted !== undefined && counted >= a.passingScore;
  return { ...(counted === undefined ? {} : { score: counted }), passed, submitted: scores.length, done: passed || scores.length >= a.attempts };
}

export function computeOutcome(data: PlayerData, state: LearnerState): Outcome {
  const pageIds = new Set(data.pages.map((p) => p.id));
  const viewed = state.visited.filter((id) => pageIds.has(id)).length;
  const required = requiredPages(data);
  const pagesMet = viewed >= required;
  const progress = required === 0 ? 1 : Math.min(1, viewed / required);
  const deciding = data.result.from === 'all' ? data.assessments : data.assessments.filter((a) => a.id === data.result.from);
  if (deciding.length === 0) {
    return { completion: pagesMet ? 'completed' : 'incomplete', success: 'unknown', progress, done: pagesMet };
  }
  const results = deciding.map((a) => assessmentResult(a, state));
  const passed = results.every((r) => r.passed);
  const anyFailed = results.some((r) => r.submitted > 0 && !r.passed);
  const outcome: Outcome = {
    completion: pagesMet && passed ? 'completed' : 'incomplete',
    success: passed ? 'passed' : anyFailed ? 'failed' : 'unknown',
    progress,
    done: passed || results.some((r) => r.done && !r.passed),
  };
  if (results.every((r) => r.score !== undefined)) {
    outcome.score = Math.round((results.reduce((sum, r) => sum + r.score!, 0) / results.length) * 100) / 100;
  }
  return outcome;
}

/** Scores an attempt against the questions it drew. */
export function scoreAttempt(data: PlayerData, questionIds: string[], answers: Record<string, string>): number {
  const questions = questionIds.map((id) => data.questions[id]!).filter(Boolean);
  return attemptScore(questions, answers);
}
