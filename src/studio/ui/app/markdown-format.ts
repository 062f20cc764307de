/**
 * The Markdown toolbar's actions on a textarea's text and selection: pure, so each is tested
 * without a browser. Each returns the new text and the selection to restore.
 */
export type MarkdownAction = 'bold' | 'italic' | 'link' | 'list' | 'heading' | 'image';

export interface Edit {
  text: string;
  start: number;
  end: number;
}

const wrap = (e: Edit, mark: string, empty: string): Edit => {
  const inner = e.text.slice(e.start, e.end) || empty;
  const text = e.text.slice(0, e.start) + mark + inner + mark + e.text.slice(e.end);
  return { text, start: e.start + mark.length, end: e.start + mark.length + inner.length };
};

/** The start of the line holding `at`, and the end of the line holding `to`. */
const lineSpan = (text: string, at: number, to: number): [number, number] => {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', Math.max(to - (to > at && text[to - 1] === '\n' ? 1 : 0), at));
  return [start, nl === -1 ? text.length : nl];
};

/** Prefixes each selected line (or the current one) with `prefix`, unless all already have it (then removes it). */
const prefixLines = (e: Edit, prefix: string): Edit => {
  const [start, end] = lineSpan(e.text, e.start, e.end);
  const lines = e.text.slice(start, end).split('\n');
  const all = lines.every((l) => l.startsWith(prefix));
  const changed = lines.map((l) => (all ? l.slice(prefix.length) : prefix + l)).join('\n');
  return { text: e.text.slice(0, start) + changed + e.text.slice(end), start, end: start + changed.length };
};

/**
 * `placeholders`: the words put in when the selection is empty (translated by the caller):
 * `text` for bold/italic/link text, `url` for link targets, `alt` for image descriptions.
 */
export function applyMarkdown(action: MarkdownAction, e: Edit, placeholders: { text: string; url: string; alt: string; image: string }): Edit {
  switch (action) {
    case 'bold':
      return wrap(e, '**', placeholders.text);
    case 'italic':
      return wrap(e, '*', placeholders.text);
    case 'link': {
      const label = e.text.slice(e.start, e.end) || placeholders.text;
      const before = `${e.text.slice(0, e.start)}[${label}](`;
      return { text: `${before}${placeholders.url})${e.text.slice(e.end)}`, start: before.length, end: before.length + placeholders.url.length };
    }
    case 'image': {
      const alt = e.text.slice(e.start, e.end) || placeholders.alt;
      const before = `${e.text.slice(0, e.start)}![${alt}](`;
      return { text: `${before}${placeholders.image})${e.text.slice(e.end)}`, start: before.length, end: before.length + placeholders.image.length };
    }
    case 'list':
      return prefixLines(e, '- ');
    case 'heading':
      return prefixLines(e, '## ');
  }
}
