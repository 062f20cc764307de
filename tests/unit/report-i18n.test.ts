/**
 * The report's interface tables (templates/i18n/report): every key the report uses is in en.json
 * and fr.json, no key is unused, placeholders agree; and a report rendered in French from the
 * fixtures holds no English interface text (every en.json text that differs in fr.json is looked for).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { chooseUiLanguage, noteText, REPORT_I18N_DIR, reportText } from '../../src/report/i18n.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = resolve(ROOT, 'tests/fixtures/report');
const table = (lang: string) => JSON.parse(readFileSync(join(REPORT_I18N_DIR, `${lang}.json`), 'utf8')) as Record<string, string>;
const en = table('en');
const fr = table('fr');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const source = (file: string) => readFileSync(resolve(ROOT, 'src/report', file), 'utf8');

/** The keys the report's code names: string literals that are keys (or plural bases), and the template families below. */
function usedKeys(): Set<string> {
  const code = ['html.ts', 'i18n.ts', 'events.ts', 'from-statements.ts', 'moodle-source.ts'].map(source).join('\n');
  const literals = new Set([...code.matchAll(/'([a-z][a-z0-9.-]*)'/g)].map((m) => m[1]!));
  const used = new Set<string>();
  for (const key of Object.keys(en)) {
    const base = key.replace(/\.(one|other)$/, '');
    if (literals.has(key) || (base !== key && literals.has(base))) used.add(key);
  }
  // Keys built from a value: `prefix.${value}` in html.ts. Each family's values come from the figures' types.
  const union = (name: RegExp) => [...(name.exec(source('figures.ts'))?.[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
  const flagKinds = union(/export type FlagKind = ([^;]+);/);
  expect(flagKinds.length).toBeGreaterThanOrEqual(7);
  const families: Record<string, string[]> = {
    'flag.': flagKinds,
    'flag-kind.': flagKinds,
    'source.': union(/source: \{ kind: ([^;]+);/),
    'verdict.': union(/verdict: ([^;]+);/),
    'media.kind.': union(/kind: ('video' \| 'audio');/),
    'option.': ['true', 'false'], // course-index.ts: a true/false question's two options
  };
  const found = [...source('html.ts').matchAll(/`([a-z.-]+\.)\$\{/g)].map((m) => m[1]!);
  expect(found.filter((prefix) => !(prefix in families)), 'a key family in html.ts this test does not know').toEqual([]);
  for (const [prefix, values] of Object.entries(families)) {
    expect(values.length, prefix).toBeGreaterThan(0);
    for (const v of values) used.add(`${prefix}${v}`);
  }
  return used;
}

describe('report interface tables', () => {
  it('exist for en and fr', () => {
    expect(readdirSync(REPORT_I18N_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(['en.json', 'fr.json']);
  });

  it('fr has every key of en, no other, non-empty texts with the same placeholders', () => {
    expect(Object.keys(fr).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in fr))).toEqual([]);
    for (const [key, value] of Object.entries(fr)) {
      expect(value.trim(), key).not.toBe('');
      expect(placeholders(value), key).toEqual(placeholders(en[key]!));
    }
  });

  it('every key the report uses is in both tables, and every key is used', () => {
    const used = usedKeys();
    for (const lang of [en, fr]) expect([...used].filter((k) => !(k in lang))).toEqual([]);
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });

  it('a key in no table is an error, not a silent English text', () => {
    expect(() => reportText('fr').text('no.such.key')).toThrow(/no\.such\.key/);
  });

  it('numbers, percentages, dates and plurals follow the language', () => {
    const f = reportText('fr');
    const e = reportText('en');
    expect(f.number(24.7)).toBe('24,7');
    expect(e.number(24.7)).toBe('24.7');
    expect(f.percent(0.75).replace(/\s/g, ' ')).toBe('75 %');
    expect(e.percent(0.75)).toBe('75%');
    expect(f.date('2026-09-01T08:00:00Z')).toBe('1 septembre 2026');
    expect(e.date('2026-09-01T08:00:00Z')).toBe('September 1, 2026');
    expect(f.plural('question.learners', 1)).toBe('1 apprenant a répondu.');
    expect(f.plural('question.learners', 0)).toBe('0 apprenant a répondu.');
    expect(e.plural('question.learners', 0)).toBe('0 learners answered.');
  });

  it("a source's notes: English in the JSON as before the tables, translated in the HTML, plural by count", () => {
    const e = reportText('en');
    const f = reportText('fr');
    expect(noteText(e, { key: 'note.foreign', values: { n: 1 } })).toBe('1 statement about other activities skipped');
    expect(noteText(e, { key: 'note.foreign', values: { n: 3 } })).toBe('3 statements about other activities skipped');
    expect(noteText(f, { key: 'note.foreign', values: { n: 3 } })).toBe('3 déclarations portant sur d’autres activités ignorées');
    expect(noteText(e, { key: 'note.unknown-questions', values: { ids: 'q1, q2' } })).toBe('answers to questions no longer in the course skipped: q1, q2');
  });

  it('the interface language: --ui-lang, else --lang when translated, else English', () => {
    expect(chooseUiLanguage(undefined, undefined)).toBe('en');
    expect(chooseUiLanguage(undefined, 'fr')).toBe('fr');
    expect(chooseUiLanguage(undefined, 'pl')).toBe('en');
    expect(chooseUiLanguage('en', 'fr')).toBe('en');
    expect(chooseUiLanguage('fr', 'pl')).toBe('fr');
    expect(() => chooseUiLanguage('de', 'fr')).toThrow(/--ui-lang de.*en, fr/);
  });
});

/** Runs `coursepack report` and returns the HTML and the figures. */
async function render(course: string, from: string, ...args: string[]): Promise<{ html: string; figures: ReportFigures }> {
  const dir = mkdtempSync(join(tmpdir(), 'coursepack-report-i18n-'));
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['report', course, '--from', from, '--out', join(dir, 'r.html'), '--json', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir, color: false });
  expect(code, err.join('')).toBe(0);
  return { html: readFileSync(join(dir, 'r.html'), 'utf8'), figures: JSON.parse(out.join('')) as ReportFigures };
}

/** What a reader sees or hears: text, and the aria-labels; learners' names (source data) taken out. */
function readable(html: string, names: string[]): string {
  const labels = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]).join('\n');
  let text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, '\n');
  for (const name of names) text = text.split(name).join('');
  return `${text}\n${labels}`;
}

/** The English texts to look for: each en.json text that differs in fr.json, cut at its placeholders, pieces with a word that the French text does not share ("{n} pages." is French too). */
const pieces = (text: string) => text.split(/\{\w+\}/).map((p) => p.trim());
const englishPieces = [...new Set(Object.entries(en).filter(([k, v]) => fr[k] !== v).flatMap(([k, v]) => pieces(v).filter((p) => !pieces(fr[k]!).includes(p))))]
  .filter((p) => /[A-Za-z]{2,}/.test(p))
  .map((piece) => ({ piece, pattern: new RegExp(`(?<![\\p{L}-])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/&/g, '&amp;').replace(/"/g, '&quot;')}(?![\\p{L}-])`, 'u') }));
const englishIn = (text: string) => englishPieces.filter((p) => p.pattern.test(text)).map((p) => p.piece);

describe('the report in French, from the fixtures', () => {
  const moodleExport = (dir: string, header: string[], rows: string[][]) => {
    const file = join(dir, 'export.txt');
    writeFileSync(file, [header, ...rows].map((cells) => cells.join('\t')).join('\n') + '\n');
    return file;
  };
  const cases: Array<[string, () => Promise<[string, string, ...string[]]>]> = [
    ['statements, every figure shown, learners listed', async () => [join(FIXTURE, 'course'), join(FIXTURE, 'statements'), '--lang', 'fr', '--min-group', '1', '--learners']],
    ['statements, default group size (hidden figures)', async () => [join(FIXTURE, 'course'), join(FIXTURE, 'statements'), '--lang', 'fr']],
    ['the Moodle export, learners listed', async () => [join(FIXTURE, 'course'), join(FIXTURE, 'moodle-interactions-en.txt'), '--lang', 'fr', '--learners']],
    [
      'a scenario from a Moodle export',
      async () => {
        const header = ['Name', 'Email address', 'Attempt', 'Started on', 'Last accessed on', 'Score', 'Practising', 'Question 0', 'Response 0', 'Right answer 0', 'Result 0'];
        const paths = ['opening.reassure,skills.ask-projects,good-end.good', 'opening.lecture,pushback.insist,poor-end.poor', 'opening.reassure,skills.ask-projects,good-end.good'];
        const rows = paths.map((path, i) => [`Person ${i}`, `p${i}@example.org`, '1', '', '', '', '', 'doubt-conversation', path, '', i === 1 ? 'wrong' : 'correct']);
        return [resolve(ROOT, 'tests/fixtures/courses/scenario'), moodleExport(mkdtempSync(join(tmpdir(), 'cp-')), header, rows), '--lang', 'fr', '--min-group', '1'];
      },
    ],
    [
      'media from a Moodle export',
      async () => [resolve(ROOT, 'tests/fixtures/courses/media'), moodleExport(mkdtempSync(join(tmpdir(), 'cp-')), ['Name', 'Attempt', 'Score'], [['Person', '1', '']]), '--lang', 'fr', '--min-group', '1'],
    ],
  ];

  it.each(cases)('%s: lang="fr" and no English interface text', async (_label, args) => {
    const [course, from, ...rest] = await args();
    const french = await render(course, from, ...rest);
    const names = (french.figures.learners ?? []).map((l) => l.learner);
    expect(french.html).toContain('<html lang="fr">');
    expect(englishIn(readable(french.html, names))).toEqual([]);
    // The same report in English does hold those texts: the check can fail.
    const english = await render(course, from, ...rest, '--ui-lang', 'en');
    expect(english.html).toContain('<html lang="en">');
    expect(englishIn(readable(english.html, names)).length).toBeGreaterThan(10);
    // Data stays data: the JSON is the same whatever the interface language.
    expect(french.figures).toEqual(english.figures);
  });
});
