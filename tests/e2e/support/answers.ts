/**
 * Right and wrong answers for every question type, and what SCORM 1.2 should record for them,
 * worked out here from the course data (cp-data) — independently of the player's own code.
 * Responses use the player's encoding (see PlayerQuestion in src/player/core/types.ts).
 */
import type { PlayerQuestion } from '../../../src/player/core/types.js';

const UNSCORED = new Set(['likert', 'free-text']);
const CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Likert and free text are never scored: any answer is recorded as `neutral`. */
export const isScored = (q: PlayerQuestion): boolean => !UNSCORED.has(q.type);

/** The parts of a list response (choice ids, `source.target` pairs, item ids). */
export function parts(response: string): string[] {
  return response === '' ? [] : response.split(',');
}

function need<T>(value: T | undefined, q: PlayerQuestion, what: string): T {
  if (value === undefined) throw new Error(`question ${q.id} (${q.type}) has no ${what} in cp-data`);
  return value;
}

function matchingPairs(q: PlayerQuestion): Map<string, string> {
  return new Map(need(q.pairs, q, 'pairs'));
}

export function rightAnswer(q: PlayerQuestion): string {
  switch (q.type) {
    case 'true-false':
      return String(q.answer);
    case 'single-choice':
    case 'multiple-choice':
      return need(q.choices, q, 'choices').filter((c) => c.correct).map((c) => c.id).join(',');
    case 'fill-in':
      return need(q.accepted?.[0], q, 'accepted answer');
    case 'numeric':
      return String(need(q.range, q, 'range').min);
    case 'matching': {
      const pairs = matchingPairs(q);
      return need(q.sources, q, 'sources').map((s) => `${s.id}.${pairs.get(s.id) ?? ''}`).join(',');
    }
    case 'sequencing':
      return need(q.choices, q, 'items').map((c) => c.id).join(',');
    case 'likert': {
      const scale = need(q.scale, q, 'scale');
      return scale[Math.floor(scale.length / 2)]!.id;
    }
    case 'free-text':
      return 'Ask what she enjoys, then look at routes together.'.slice(0, q.maxLength ?? 500);
  }
}

/** Whether a fill-in text would be accepted (same rules as the course schema documents). */
function fillInAccepts(q: PlayerQuestion, text: string): boolean {
  const norm = (t: string) => (q.caseSensitive ? t.trim() : t.trim().toLocaleLowerCase()).replace(/\s+/g, ' ');
  if ((q.accepted ?? []).some((a) => norm(a) === norm(text))) return true;
  return q.pattern ? new RegExp(q.pattern, q.caseSensitive ? 'u' : 'iu').test(text.trim()) : false;
}

/** A wrong answer; for unscored types (no wrong answer), an answer all the same. */
export function wrongAnswer(q: PlayerQuestion): string {
  switch (q.type) {
    case 'true-false':
      return String(!q.answer);
    case 'single-choice':
    case 'multiple-choice':
      return need(q.choices?.find((c) => !c.correct), q, 'wrong choice').id;
    case 'fill-in': {
      const text = ['zzqx', 'nothing at all', '0000'].find((t) => !fillInAccepts(q, t));
      return need(text, q, 'text it refuses');
    }
    case 'numeric':
      return String(need(q.range, q, 'range').max + 1000);
    case 'matching': {
      // Each source gets the next source's target: every pair wrong (unless targets repeat).
      const sources = need(q.sources, q, 'sources');
      const pairs = matchingPairs(q);
      const targets = need(q.targets, q, 'targets').map((t) => t.id);
      const wrongFor = (i: number) => {
        const next = pairs.get(sources[(i + 1) % sources.length]!.id);
        return next && next !== pairs.get(sources[i]!.id) ? next : targets.find((t) => t !== pairs.get(sources[i]!.id))!;
      };
      return sources.map((s, i) => `${s.id}.${wrongFor(i)}`).join(',');
    }
    case 'sequencing':
      return need(q.choices, q, 'items').map((c) => c.id).reverse().join(',');
    case 'likert':
    case 'free-text':
      return rightAnswer(q);
  }
}

/** The same answer whatever order it was read in (choices, pairs); sequences keep their order. */
export function normal(q: PlayerQuestion, response: string): string {
  return ['single-choice', 'multiple-choice', 'matching'].includes(q.type) ? parts(response).sort().join(',') : response;
}

export interface ExpectedInteraction {
  id: string;
  type: string;
  student_response: string;
  /** Absent when the type has no correct response (likert, free text, numeric ranges). */
  pattern?: string;
  result: 'correct' | 'wrong' | 'neutral';
}

const char = (i: number) => (i >= 0 ? CHARS[i] ?? '?' : '?');
const position = (list: Array<{ id: string }> | undefined, id: string) => (list ?? []).findIndex((x) => x.id === id);

/** One SCORM 1.2 encoding (LMS-RULES.md rule 20): single characters 0-9a-z for positions. */
function encode(q: PlayerQuestion, response: string): { type: string; value: string } {
  switch (q.type) {
    case 'true-false':
      return { type: 'true-false', value: response === 'true' ? 't' : 'f' };
    case 'single-choice':
    case 'multiple-choice':
      return { type: 'choice', value: parts(response).map((id) => position(q.choices, id)).sort((a, b) => a - b).map(char).join(',') };
    case 'fill-in':
    case 'free-text':
      return { type: 'fill-in', value: response.slice(0, 255) };
    case 'numeric':
      return { type: 'numeric', value: String(Number(response)) };
    case 'matching':
      return {
        type: 'matching',
        value: parts(response)
          .map((pair) => pair.split('.'))
          .map(([s, t]) => `${char(position(q.sources, s!))}.${char(position(q.targets, t!))}`)
          .join(','),
      };
    case 'sequencing':
      return { type: 'sequencing', value: parts(response).map((id) => char(position(q.choices, id))).join(',') };
    case 'likert':
      return { type: 'likert', value: char(position(q.scale, response)) };
  }
}

/** What the LMS should hold for `response` to `q`. */
export function expectedInteraction(q: PlayerQuestion, response: string): ExpectedInteraction {
  const { type, value } = encode(q, response);
  const hasPattern = !(q.type === 'likert' || q.type === 'free-text' || (q.type === 'numeric' && q.range?.min !== q.range?.max));
  return {
    id: q.id,
    type,
    student_response: value,
    ...(hasPattern ? { pattern: encode(q, rightAnswer(q)).value } : {}),
    result: !isScored(q) ? 'neutral' : response === rightAnswer(q) ? 'correct' : 'wrong',
  };
}
