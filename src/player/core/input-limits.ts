/**
 * What a learner can put into a text or number field, enforced by the player whatever the browser
 * let through (maxlength is not applied to pasted text everywhere, nor to values set by script).
 * The build bounds the learner state from these same limits (src/package/limits.ts).
 */
import { parseNumber } from './questions.js';

/** `maxlength` of a numeric question's input (templates/question.eta via src/render/site.ts). */
export const NUMBER_INPUT_MAX_LENGTH = 32;

const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The text kept from a text field: at most `max` UTF-16 code units (as `maxlength` counts), no
 * control character but the line break, no lone surrogate (JSON, UTF-8 and URL encoding, which
 * LMSs apply to the saved state, cannot carry one: `encodeURIComponent` throws).
 */
export function acceptText(text: string, max: number): string {
  return text.replace(CONTROLS, ' ').slice(0, Math.max(0, max)).replace(LONE_SURROGATES, '\ufffd');
}

/** The response of a numeric field (a dot-decimal number), or '' when it is empty, too long or not a number. */
export function numberResponse(typed: string): string {
  if (typed.length > NUMBER_INPUT_MAX_LENGTH) return '';
  return parseNumber(typed) ?? '';
}
