/** Mapping of the typed-answer questions (short answer, numerical) and the gap questions. */
import type { LangMap } from './bank.js';
import { toPlain } from './html-text.js';
import { choiceId } from './ids.js';
import type { Mapper } from './map.js';
import type { RawAnswer } from './raw.js';

const FULL = 0.9999;
const plainOf = (a: RawAnswer): string => toPlain(a.text.text, a.text.format);
const isCatchAll = (a: RawAnswer): boolean => plainOf(a) === '*';

/** One regular expression for Moodle's `*` wildcard answers; `\*` is a literal star. */
export function wildcardPattern(answers: string[]): string | undefined {
  const wild = answers.filter((a) => /(^|[^\\])\*/.test(a));
  if (!wild.length) return undefined;
  const alternatives = wild.map((a) =>
    a
      .split(/(?<!\\)\*/)
      .map((part) => part.replace(/\\\*/g, '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  );
  return `^(?:${alternatives.join('|')})$`;
}

/** Per-answer feedback of typed answers: the course has one for right and one for wrong answers. */
function typedFeedback(m: Mapper, right: RawAnswer[], catchAll: RawAnswer | undefined): { feedbackCorrect?: LangMap; feedbackIncorrect?: LangMap } {
  const texts = right.map((a) => (a.feedback ? a.feedback.text.trim() : '')).filter(Boolean);
  if (new Set(texts).size > 1) m.warn('its accepted answers have different feedback: the first one is shown for every right answer');
  const first = right.find((a) => a.feedback?.text.trim());
  return {
    ...(first?.feedback ? { feedbackCorrect: m.markdown(first.feedback) } : {}),
    ...(catchAll?.feedback?.text.trim() ? { feedbackIncorrect: m.markdown(catchAll.feedback) } : {}),
  };
}

export function mapShortAnswer(m: Mapper): Record<string, unknown> | string {
  const catchAll = m.q.answers.find((a) => isCatchAll(a) && a.fraction < FULL);
  const answers = m.q.answers.filter((a) => a !== catchAll);
  const right = answers.filter((a) => a.fraction >= FULL);
  const partial = answers.filter((a) => a.fraction > 0 && a.fraction < FULL);
  const wrong = answers.filter((a) => a.fraction <= 0);
  if (!right.length) return 'no answer gives full marks';
  if (partial.length) m.warn(`its answers with partial credit (${partial.map(plainOf).join(', ')}) are left out: a fill-in answer is right or wrong`);
  if (wrong.some((a) => a.feedback?.text.trim())) m.warn('its feedback for particular wrong answers is left out');
  const accepted = [...new Set(right.map(plainOf))];
  const everyLang = (text: string): LangMap => Object.fromEntries(m.ctx.languages.map((l) => [l, text]));
  const pattern = wildcardPattern(accepted);
  return {
    type: 'fill-in',
    answers: accepted.map(everyLang),
    ...(m.q.caseSensitive ? { caseSensitive: true } : {}),
    ...(pattern ? { pattern } : {}),
    ...typedFeedback(m, right, catchAll),
  };
}

export function mapNumerical(m: Mapper): Record<string, unknown> | string {
  const catchAll = m.q.answers.find((a) => isCatchAll(a) && a.fraction < FULL);
  const right = m.q.answers.filter((a) => a !== catchAll && a.fraction >= FULL);
  const partial = m.q.answers.filter((a) => a !== catchAll && a.fraction > 0 && a.fraction < FULL);
  if (!right.length) return 'no answer gives full marks';
  const first = right[0]!;
  const value = Number(plainOf(first));
  if (!Number.isFinite(value)) return `its answer "${plainOf(first)}" is not a number`;
  if (right.length > 1) m.warn('it accepts several numbers: only the first one (with its tolerance) is kept');
  if (partial.length) m.warn('its answers with partial credit are left out: a numeric answer is right or wrong');
  const units = m.q.units ?? [];
  if (units.length) {
    const base = units.find((u) => u.multiplier === 1)?.name ?? units[0]!.name;
    m.warn(`its units are not asked for: the learner types the number alone, in ${base}; say so in the question text`);
  }
  const tolerance = first.tolerance ?? 0;
  return { type: 'numeric', answer: tolerance > 0 ? { value, tolerance } : value, ...typedFeedback(m, right, catchAll) };
}

// turndown escapes the brackets of a gap written in HTML.
const GAP = /\\?\[\\?\[(\d+)\\?\]\\?\]/g;

/** gapselect / ddwtos with one gap: a single-choice question whose prompt shows the gap. */
export function mapGaps(m: Mapper, prompt: LangMap): Record<string, unknown> | string {
  const gaps = new Set(Object.values(prompt).flatMap((t) => [...t.matchAll(GAP)].map((g) => Number(g[1]))));
  if (gaps.size !== 1) return `unsupported:it has ${gaps.size} gaps; only a text with one gap maps to a single-choice question`;
  const options = m.q.options ?? [];
  const [gap] = [...gaps];
  const correct = options[gap! - 1];
  if (!correct) return `gap [[${gap}]] names no option`;
  const group = options.filter((o) => o.group === correct.group);
  if (group.length < 2) return 'the gap has fewer than two options to choose from';
  const promptOverride = Object.fromEntries(Object.entries(prompt).map(([l, t]) => [l, t.replace(GAP, '\\_\\_\\_\\_\\_')]));
  return {
    type: 'single-choice',
    promptOverride,
    choices: group.map((o, i) => ({ id: choiceId(i), text: m.plain({ text: o.text, format: 'plain' }), ...(o === correct ? { correct: true } : {}) })),
  };
}
