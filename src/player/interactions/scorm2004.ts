/**
 * How a question and an answer are written as a SCORM 2004 4th edition interaction
 * (`cmi.interactions.n.*`), in formats that Moodle (`datamodels/scorm_13.js`) and scorm-again
 * both accept (LMS-RULES.md rules 26–28). Sibling of scorm12.ts; both read the player's response
 * encoding (see the PlayerQuestion doc comment) through questions.ts.
 *
 * Every value is valid by construction: short identifiers in `[A-Za-z0-9_.]`, delimiters `[,]`,
 * `[.]`, `[:]`, decimals with a leading digit and no exponent, timestamps with hundredths before
 * the `Z`, texts on one line. What a LMS could not store (more than 36 list entries, numbers
 * beyond Moodle's 5 integer digits) is written as type `other` instead of being rejected.
 */
import { correctResponse, responsePairs, responseParts } from '../core/questions.js';
import type { LearningEvent, PlayerQuestion, Result } from '../core/types.js';
import { decimal } from './decimal.js';

export type Scorm2004Type = 'true-false' | 'choice' | 'fill-in' | 'long-fill-in' | 'matching' | 'sequencing' | 'likert' | 'numeric' | 'other' | 'performance';

export interface Scorm2004Interaction {
  id: string;
  /** Written once, before any response (rule 28). */
  type: Scorm2004Type;
  /** The prompt as one line of at most 250 characters ('' when there is none). */
  description: string;
  weighting: string;
  /** '' when there is nothing to write (an empty or unreadable response). */
  learner_response: string;
  /** `correct_responses.n.pattern` in order; none for likert, free text and `other`. */
  correct_responses: string[];
  result: Result;
}

/** Most entries a list response may have (Moodle and scorm-again: choice, matching, sequencing). */
export const MAX_LIST_ENTRIES = 36;
/** SCORM 2004 guarantees 5 correct response patterns for fill-in (SPM). */
const MAX_FILL_IN_PATTERNS = 5;
/** Moodle's CMIDecimal: at most 5 digits before the point. */
const MOODLE_DECIMAL = /^-?\d{1,5}(\.\d{1,18})?$/;
const SHORT_ID = /^[A-Za-z0-9_.]{1,250}$/;

/** time(second,10,2): `YYYY-MM-DDThh:mm:ss.ssZ` in UTC, hundredths before the `Z` (rule 26). */
export function scorm2004Time(date: Date): string {
  return `${date.toISOString().slice(0, 22)}Z`;
}

/** timeinterval(second,10,2): an ISO 8601 duration such as `PT1H2M3.46S` or `PT0S` (rule 26). */
export function scorm2004Duration(ms: number): string {
  const centis = Number.isFinite(ms) ? Math.max(0, Math.round(ms / 10)) : 0;
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = decimal((centis % 6000) / 100, 2);
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds}S`;
}

/**
 * A localized characterstring as the LMSs check it: one line (their patterns use `.`), no `[,]`,
 * `[.]` or `[:]` (read as delimiters), no leading `{` (read as `{lang=…}`), trimmed, at most `max`
 * UTF-16 units without splitting a surrogate pair.
 */
export function scorm2004Text(text: string, max: number): string {
  let out = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\[([,.:])\]/g, '($1)')
    .replace(/^\{/, '(');
  if (out.length > max) {
    out = out.slice(0, max);
    if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
    out = out.trimEnd();
  }
  return out;
}

/**
 * Short identifiers (`[A-Za-z0-9_.]`, rule 28) for the ids of one list, used the same way in
 * learner_response and correct_responses. Course ids are `[a-z0-9-]`, so turning `-` into `_` is
 * one-to-one and stays readable in LMS reports; a list where that would not be (other characters,
 * collisions, too long) is numbered by position instead.
 */
export function scorm2004ShortIds(items: ReadonlyArray<{ id: string }> | undefined): Map<string, string> {
  const list = items ?? [];
  const safe = list.map((item) => item.id.replace(/[^A-Za-z0-9_.]/g, '_'));
  const usable = new Set(safe).size === safe.length && safe.every((id) => SHORT_ID.test(id));
  return new Map(list.map((item, i) => [item.id, usable ? safe[i]! : String(i)]));
}

const list = (entries: string[]): string => entries.join('[,]');

interface Encoded {
  type: Scorm2004Type;
  response: string;
  patterns: string[];
}

function numericValue(response: string): string | null {
  const value = response.trim() === '' ? Number.NaN : Number(response);
  return Number.isFinite(value) ? decimal(value) : null;
}

/** The player's response for one question in the 2004 format of its interaction type. */
function encode(q: PlayerQuestion, response: string): Encoded {
  switch (q.type) {
    case 'true-false': {
      const value = response === 'true' || response === 'false' ? response : '';
      return { type: 'true-false', response: value, patterns: typeof q.answer === 'boolean' ? [String(q.answer)] : [] };
    }
    case 'single-choice':
    case 'multiple-choice': {
      const ids = scorm2004ShortIds(q.choices);
      // In choice order, each choice once, whatever order the parts came in.
      const choiceList = (r: string) => {
        const chosen = new Set(responseParts(r));
        return (q.choices ?? []).filter((c) => chosen.has(c.id)).map((c) => ids.get(c.id)!);
      };
      return listInteraction('choice', response, choiceList(response), choiceList(correctResponse(q)));
    }
    case 'sequencing': {
      const ids = scorm2004ShortIds(q.choices);
      // In the learner's order.
      const sequence = (r: string) => responseParts(r).filter((id) => ids.has(id)).map((id) => ids.get(id)!);
      return listInteraction('sequencing', response, sequence(response), sequence(correctResponse(q)));
    }
    case 'matching': {
      const sources = scorm2004ShortIds(q.sources);
      const targets = scorm2004ShortIds(q.targets);
      const pairs = (r: string) =>
        responsePairs(r)
          .filter(([s, t]) => sources.has(s) && targets.has(t))
          .map(([s, t]) => `${sources.get(s)!}[.]${targets.get(t)!}`);
      return listInteraction('matching', response, pairs(response), pairs(correctResponse(q)));
    }
    case 'likert': {
      const ids = scorm2004ShortIds(q.scale);
      return { type: 'likert', response: ids.get(response) ?? '', patterns: [] };
    }
    case 'numeric': {
      const value = numericValue(response);
      const range = q.range ? [decimal(q.range.min), decimal(q.range.max)] : [];
      if ((value !== null && !MOODLE_DECIMAL.test(value)) || !range.every((n) => MOODLE_DECIMAL.test(n))) return other(response);
      return { type: 'numeric', response: value ?? '', patterns: range.length ? [`${range[0]}[:]${range[1]}`] : [] };
    }
    case 'fill-in': {
      const prefix = q.caseSensitive ? '{case_matters=true}' : '';
      const accepted = [...new Set((q.accepted ?? []).map(fillInPattern).filter((a) => a !== ''))];
      return { type: 'fill-in', response: scorm2004Text(response, 250), patterns: accepted.slice(0, MAX_FILL_IN_PATTERNS).map((a) => `${prefix}${a}`) };
    }
    case 'free-text':
      return { type: 'long-fill-in', response: scorm2004Text(response, 4000), patterns: [] };
    default:
      return other(response);
  }
}

/**
 * One accepted fill-in answer as a correct-response pattern. Its delimiter is `[,]`, so a comma is
 * text for the standard and Moodle; scorm-again (and LMSs built on it) also split a pattern without
 * `[,]` at bare commas and refuse the part after `, ` (error 406). A comma is written `\,`, which
 * scorm-again reads as a comma; Moodle keeps the backslash in its report.
 */
export function fillInPattern(answer: string): string {
  let out = scorm2004Text(answer, 250).replace(/,/g, '\\,');
  if (out.length > 250) out = out.slice(0, 250).replace(/\\$/, '').trimEnd();
  return out;
}

/** A list type, or `other` with the player's response when the list is longer than LMSs take. */
function listInteraction(type: 'choice' | 'sequencing' | 'matching', raw: string, response: string[], correct: string[]): Encoded {
  if (response.length > MAX_LIST_ENTRIES || correct.length > MAX_LIST_ENTRIES) return other(raw);
  return { type, response: list(response), patterns: correct.length ? [list(correct)] : [] };
}

/** What no typed format can hold: kept for the report as plain text, with no correct response. */
function other(text: string): Encoded {
  return { type: 'other', response: scorm2004Text(text, 4000), patterns: [] };
}

export function scorm2004Interaction(q: PlayerQuestion, response: string, result: Result, interactionId = q.id): Scorm2004Interaction {
  const encoded = encode(q, response);
  return {
    id: interactionId,
    type: encoded.type,
    description: scorm2004Text(q.prompt ?? '', 250),
    weighting: decimal(q.weight),
    learner_response: encoded.response,
    correct_responses: encoded.patterns,
    result,
  };
}

/** A scenario id as a short identifier (`[A-Za-z0-9_.]`, Moodle's CMIShortIdentifier): course ids are `[a-z0-9-]`. */
const shortId = (id: string) => id.replace(/[^A-Za-z0-9_.]/g, '_');

/**
 * A scenario's ending as a SCORM 2004 interaction (issue 15): type `performance`, its learner
 * response the path as records `node[.]choice` and the ending as `node[.]verdict`, joined by
 * `[,]` (at most 65 records of the standard's 250; step names and answers are short identifiers,
 * which Moodle's `scorm_13.js` and scorm-again both accept). No correct response (no path is the
 * one right path); result correct / incorrect / neutral; weighting 0: practice, no score.
 */
export function scorm2004ScenarioInteraction(event: Extract<LearningEvent, { type: 'scenario-ended' }>): Scorm2004Interaction {
  const records = [...event.steps.map((s) => `${shortId(s.node)}[.]${shortId(s.choice)}`), `${shortId(event.ending.id)}[.]${event.ending.end}`];
  return {
    id: event.scenario.id,
    type: 'performance',
    description: scorm2004Text(event.scenario.title, 250),
    weighting: '0',
    learner_response: records.join('[,]'),
    correct_responses: [],
    result: event.result,
  };
}
