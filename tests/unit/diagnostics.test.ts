/** Every author mistake is reported with its code at the right file, line and column. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { testdir, validCourse, type Files } from '../support/testdir.js';

function check(overrides: Files): Diagnostic[] {
  return loadCourse(testdir(validCourse(overrides))).diagnostics;
}

const where = (d: Diagnostic) => ({ code: d.code, file: d.file, line: d.line, column: d.column });

const MODULE_HEAD = `id: one
title: { en: One, fr: Un }
pages:
  - id: welcome
    title: { en: Welcome, fr: Bienvenue }
    blocks:
`;

describe('a valid course', () => {
  it('loads with no diagnostics', () => {
    const result = loadCourse(testdir(validCourse()));
    expect(result.diagnostics).toEqual([]);
    expect(result.course?.modules[0]?.pages.map((p) => p.id)).toEqual(['welcome', 'quiz-page']);
    expect(result.course?.assets).toEqual({ en: ['assets/pic.svg'], fr: ['assets/pic.svg'] });
  });
});

describe('files and YAML', () => {
  it('reports a missing course.yaml', () => {
    const d = loadCourse(testdir({ 'readme.md': 'x' })).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['course-not-found']);
  });

  it('reports YAML syntax errors with a position', () => {
    const d = check({ 'modules/one.yaml': `id: one\ntitle: { en: One, fr: Un\npages: []\n` });
    expect(d[0]).toMatchObject({ code: 'yaml-syntax', file: 'modules/one.yaml' });
    expect(d[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('reports tabs used for indentation', () => {
    const d = check({ 'modules/one.yaml': `id: one\ntitle:\n\ten: One\n` });
    expect(where(d[0]!)).toMatchObject({ code: 'yaml-syntax', file: 'modules/one.yaml', line: 3 });
  });

  it('reports a duplicate key', () => {
    const d = check({ 'modules/one.yaml': `id: one\nid: two\ntitle: { en: One, fr: Un }\npages: []\n` });
    expect(where(d[0]!)).toEqual({ code: 'yaml-duplicate-key', file: 'modules/one.yaml', line: 2, column: 1 });
  });

  it('accepts a UTF-8 byte-order mark without a word (Windows Notepad writes one)', () => {
    const assessment = validCourse()['assessment.yaml'] as string;
    const result = loadCourse(testdir(validCourse({ 'assessment.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(assessment)]) })));
    expect(result.diagnostics).toEqual([]);
    expect(result.course?.assessments[0]?.id).toBe('final');
  });

  it('reports text that is not UTF-8 at its line', () => {
    const latin1 = Buffer.from('id: final\ntitle: { en: Caf\xe9, fr: Caf\xe9 }\n', 'latin1');
    const d = check({ 'assessment.yaml': latin1 });
    expect(where(d[0]!)).toEqual({ code: 'file-encoding', file: 'assessment.yaml', line: 2, column: 17 });
  });

  it('reports a module file that does not exist, at its line in course.yaml', () => {
    const course = validCourse()['course.yaml'] as string;
    const d = check({ 'course.yaml': course.replace('- modules/one.yaml', '- modules/one.yaml\n  - modules/two.yaml') });
    expect(where(d[0]!)).toEqual({ code: 'file-not-found', file: 'course.yaml', line: 7, column: 5 });
  });
});

describe('schema', () => {
  it('suggests the key the author meant', () => {
    const d = check({ 'assessment.yaml': (validCourse()['assessment.yaml'] as string).replace('passingScore', 'pasingScore') });
    const unknown = d.find((x) => x.code === 'unknown-key')!;
    expect(where(unknown)).toEqual({ code: 'unknown-key', file: 'assessment.yaml', line: 3, column: 1 });
    expect(unknown.hint).toBe('Did you mean "passingScore"?');
  });

  it('reports a wrong type at the value', () => {
    const d = check({ 'assessment.yaml': (validCourse()['assessment.yaml'] as string).replace('passingScore: 80', 'passingScore: eighty') });
    expect(where(d[0]!)).toEqual({ code: 'wrong-type', file: 'assessment.yaml', line: 3, column: 15 });
  });

  it('reports a missing field at its parent', () => {
    const d = check({ 'modules/one.yaml': `${MODULE_HEAD}      - type: image\n        src: assets/pic.svg\n` });
    expect(where(d[0]!)).toEqual({ code: 'missing-field', file: 'modules/one.yaml', line: 7, column: 9 });
    expect(d[0]!.message).toContain('"alt"');
  });

  it('reports an unknown block type with a suggestion', () => {
    const d = check({ 'modules/one.yaml': `${MODULE_HEAD}      - type: txt\n        body: { en: a, fr: b }\n` });
    expect(where(d[0]!)).toEqual({ code: 'invalid-value', file: 'modules/one.yaml', line: 7, column: 15 });
    expect(d[0]!.hint).toBe('Did you mean "text"?');
  });

  it('reports an id that cannot be used', () => {
    const d = check({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('id: welcome', 'id: Welcome Page') });
    expect(where(d[0]!)).toEqual({ code: 'invalid-id', file: 'modules/one.yaml', line: 4, column: 9 });
  });

  it('reports a passing score outside 0..100', () => {
    const d = check({ 'assessment.yaml': (validCourse()['assessment.yaml'] as string).replace('passingScore: 80', 'passingScore: 120') });
    expect(where(d[0]!)).toEqual({ code: 'invalid-value', file: 'assessment.yaml', line: 3, column: 15 });
  });

  it('reports an empty course', () => {
    const d = check({ 'course.yaml': (validCourse()['course.yaml'] as string).replace('modules:\n  - modules/one.yaml', 'modules: []') });
    expect(where(d[0]!)).toMatchObject({ code: 'empty-course', file: 'course.yaml', line: 5 });
  });
});

describe('rules across the course', () => {
  it('reports an id used twice, in another file, with the first place', () => {
    const d = check({ 'assessment.yaml': (validCourse()['assessment.yaml'] as string).replace('id: a-one', 'id: q-one') });
    expect(where(d[0]!)).toEqual({ code: 'duplicate-id', file: 'assessment.yaml', line: 6, column: 9 });
    expect(d[0]!.message).toContain('modules/one.yaml:');
  });

  it('reports a link to a page that does not exist, at the link', () => {
    const d = check({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('en: Hello, see [the quiz](#quiz-page)', 'en: Hello, see [the quiz](#quiz-pag)') });
    expect(where(d[0]!)).toEqual({ code: 'dangling-reference', file: 'modules/one.yaml', line: 9, column: 37 });
  });

  it('reports a missing asset', () => {
    const d = check({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('assets/pic.svg', 'assets/Pic.svg') });
    expect(where(d[0]!)).toEqual({ code: 'missing-asset', file: 'modules/one.yaml', line: 12, column: 14 });
  });

  it.each([
    ['../outside.svg', 'asset-outside-course'],
    ['/etc/hostname', 'asset-outside-course'],
    ['assets/link.svg', 'asset-outside-course'],
    ['assets/my picture.svg', 'asset-name'],
  ])('reports the asset path %s as %s', (src, code) => {
    const d = check({
      'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('src: assets/pic.svg', `src: "${src}"`),
      'assets/link.svg': { symlink: '/etc/hostname' },
      'assets/my picture.svg': '<svg/>',
    });
    expect(where(d[0]!)).toEqual({ code, file: 'modules/one.yaml', line: 12, column: 15 });
  });

  it('reports untranslated text and undeclared languages', () => {
    const d = check({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('title: { en: Quiz, fr: Quiz }', 'title: { en: Quiz, pl: Quiz }').replace('title: { en: One, fr: Un }', 'title: One') });
    expect(d.map(where)).toEqual([
      { code: 'untranslated-text', file: 'modules/one.yaml', line: 2, column: 8 },
      { code: 'untranslated-text', file: 'modules/one.yaml', line: 15, column: 12 },
      { code: 'unknown-language', file: 'modules/one.yaml', line: 15, column: 24 },
    ]);
    expect(d[1]!.message).toContain('"fr"');
  });

  it('reports questions without a correct answer or with too many', () => {
    const assessment = (validCourse()['assessment.yaml'] as string)
      .replace('{ id: b, text: { en: B, fr: B }, correct: true }', '{ id: b, text: { en: B, fr: B } }')
      .replace("type: multiple-choice", 'type: single-choice');
    const d = check({ 'assessment.yaml': assessment });
    expect(d.map(where)).toEqual([
      { code: 'no-correct-answer', file: 'assessment.yaml', line: 9, column: 5 },
      { code: 'too-many-correct', file: 'assessment.yaml', line: 15, column: 5 },
    ]);
  });

  it('warns about raw HTML in Markdown', () => {
    const d = check({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('en: Hello, see', 'en: <b>Hello</b>, see') });
    expect(d.map((x) => [x.code, x.severity])).toEqual([['raw-html', 'warning']]);
  });

  it('reports every problem of every file in one run', () => {
    const d = check({
      'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('assets/pic.svg', 'assets/none.svg').replace('#quiz-page', '#nowhere'),
      'assessment.yaml': (validCourse()['assessment.yaml'] as string).replace('passingScore', 'passScore'),
    });
    expect(d.map((x) => x.code).sort()).toEqual(['dangling-reference', 'missing-asset', 'missing-field', 'unknown-key']);
  });
});

describe('quiz build-time checks', () => {
  const assessment = validCourse()['assessment.yaml'] as string;

  it('reports a pool drawing more than it holds', () => {
    const d = check({ 'assessment.yaml': assessment.replace('attempts: 2', 'attempts: 2\ndraw: 5') });
    expect(where(d[0]!)).toEqual({ code: 'pool-too-small', file: 'assessment.yaml', line: 5, column: 7 });
  });

  it('reports duplicate choice ids within a question, with a hint about their scope', () => {
    const d = check({ 'assessment.yaml': assessment.replace('{ id: b, text: { en: B, fr: B }, correct: true }', '{ id: a, text: { en: B, fr: B }, correct: true }') });
    expect(where(d[0]!)).toEqual({ code: 'duplicate-id', file: 'assessment.yaml', line: 11, column: 15 });
    expect(d[0]!.hint).toMatch(/within the question/);
  });

  it('reports a pattern that is not a regular expression, and a numeric range upside down', () => {
    const extra = `  - id: a-three
    type: fill-in
    prompt: { en: P, fr: P }
    answers: [{ en: x, fr: x }]
    pattern: "([a-z"
  - id: a-four
    type: numeric
    prompt: { en: P, fr: P }
    answer: { min: 5, max: 1 }
`;
    const d = check({ 'assessment.yaml': `${assessment}${extra}` });
    expect(d.map(where)).toEqual([
      { code: 'invalid-value', file: 'assessment.yaml', line: 23, column: 14 },
      { code: 'invalid-value', file: 'assessment.yaml', line: 27, column: 20 },
    ]);
  });

  it('reports a course result naming no assessment', () => {
    const d = check({ 'course.yaml': `${validCourse()['course.yaml'] as string}result: { from: finale }\n` });
    expect(where(d[0]!)).toEqual({ code: 'dangling-reference', file: 'course.yaml', line: 8, column: 17 });
  });

  it('reports an unknown question type with a suggestion', () => {
    const d = check({ 'assessment.yaml': assessment.replace('type: single-choice', 'type: sequence') });
    expect(d[0]!.code).toBe('invalid-value');
    expect(d[0]!.hint).toBe('Did you mean "sequencing"?');
  });
});

describe('files the course names', () => {
  it('refuses a module file that is a link to a file outside the course', () => {
    const outside = testdir({ 'elsewhere.yaml': validCourse()['modules/one.yaml'] as string });
    const d = check({ 'modules/one.yaml': { symlink: `${outside}/elsewhere.yaml` } });
    expect(where(d[0]!)).toEqual({ code: 'asset-outside-course', file: 'course.yaml', line: 6, column: 5 });
  });

  it('warns about a javascript: link, which is shown as plain text', () => {
    const d = check({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('[the quiz](#quiz-page)', '[the quiz](javascript:alert(1))') });
    expect(d.map((x) => [x.code, x.severity, x.line, x.column])).toEqual([['unsafe-link', 'warning', 9, 37]]);
  });
});


describe('the printer with hostile text', () => {
  it('shows control and bidi characters as visible ones, keeping the caret under its column', async () => {
    const { formatDiagnostic } = await import('../../src/diagnostics/printer.js');
    const source = 'id: one\ntitle: "a\u001b[31mred\u202eb"\n';
    const printed = formatDiagnostic({ code: 'invalid-character', severity: 'error', message: 'U+001B \u001b[2J', file: 'x.yaml', line: 2, column: 10 }, { readSource: () => source });
    expect(printed).not.toMatch(/[\u001b\u202e]/);
    const lines = printed.split('\n');
    const frame = lines.find((l) => l.startsWith('> 2 |'))!;
    const caret = lines.find((l) => l.trimEnd().endsWith('^'))!;
    expect(frame[caret.indexOf('^')]).toBe('\u241b');
  });

  it('shows the part of a 100,000-character line around the column', async () => {
    const { codeFrame } = await import('../../src/diagnostics/printer.js');
    const line = `${'a'.repeat(50_000)}X${'b'.repeat(49_999)}`;
    const frame = codeFrame(line, 1, 50_001).split('\n');
    expect(frame[0]!.length).toBeLessThan(200);
    expect(frame[0]![frame[1]!.indexOf('^')]).toBe('X');
  });
});
