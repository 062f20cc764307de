/** The stale-translation rule reads i18n/<lang>.json and warns where a translation's source changed. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { recordOf, serializeRecords, type Records } from '../../src/i18n/records.js';
import { testdir, validCourse, type Files } from '../support/testdir.js';

const where = (d: Diagnostic) => ({ code: d.code, severity: d.severity, file: d.file, line: d.line, column: d.column, path: d.path });

/** Records saying "Bienvenue" was translated from `welcomeSource`, and "Un" from "One". */
function records(welcomeSource: string): string {
  const r: Records = new Map([
    ['modules/one.yaml#pages.0.title', recordOf('en', welcomeSource, 'Bienvenue')],
    ['modules/one.yaml#title', recordOf('en', 'One', 'Un')],
  ]);
  return serializeRecords(r);
}

const check = (files: Files) => loadCourse(testdir(validCourse(files))).diagnostics;

describe('stale translations', () => {
  it('are not reported while the source is the one translated', () => {
    expect(check({ 'i18n/fr.json': records('Welcome') })).toEqual([]);
  });

  it('are warnings at the translation when the source changed', () => {
    const d = check({ 'i18n/fr.json': records('Welcome!') });
    expect(d.map(where)).toEqual([{ code: 'stale-translation', severity: 'warning', file: 'modules/one.yaml', line: 5, column: 27, path: 'pages.0.title.fr' }]);
    expect(d[0]!.message).toContain('"en"');
  });

  it('follow their text when it moves (a page inserted before it)', () => {
    const module = (validCourse()['modules/one.yaml'] as string).replace(
      'pages:\n',
      'pages:\n  - id: intro\n    title: { en: Intro, fr: Intro }\n    blocks:\n      - type: text\n        body: { en: Hi, fr: Salut }\n',
    );
    expect(check({ 'modules/one.yaml': module, 'i18n/fr.json': records('Welcome') })).toEqual([]);
    expect(check({ 'modules/one.yaml': module, 'i18n/fr.json': records('Welcome!') }).map((x) => x.code)).toEqual(['stale-translation']);
  });

  it('are untracked once the translation was edited by hand', () => {
    const module = (validCourse()['modules/one.yaml'] as string).replace('fr: Bienvenue', 'fr: Bienvenue !');
    expect(check({ 'modules/one.yaml': module, 'i18n/fr.json': records('Welcome!') })).toEqual([]);
  });

  it('report a records file that is not JSON where it breaks', () => {
    const d = check({ 'i18n/fr.json': '{\n  "texts": {\n    "a": 1,\n  }\n}\n' });
    expect(d.map((x) => [x.code, x.severity, x.file])).toEqual([['translation-record-invalid', 'warning', 'i18n/fr.json']]);
    expect(d[0]!.line).toBeGreaterThan(1);
  });
});
