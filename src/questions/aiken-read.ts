/**
 * Reads Aiken, Moodle's one-answer multiple-choice text format: the question on its own line(s),
 * options `A.` or `A)`, then `ANSWER: X`. It is a few lines of syntax, so no library is used.
 */
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { ReadContext } from './bank.js';
import type { RawQuestion } from './raw.js';

const OPTION = /^([A-Z])[.)]\s+(.*)$/;
const ANSWER = /^ANSWER\s*:\s*([A-Z])\s*$/i;

/** Aiken's shape, for detecting the format: options then an ANSWER line. */
export const looksLikeAiken = (text: string): boolean => /^[A-Z][.)]\s+.+\n(?:.*\n)*?ANSWER\s*:\s*[A-Z]\s*$/im.test(text.replace(/\r\n?/g, '\n'));

export function readAiken(source: string, ctx: ReadContext, out: Diagnostic[]): RawQuestion[] {
  const questions: RawQuestion[] = [];
  let stem: string[] = [];
  let stemLine = 0;
  let options: Array<{ letter: string; text: string }> = [];
  const at = (line: number, column = 1) => ({ file: ctx.file, line: line + 1, column });
  source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      const answer = ANSWER.exec(line);
      const option = OPTION.exec(line);
      if (answer) {
        const letter = answer[1]!.toUpperCase();
        if (!stem.length) out.push(diag('question-syntax', 'ANSWER without a question before it', at(i)));
        else if (options.length < 2) out.push(diag('question-syntax', 'a question needs at least two options (A. … B. …) before ANSWER', at(i)));
        else if (!options.some((o) => o.letter === letter)) out.push(diag('question-syntax', `ANSWER: ${letter} names no option of this question`, at(i, raw.indexOf(answer[1]!) + 1)));
        else {
          questions.push({
            type: 'multichoice',
            single: true,
            name: stem[0]!,
            category: '',
            at: at(stemLine),
            text: { text: stem.join('\n'), format: 'plain' },
            answers: options.map((o) => ({ text: { text: o.text, format: 'plain' }, fraction: o.letter === letter ? 1 : 0 })),
          });
        }
        stem = [];
        options = [];
      } else if (option && stem.length) options.push({ letter: option[1]!, text: option[2]!.trim() });
      else if (options.length) {
        out.push(diag('question-syntax', 'expected another option (A. …) or the ANSWER: line', at(i)));
        stem = [];
        options = [];
      } else {
        if (!stem.length) stemLine = i;
        stem.push(line);
      }
    });
  if (stem.length) out.push(diag('question-syntax', 'the last question has no ANSWER: line', at(stemLine)));
  return questions;
}
