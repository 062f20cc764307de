/**
 * The loader against files no editor should write but some do (issue 13, point 5): each works, or is
 * a diagnostic with a code and a position; never an exception.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { MAX_NESTING, MAX_NODES } from '../../src/course/source-file.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { testdir, validCourse, type Files } from '../support/testdir.js';

const load = (overrides: Files) => loadCourse(testdir(validCourse(overrides)));
const where = (d: Diagnostic) => ({ code: d.code, file: d.file, line: d.line, column: d.column });
const MODULE = validCourse()['modules/one.yaml'] as string;
const COURSE = validCourse()['course.yaml'] as string;

describe('encodings', () => {
  it('reads UTF-16 (with either byte-order mark, or none) as a file-encoding error at 1:1', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MODULE, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    for (const bytes of [le, Buffer.concat([Buffer.from([0xfe, 0xff]), be]), le.subarray(2), be]) {
      expect(load({ 'modules/one.yaml': bytes }).diagnostics.map(where)).toEqual([{ code: 'file-encoding', file: 'modules/one.yaml', line: 1, column: 1 }]);
    }
  });

  it('gives CRLF files the same diagnostics at the same places as LF files', () => {
    const broken = MODULE.replace('[the quiz](#quiz-page)', '[the quiz](#no-such-page)');
    const lf = load({ 'modules/one.yaml': broken }).diagnostics.map(where);
    const crlf = load({ 'modules/one.yaml': broken.replace(/\n/g, '\r\n') }).diagnostics.map(where);
    expect(lf).toEqual([{ code: 'dangling-reference', file: 'modules/one.yaml', line: 9, column: 37 }]);
    expect(crlf).toEqual(lf);
    expect(load({ 'modules/one.yaml': MODULE.replace(/\n/g, '\r\n'), 'course.yaml': COURSE.replace(/\n/g, '\r\n') }).diagnostics).toEqual([]);
  });

  it('reports a NUL byte at its line and column', () => {
    const d = load({ 'modules/one.yaml': MODULE.replace('title: { en: One', 'title: { en: O\u0000ne') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'invalid-character', file: 'modules/one.yaml', line: 2, column: 15 }]);
    expect(d[0]!.message).toContain('U+0000');
  });
});

describe('characters XML 1.0 cannot carry', () => {
  const cases: Array<[string, string, number]> = [
    ['U+0007', '\u0007', 0x07],
    ['U+000B', '\u000b', 0x0b],
    ['U+001B', '\u001b', 0x1b],
    ['U+0085', '\u0085', 0x85],
    ['U+FFFE', '\ufffe', 0xfffe],
    ['U+FFFF', '\uffff', 0xffff],
  ];
  it.each(cases)('%s typed into a text is named at its line and column', (name, c) => {
    const d = load({ 'modules/one.yaml': MODULE.replace('title: { en: Welcome', `title: { en: Wel${c}come`) }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'invalid-character', file: 'modules/one.yaml', line: 5, column: 21 }]);
    expect(d[0]!.message).toContain(name);
  });

  it('names a character made by an escape in a double-quoted string, at the string', () => {
    for (const [escape, name] of [['\\a', 'U+0007'], ['\\v', 'U+000B'], ['\\x1b', 'U+001B'], ['\\uD800', 'U+D800'], ['\\uFFFF', 'U+FFFF'], ['\\0', 'U+0000']]) {
      const d = load({ 'modules/one.yaml': MODULE.replace('title: { en: Welcome', `title: { en: "Wel${escape}come"`) }).diagnostics;
      expect(d.map(where), escape).toEqual([{ code: 'invalid-character', file: 'modules/one.yaml', line: 5, column: 18 }]);
      expect(d[0]!.message).toContain(name);
    }
  });

  it('accepts bidi controls, zero-width characters, private-use, astral characters and a 100,000-character text', () => {
    const texts = ['\u202Eevil\u202C', '\u2066isolate\u2069', 'zero\u200Bwidth\u200C\u200D', '\uE000', '😀 𝒜', 'x'.repeat(100_000), '\u2028line\u2029'];
    for (const t of texts) {
      const result = load({ 'modules/one.yaml': MODULE.replace('en: Hello, see [the quiz](#quiz-page).', `en: ${JSON.stringify(t)}`) });
      expect(result.diagnostics).toEqual([]);
      expect(result.course!.modules[0]!.pages[0]!.blocks[0]).toMatchObject({ type: 'text' });
    }
  });
});

describe('structure', () => {
  it(`reports mappings nested deeper than ${MAX_NESTING} levels at the first too-deep one`, () => {
    const deep = `${MODULE}extra: ${'['.repeat(MAX_NESTING + 5)}${']'.repeat(MAX_NESTING + 5)}\n`;
    const d = load({ 'modules/one.yaml': deep }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'yaml-too-deep', file: 'modules/one.yaml', line: 24, column: 7 + MAX_NESTING }]);
  });

  it('reports nesting too deep for the parser itself (thousands of levels) without a crash', () => {
    const d = load({ 'modules/one.yaml': `${MODULE}extra: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` }).diagnostics;
    expect(d.map((x) => x.code)).toContain('yaml-too-deep');
    expect(d.every((x) => x.file === 'modules/one.yaml' && x.line === 24)).toBe(true);
  });

  it('reports an alias bomb at the first alias of aliases', () => {
    const bomb = `${COURSE}x0: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nx1: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx2: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nx3: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;
    const d = load({ 'course.yaml': bomb }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'yaml-alias-limit', file: 'course.yaml', line: 10, column: 9 }]);
  });

  it('accepts a few ordinary aliases', () => {
    const aliased = MODULE.replace('title: { en: One, fr: Un }', 'title: &t { en: One, fr: Un }').replace('title: { en: Quiz, fr: Quiz }', 'title: *t');
    expect(load({ 'modules/one.yaml': aliased }).diagnostics).toEqual([]);
  });

  it('reports a duplicate key at the second one', () => {
    const d = load({ 'modules/one.yaml': MODULE.replace('title: { en: One, fr: Un }\n', 'title: { en: One, fr: Un }\ntitle: again\n') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'yaml-duplicate-key', file: 'modules/one.yaml', line: 3, column: 1 }]);
  });
});

describe('character references in Markdown', () => {
  it('names a reference that would decode to a refused character, at the reference', () => {
    const d = load({ 'modules/one.yaml': MODULE.replace('en: Hello, see', 'en: Ring &#x7; or &#0; see') }).diagnostics;
    expect(d.map(where)).toEqual([
      { code: 'invalid-character', file: 'modules/one.yaml', line: 9, column: 20 },
      { code: 'invalid-character', file: 'modules/one.yaml', line: 9, column: 29 },
    ]);
    expect(d.map((x) => x.message.match(/U\+[0-9A-F]{4}/)?.[0])).toEqual(['U+0007', 'U+0000']);
  });

  it('leaves references to ordinary characters alone', () => {
    expect(load({ 'modules/one.yaml': MODULE.replace('en: Hello, see', 'en: Caf&#233; &#x1F600; &amp; see') }).diagnostics).toEqual([]);
  });
});

describe('size in values', () => {
  it('refuses 900,000 values in a 1.8 MB file before parsing it, at the separator past the limit', () => {
    const d = load({ 'modules/one.yaml': `id: one\ntitle: { en: One, fr: Un }\npages: [${'1,'.repeat(900_000)}1]\n` }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'yaml-too-large', file: 'modules/one.yaml', line: 3, column: 8 + 2 * 249_998 }]);
    // Two line ends and one comma come before line 3: its 249,998th comma is the 250,001st separator.
  });

  it(`refuses more than ${MAX_NODES} values, at the first one too many`, () => {
    const d = load({ 'modules/one.yaml': `id: one\ntitle: { en: One, fr: Un }\npages: [${'1,'.repeat(MAX_NODES)}1]\n` }).diagnostics;
    expect(d.map((x) => ({ code: x.code, line: x.line }))).toEqual([{ code: 'yaml-too-large', line: 3 }]);
  });

  it('reports at most a hundred problems of one file, then says how many more', () => {
    const d = load({ 'modules/one.yaml': `id: one\ntitle: { en: One, fr: Un }\npages: [${'1,'.repeat(499)}1]\n` }).diagnostics;
    expect(d.filter((x) => x.code === 'wrong-type')).toHaveLength(100);
    expect(d.filter((x) => x.code === 'more-problems').map(where)).toEqual([{ code: 'more-problems', file: 'modules/one.yaml', line: 1, column: 1 }]);
  });
});

describe('Markdown the renderer cannot take', () => {
  const body = (en: string) => MODULE.replace('en: Hello, see [the quiz](#quiz-page).', `en: ${JSON.stringify(en)}`);

  it('refuses 10,000 nested quotes (marked overflows its stack) at the first line too deep', () => {
    const d = load({ 'modules/one.yaml': body(`Intro\n\n${'> '.repeat(10_000)}x`) }).diagnostics;
    expect(d.map((x) => ({ code: x.code, line: x.line }))).toEqual([{ code: 'markdown-too-complex', line: 9 }]);
  });

  it('refuses 50,000 emphasis marks (quadratic in marked)', () => {
    const d = load({ 'modules/one.yaml': body('*a'.repeat(50_000)) }).diagnostics;
    expect(d.map((x) => ({ code: x.code, line: x.line }))).toEqual([{ code: 'markdown-too-complex', line: 9 }]);
  });

  it('refuses lists nested hundreds of levels deep', () => {
    const d = load({ 'modules/one.yaml': body(Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n')) }).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['markdown-too-complex']);
  });

  it('accepts ordinary emphasis, quotes and nested lists', () => {
    const text = `${'**bold** and _it_ '.repeat(50)}\n\n> > quoted twice\n\n- a\n  - b\n    - c`;
    expect(load({ 'modules/one.yaml': body(text) }).diagnostics).toEqual([]);
  });
});
