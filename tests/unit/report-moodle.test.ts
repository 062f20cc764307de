/**
 * A Moodle SCORM interactions export (tests/fixtures/report/moodle-interactions-en.txt, Moodle's
 * column layout, responses in SCORM 1.2 positions) gives the same question and assessment figures
 * as the equivalent xAPI statements (statements/demo.jsonl, recorded from the real LRS in
 * tests/lrs/report.test.ts). The export itself is regenerated here, so it stays what its maker writes.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { moodleExport } from '../fixtures/report/moodle-export.js';
import { testdir } from '../support/testdir.js';

const DIR = resolve(import.meta.dirname, '../fixtures/report');
const COURSE = resolve(DIR, 'course');
const MOODLE = resolve(DIR, 'moodle-interactions-en.txt');
const STATEMENTS = resolve(DIR, 'statements');

async function report(...args: string[]): Promise<{ code: number; figures?: ReportFigures; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['report', COURSE, ...args, '--json'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: DIR, color: false });
  return { code, stderr: err.join(''), ...(code === 0 ? { figures: JSON.parse(out.join('')) as ReportFigures } : {}) };
}

describe('report from a Moodle interactions export', () => {
  it('the fixture is what its maker writes from the statements', () => {
    expect(moodleExport(readFileSync(resolve(STATEMENTS, 'demo.jsonl'), 'utf8'), COURSE, 'en')).toBe(readFileSync(MOODLE, 'utf8'));
  });

  it('gives the same question and assessment figures as the equivalent statements', async () => {
    const moodle = await report('--from', MOODLE, '--lang', 'en');
    const xapi = await report('--from', STATEMENTS, '--lang', 'en');
    expect(moodle.code, moodle.stderr).toBe(0);
    expect(xapi.code, xapi.stderr).toBe(0);
    const m = moodle.figures!;
    const x = xapi.figures!;
    expect(m.source.learners).toBe(x.source.learners);
    expect(m.source.learners).toBeGreaterThan(10);
    expect(m.questions).toEqual(x.questions);
    expect(m.questions.filter((q) => !q.hidden).length).toBe(8);
    expect(m.assessments).toEqual(x.assessments);
    // completion needs page views, which SCORM 1.2 interactions do not carry
    expect(m.languages).toEqual(x.languages.map((l) => ({ ...l, completed: null })));
    const questionFlags = (f: ReportFigures) => f.flags.filter((flag) => flag.target.startsWith('question:'));
    expect(questionFlags(m)).toEqual(questionFlags(x));
    expect(questionFlags(m).length).toBeGreaterThan(0);
    // What SCORM 1.2 does not carry is said, not invented.
    expect(m.source.lacks).toEqual(['pages', 'time']);
    expect(m.pages.every((p) => p.time === null)).toBe(true);
    expect(m.completed).toBeNull();
    expect(x.pages.some((p) => p.time !== null)).toBe(true);
  });

  it('reads a comma-separated copy (a spreadsheet re-save) the same way', async () => {
    const { readMoodleExport } = await import('../../src/report/moodle-source.js');
    const { indexCourse } = await import('../../src/report/course-index.js');
    const { loadCourse } = await import('../../src/course/load-course.js');
    const index = indexCourse(loadCourse(COURSE).course!, 'en');
    const tab = readFileSync(MOODLE, 'utf8');
    const csv = tab.split('\n').map((line) => line.split('\t').map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
    const a = readMoodleExport(tab, 'a.txt', index, 'en');
    const b = readMoodleExport(csv, 'b.csv', index, 'en');
    expect(b.diagnostics).toEqual([]);
    expect(b.events).toEqual(a.events);
  });
});

describe('report from an export of a Moodle in French', () => {
  const FRENCH = resolve(DIR, 'moodle-interactions-fr.txt');

  it('the fixture is what its maker writes for a French Moodle (headers, dates and statuses of the French pack)', () => {
    const text = readFileSync(FRENCH, 'utf8');
    expect(moodleExport(readFileSync(resolve(STATEMENTS, 'demo.jsonl'), 'utf8'), COURSE, 'fr', 'fr')).toBe(text);
    expect(text.split('\n', 1)[0]!.split('\t').slice(0, 11)).toEqual(['Nom', 'Adresse de courriel', 'Tentative', 'Démarré le', 'Dernier accès le', 'Résultat', 'Orienter vers le code', 'Question 0', 'Réponse 0', 'Réponse correcte 0', 'Result 0']);
  });

  it('gives the same question and assessment figures as the French statements, and as the same export with English headers', async () => {
    const moodle = await report('--from', FRENCH, '--lang', 'fr');
    const xapi = await report('--from', STATEMENTS, '--lang', 'fr');
    expect(moodle.code, moodle.stderr).toBe(0);
    expect(xapi.code, xapi.stderr).toBe(0);
    const m = moodle.figures!;
    // Learners who only read pages answered nothing: a SCORM export has no row content for them.
    expect(m.source.learners).toBeGreaterThan(10);
    expect(m.questions.filter((q) => !q.hidden).length).toBeGreaterThan(4);
    expect(m.questions).toEqual(xapi.figures!.questions);
    expect(m.assessments).toEqual(xapi.figures!.assessments);
    const dir = testdir({ 'english-headers.txt': moodleExport(readFileSync(resolve(STATEMENTS, 'demo.jsonl'), 'utf8'), COURSE, 'fr', 'en') });
    const english = await report('--from', join(dir, 'english-headers.txt'), '--lang', 'fr');
    expect(english.code, english.stderr).toBe(0);
    expect(m).toEqual(english.figures);
  });

  it('a French export without its result columns names them as the French Moodle writes them', async () => {
    const text = readFileSync(FRENCH, 'utf8');
    const rows = text.split('\n').map((line) => line.split('\t'));
    const keep = rows[0]!.map((h, i) => (h.startsWith('Result ') ? -1 : i)).filter((i) => i >= 0);
    const dir = testdir({ 'no-results.txt': rows.map((r) => keep.map((i) => r[i] ?? '').join('\t')).join('\n') });
    const result = await report('--from', join(dir, 'no-results.txt'), '--lang', 'fr');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('report-moodle-columns');
    expect(result.stderr).toContain('the export lacks Result 0: tick "Question", "Réponse" and "Result"');
  });

  it('headers in a language this reader does not know: an error that says which headers it reads', async () => {
    const text = readFileSync(MOODLE, 'utf8').replace('Attempt', 'Versuch');
    const dir = testdir({ 'german.txt': text });
    const result = await report('--from', join(dir, 'german.txt'), '--lang', 'en');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"Attempt" and "Score" (en) or "Tentative" and "Résultat" (fr)');
  });
});
