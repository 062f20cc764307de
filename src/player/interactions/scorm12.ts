/**
 * How a question and an answer are written as a SCORM 1.2 interaction (`cmi.interactions.n.*`).
 * Sibling encodings for SCORM 2004 and xAPI live next to this file and share `questions.ts`.
 */
import { responseParts } from '../core/questions.js';
import type { PlayerQuestion, Result } from '../core/types.js';

/** SCORM 1.2 choice responses are single characters 0-9a-z: the choice's position in the question. */
const CHOICE_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

export interface Scorm12Interaction {
  id: string;
  type: 'choice' | 'true-false';
  student_response: string;
  pattern: string;
  result: 'correct' | 'wrong' | 'neutral';
  weighting: string;
}

function choiceChars(q: PlayerQuestion, response: string): string {
  const choices = q.choices ?? [];
  return responseParts(response)
    .map((id) => choices.findIndex((c) => c.id === id))
    .filter((i) => i >= 0 && i < CHOICE_CHARS.length)
    .sort((a, b) => a - b)
    .map((i) => CHOICE_CHARS[i])
    .join(',');
}

function encodeResponse(q: PlayerQuestion, response: string): string {
  if (q.type === 'true-false') return response === 'true' ? 't' : 'f';
  return choiceChars(q, response);
}

function correctPattern(q: PlayerQuestion): string {
  if (q.type === 'true-false') return q.answer ? 't' : 'f';
  return choiceChars(q, (q.choices ?? []).filter((c) => c.correct).map((c) => c.id).join(','));
}

export function scorm12Interaction(q: PlayerQuestion, response: string, result: Result, interactionId = q.id): Scorm12Interaction {
  return {
    id: interactionId,
    type: q.type === 'true-false' ? 'true-false' : 'choice',
    student_response: encodeResponse(q, response),
    pattern: correctPattern(q),
    result: result === 'incorrect' ? 'wrong' : result,
    weighting: String(q.weight),
  };
}

/** CMITimespan: HHHH:MM:SS.SS */
export function scorm12Timespan(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(centis / 360000));
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = Math.floor((centis % 6000) / 100);
  const fraction = centis % 100;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(hours, 4)}:${pad(minutes)}:${pad(seconds)}.${pad(fraction)}`;
}

/** CMITime: HH:MM:SS (time of day, local). */
export function scorm12Time(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
