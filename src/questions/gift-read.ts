/**
 * Reads GIFT with gift-pegjs (a PEG grammar of the format, maintained, typed). The file is cut at
 * the blank lines between questions first, and each piece parsed alone: every question keeps its
 * line, and a syntax error in one question does not hide the errors in the others.
 */
import { parse, type GIFTQuestion, type TextChoice, type FormatType as GiftFormat } from 'gift-pegjs';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { ReadContext } from './bank.js';
import type { TextFormat } from './html-text.js';
import type { RawAnswer, RawQuestion, RawText } from './raw.js';

interface Piece {
  text: string;
  /** 0-based line of the piece's first line in the file. */
  line: number;
}

/** Splits at blank lines, as Moodle does: a question never spans one (comment-only pieces are dropped). */
export function giftPieces(source: string): Piece[] {
  const pieces: Piece[] = [];
  let current: string[] = [];
  let start = 0;
  const flush = () => {
    if (current.some((l) => l.trim() && !l.trim().startsWith('//'))) pieces.push({ text: current.join('\n'), line: start });
    current = [];
  };
  source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return flush();
      if (!current.length) start = i;
      current.push(line);
    });
  flush();
  return pieces;
}

const FORMATS: Record<GiftFormat, TextFormat> = { moodle: 'moodle', html: 'html', markdown: 'markdown', plain: 'plain' };
const rawText = (t: { format: GiftFormat; text: string } | null | undefined): RawText | undefined => (t ? { text: t.text, format: FORMATS[t.format] ?? 'moodle' } : undefined);

export function readGift(source: string, ctx: ReadContext, out: Diagnostic[]): RawQuestion[] {
  const questions: RawQuestion[] = [];
  let category = '';
  for (const piece of giftPieces(source)) {
    let parsed: GIFTQuestion[];
    try {
      parsed = parse(`${piece.text}\n`);
    } catch (error) {
      const e = error as { message?: string; location?: { start: { line: number; column: number } } };
      const lines = piece.text.split('\n');
      // An unclosed brace is noticed past the end of the piece: point at its last character instead.
      const line = Math.min(e.location?.start.line ?? 1, lines.length);
      const column = line === e.location?.start.line ? e.location.start.column : lines[line - 1]!.length;
      out.push(diag('question-syntax', `not valid GIFT: ${e.message ?? String(error)}`, { file: ctx.file, line: piece.line + line, column }));
      continue;
    }
    const firstLine = piece.text.split('\n').findIndex((l) => l.trim() && !l.trim().startsWith('//'));
    const at = { file: ctx.file, line: piece.line + Math.max(0, firstLine) + 1, column: 1 };
    for (const q of parsed) {
      if (q.type === 'Category') category = q.title;
      else questions.push(toRaw(q, category, at));
    }
  }
  return questions;
}

function toRaw(q: Exclude<GIFTQuestion, { type: 'Category' }>, category: string, at: RawQuestion['at']): RawQuestion {
  const base: RawQuestion = { type: 'description', name: q.title ?? '', category, at, text: rawText(q.stem)!, answers: [] };
  if ('globalFeedback' in q && q.globalFeedback) base.generalFeedback = rawText(q.globalFeedback);
  const answer = (c: TextChoice, fraction: number): RawAnswer => ({ text: rawText(c.text)!, fraction, ...(c.feedback ? { feedback: rawText(c.feedback)! } : {}) });
  switch (q.type) {
    case 'Description':
      return base;
    case 'Essay':
      return { ...base, type: 'essay' };
    case 'TF': {
      // GIFT: {T#feedback for a wrong answer#feedback for the right one}.
      const right = { text: { text: String(q.isTrue), format: 'plain' as const }, fraction: 1, ...(q.falseFeedback ? { feedback: rawText(q.falseFeedback)! } : {}) };
      const wrong = { text: { text: String(!q.isTrue), format: 'plain' as const }, fraction: 0, ...(q.trueFeedback ? { feedback: rawText(q.trueFeedback)! } : {}) };
      return { ...base, type: 'truefalse', answers: q.isTrue ? [right, wrong] : [wrong, right] };
    }
    case 'MC': {
      const single = q.choices.some((c) => c.isCorrect && c.weight === null);
      return { ...base, type: 'multichoice', single, answers: q.choices.map((c) => answer(c, c.weight !== null ? c.weight / 100 : c.isCorrect ? 1 : 0)) };
    }
    case 'Short':
      return { ...base, type: 'shortanswer', answers: q.choices.map((c) => answer(c, c.weight !== null ? c.weight / 100 : 1)) };
    case 'Numerical': {
      const choices = Array.isArray(q.choices) ? q.choices : [{ isCorrect: true, weight: null, text: q.choices, feedback: null }];
      const answers = choices.map((c): RawAnswer => {
        const n = c.text;
        const [value, tolerance] = n.type === 'high-low' ? [((n.numberHigh ?? 0) + (n.numberLow ?? 0)) / 2, ((n.numberHigh ?? 0) - (n.numberLow ?? 0)) / 2] : [n.number ?? 0, n.range ?? 0];
        return { text: { text: String(value), format: 'plain' }, fraction: c.weight !== null ? c.weight / 100 : 1, tolerance, ...(c.feedback ? { feedback: rawText(c.feedback)! } : {}) };
      });
      return { ...base, type: 'numerical', answers };
    }
    case 'Matching':
      return { ...base, type: 'matching', subquestions: q.matchPairs.map((p) => ({ text: rawText(p.subquestion)!, answer: unescapeSubanswer(p.subanswer) })) };
  }
}

/** gift-pegjs 1.0 leaves an escaped character of a matching answer as `&&061;` (its decimal code): decode it. */
const unescapeSubanswer = (text: string): string => text.replace(/&&(\d{3});/g, (_, code: string) => String.fromCharCode(Number(code)));
