/** `coursepack report`: usage mistakes exit 2, bad input files are positioned diagnostics, privacy defaults. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { pointBiserial, quartiles } from '../../src/report/stats.js';
import { testdir } from '../support/testdir.js';

const DIR = resolve(import.meta.dirname, '../fixtures/report');
const COURSE = resolve(DIR, 'course');
const STATEMENTS = resolve(DIR, 'statements');
const demo = readFileSync(resolve(STATEMENTS, 'demo.jsonl'), 'utf8');

async function report(cwd: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['report', COURSE, ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, color: false });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('coursepack report: mistakes', () => {
  it.each([
    [['--from', 'nowhere.jsonl'], /no such file/],
    [['--from', 'statements', '--since', 'last tuesday'], /--since/],
    [['--from', 'statements', '--lang', 'de'], /languages are en, fr/],
    [['--from', 'statements', '--min-group', '0'], /--min-group/],
    [['--from', 'moodle-interactions-en.txt', '--since', '2026-09-01'], /Moodle export/],
    [[], /--from/],
  ])('%j exits 2 and says why', async (args, message) => {
    const result = await report(DIR, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('a line that is not JSON is a diagnostic at its line', async () => {
    const lines = demo.trim().split('\n');
    const dir = testdir({ 'in/a.jsonl': [...lines.slice(0, 3), '{"id": oops', ...lines.slice(3)].join('\n') });
    const result = await report(dir, '--from', 'in', '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/in\/a\.jsonl:4:1\s+error .*\[report-input\]/);
  });

  it('a Moodle export without the Result columns is a diagnostic on its header', async () => {
    const text = readFileSync(resolve(DIR, 'moodle-interactions-en.txt'), 'utf8');
    const rows = text.split('\n').map((line) => line.split('\t'));
    const keep = rows[0]!.map((h, i) => (h.startsWith('Result ') ? -1 : i)).filter((i) => i >= 0);
    const dir = testdir({ 'export.txt': rows.map((r) => keep.map((i) => r[i] ?? '').join('\t')).join('\n') });
    const result = await report(dir, '--from', 'export.txt', '--json');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/export\.txt:1:1\s+error .*Result 0.*\[report-moodle-columns\]/);
  });
});

describe('coursepack report: privacy', () => {
  it('shows no names by default, hides small groups, lists learners only with --learners', async () => {
    const dir = testdir({});
    const plain = await report(dir, '--from', STATEMENTS, '--out', 'r.html', '--json');
    expect(plain.code, plain.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    for (const text of [plain.stdout, html]) {
      expect(text).not.toMatch(/learner-\d\d/);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-4/); // no registration
    }
    const strict = JSON.parse((await report(dir, '--from', STATEMENTS, '--json', '--min-group', '40')).stdout) as ReportFigures;
    expect(strict.questions.every((q) => q.hidden && q.learners === null && q.facility === null)).toBe(true);
    expect(strict.pages.every((p) => p.reached === null && p.time === null)).toBe(true);
    expect(strict.assessments[0]!.scoreBands).toBeNull();
    expect(strict.flags).toEqual([]);
    const named = JSON.parse((await report(dir, '--from', STATEMENTS, '--json', '--learners')).stdout) as ReportFigures;
    expect(named.learners!.length).toBe(30);
    expect(named.learners![0]).toMatchObject({ learner: 'Learner learner-01 · learner-01', pages: expect.any(Number) });
  });
});

describe('coursepack report: languages', () => {
  it('--lang fr counts the French learners only; the interface follows it into French (a table exists), --ui-lang en keeps it English and marks the course texts as French', async () => {
    const dir = testdir({});
    const result = await report(dir, '--from', STATEMENTS, '--lang', 'fr', '--out', 'fr.html', '--json');
    expect(result.code, result.stderr).toBe(0);
    const figures = JSON.parse(result.stdout) as ReportFigures;
    expect(figures.languages.map((l) => l.lang)).toEqual(['fr']);
    expect(figures.source.learners).toBe(15);
    const html = readFileSync(join(dir, 'fr.html'), 'utf8');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h2 id="funnel">Où vont les apprenants</h2>');
    expect(html).toContain('<th scope="row">Bienvenue</th>');
    const english = await report(dir, '--from', STATEMENTS, '--lang', 'fr', '--ui-lang', 'en', '--out', 'fr-en.html');
    expect(english.code, english.stderr).toBe(0);
    const mixed = readFileSync(join(dir, 'fr-en.html'), 'utf8');
    expect(mixed).toContain('<html lang="en">');
    expect(mixed).toContain('<h2 id="funnel">Where learners go</h2>');
    expect(mixed).toContain('<th scope="row"><span lang="fr">Bienvenue</span></th>');
  });

  it('--ui-lang without a report table is a usage error naming the languages there are', async () => {
    const result = await report(testdir({}), '--from', STATEMENTS, '--ui-lang', 'de');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--ui-lang de');
    expect(result.stderr).toContain('en, fr');
  });
});

describe('report statistics', () => {
  it('quartiles interpolate between ranks (type 7)', () => {
    expect(quartiles([1, 2, 3, 4])).toEqual({ q1: 1.75, median: 2.5, q3: 3.25 });
    expect(quartiles([7])).toEqual({ q1: 7, median: 7, q3: 7 });
  });

  it('point-biserial is Pearson r with a 0/1 item, null without variance', () => {
    // item 1 for the two best scores: r = (mean1 - mean0) / sd * sqrt(p q) with population sd
    const pairs: Array<[number, number]> = [[0, 40], [0, 60], [1, 80], [1, 100]];
    const sd = Math.sqrt(((40 - 70) ** 2 + (60 - 70) ** 2 + (80 - 70) ** 2 + (100 - 70) ** 2) / 4);
    expect(pointBiserial(pairs)).toBeCloseTo(((90 - 50) / sd) * Math.sqrt(0.25), 10);
    expect(pointBiserial([[1, 50], [1, 70]])).toBeNull();
    expect(pointBiserial([[0, 50], [1, 50]])).toBeNull();
  });
});
