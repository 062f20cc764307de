/**
 * Markdown made of its own syntax (issue 13, points 1 and 5): whatever an author writes in a
 * Markdown field, either the limits refuse it (markdown-too-complex) or the lexer and the renderer
 * take it without throwing, and the HTML holds no character a page cannot carry and no author
 * script. Seeded like the other property tests (tests/README.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownExcess } from '../../src/course/markdown-limits.js';
import { markdownRefs } from '../../src/course/markdown-refs.js';
import { createMarkdown } from '../../src/render/markdown.js';
import { typographyFor } from '../../src/render/typography.js';
import { executableMarkup, parseHtml } from '../support/html-safety.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 60;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);

const PIECES = [
  '*', '_', '**', '~~', '`', '```', '>', '> ', '- ', '1. ', '#', '# ', '[', ']', '(', ')', '![', '](', '<', '>', '</', '<!--', '-->', '&', '&#', ';', '\\', '|', '---',
  '\n', '\n\n', '  ', '    ', '\t', 'a', 'word', 'x', ' ', ':', 'http://', 'https://e.org/', 'javascript:', 'mailto:', 'www.', '<script>', '<img src=x onerror=a>', '"', "'", '&#7;', '&amp;', 'é', '‮', '\u200b',
];

const markdownArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((p) => p.join(''));

describe('generated Markdown', () => {
  it('is refused by the limits, or rendered without an exception into HTML with no author script', () => {
    const block = createMarkdown({ allowHtml: false, typography: typographyFor('fr') });
    fc.assert(
      fc.property(markdownArb, (text) => {
        if (markdownExcess(text)) return;
        markdownRefs(text);
        for (const html of [block.block(text), block.inline(text)]) {
          expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/);
          expect(executableMarkup(parseHtml(`<body>${html}</body>`), { playerScripts: false })).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
