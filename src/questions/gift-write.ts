/**
 * GIFT as Moodle's GIFT importer reads it (question/format/gift): one question per paragraph,
 * `$CATEGORY:` switches, texts in `[markdown]`, the reserved characters escaped as Moodle's own
 * export escapes them. Only what gift-pegjs parses back is written.
 */
import type { Question } from '../course/model.js';
import { acceptedAnswers, feedbackParts, nonEmpty, shareOf, valueAndTolerance, type ExportCategory, type ExportContext } from './export.js';

/** Moodle's GIFT escaping: \ # = ~ { } : and line breaks as \n. */
export const escapeGift = (text: string): string => text.replace(/[\\#=~{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

const withFeedback = (text: string, feedback: string) => `${escapeGift(text)}${nonEmpty(feedback) ? `#${escapeGift(feedback)}` : ''}`;

/** The answer texts of a question as GIFT writes them, where `->` would read as a matching pair. */
function answerTexts(q: Question, ctx: ExportContext): string[] {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return q.choices.map((c) => ctx.text(c.text));
    case 'fill-in':
      return q.answers.flatMap((a) => ctx.languages.map((l) => a[l] ?? ''));
    case 'matching':
      return [...q.pairs.flatMap((p) => [ctx.text(p.source.text), ctx.text(p.target.text)]), ...q.distractors.map((d) => ctx.text(d.text))];
    default:
      return [];
  }
}

function body(q: Question, ctx: ExportContext): string | null {
  if (answerTexts(q, ctx).some((t) => t.includes('->'))) {
    ctx.warn(q, 'an answer contains "->", which GIFT reads as a matching pair and cannot escape; export as moodlexml');
    return null;
  }
  const { general, correct, incorrect } = feedbackParts(q, ctx);
  const generalPart = nonEmpty(general) ? `\n\t####${escapeGift(general)}` : '';
  const noCombined = () => {
    if (nonEmpty(correct) || nonEmpty(incorrect)) ctx.warn(q, 'GIFT has no feedback for right and wrong answers as a whole; it is left out (or give both the same text: it becomes general feedback)', 'question-approximated');
  };
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice': {
      noCombined();
      const single = q.type === 'single-choice';
      const k = q.choices.filter((c) => c.correct).length;
      if (!single && q.scoring === 'all-or-nothing') ctx.warn(q, 'Moodle gives partial credit per choice; all-or-nothing scoring becomes partial credit', 'question-approximated');
      const mark = (c: (typeof q.choices)[number]) => (single ? (c.correct ? '=' : '~') : c.correct ? `~%${shareOf(k)}%` : `~%-${shareOf(k)}%`);
      return `{\n${q.choices.map((c) => `\t${mark(c)}${withFeedback(ctx.text(c.text), ctx.text(c.feedback))}`).join('\n')}${generalPart}\n}`;
    }
    case 'true-false': {
      // {TRUE#feedback for a wrong answer#feedback for the right one}
      const fb = nonEmpty(correct) || nonEmpty(incorrect) ? `#${escapeGift(incorrect)}#${escapeGift(correct)}` : '';
      return `{${q.answer ? 'TRUE' : 'FALSE'}${fb}${nonEmpty(general) ? `####${escapeGift(general)}` : ''}}`;
    }
    case 'fill-in': {
      if (q.caseSensitive) ctx.warn(q, 'GIFT short answers ignore letter case; the case rule is left out', 'question-approximated');
      const answers = acceptedAnswers(q, ctx).map((a) => `\t=%100%${withFeedback(a, correct)}`);
      if (nonEmpty(incorrect)) answers.push(`\t=%0%*#${escapeGift(incorrect)}`);
      return `{\n${answers.join('\n')}${generalPart}\n}`;
    }
    case 'numeric': {
      if (nonEmpty(incorrect)) ctx.warn(q, 'its feedback for wrong answers is left out: the GIFT parser reads no catch-all numerical answer', 'question-approximated');
      const { value, tolerance } = valueAndTolerance(q.range);
      return `{#\n\t=${value}:${tolerance}${nonEmpty(correct) ? `#${escapeGift(correct)}` : ''}${generalPart}\n}`;
    }
    case 'matching':
      noCombined();
      return `{\n${[...q.pairs.map((p) => `\t=${escapeGift(ctx.text(p.source.text))} -> ${escapeGift(ctx.text(p.target.text))}`), ...q.distractors.map((d) => `\t= -> ${escapeGift(ctx.text(d.text))}`)].join('\n')}${generalPart}\n}`;
    case 'free-text':
      return `{${nonEmpty(general) ? `####${escapeGift(general)}` : ''}}`;
    case 'sequencing':
    case 'likert':
      ctx.warn(q, q.type === 'likert' ? 'a survey scale has no GIFT question type' : 'GIFT has no ordering question type');
      return null;
  }
}

export function writeGift(categories: ExportCategory[], ctx: ExportContext): { text: string; count: number } {
  const parts: string[] = [];
  let count = 0;
  for (const c of categories) {
    parts.push(`$CATEGORY: ${c.path}`);
    for (const q of c.questions) {
      const b = body(q, ctx);
      if (b === null) continue;
      if (/\]\(assets\//.test(ctx.text(q.prompt))) ctx.warn(q, 'its images are not in the file: GIFT cannot carry files; add them in Moodle, or export as moodlexml', 'question-approximated');
      parts.push(`// question: ${q.id}\n::${escapeGift(q.id)}::[markdown]${escapeGift(ctx.text(q.prompt))}${b}`);
      count++;
    }
  }
  return { text: `${parts.join('\n\n')}\n`, count };
}
