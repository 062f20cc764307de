/** allowMissing: a missing translation is a warning and the model holds the source language's text. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { testdir, validCourse } from '../support/testdir.js';

const course = () => testdir(validCourse({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('title: { en: Welcome, fr: Bienvenue }', 'title: { en: Welcome }') }));

describe('a missing translation', () => {
  it('is an error at the text without allowMissing', () => {
    const result = loadCourse(course());
    expect(result.course).toBeNull();
    expect(result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, file: d.file, line: d.line, column: d.column }))).toEqual([
      { code: 'untranslated-text', severity: 'error', file: 'modules/one.yaml', line: 5, column: 12 },
    ]);
  });

  it('is a warning with allowMissing, and the model falls back to the source language', () => {
    const result = loadCourse(course(), { allowMissing: true });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['untranslated-text', 'warning', 5]]);
    expect(result.course!.modules[0]!.pages[0]!.title).toEqual({ en: 'Welcome', fr: 'Welcome' });
    expect(result.course!.modules[0]!.pages[1]!.title).toEqual({ en: 'Quiz', fr: 'Quiz' });
  });
});
