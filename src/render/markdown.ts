/**
 * Markdown to HTML for package pages. Raw HTML is escaped unless the course allows it, links are
 * limited to safe schemes, `#page-id` links become player navigation, headings start at h2
 * (the page title is the h1), and prose follows the language's typography (typography.ts).
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from '../player/core/format.js';
import type { Typography } from './typography.js';
import { stripHtmlComments } from '../course/markdown-refs.js';


const SAFE_URL = /^(?:https?:|mailto:|tel:|#|[^:]*$)/i;

/**
 * marked decodes character references (`&#7;` becomes U+0007). The rules report those to the
 * author; a model built by hand still never puts such a character into a page.
 */
function withoutRefused(html: string): string {
  return html.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export interface MarkdownRenderer {
  block(markdown: string): string;
  inline(markdown: string): string;
}

export function createMarkdown(options: { allowHtml: boolean; typography?: Typography }): MarkdownRenderer {
  const typography = options.typography;
  const marked = new Marked({
    gfm: true,
    async: false,
    // Prose only: code spans, code blocks, URLs and raw HTML keep their spaces.
    ...(typography
      ? {
          walkTokens(token) {
            if (token.type === 'text' && !('tokens' in token && token.tokens)) (token as Tokens.Text).text = typography(token.text);
          },
        }
      : {}),
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        // Comments are authors' notes: never shown to learners, whether HTML is allowed or not.
        const shown = stripHtmlComments(text);
        return options.allowHtml ? shown : escapeHtml(shown);
      },
      heading({ tokens, depth }: Tokens.Heading) {
        const level = Math.min(6, depth + 1);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens);
        if (!SAFE_URL.test(href)) return text;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        if (href.startsWith('#')) return `<a href="${escapeHtml(href)}" data-page-link="${escapeHtml(decodeURIComponent(href.slice(1)))}"${titleAttr}>${text}</a>`;
        if (/^https?:/i.test(href)) return `<a href="${escapeHtml(href)}"${titleAttr} target="_blank" rel="noopener noreferrer">${text}</a>`;
        // A course file (e.g. a PDF) opens beside the course: leaving the page would end the LMS session.
        return `<a href="${escapeHtml(href)}"${titleAttr} target="_blank" rel="noopener">${text}</a>`;
      },
      image({ href, title, text }: Tokens.Image) {
        if (!SAFE_URL.test(href) || /^https?:/i.test(href)) return escapeHtml(text);
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${titleAttr} loading="lazy">`;
      },
    },
  });
  return {
    block: (markdown) => withoutRefused((marked.parse(markdown) as string).trim()),
    inline: (markdown) => withoutRefused((marked.parseInline(markdown) as string).trim()),
  };
}
