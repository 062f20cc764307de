/**
 * Markdown the renderer (marked) cannot take in reasonable time or stack: thousands of emphasis
 * marks cost it quadratic time (50,000 took 28 s), and 10,000 nested quotes overflow its stack.
 * Both are far beyond any real text, so a text past these limits is refused before it is parsed.
 */

/** `*` and `_` in one text. 1,000 cost marked about 0.1 s. */
export const MAX_EMPHASIS_MARKS = 1_000;
/** Quote markers (`>`) at the start of a line, or list items indented this many columns deep. */
export const MAX_QUOTE_DEPTH = 16;
export const MAX_LIST_INDENT = 64;

export interface MarkdownExcess {
  /** Index in the text where the limit is passed. */
  index: number;
  message: string;
}

export function markdownExcess(text: string): MarkdownExcess | undefined {
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 42 || c === 95) && ++marks > MAX_EMPHASIS_MARKS) return { index: i, message: `this text has more than ${MAX_EMPHASIS_MARKS} emphasis marks (* or _)` };
  }
  const quotes = new RegExp(`^ {0,3}(?:> ?){${MAX_QUOTE_DEPTH + 1}}`, 'm').exec(text);
  if (quotes) return { index: quotes.index, message: `quotes (>) are nested more than ${MAX_QUOTE_DEPTH} levels deep here` };
  const list = new RegExp(`^[ \\t]{${MAX_LIST_INDENT + 1},}(?:[-+*]|\\d{1,9}[.)])[ \\t]`, 'm').exec(text);
  if (list) return { index: list.index, message: `a list item is indented more than ${MAX_LIST_INDENT} columns (lists nested too deep)` };
  return undefined;
}
