/**
 * markdownRefs lexes only texts that can hold a link, an image or raw HTML (a speed-up: most
 * course texts are titles and choices). Whatever the text, the refs it finds are exactly those
 * of the full lexer. Seeded like the other property tests (tests/README.md).
 */
import fc from 'fast-check';
import { Lexer } from 'marked';
import { describe, expect, it } from 'vitest';
import { markdownRefs, refsInTokens } from '../../src/course/markdown-refs.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 200;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1414);

// Everything marked turns into a link, image or HTML, in pieces, with near misses beside them.
const PIECES = [
  '[', ']', '(', ')', '![', '](', '[x]: ', '<', '>', '</', '<!--', '-->', '<a href="u">', '<br>', '<http://e.org>', '<a@b.co>',
  'http://', 'https://', 'HTTP://', 'ftp://', 'FTP://', 'e.org', 'www.', 'WWW.', 'Www.', 'www', 'http', ':', '//', '/', '.', '@', 'a@b.co',
  'mailto:', 'xmpp:', 'tel:', '&', '&lt;', '&#91;', '&#x3C;', '\\', '*', '_', '`', '~', '|', '-', '# ', '> ', '- ', '1. ', '    ',
  '\n', '\n\n', ' ', 'a', 'word', 'é', '0',
];

const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((p) => p.join(''));

describe('markdownRefs', () => {
  it('finds exactly the refs of the full lexer', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(markdownRefs(text)).toEqual(refsInTokens(new Lexer().lex(text)));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('finds e-mail, www and protocol autolinks without brackets', () => {
    expect(markdownRefs('write to a@b.co')).toEqual([{ kind: 'link', target: 'mailto:a@b.co' }]);
    expect(markdownRefs('see www.example.org')).toEqual([{ kind: 'link', target: 'http://www.example.org' }]);
    expect(markdownRefs('see FTP://example.org')).toEqual([{ kind: 'link', target: 'FTP://example.org' }]);
    expect(markdownRefs('A title, with: no link')).toEqual([]);
  });
});
