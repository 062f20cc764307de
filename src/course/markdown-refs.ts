import { Lexer, type Token, type Tokens } from 'marked';

/** Removes HTML comments, an unclosed one to the end: authors' notes never reach learners. */
export function stripHtmlComments(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

export interface MarkdownRef {
  kind: 'link' | 'image' | 'html';
  /** The URL, or the raw HTML. */
  target: string;
  /** An image's alternative text (the words in brackets). */
  alt?: string;
}

/**
 * What every link, image or raw HTML token needs in its text: `[` (links, images, reference
 * definitions), `<` (autolinks, HTML), `@` (GFM e-mail autolinks, `mailto:`/`xmpp:` included),
 * `://` (GFM `http://`, `https://`, `ftp://` autolinks) or `www.` (GFM `www.` autolinks).
 * Most course texts (titles, choices, short answers) hold none of them, and lexing them all
 * was a tenth of a `check`; tests/property/markdown-refs.test.ts holds the filter to the lexer.
 */
const MAY_HOLD_REF = /[[<@]|:\/\/|www\./i;

/** Links, images and raw HTML in a Markdown text, in document order. */
export function markdownRefs(markdown: string): MarkdownRef[] {
  return MAY_HOLD_REF.test(markdown) ? refsInTokens(new Lexer().lex(markdown)) : [];
}

/** Links, images and raw HTML among lexed tokens, in document order. */
export function refsInTokens(tokens: Token[]): MarkdownRef[] {
  const refs: MarkdownRef[] = [];
  const visit = (tokens: Token[] | undefined): void => {
    for (const token of tokens ?? []) {
      if (token.type === 'link') refs.push({ kind: 'link', target: (token as Tokens.Link).href });
      else if (token.type === 'image') refs.push({ kind: 'image', target: (token as Tokens.Image).href, alt: (token as Tokens.Image).text });
      else if (token.type === 'html') {
        // Comments are notes for other authors: dropped from the output, so nothing to report.
        const raw = (token as Tokens.HTML).raw;
        // Point at the markup itself, after any comment that opens the block.
        if (stripHtmlComments(raw).trim() !== '') refs.push({ kind: 'html', target: raw.replace(/^(?:\s*<!--[\s\S]*?-->)+\s*/, '') });
      }
      const nested = token as { tokens?: Token[]; items?: Token[] };
      visit(nested.tokens);
      visit(nested.items);
      if (token.type === 'table') {
        const table = token as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) visit(cell.tokens);
      }
    }
  };
  visit(tokens);
  return refs;
}

export type LinkKind = 'page' | 'external' | 'asset';

export function classifyLink(target: string): LinkKind {
  if (target.startsWith('#')) return 'page';
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) return 'external';
  return 'asset';
}
