/**
 * SCORM 1.2 responses as the player writes them (src/player/interactions/scorm12.ts) read back
 * into the player's encoding, with the course model: choices, matching items, sequence steps and
 * likert points are single characters 0-9a-z by position in the question.
 */
import type { Question } from '../course/model.js';

const CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';

const at = <T extends { id: string }>(list: readonly T[], ch: string): string | undefined => {
  const i = CHARS.indexOf(ch.trim().toLowerCase());
  return i >= 0 ? list[i]?.id : undefined;
};

const chars = (text: string) => text.split(',').map((c) => c.trim()).filter(Boolean);

export function fromScorm12Response(q: Question, response: string): string {
  switch (q.type) {
    case 'true-false':
      return /^(t|true|1)$/i.test(response.trim()) ? 'true' : 'false';
    case 'single-choice':
    case 'multiple-choice':
      if (q.choices.length > CHARS.length) return response;
      return chars(response).map((c) => at(q.choices, c) ?? c).join(',');
    case 'matching': {
      const targets = [...q.pairs.map((p) => p.target), ...q.distractors];
      return chars(response)
        .map((pair) => {
          const [s = '', t = ''] = pair.split('.');
          return `${at(q.pairs.map((p) => p.source), s) ?? s}.${at(targets, t) ?? t}`;
        })
        .join(',');
    }
    case 'sequencing':
      return chars(response).map((c) => at(q.items, c) ?? c).join(',');
    case 'likert':
      return at(q.scale, response) ?? response;
    default:
      return response;
  }
}
