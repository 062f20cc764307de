/** Scoring of questions and the player's own response encoding (stable, standard-neutral). */
import type { PlayerQuestion, Result } from './types.js';

/** The correct response, in the player's encoding. */
export function correctResponse(q: PlayerQuestion): string {
  if (q.type === 'true-false') return String(q.answer);
  return (q.choices ?? []).filter((c) => c.correct).map((c) => c.id).join(',');
}

/** Splits a response into its parts (choice ids). */
export function responseParts(response: string): string[] {
  return response === '' ? [] : response.split(',');
}

/** Scores a response: result and a score from 0 to 1. Multiple choice is all-or-nothing. */
export function scoreResponse(q: PlayerQuestion, response: string): { result: Result; score: number } {
  let correct: boolean;
  if (q.type === 'true-false') correct = response === String(q.answer);
  else {
    const chosen = new Set(responseParts(response));
    const expected = (q.choices ?? []).filter((c) => c.correct).map((c) => c.id);
    correct = chosen.size === expected.length && expected.every((id) => chosen.has(id));
  }
  return { result: correct ? 'correct' : 'incorrect', score: correct ? 1 : 0 };
}

/** Weighted percentage (0..100, rounded to 2 decimals) of an attempt's answers. */
export function attemptScore(questions: PlayerQuestion[], answers: Record<string, string>): number {
  const total = questions.reduce((sum, q) => sum + q.weight, 0);
  if (total === 0) return 0;
  const earned = questions.reduce((sum, q) => sum + (answers[q.id] === undefined ? 0 : scoreResponse(q, answers[q.id]!).score * q.weight), 0);
  return Math.round((earned / total) * 10000) / 100;
}
