/** Importing question banks: the YAML each format produces, and the diagnostics of what does not map. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { detectFormat, importQuestions, type ImportOptions } from '../../src/questions/import.js';
import { emptyCourse } from '../fixtures/questions/empty-course.js';
import { testdir } from '../support/testdir.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/questions');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

function run(name: string, files: Record<string, string>, options: Partial<ImportOptions> = {}) {
  const dir = testdir(files);
  const diagnostics: Diagnostic[] = [];
  const result = importQuestions({ file: name, bytes: fixture(name), courseDir: dir, ...options }, diagnostics);
  const read = (path: string) => readFileSync(join(dir, path), 'utf8');
  return { dir, result, diagnostics, read };
}

const codes = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.line]);

describe('questions import: Moodle XML', () => {
  it('maps every type into a new module named after the category, in the course style', async () => {
    const { result, diagnostics, read, dir } = run('moodle-all-types.xml', emptyCourse());
    expect(result.ok).toBe(true);
    expect(codes(diagnostics)).toEqual([]);
    expect(result.written).toEqual(['modules/lifting-basics.yaml', 'course.yaml', 'assets/load-chart.png']);
    expect(read('course.yaml')).toBe(emptyCourse()['course.yaml']!.replace('[modules/intro.yaml]', '[modules/intro.yaml, modules/lifting-basics.yaml]'));
    await expect(read('modules/lifting-basics.yaml')).toMatchFileSnapshot(join(FIXTURES, 'expected/moodle-all-types.yaml'));
    const questions = parse(read('modules/lifting-basics.yaml')).pages[0].blocks[0].questions;
    expect(questions.map((q: { id: string; type: string }) => [q.id, q.type])).toEqual([
      ['heaviest-load', 'single-choice'],
      ['before-lifting', 'multiple-choice'],
      ['bend-the-back', 'true-false'],
      ['name-the-regulation', 'fill-in'],
      ['safe-distance', 'numeric'],
      ['match-the-posture', 'matching'],
      ['your-workplace', 'free-text'],
      ['gap-grip', 'single-choice'],
      ['drag-load', 'single-choice'],
      ['order-the-lift', 'sequencing'],
    ]);
    expect(questions[9].items.map((i: { text: string }) => i.text)).toEqual(['Plan the route', 'Get a firm grip', 'Lift with your legs']);
    const [single, multiple, tf, fill, numeric, matching] = questions;
    expect(single.weight).toBe(2);
    expect(single.prompt).toContain('![A chart of loads by height](assets/load-chart.png)');
    expect(single.feedback).toEqual({ correct: 'Your answer is correct.\n\nSee the chart on page 2.', incorrect: 'Your answer is incorrect.\n\nSee the chart on page 2.' });
    expect(single.choices[2]).toEqual({ id: 'c', text: '35 kg & more' });
    expect(multiple.scoring).toBe('partial');
    expect(multiple.choices.map((c: { correct?: boolean }) => c.correct ?? false)).toEqual([true, false, true]);
    expect(tf).toMatchObject({ answer: false, feedback: { correct: 'Right: bend your knees.', incorrect: 'No: bend your knees.' } });
    expect(fill).toMatchObject({ answers: ['MHOR', 'Manual Handling*'], caseSensitive: true, pattern: '^(?:Manual Handling.*)$', feedback: { incorrect: 'Look at section 3.' } });
    expect(numeric.answer).toEqual({ value: 20, tolerance: 5 });
    expect(matching.distractors).toEqual([{ id: 't3', text: 'Twisted' }]);
    expect(readFileSync(join(dir, 'assets/load-chart.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('appends to an assessment pool, keeping the rest of the file as it was', () => {
    const files = {
      ...emptyCourse(),
      'course.yaml': emptyCourse()['course.yaml']! + 'assessment: final.yaml\n',
      'final.yaml': `id: final # the pool
title: Final
passingScore: 80
questions:
  # the first question
  - id: first
    type: true-false
    prompt: First.
    answer: true
`,
    };
    const { result, read } = run('all-types.aiken.txt', files, { assessment: 'final' });
    expect(result.ok).toBe(true);
    expect(result.written).toEqual(['final.yaml']);
    expect(read('final.yaml')).toBe(`${files['final.yaml']}  - id: which-load-is-the-heaviest-a-person-should-lift
    type: single-choice
    prompt: Which load is the heaviest a person should lift alone?
    choices:
      - { id: a, text: 50 kg }
      - { id: b, text: 25 kg, correct: true }
      - { id: c, text: 35 kg }
  - id: what-do-you-bend-to-lift
    type: single-choice
    prompt: What do you bend to lift?
    choices:
      - { id: a, text: The knees, correct: true }
      - { id: b, text: The back }
`);
  });

  it('--module appends pages of knowledge checks to a module file, at most 20 questions each', () => {
    const { result, read } = run('all-types.gift', emptyCourse(), { module: 'modules/intro.yaml' });
    expect(result.ok).toBe(true);
    expect(result.written).toEqual(['modules/intro.yaml']);
    const text = read('modules/intro.yaml');
    expect(text.startsWith(emptyCourse()['modules/intro.yaml']!)).toBe(true);
    const pages = parse(text).pages;
    expect(pages.map((p: { id: string; title: string }) => [p.id, p.title])).toEqual([
      ['welcome', 'Welcome'],
      ['lifting-basics-questions', 'Lifting basics'],
    ]);
    expect(pages[1].blocks[0].questions).toHaveLength(8);
  });

  it('--lang puts texts without multilang markup into that language of a multi-language course', () => {
    const { result, read } = run('all-types.aiken.txt', emptyCourse(['en', 'fr']), { lang: 'fr', module: 'modules/intro.yaml' });
    expect(result.ok).toBe(true);
    const [first] = parse(read('modules/intro.yaml')).pages[1].blocks[0].questions;
    expect(first.prompt).toEqual({ fr: 'Which load is the heaviest a person should lift alone?' });
    expect(first.choices[0].text).toEqual({ fr: '50 kg' });
  });

  it('an embedded image whose name is taken in assets/ by another file gets a new name, and the text follows', () => {
    const { result, read } = run('moodle-all-types.xml', { ...emptyCourse(), 'assets/load-chart.png': 'another image' });
    expect(result.written).toContain('assets/load-chart-2.png');
    expect(read('modules/lifting-basics.yaml')).toContain('](assets/load-chart-2.png)');
    expect(read('assets/load-chart.png')).toBe('another image');
  });

  it('names every question it cannot map, with why, and imports the rest', () => {
    const { result, diagnostics, read } = run('moodle-refused.xml', emptyCourse());
    expect(result.ok).toBe(true);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['question-unsupported', 'warning', 8, 3],
      ['question-unsupported', 'warning', 20, 3],
      ['question-unsupported', 'warning', 28, 3],
      ['question-unsupported', 'warning', 36, 3],
      ['question-approximated', 'warning', 52, 3],
    ]);
    expect(diagnostics.map((d) => d.message.split(' ')[0])).toEqual(['"Area"', '"Random', '"Label', '"Two', '"Fine":']);
    expect(diagnostics[4]!.message).toContain('hints');
    expect(parse(read('modules/refused.yaml')).pages[0].blocks[0].questions.map((q: { id: string }) => q.id)).toEqual(['fine']);
  });

  it('with --strict, a question left out fails the import and nothing is written', () => {
    const { result, read } = run('moodle-refused.xml', emptyCourse(), { strict: true });
    expect(result.ok).toBe(false);
    expect(read('course.yaml')).toBe(emptyCourse()['course.yaml']);
  });

  it('reports every broken question at its place and writes nothing', () => {
    const { result, diagnostics, read } = run('moodle-broken.xml', emptyCourse());
    expect(result.ok).toBe(false);
    expect(codes(diagnostics)).toEqual([
      ['question-invalid', 3],
      ['question-invalid', 18],
    ]);
    expect(read('course.yaml')).toBe(emptyCourse()['course.yaml']);
  });

  it('reports XML that is not well-formed at the line of the error', () => {
    const dir = testdir(emptyCourse());
    const diagnostics: Diagnostic[] = [];
    const bytes = Buffer.from('<?xml version="1.0"?>\n<quiz>\n  <question type="truefalse">\n</quiz>\n');
    expect(importQuestions({ file: 'bad.xml', bytes, courseDir: dir }, diagnostics).ok).toBe(false);
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['question-syntax', 'bad.xml', 4]]);
  });

  it('turns multilang spans and {mlang} into language maps, and names languages the course lacks', () => {
    const { result, diagnostics, read } = run('moodle-multilang.xml', emptyCourse(['en', 'fr']));
    expect(result.ok).toBe(true);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['question-approximated', 8]]);
    expect(diagnostics[0]!.message).toContain('de');
    const [knees, twist] = parse(read('modules/posture.yaml')).pages[0].blocks[0].questions;
    expect(knees.prompt).toEqual({ en: 'What do you bend?', fr: 'Que faut-il plier ?' });
    expect(knees.choices).toEqual([
      { id: 'a', text: { en: 'The knees', fr: 'Les genoux' }, correct: true, feedback: { en: 'Yes.', fr: 'Oui.' } },
      { id: 'b', text: { en: 'The back', fr: 'Le dos' } },
    ]);
    expect(twist.prompt).toEqual({ en: 'Twisting while lifting is safe.', fr: 'Se tourner en soulevant est sans danger.' });
  });
});

describe('questions import: GIFT and Aiken', () => {
  it('detects the format from the content', () => {
    expect(['moodle-all-types.xml', 'all-types.gift', 'all-types.aiken.txt'].map((f) => detectFormat(fixture(f).toString()))).toEqual(['moodlexml', 'gift', 'aiken']);
  });

  it('maps every GIFT type', async () => {
    const { result, diagnostics, read } = run('all-types.gift', emptyCourse());
    expect(result.ok).toBe(true);
    expect(codes(diagnostics)).toEqual([]);
    await expect(read('modules/lifting-basics.yaml')).toMatchFileSnapshot(join(FIXTURES, 'expected/all-types-gift.yaml'));
    const questions = parse(read('modules/lifting-basics.yaml')).pages[0].blocks[0].questions;
    expect(questions.map((q: { type: string }) => q.type)).toEqual(['single-choice', 'multiple-choice', 'true-false', 'fill-in', 'numeric', 'numeric', 'matching', 'free-text']);
    expect(questions[0].feedback).toEqual({ correct: 'See the chart on page 2.', incorrect: 'See the chart on page 2.' });
    expect(questions[2].feedback).toEqual({ correct: 'Right: bend your knees.', incorrect: 'No: bend your knees.' });
    expect(questions[5].answer).toEqual({ value: 40, tolerance: 10 });
  });

  it('reports a GIFT syntax error in each broken question, at its line', () => {
    const { result, diagnostics } = run('broken.gift', emptyCourse());
    expect(result.ok).toBe(false);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['question-syntax', 3],
      ['question-syntax', 7],
    ]);
  });

  it('reports Aiken mistakes at their lines', () => {
    const { result, diagnostics } = run('broken.aiken.txt', emptyCourse());
    expect(result.ok).toBe(false);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['question-syntax', 4, 9],
      ['question-syntax', 6, 1],
    ]);
  });
});
