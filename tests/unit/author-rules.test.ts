/** Issue 13, point 6: the rules authors need, by code and position. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { testdir, validCourse, type Files } from '../support/testdir.js';

const load = (overrides: Files) => loadCourse(testdir(validCourse(overrides)));
const where = (d: Diagnostic) => ({ code: d.code, file: d.file, line: d.line, column: d.column });
const MODULE = validCourse()['modules/one.yaml'] as string;
const COURSE = validCourse()['course.yaml'] as string;
const ASSESSMENT = validCourse()['assessment.yaml'] as string;

describe('alt texts', () => {
  it('refuses a blank alt text in one language, at that language', () => {
    const d = load({ 'modules/one.yaml': MODULE.replace('alt: { en: A picture, fr: Une image }', 'alt: { en: A picture, fr: "   " }') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'empty-alt', file: 'modules/one.yaml', line: 13, column: 35 }]);
  });

  it('accepts decorative: true without alt, and renders it with an empty alt', () => {
    const result = load({ 'modules/one.yaml': MODULE.replace('alt: { en: A picture, fr: Une image }', 'decorative: true') });
    expect(result.diagnostics).toEqual([]);
    expect(result.course!.modules[0]!.pages[0]!.blocks[1]).toMatchObject({ type: 'image', alt: { en: '', fr: '' } });
  });

  it('refuses decorative: true beside an alt text, at decorative', () => {
    const d = load({ 'modules/one.yaml': MODULE.replace('alt: { en: A picture, fr: Une image }', 'alt: { en: A picture, fr: Une image }\n        decorative: true') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'invalid-value', file: 'modules/one.yaml', line: 14, column: 21 }]);
  });

  it('refuses an empty logo alt text', () => {
    const d = load({ 'course.yaml': `${COURSE}theme: { logo: assets/pic.svg, logoAlt: { en: "", fr: Logo } }\n` }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'empty-alt', file: 'course.yaml', line: 8, column: 47 }]);
  });
});

describe('raw HTML and comments', () => {
  const body = (en: string) => MODULE.replace('en: Hello, see [the quiz](#quiz-page).', `en: ${JSON.stringify(en)}`);

  it('says nothing of an HTML comment, alone or inline', () => {
    expect(load({ 'modules/one.yaml': body('<!-- note -->') }).diagnostics).toEqual([]);
    expect(load({ 'modules/one.yaml': body('Hello <!-- note --> there') }).diagnostics).toEqual([]);
  });

  it('gives a block Markdown field a hint with the Markdown for the tag', () => {
    const d = load({ 'modules/one.yaml': body('Line one<br>line two') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'raw-html', file: 'modules/one.yaml', line: 9, column: 24 }]);
    expect(d[0]!.hint).toContain('backslash');
  });

  it('tells a one-line field (a choice) that it takes inline Markdown', () => {
    const d = load({ 'assessment.yaml': ASSESSMENT.replace('{ id: a, text: { en: A, fr: A } }', '{ id: a, text: { en: "<b>A</b>", fr: A } }') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'raw-html', file: 'assessment.yaml', line: 10, column: 31 }]);
    expect(d[0]!.hint).toMatch(/inline Markdown.*\*\*bold\*\*/);
  });

  it('never reports HTML in a plain-text field, and takes no file from a link written there', () => {
    const result = load({ 'modules/one.yaml': MODULE.replace('title: { en: Welcome, fr: Bienvenue }', 'title: { en: "<b>Welcome</b> [x](assets/none.pdf)", fr: Bienvenue }') });
    expect(result.diagnostics).toEqual([]);
    expect(result.course!.assets.en).toEqual(['assets/pic.svg']);
  });
});

describe('languages', () => {
  it.each([
    ['fr_FR', 'fr-FR'],
    ['EN', 'en'],
    ['pt_br', 'pt-BR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
  ])('suggests a tag for %s', (bad, good) => {
    const d = load({ 'course.yaml': COURSE.replace('languages: [en, fr]', `languages: [en, ${bad}]`) }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'invalid-language', file: 'course.yaml', line: 3, column: 17 }]);
    expect(d[0]!.message).toContain(`write "${good}"`);
  });

  it('says what a tag looks like when nothing close is one', () => {
    const d = load({ 'course.yaml': COURSE.replace('languages: [en, fr]', 'languages: [en, english]') }).diagnostics;
    expect(d[0]!.code).toBe('invalid-language');
    expect(d[0]!.message).not.toContain('write');
  });

  it('reports a text keyed by a wrong tag at the key, with the suggestion', () => {
    const d = load({ 'modules/one.yaml': MODULE.replace('title: { en: One, fr: Un }', 'title: { en: One, fr_FR: Un }') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'invalid-language', file: 'modules/one.yaml', line: 2, column: 19 }]);
    expect(d[0]!.message).toContain('"fr-FR"');
  });

  it('accepts scripts and numeric regions', () => {
    const d = load({ 'course.yaml': COURSE.replace('languages: [en, fr]', 'languages: [en, fr, zh-Hant, es-419]') }).diagnostics;
    expect(d.filter((x) => x.code === 'invalid-language')).toEqual([]);
  });
});

describe('the font stack, written into theme.css as is', () => {
  it('refuses an unclosed quote at the font', () => {
    const d = load({ 'course.yaml': `${COURSE}theme: { font: '"Open Sans, Arial' }\n` }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'invalid-value', file: 'course.yaml', line: 8, column: 16 }]);
  });

  it('accepts quoted names', () => {
    expect(load({ 'course.yaml': `${COURSE}theme: { font: '"Open Sans", Arial, sans-serif' }\n` }).diagnostics).toEqual([]);
  });
});

describe('images in Markdown', () => {
  it('refuses one without alternative text, at its path', () => {
    const d = load({ 'modules/one.yaml': MODULE.replace('en: Hello, see [the quiz](#quiz-page).', 'en: "See ![](assets/pic.svg) here"') }).diagnostics;
    expect(d.map(where)).toEqual([{ code: 'empty-alt', file: 'modules/one.yaml', line: 9, column: 24 }]);
  });
});
