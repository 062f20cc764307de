/**
 * How a question and an answer are written as a SCORM 1.2 interaction (`cmi.interactions.n.*`).
 * Sibling encodings for SCORM 2004 and xAPI live next to this file and share `questions.ts`.
 *
 * SCORM 1.2 identifies choices, matching items, sequence steps and likert points by a single
 * character 0-9a-z: we use each one's position in its list. A choice question with more than 36
 * choices cannot be written that way and is recorded as `fill-in` with the choice ids instead.
 */
import { correctResponse, positionOf, responsePairs, responseParts } from '../core/questions.js';
import type { LearningEvent, PlayerQuestion, Result } from '../core/types.js';
import { decimal } from './decimal.js';

const CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';
/** CMIFeedback and CMIIdentifier hold at most 255 characters. */
export const SCORM12_MAX_RESPONSE = 255;

export type Scorm12Type = 'true-false' | 'choice' | 'fill-in' | 'matching' | 'performance' | 'sequencing' | 'likert' | 'numeric';

export interface Scorm12Interaction {
  id: string;
  type: Scorm12Type;
  student_response: string;
  /** The correct response pattern; absent when the type has none (likert, free text, numeric ranges). */
  pattern?: string;
  result: 'correct' | 'wrong' | 'neutral';
  weighting: string;
}

const char = (i: number) => (i >= 0 && i < CHARS.length ? CHARS[i]! : '');
const chars = (list: ReadonlyArray<{ id: string }> | undefined, ids: string[], sort: boolean) => {
  const positions = ids.map((id) => positionOf(list, id)).filter((i) => i >= 0);
  if (sort) positions.sort((a, b) => a - b);
  return positions.map(char).join(',');
};
const clip = (text: string) => text.slice(0, SCORM12_MAX_RESPONSE);

/** Type, learner response and correct pattern of a question in SCORM 1.2 formats. */
export function scorm12Response(q: PlayerQuestion, response: string): { type: Scorm12Type; response: string; pattern?: string } {
  const correct = correctResponse(q);
  switch (q.type) {
    case 'true-false':
      return { type: 'true-false', response: response === 'true' ? 't' : 'f', pattern: q.answer ? 't' : 'f' };
    case 'single-choice':
    case 'multiple-choice':
      if ((q.choices?.length ?? 0) > CHARS.length) return { type: 'fill-in', response: clip(response), pattern: clip(correct) };
      return { type: 'choice', response: chars(q.choices, responseParts(response), true), pattern: chars(q.choices, responseParts(correct), true) };
    case 'fill-in':
      return { type: 'fill-in', response: clip(response), pattern: clip(correct) };
    case 'free-text':
      return { type: 'fill-in', response: clip(response) };
    case 'numeric': {
      const exact = q.range && q.range.min === q.range.max ? { pattern: decimal(q.range.min) } : {};
      return { type: 'numeric', response: response === '' ? '' : decimal(Number(response)), ...exact };
    }
    case 'matching': {
      const pairs = (text: string) => responsePairs(text).map(([s, t]) => `${char(positionOf(q.sources, s))}.${char(positionOf(q.targets, t))}`).join(',');
      return { type: 'matching', response: pairs(response), pattern: pairs(correct) };
    }
    case 'sequencing':
      return { type: 'sequencing', response: chars(q.choices, responseParts(response), false), pattern: chars(q.choices, responseParts(correct), false) };
    case 'likert':
      return { type: 'likert', response: char(positionOf(q.scale, response)) };
  }
}

export function scorm12Interaction(q: PlayerQuestion, response: string, result: Result, interactionId = q.id): Scorm12Interaction {
  const encoded = scorm12Response(q, response);
  return {
    id: interactionId,
    type: encoded.type,
    student_response: encoded.response,
    ...(encoded.pattern !== undefined ? { pattern: encoded.pattern } : {}),
    result: result === 'incorrect' ? 'wrong' : result,
    weighting: decimal(q.weight),
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

type ScenarioEnded = Extract<LearningEvent, { type: 'scenario-ended' }>;

/**
 * A scenario's ending as a SCORM 1.2 interaction (issue 15): type `performance`, the path as
 * `node.choice` steps and the ending as `node.verdict`, comma-separated, in the 255 characters of
 * CMIFeedback (the oldest steps dropped first); result correct / wrong / neutral; weighting 0:
 * a scenario is practice and counts for no score.
 */
export function scorm12ScenarioInteraction(event: ScenarioEnded): Scorm12Interaction {
  const steps = event.steps.map((s) => `${s.node}.${s.choice}`);
  const last = `${event.ending.id}.${event.ending.end}`;
  while (steps.length && [...steps, last].join(',').length > SCORM12_MAX_RESPONSE) steps.shift();
  return {
    id: event.scenario.id,
    type: 'performance',
    student_response: clip([...steps, last].join(',')),
    result: event.result === 'incorrect' ? 'wrong' : event.result,
    weighting: '0',
  };
}
