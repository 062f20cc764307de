/**
 * Scoring of questions and the player's own response encoding (stable, standard-neutral; see the
 * PlayerQuestion doc comment). The SCORM 1.2, SCORM 2004 and xAPI encodings all start from here.
 */
import { UNSCORED_TYPES, type PlayerQuestion, type Result } from './types.js';

export const isScored = (q: PlayerQuestion): boolean => !UNSCORED_TYPES.includes(q.type);

/** Splits a list response (choice ids, item ids, pairs) into its parts. */
export function responseParts(response: string): string[] {
  return response === '' ? [] : response.split(',');
}

/** Matching response parts as [source, target] pairs. */
export function responsePairs(response: string): Array<[string, string]> {
  return responseParts(response).map((part) => {
    const dot = part.indexOf('.');
    return [part.slice(0, dot), part.slice(dot + 1)];
  });
}

/** Trims and collapses white space; lower-cases unless case matters. */
export function normaliseText(text: string, caseSensitive = false): string {
  const collapsed = text.trim().replace(/\s+/g, ' ');
  return caseSensitive ? collapsed : collapsed.toLocaleLowerCase();
}

/**
 * Reads a number as typed in any of the course languages: `3.5`, `3,5`, `1 000`, `-2`.
 * Returns the dot-decimal form, or null when the text is not a number.
 */
export function parseNumber(text: string): string | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? String(value) : null;
}

/** Position of a choice / item / scale point in its list, or -1. */
export function positionOf(list: ReadonlyArray<{ id: string }> | undefined, id: string): number {
  return (list ?? []).findIndex((entry) => entry.id === id);
}

/** The correct response, in the player's encoding ('' when there is none, e.g. likert). */
export function correctResponse(q: PlayerQuestion): string {
  switch (q.type) {
    case 'true-false':
      return String(q.answer);
    case 'single-choice':
    case 'multiple-choice':
      return (q.choices ?? []).filter((c) => c.correct).map((c) => c.id).join(',');
    case 'fill-in':
      return q.accepted?.[0] ?? '';
    case 'numeric':
      return q.range ? String(q.range.min) : '';
    case 'matching':
      return (q.pairs ?? []).map(([s, t]) => `${s}.${t}`).join(',');
    case 'sequencing':
      return (q.choices ?? []).map((c) => c.id).join(',');
    default:
      return '';
  }
}

/** Scores a response: the result and a score from 0 to 1 (unscored types: neutral, 0). */
export function scoreResponse(q: PlayerQuestion, response: string): { result: Result; score: number } {
  if (!isScored(q)) return { result: 'neutral', score: 0 };
  const score = rawScore(q, response);
  return { result: score === 1 ? 'correct' : 'incorrect', score };
}

function rawScore(q: PlayerQuestion, response: string): number {
  switch (q.type) {
    case 'true-false':
      return response === String(q.answer) ? 1 : 0;
    case 'single-choice':
      return (q.choices ?? []).some((c) => c.correct && c.id === response) ? 1 : 0;
    case 'multiple-choice': {
      const chosen = new Set(responseParts(response));
      const choices = q.choices ?? [];
      const correct = choices.filter((c) => c.correct);
      const right = correct.filter((c) => chosen.has(c.id)).length;
      const wrong = choices.filter((c) => !c.correct && chosen.has(c.id)).length;
      if (right === correct.length && wrong === 0) return 1;
      return q.scoring === 'partial' ? Math.max(0, (right - wrong) / correct.length) : 0;
    }
    case 'fill-in': {
      const given = normaliseText(response, q.caseSensitive);
      if (given === '') return 0;
      if ((q.accepted ?? []).some((a) => normaliseText(a, q.caseSensitive) === given)) return 1;
      if (q.pattern) {
        try {
          return new RegExp(q.pattern, q.caseSensitive ? 'u' : 'iu').test(normaliseText(response, true)) ? 1 : 0;
        } catch {
          return 0;
        }
      }
      return 0;
    }
    case 'numeric': {
      const value = Number(response);
      return response !== '' && q.range && value >= q.range.min - 1e-9 && value <= q.range.max + 1e-9 ? 1 : 0;
    }
    case 'matching': {
      const expected = new Map(q.pairs ?? []);
      const given = responsePairs(response);
      return given.length === expected.size && given.every(([s, t]) => expected.get(s) === t) ? 1 : 0;
    }
    case 'sequencing':
      return response === correctResponse(q) ? 1 : 0;
    default:
      return 0;
  }
}

/** Weighted percentage (0..100, rounded to 2 decimals) of an attempt's answers; unscored questions do not count. */
export function attemptScore(questions: PlayerQuestion[], answers: Record<string, string>): number {
  const scored = questions.filter(isScored);
  const total = scored.reduce((sum, q) => sum + q.weight, 0);
  if (total === 0) return 0;
  const earned = scored.reduce((sum, q) => sum + (answers[q.id] === undefined ? 0 : scoreResponse(q, answers[q.id]!).score * q.weight), 0);
  return Math.round((earned / total) * 10000) / 100;
}
