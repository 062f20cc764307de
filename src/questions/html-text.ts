/**
 * Texts of a bank in the course's two kinds of text: Markdown (prompts, feedback) and plain text
 * (choices, items). HTML goes through turndown, the common HTML-to-Markdown converter, so lists,
 * emphasis, links and images survive; Moodle's own markdown format is kept as it is.
 */
import TurndownService from 'turndown';

export type TextFormat = 'html' | 'markdown' | 'plain' | 'moodle';

let markdownService: TurndownService | undefined;
let plainService: TurndownService | undefined;

function markdownConverter(): TurndownService {
  markdownService ??= new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', emDelimiter: '*', bulletListMarker: '-' });
  return markdownService;
}

function plainConverter(): TurndownService {
  if (!plainService) {
    plainService = new TurndownService();
    // Plain text shows every character as typed: nothing to escape, no emphasis marks.
    plainService.escape = (text: string) => text;
    plainService.addRule('inline-as-text', {
      filter: ['strong', 'b', 'em', 'i', 'code', 'span', 'sub', 'sup', 'u', 'a'],
      replacement: (content) => content,
    });
  }
  return plainService;
}

const looksLikeHtml = (text: string): boolean => /<\/?[a-z][^>]*>|&[a-z#0-9]+;/i.test(text);

/** A prompt or feedback as Markdown. */
export function toMarkdown(text: string, format: TextFormat): string {
  if (format === 'markdown') return text.trim();
  if (format === 'plain') return text.trim().replace(/([\\`*_[\]#<>])/g, '\\$1');
  if (!looksLikeHtml(text)) return format === 'moodle' ? text.trim() : text.trim();
  return markdownConverter().turndown(text).trim();
}

/** A choice or item as plain text (HTML tags removed, entities decoded). */
export function toPlain(text: string, format: TextFormat): string {
  if (format === 'plain' || format === 'markdown' || !looksLikeHtml(text)) return text.trim();
  return plainConverter().turndown(text).replace(/\s+/g, ' ').trim();
}

/** A plain text as HTML, for formats whose answers are HTML. */
export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
