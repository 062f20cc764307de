/**
 * How a question and an answer are written in an xAPI `answered` statement: the activity
 * definition of type `cmi.interaction` and the `result`, in xAPI 1.0.3's exact formats
 * (delimiters `[,]`, `[.]`, `[:]`; LMS-RULES.md rules 26–28). Sibling of scorm12.ts; both read
 * the player's response encoding through questions.ts.
 */
import { decimal as sharedDecimal } from './decimal.js';
import { correctResponse, isScored, responseParts } from '../core/questions.js';
import type { LearningEvent, PlayerItem, PlayerQuestion, Result } from '../core/types.js';

export const INTERACTION_TYPE = 'http://adlnet.gov/expapi/activities/cmi.interaction';

export type LanguageMap = Record<string, string>;

export interface InteractionComponent {
  id: string;
  description: LanguageMap;
}

export interface InteractionDefinition {
  type: typeof INTERACTION_TYPE;
  name: LanguageMap;
  description: LanguageMap;
  interactionType: 'true-false' | 'choice' | 'fill-in' | 'long-fill-in' | 'matching' | 'sequencing' | 'likert' | 'numeric';
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
  scale?: InteractionComponent[];
  source?: InteractionComponent[];
  target?: InteractionComponent[];
}

export interface InteractionResult {
  response: string;
  success?: boolean;
  score?: { scaled: number; raw: number; min: number; max: number };
  duration: string;
}

const components = (items: Array<PlayerItem | { id: string; text?: string }>, lang: string): InteractionComponent[] =>
  items.map((item) => ({ id: item.id, description: { [lang]: item.text || item.id } }));

/** xAPI numbers here use at most 4 decimals (scores) unless told otherwise. */
export const decimal = (value: number, places = 4): string => sharedDecimal(value, places);

const round = (value: number, places: number) => Number(decimal(value, places));

/** The `cmi.interaction` activity definition of a question, in the package's language. */
export function xapiInteractionDefinition(q: PlayerQuestion, lang: string): InteractionDefinition {
  const text = { [lang]: q.prompt || q.id };
  const base = { type: INTERACTION_TYPE, name: text, description: text } as const;
  switch (q.type) {
    case 'true-false':
      return { ...base, interactionType: 'true-false', correctResponsesPattern: [correctResponse(q)] };
    case 'single-choice':
    case 'multiple-choice':
      return { ...base, interactionType: 'choice', choices: components(q.choices ?? [], lang), correctResponsesPattern: [responseParts(correctResponse(q)).join('[,]')] };
    case 'sequencing': {
      const items = q.choices ?? [];
      return { ...base, interactionType: 'sequencing', choices: components(items, lang), correctResponsesPattern: [items.map((c) => c.id).join('[,]')] };
    }
    case 'fill-in': {
      const prefix = q.caseSensitive ? '{case_matters=true}' : '';
      const accepted = q.accepted ?? [];
      return { ...base, interactionType: 'fill-in', ...(accepted.length ? { correctResponsesPattern: accepted.map((a) => `${prefix}${a}`) } : {}) };
    }
    case 'free-text':
      return { ...base, interactionType: 'long-fill-in' };
    case 'numeric': {
      const r = q.range;
      const pattern = !r ? [] : r.min === r.max ? [decimal(r.min)] : [`${decimal(r.min)}[:]${decimal(r.max)}`];
      return { ...base, interactionType: 'numeric', ...(pattern.length ? { correctResponsesPattern: pattern } : {}) };
    }
    case 'matching':
      return {
        ...base,
        interactionType: 'matching',
        source: components(q.sources ?? [], lang),
        target: components(q.targets ?? [], lang),
        correctResponsesPattern: [(q.pairs ?? []).map(([s, t]) => `${s}[.]${t}`).join('[,]')],
      };
    case 'likert':
      return { ...base, interactionType: 'likert', scale: components(q.scale ?? [], lang) };
  }
}

/** A response in the player's encoding, written in the xAPI format of the question's interaction type. */
export function xapiResponse(q: PlayerQuestion, response: string): string {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
    case 'sequencing':
      return responseParts(response).join('[,]');
    case 'matching':
      return responseParts(response)
        .map((pair) => pair.replace('.', '[.]'))
        .join('[,]');
    default:
      // true-false (`true`/`false`), numeric, likert, fill-in and free-text: the value itself.
      return response;
  }
}

/** The `result` of an `answered` statement: response, success, score (scaled, raw, min, max) and duration. */
export function xapiInteractionResult(q: PlayerQuestion, response: string, result: Result, score: number, latencyMs: number): InteractionResult {
  const out: InteractionResult = { response: xapiResponse(q, response), duration: xapiDuration(latencyMs) };
  if (!isScored(q) || result === 'neutral') return out;
  out.success = result === 'correct';
  const scaled = Math.min(1, Math.max(0, score));
  out.score = { scaled: round(scaled, 4), raw: round(scaled * q.weight, 2), min: 0, max: q.weight };
  return out;
}

/** ISO 8601 duration, e.g. `PT1M30.5S` (hours and minutes only when not zero; centisecond precision). */
export function xapiDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = decimal((centis % 6000) / 100, 2);
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}

/**
 * The `result` of a scenario's `answered` statement (issue 15): the path as `node[.]choice`
 * records and the ending as `node[.]verdict`, joined by `[,]` (the SCORM 2004 `performance`
 * format, with the course's own ids); success from the verdict (good: true, poor: false,
 * neutral: none); the ending's score, if it has one, out of 100.
 */
export function xapiScenarioResult(event: Extract<LearningEvent, { type: 'scenario-ended' }>): { response: string; completion: true; success?: boolean; score?: { scaled: number; raw: number; min: number; max: number } } {
  const records = [...event.steps.map((s) => `${s.node}[.]${s.choice}`), `${event.ending.id}[.]${event.ending.end}`];
  const score = event.ending.score;
  return {
    response: records.join('[,]'),
    completion: true,
    ...(event.ending.end === 'neutral' ? {} : { success: event.ending.end === 'good' }),
    ...(score === undefined ? {} : { score: { scaled: round(score / 100, 4), raw: round(score, 2), min: 0, max: 100 } }),
  };
}
